"""Trend charts: the data as plain values, a sentence that describes them, and inline SVG.

``trend_chart_data`` turns an indicator's history (``indicators.selectors.indicator_history``
or ``IndicatorPage.history``) into a ``TrendChart``: the recent values, the target of each
value's year, the least-squares trend and the projected next value (``indicators.rag``), and
an axis range with round ticks. Renderers only draw it: ``trend_chart_svg`` for the pages,
reportlab.graphics for the committee pack. ``trend_chart_summary`` is the text alternative.

No database access and no Django import here: the same data serves the page and the PDF.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from indicators import rag
from indicators.formatting import format_value

#: How many of the latest values a chart shows.
RECENT = 12

PERIOD_WORDS = {"month": "month", "quarter": "quarter", "term": "term", "year": "year"}

# Colours with at least 3:1 contrast on white (WCAG 1.4.11); every series also differs in shape.
VALUE_COLOUR = "#0b0c0c"
TARGET_COLOUR = "#1d70b8"
TREND_COLOUR = "#505a5f"
GRID_COLOUR = "#b1b4b6"


@dataclass(frozen=True)
class ChartPoint:
    label: str
    period_end: datetime.date
    value: float
    target: float | None
    not_updated: bool = False


@dataclass(frozen=True)
class Axis:
    minimum: float
    maximum: float
    ticks: tuple[float, ...]


@dataclass(frozen=True)
class TrendChart:
    """What a trend chart shows, in plain values.

    ``trend`` holds the least-squares line at each point (empty under
    ``rag.TREND_MIN_VALUES`` points); ``projection`` is that line one period after the last point.
    ``targets`` are per point because a target belongs to a financial year.
    """

    number: int
    name: str
    unit: str
    decimals: int
    direction: str
    period_word: str
    points: tuple[ChartPoint, ...]
    trend: tuple[float, ...]
    projection: float | None
    axis: Axis

    @property
    def is_empty(self) -> bool:
        return not self.points

    @property
    def has_target(self) -> bool:
        return any(point.target is not None for point in self.points)

    @property
    def projection_label(self) -> str:
        return f"Projected next {self.period_word}"

    def format(self, value: float | None) -> str:
        return format_value(None if value is None else round(value, 10), self.unit, self.decimals)


def trend_chart_data(*, indicator, history: Sequence[dict], recent: int = RECENT) -> TrendChart:
    """The chart of the latest ``recent`` values of an indicator's history (oldest first).

    Figures without a value (not updated) are left out; they stay in the history table.
    """
    points = []
    for entry in history:
        figure, target = entry["figure"], entry["target"]
        if figure.value is None:
            continue
        target_value = float(target.value) if target is not None and target.is_numeric else None
        points.append(
            ChartPoint(
                label=figure.period_label,
                period_end=figure.period_end,
                value=float(figure.value),
                target=target_value,
                not_updated=bool(figure.not_updated),
            )
        )
    points = points[-recent:] if recent else points
    values = [point.value for point in points]
    trend = tuple(rag.trend_line(values) or ())
    projection = rag.projection(values)
    shown = values + [p.target for p in points if p.target is not None]
    if projection is not None:
        shown.append(projection)
    return TrendChart(
        number=indicator.number,
        name=indicator.name,
        unit=indicator.unit,
        decimals=indicator.decimals,
        direction=indicator.direction,
        period_word=PERIOD_WORDS.get(indicator.frequency, "period"),
        points=tuple(points),
        trend=trend,
        projection=projection,
        axis=axis_for(shown, unit=indicator.unit, decimals=indicator.decimals),
    )


def nice_step(rough: float, smallest: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) nearest above ``rough``, at least ``smallest``."""
    if rough <= smallest:
        return smallest
    power = 10 ** math.floor(math.log10(rough))
    for multiple in (1, 2, 2.5, 5, 10):
        if multiple * power >= rough:
            return max(multiple * power, smallest)
    return 10 * power  # pragma: no cover - the loop always returns


def axis_for(values: Sequence[float], *, unit: str, decimals: int, ticks: int = 5) -> Axis:
    """A value axis covering every value with about ``ticks`` round ticks.

    It starts at zero rather than below it when nothing is negative, and stops at
    100 for a percentage that never exceeds it.
    """
    if not values:
        return Axis(0.0, 1.0, (0.0, 1.0))
    low, high = min(values), max(values)
    if low == high:
        pad = max(abs(low) * 0.1, 10.0**-decimals, 1.0 if decimals == 0 else 0.0)
    else:
        # A little room, so that no line lies on the axis or the frame.
        pad = (high - low) * 0.05
    low, high = low - pad, high + pad
    step = nice_step((high - low) / (ticks - 1), 10.0**-decimals if decimals else 1.0)
    minimum = math.floor(low / step) * step
    maximum = math.ceil(high / step) * step
    if minimum < 0 <= min(values):
        minimum = 0.0
    if unit == "percent" and maximum > 100 >= max(values):
        maximum = 100.0
    count = round((maximum - minimum) / step)
    tick_values = tuple(float(round(minimum + i * step, 10)) for i in range(count + 1))
    if tick_values[-1] < maximum:
        tick_values = (*tick_values, maximum)
    return Axis(float(minimum), float(maximum), tick_values)


def _trend_word(chart: TrendChart) -> str:
    """Rising, falling or flat: flat when the trend moves less than half a printed unit over the chart."""
    if len(chart.trend) < 2:
        return ""
    movement = chart.trend[-1] - chart.trend[0]
    if abs(movement) < 0.5 * 10.0**-chart.decimals:
        return "flat"
    rising = movement > 0
    word = "rising" if rising else "falling"
    if chart.direction == rag.Direction.NONE:
        return f"{word} (the measure has no direction for improvement)"
    better = rising == (chart.direction == rag.Direction.HIGHER_IS_BETTER)
    return f"{word}, {'an improvement' if better else 'a decline'} as {_direction_words(chart.direction)}"


def _direction_words(direction: str) -> str:
    return "higher is better" if direction == rag.Direction.HIGHER_IS_BETTER else "lower is better"


def trend_chart_summary(chart: TrendChart) -> str:
    """The chart in sentences, for its text alternative."""
    if chart.is_empty:
        return f"Indicator {chart.number} has no figures to chart yet."
    first, last = chart.points[0], chart.points[-1]
    if len(chart.points) == 1:
        sentences = [
            f"Indicator {chart.number} has one value so far: {chart.format(last.value)} for {last.label}.",
            f"A trend needs at least {rag.TREND_MIN_VALUES} values.",
        ]
    else:
        highest = max(chart.points, key=lambda p: p.value)
        lowest = min(chart.points, key=lambda p: p.value)
        sentences = [
            f"Indicator {chart.number}, {len(chart.points)} values from {first.label} to {last.label}: "
            f"{chart.format(first.value)} in {first.label} and {chart.format(last.value)} in {last.label}, "
            f"highest {chart.format(highest.value)} ({highest.label}), lowest {chart.format(lowest.value)} "
            f"({lowest.label})."
        ]
    if last.target is not None:
        sentences.append(
            f"The target for {last.label} is {chart.format(last.target)} ({_direction_words(chart.direction)})."
        )
    else:
        sentences.append(f"There is no numeric target for {last.label}.")
    if chart.projection is not None:
        sentences.append(
            f"The least-squares trend is {_trend_word(chart)}; it projects {chart.format(chart.projection)} "
            f"for the next {chart.period_word}."
        )
    elif len(chart.points) > 1:
        sentences.append(
            f"No trend or projection is drawn: that needs at least {rag.TREND_MIN_VALUES} values, and there "
            f"are {len(chart.points)}."
        )
    return " ".join(sentences)


# --- SVG -----------------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def trend_chart_svg(chart: TrendChart, *, width: int = 720, height: int = 320) -> str:
    """The chart as an accessible inline SVG (role img, title and description).

    Every text from the database is escaped here, so the result can be put in a
    page as it is.
    """
    left, right, top, bottom = 72, 24, 44, 36
    plot_width, plot_height = width - left - right, height - top - bottom
    slots = len(chart.points) + (1 if chart.projection is not None else 0)
    slot = plot_width / max(slots, 1)
    axis = chart.axis
    span = (axis.maximum - axis.minimum) or 1.0

    def x_at(index: float) -> float:
        return left + (index + 0.5) * slot

    def y_at(value: float) -> float:
        clamped = min(max(value, axis.minimum), axis.maximum)
        return top + (axis.maximum - clamped) / span * plot_height

    title_id, desc_id = f"chart-{chart.number}-title", f"chart-{chart.number}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" focusable="false">',
        f'<title id="{title_id}">{escape(f"Trend of indicator {chart.number}: {chart.name}")}</title>',
        f'<desc id="{desc_id}">{escape(trend_chart_summary(chart))}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    parts.extend(_legend(chart, left))
    for tick in axis.ticks:
        y = _number(y_at(tick))
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{y}" text-anchor="end" dominant-baseline="middle" font-size="12" '
            f'fill="{VALUE_COLOUR}">{escape(chart.format(tick))}</text>'
        )
    baseline = top + plot_height
    parts.append(
        f'<line x1="{left}" y1="{baseline}" x2="{width - right}" y2="{baseline}" stroke="{VALUE_COLOUR}" '
        'stroke-width="1"/>'
    )
    if chart.is_empty:
        parts.append(
            f'<text x="{left + plot_width / 2}" y="{top + plot_height / 2}" text-anchor="middle" font-size="14" '
            f'fill="{VALUE_COLOUR}">No figures yet</text>'
        )
        parts.append("</svg>")
        return "".join(parts)

    # Every how many points a label fits (about 6.5 units a character at 12 px), counted back from
    # the latest point, which is always labelled.
    widest = max(len(point.label) for point in chart.points) * 6.5 + 12
    every = max(1, math.ceil(widest / slot))
    for index, point in enumerate(chart.points):
        if (len(chart.points) - 1 - index) % every == 0:
            parts.append(
                f'<text x="{_number(x_at(index))}" y="{baseline + 20}" text-anchor="middle" font-size="12" '
                f'fill="{VALUE_COLOUR}">{escape(point.label)}</text>'
            )
    parts.extend(_target_path(chart, x_at, y_at, slot))
    if chart.trend:
        start, end = chart.trend[0], chart.projection if chart.projection is not None else chart.trend[-1]
        end_index = len(chart.points) if chart.projection is not None else len(chart.points) - 1
        parts.append(
            f'<line x1="{_number(x_at(0))}" y1="{_number(y_at(start))}" x2="{_number(x_at(end_index))}" '
            f'y2="{_number(y_at(end))}" stroke="{TREND_COLOUR}" stroke-width="1.5" stroke-dasharray="2 4"/>'
        )
    coordinates = " ".join(f"{_number(x_at(i))},{_number(y_at(p.value))}" for i, p in enumerate(chart.points))
    parts.append(f'<polyline points="{coordinates}" fill="none" stroke="{VALUE_COLOUR}" stroke-width="2.5"/>')
    for index, point in enumerate(chart.points):
        fill = "#ffffff" if point.not_updated else VALUE_COLOUR
        parts.append(
            f'<circle cx="{_number(x_at(index))}" cy="{_number(y_at(point.value))}" r="4.5" fill="{fill}" '
            f'stroke="{VALUE_COLOUR}" stroke-width="2"/>'
        )
    last_index, last = len(chart.points) - 1, chart.points[-1]
    parts.append(
        f'<text x="{_number(x_at(last_index))}" y="{_number(y_at(last.value) - 10)}" text-anchor="middle" '
        f'font-size="12" font-weight="bold" fill="{VALUE_COLOUR}">{escape(chart.format(last.value))}</text>'
    )
    if chart.projection is not None:
        x, y = x_at(len(chart.points)), y_at(chart.projection)
        size = 6
        parts.append(
            f'<polygon points="{_number(x)},{_number(y - size)} {_number(x + size)},{_number(y)} '
            f'{_number(x)},{_number(y + size)} {_number(x - size)},{_number(y)}" fill="#ffffff" '
            f'stroke="{TREND_COLOUR}" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{_number(x)}" y="{_number(y - 12)}" text-anchor="middle" font-size="12" '
            f'fill="{VALUE_COLOUR}">{escape(chart.format(chart.projection))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _target_path(chart: TrendChart, x_at, y_at, slot: float) -> list[str]:
    """The target as steps: each point's year's target across its slot, with gaps where there is none."""
    commands = []
    previous_target = None
    for index, point in enumerate(chart.points):
        if point.target is None:
            previous_target = None
            continue
        x_start, x_end, y = x_at(index) - slot / 2, x_at(index) + slot / 2, y_at(point.target)
        if previous_target is None:
            commands.append(f"M{_number(x_start)},{_number(y)}")
        else:
            commands.append(f"L{_number(x_start)},{_number(y)}")
        commands.append(f"L{_number(x_end)},{_number(y)}")
        previous_target = point.target
    if not commands:
        return []
    return [
        f'<path d="{" ".join(commands)}" fill="none" stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="8 4"/>'
    ]


def _legend(chart: TrendChart, left: int) -> list[str]:
    items = [("Value", "value")]
    if chart.has_target:
        items.append(("Target", "target"))
    if chart.projection is not None:
        items.append(("Trend (least squares)", "trend"))
        items.append((chart.projection_label, "projection"))
    parts, x, y = [], float(left), 18.0
    for label, kind in items:
        if kind == "value":
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{VALUE_COLOUR}" stroke-width="2.5"/>'
                f'<circle cx="{x + 12}" cy="{y}" r="4" fill="{VALUE_COLOUR}"/>'
            )
        elif kind == "target":
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{TARGET_COLOUR}" stroke-width="2" '
                'stroke-dasharray="8 4"/>'
            )
        elif kind == "trend":
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{TREND_COLOUR}" stroke-width="1.5" '
                'stroke-dasharray="2 4"/>'
            )
        else:
            parts.append(
                f'<polygon points="{x + 12},{y - 6} {x + 18},{y} {x + 12},{y + 6} {x + 6},{y}" fill="#ffffff" '
                f'stroke="{TREND_COLOUR}" stroke-width="2"/>'
            )
        parts.append(
            f'<text x="{x + 30}" y="{y}" dominant-baseline="middle" font-size="12" fill="{VALUE_COLOUR}">'
            f"{escape(label)}</text>"
        )
        x += 30 + 7 * len(label) + 24
    return parts
