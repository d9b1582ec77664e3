"""A figure's breakdowns: children in care by age band, by legal status, by type of placement.

A figure carries its breakdown as ``FigureBreakdown`` rows (``figure.breakdown``). Here they become
tables, one per dimension, in the order the dimensions were entered and, within one, the categories
in ``position`` order; each category's value is printed in the indicator's unit
(``indicators.formatting.format_value``) and, for a count, with its share of the dimension's total
(42.5%) and the total beneath.

Callers (the indicator page, the export, the quarterly pack and the scorecard):

- ``breakdowns_by_figure(figure_ids)``: one query, ``{figure id: [BreakdownPart]}`` (plain values);
- ``breakdown_tables(indicator=, parts=)``: no query, the ``BreakdownTable`` list;
- ``figure_breakdown_tables(indicator=, figure_id=)``: the two together for one figure;
- ``breakdown_chart_svg(table, indicator_number=)``: a horizontal bar chart as inline SVG for the
  pages and the accessible HTML pack, every text escaped; the PDF draws the same table with
  reportlab.graphics (``reports.render.pdf_breakdown.breakdown_drawing``). Either way the table is
  the chart's text alternative and each bar carries its value in text: never colour alone.

Only ``breakdowns_by_figure`` and ``figure_breakdown_tables`` read the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from indicators.charts import GRID_COLOUR, VALUE_COLOUR
from indicators.formatting import format_value
from indicators.models import FigureBreakdown

#: The units whose categories add up to a total, so that each has a share of it.
SHARED_UNITS = frozenset({"count"})


@dataclass(frozen=True, slots=True)
class BreakdownPart:
    """One category of a figure's breakdown as read (``FigureBreakdown``'s values)."""

    id: int
    figure_id: int
    dimension: str
    category: str
    value: Decimal
    position: int


PART_FIELDS = list(BreakdownPart.__dataclass_fields__)


@dataclass(frozen=True)
class BreakdownCategory:
    category: str
    value: Decimal
    value_display: str
    #: Per cent of the dimension's total, to one place; None when the unit is not a count or the total is 0.
    share: Decimal | None
    share_display: str


@dataclass(frozen=True)
class BreakdownTable:
    """One dimension of a figure's breakdown, ready to print."""

    dimension: str
    categories: tuple[BreakdownCategory, ...]
    #: The categories added up, for a count; None otherwise.
    total: Decimal | None
    total_display: str

    @property
    def has_shares(self) -> bool:
        return any(category.share is not None for category in self.categories)

    @property
    def largest(self) -> Decimal:
        """The largest absolute value, the chart's full bar (1 when every value is zero)."""
        return max((abs(category.value) for category in self.categories), default=Decimal(0)) or Decimal(1)

    def summary(self) -> str:
        """The table in a sentence, for a chart's text alternative: "Age band: Under 1 12 (5.0%); 1 to 4 30
        (12.5%). Total 240." """
        parts = [
            f"{category.category} {category.value_display}"
            + (f" ({category.share_display})" if category.share is not None else "")
            for category in self.categories
        ]
        text = f"{self.dimension}: {'; '.join(parts)}."
        if self.total is not None:
            text += f" Total {self.total_display}."
        return text


def breakdowns_by_figure(figure_ids: Iterable[int]) -> dict[int, list[BreakdownPart]]:
    """``{figure id: [BreakdownPart]}`` in entry order: one query whatever the number of figures."""
    parts: dict[int, list[BreakdownPart]] = {}
    rows = (
        FigureBreakdown.objects.filter(figure_id__in=figure_ids).order_by("figure_id", "id").values_list(*PART_FIELDS)
    )
    for values in rows:
        part = BreakdownPart(*values)
        parts.setdefault(part.figure_id, []).append(part)
    return parts


def _share(value: Decimal, total: Decimal | None) -> Decimal | None:
    if total is None or total == 0:
        return None
    return (value / total * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def breakdown_tables(*, indicator, parts: Iterable) -> list[BreakdownTable]:
    """One table per dimension (in the order the dimensions were first entered), categories in ``position``
    order. ``parts`` are ``BreakdownPart`` or ``FigureBreakdown`` rows of one figure. No queries."""
    by_dimension: dict[str, list] = {}
    for part in sorted(parts, key=lambda part: part.id or 0):
        by_dimension.setdefault(part.dimension, []).append(part)
    counted = indicator.unit in SHARED_UNITS
    tables = []
    for dimension, members in by_dimension.items():
        members.sort(key=lambda part: (part.position, part.id or 0))
        total = sum((part.value for part in members), Decimal(0)) if counted else None
        categories = []
        for part in members:
            share = _share(part.value, total)
            categories.append(
                BreakdownCategory(
                    category=part.category,
                    value=part.value,
                    value_display=format_value(part.value, indicator.unit, indicator.decimals),
                    share=share,
                    share_display=f"{share}%" if share is not None else "",
                )
            )
        tables.append(
            BreakdownTable(
                dimension=dimension,
                categories=tuple(categories),
                total=total,
                total_display=format_value(total, indicator.unit, indicator.decimals) if total is not None else "",
            )
        )
    return tables


def figure_breakdown_tables(*, indicator, figure_id: int | None) -> list[BreakdownTable]:
    """One figure's breakdown tables: one query (none without a figure)."""
    if figure_id is None:
        return []
    return breakdown_tables(indicator=indicator, parts=breakdowns_by_figure([figure_id]).get(figure_id, []))


# --- The chart ------------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_fraction(value: Decimal, table: BreakdownTable) -> float:
    """How much of the full bar a category's bar fills (0 to 1); a negative value draws no bar."""
    return max(float(value / table.largest), 0.0)


def breakdown_chart_svg(table: BreakdownTable, *, indicator_number: int, index: int = 0, width: int = 640) -> str:
    """A horizontal bar chart of one breakdown table as an accessible inline SVG (role img, title and a
    description that is the table in a sentence). Each bar is labelled with its category and its value
    in text. Every text from the database is escaped here, so the result can be put in a page as it is.
    ``index`` tells apart the ids of several charts of one indicator on a page."""
    bar_height, gap, label_width, value_width = 18, 8, 200, 110
    height = len(table.categories) * (bar_height + gap) + gap
    plot = width - label_width - value_width
    base = f"breakdown-{indicator_number}-{index}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="breakdown-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{base}-title {base}-desc" focusable="false">',
        f'<title id="{base}-title">{escape(f"Indicator {indicator_number} by {table.dimension.lower()}")}</title>',
        f'<desc id="{base}-desc">{escape(table.summary())}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<line x1="{label_width}" y1="0" x2="{label_width}" y2="{height}" stroke="{GRID_COLOUR}" stroke-width="1"/>',
    ]
    for position, category in enumerate(table.categories):
        y = gap + position * (bar_height + gap)
        middle = _number(y + bar_height / 2)
        length = bar_fraction(category.value, table) * plot
        label = category.category if len(category.category) <= 30 else category.category[:29] + "…"
        shown = category.value_display + (f" ({category.share_display})" if category.share is not None else "")
        parts.append(
            f'<text x="{label_width - 8}" y="{middle}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="12" fill="{VALUE_COLOUR}">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{_number(length)}" height="{bar_height}" fill="{VALUE_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{_number(label_width + length + 6)}" y="{middle}" dominant-baseline="middle" '
            f'font-size="12" fill="{VALUE_COLOUR}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
