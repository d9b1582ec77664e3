"""A breakdown table as a horizontal bar chart for the PDF, drawn with reportlab.graphics from
``indicators.breakdowns.BreakdownTable``.

One bar per category in the table's order, the category's name on the left and its value (and share of the
total, for a count) in text at the bar's end, so nothing is shown by the bar or its colour alone; the
table itself is printed beside the chart. The same colours as the trend chart (``indicators.charts``).
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from indicators.breakdowns import BreakdownTable, bar_fraction
from reports.render.pdf_chart import GRID, LABEL_SIZE, VALUE, _fit
from reports.render.pdf_styles import fonts

BAR_HEIGHT = 9.0
BAR_GAP = 4.0


def breakdown_drawing(table: BreakdownTable, *, width: float) -> Drawing:
    """The chart of one breakdown table, ``width`` wide and as tall as its categories need."""
    font = fonts()
    label_width, value_width = min(150.0, width * 0.35), 80.0
    plot = max(width - label_width - value_width, 10.0)
    height = len(table.categories) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    drawing.add(Line(label_width, 0, label_width, height, strokeColor=GRID, strokeWidth=0.4))
    for position, category in enumerate(table.categories):
        y = height - BAR_GAP - (position + 1) * BAR_HEIGHT - position * BAR_GAP
        length = bar_fraction(category.value, table) * plot
        text_y = y + BAR_HEIGHT / 2 - 2.5
        drawing.add(
            String(
                label_width - 4,
                text_y,
                _fit(category.category, font.regular, LABEL_SIZE, label_width - 8),
                fontName=font.regular,
                fontSize=LABEL_SIZE,
                fillColor=VALUE,
                textAnchor="end",
            )
        )
        if length > 0:
            drawing.add(Rect(label_width, y, length, BAR_HEIGHT, fillColor=VALUE, strokeColor=None))
        shown = category.value_display + (f" ({category.share_display})" if category.share is not None else "")
        drawing.add(
            String(
                label_width + length + 4,
                text_y,
                _fit(shown, font.regular, LABEL_SIZE, value_width - 4),
                fontName=font.regular,
                fontSize=LABEL_SIZE,
                fillColor=VALUE,
            )
        )
    return drawing
