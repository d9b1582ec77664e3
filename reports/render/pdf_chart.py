"""An indicator's trend chart for the PDF, drawn with reportlab.graphics from ``indicators.charts.TrendChart``.

Values as a solid line with dots (hollow when the figure was not updated), the
target of each value's year as a dashed step line, the least-squares trend as
a dotted line ending in a diamond at the projected next value. The figures
themselves are printed beneath the chart as text (``chart_figures_text``), so
nothing is shown only as a picture.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors

from indicators.charts import GRID_COLOUR, TARGET_COLOUR, TREND_COLOUR, VALUE_COLOUR, TrendChart
from reports.render.pdf_styles import clean, fonts
from reports.render.pdf_tags import figure_alt

VALUE = colors.HexColor(VALUE_COLOUR)
TARGET = colors.HexColor(TARGET_COLOUR)
TREND = colors.HexColor(TREND_COLOUR)
GRID = colors.HexColor(GRID_COLOUR)
LABEL_SIZE = 7.5


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shortens a label with an ellipsis so it fits its slot."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = clean(text)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def chart_alt(chart: TrendChart) -> str:
    """The chart's text alternative in the tagged PDF: what it shows (its figures are printed beneath it)."""
    if chart.is_empty:
        return "Trend chart: there are no figures to chart yet."
    shown = ["the values"]
    if chart.has_target:
        shown.append("the target")
    if chart.projection is not None:
        shown.append("the linear trend projected one period ahead")
    listed = ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else shown[0]
    latest = chart.points[-1]
    return clean(
        f"Trend chart of {listed}, from {chart.points[0].label} to {latest.label} "
        f"(latest {chart.format(latest.value)}). The figures are listed below the chart."
    )


def chart_drawing(chart: TrendChart, *, width: float, height: float = 150) -> Drawing:
    font = fonts()
    drawing = figure_alt(Drawing(width, height), chart_alt(chart))
    left, right, top, bottom = 46.0, 10.0, 22.0, 22.0
    plot_width, plot_height = width - left - right, height - top - bottom
    axis = chart.axis
    span = (axis.maximum - axis.minimum) or 1.0
    slots = max(len(chart.points) + (1 if chart.projection is not None else 0), 1)
    slot = plot_width / slots

    def x_at(index: float) -> float:
        return left + (index + 0.5) * slot

    def y_at(value: float) -> float:
        clamped = min(max(value, axis.minimum), axis.maximum)
        return bottom + (clamped - axis.minimum) / span * plot_height

    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    for tick in axis.ticks:
        y = y_at(tick)
        drawing.add(Line(left, y, width - right, y, strokeColor=GRID, strokeWidth=0.4))
        drawing.add(
            String(
                left - 4,
                y - 2.5,
                chart.format(tick),
                fontName=font.regular,
                fontSize=LABEL_SIZE,
                fillColor=VALUE,
                textAnchor="end",
            )
        )
    drawing.add(Line(left, bottom, width - right, bottom, strokeColor=VALUE, strokeWidth=0.6))
    _legend(drawing, chart, left, height - 10)
    if chart.is_empty:
        drawing.add(
            String(
                left + plot_width / 2,
                bottom + plot_height / 2,
                "No figures yet",
                fontName=font.regular,
                fontSize=9,
                fillColor=VALUE,
                textAnchor="middle",
            )
        )
        return drawing

    every = max(1, math.ceil(len(chart.points) / 8))
    label_width = slot * every - 4
    for index, point in enumerate(chart.points):
        if index % every == 0 or index == len(chart.points) - 1:
            drawing.add(
                String(
                    x_at(index),
                    bottom - 10,
                    _fit(point.label, font.regular, LABEL_SIZE, label_width),
                    fontName=font.regular,
                    fontSize=LABEL_SIZE,
                    fillColor=VALUE,
                    textAnchor="middle",
                )
            )
    _target_steps(drawing, chart, x_at, y_at, slot)
    if chart.trend:
        end_value = chart.projection if chart.projection is not None else chart.trend[-1]
        end_index = len(chart.points) if chart.projection is not None else len(chart.points) - 1
        drawing.add(
            Line(
                x_at(0),
                y_at(chart.trend[0]),
                x_at(end_index),
                y_at(end_value),
                strokeColor=TREND,
                strokeWidth=1,
                strokeDashArray=[1.5, 2.5],
            )
        )
    points = []
    for index, point in enumerate(chart.points):
        points += [x_at(index), y_at(point.value)]
    if len(chart.points) > 1:
        drawing.add(PolyLine(points, strokeColor=VALUE, strokeWidth=1.6))
    for index, point in enumerate(chart.points):
        fill = colors.white if point.not_updated else VALUE
        drawing.add(Circle(x_at(index), y_at(point.value), 2.6, fillColor=fill, strokeColor=VALUE, strokeWidth=1.2))
    last_index, last = len(chart.points) - 1, chart.points[-1]
    drawing.add(
        String(
            x_at(last_index),
            y_at(last.value) + 6,
            chart.format(last.value),
            fontName=font.bold,
            fontSize=LABEL_SIZE,
            fillColor=VALUE,
            textAnchor="middle",
        )
    )
    if chart.projection is not None:
        x, y, size = x_at(len(chart.points)), y_at(chart.projection), 4
        drawing.add(
            Polygon(
                [x, y + size, x + size, y, x, y - size, x - size, y],
                fillColor=colors.white,
                strokeColor=TREND,
                strokeWidth=1.2,
            )
        )
        drawing.add(
            String(
                x,
                y + 7,
                chart.format(chart.projection),
                fontName=font.regular,
                fontSize=LABEL_SIZE,
                fillColor=VALUE,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                x, bottom - 10, "Next", fontName=font.regular, fontSize=LABEL_SIZE, fillColor=VALUE, textAnchor="middle"
            )
        )
    return drawing


def _target_steps(drawing: Drawing, chart: TrendChart, x_at, y_at, slot: float) -> None:
    run: list[float] = []
    for index, point in enumerate(chart.points):
        if point.target is None:
            if len(run) >= 4:
                drawing.add(PolyLine(run, strokeColor=TARGET, strokeWidth=1.3, strokeDashArray=[5, 3]))
            run = []
            continue
        y = y_at(point.target)
        run += [x_at(index) - slot / 2, y, x_at(index) + slot / 2, y]
    if len(run) >= 4:
        drawing.add(PolyLine(run, strokeColor=TARGET, strokeWidth=1.3, strokeDashArray=[5, 3]))


def _legend(drawing: Drawing, chart: TrendChart, x: float, y: float) -> None:
    font = fonts()
    items = [("Value", "value")]
    if chart.has_target:
        items.append(("Target", "target"))
    if chart.projection is not None:
        items.append(("Linear trend", "trend"))
        items.append((chart.projection_label, "projection"))
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for label, kind in items:
        if kind == "value":
            drawing.add(Line(x, y, x + 16, y, strokeColor=VALUE, strokeWidth=1.6))
            drawing.add(Circle(x + 8, y, 2.4, fillColor=VALUE, strokeColor=VALUE))
        elif kind == "target":
            drawing.add(Line(x, y, x + 16, y, strokeColor=TARGET, strokeWidth=1.3, strokeDashArray=[5, 3]))
        elif kind == "trend":
            drawing.add(Line(x, y, x + 16, y, strokeColor=TREND, strokeWidth=1, strokeDashArray=[1.5, 2.5]))
        else:
            drawing.add(
                Polygon(
                    [x + 8, y + 4, x + 12, y, x + 8, y - 4, x + 4, y],
                    fillColor=colors.white,
                    strokeColor=TREND,
                    strokeWidth=1.2,
                )
            )
        drawing.add(String(x + 20, y - 2.5, label, fontName=font.regular, fontSize=LABEL_SIZE, fillColor=VALUE))
        x += 20 + stringWidth(label, font.regular, LABEL_SIZE) + 14


def chart_figures_text(chart: TrendChart) -> str:
    """The chart's figures in words: every value with its target, and the projection."""
    if chart.is_empty:
        return "There are no figures to chart yet."
    parts = []
    for point in chart.points:
        target = f" (target {chart.format(point.target)})" if point.target is not None else ""
        flag = " (not updated)" if point.not_updated else ""
        parts.append(f"{point.label}: {chart.format(point.value)}{target}{flag}")
    text = "Figures in the chart: " + "; ".join(parts) + "."
    if chart.projection is not None:
        text += f" {chart.projection_label} on the linear trend: {chart.format(chart.projection)}."
    else:
        text += " A trend needs at least two values."
    return text
