"""A measure's benchmark table: each comparator with its own period, its value and the gap to the figure.

The rows of a figure's table come from two places, in the order of ``BenchmarkKind`` (our own last
published figure, statistical neighbours, region, England, others) and, within a kind, the
figure's own comparator first:

- the figure's own comparators (``sn_mean``, ``region_mean``, ``england_mean``, ``other_mean`` with
  ``other_mean_label``), which the quarterly report prints for the figure's period, so their period
  is the figure's (``period_label``);
- the indicator's ``Benchmark`` rows: for each kind and label the latest whose ``period_end`` is on
  or before the end of the period reported (``until``), so a 2022/23 England figure stays the
  benchmark until the 2023/24 one is entered, and a later one never shows in an earlier report.
  A benchmark for the same comparator and period end as the figure's own takes its place (it says
  its source).

The gap is the figure's value against the benchmark's (``indicators.rag.variance``, as a variance
from a target is): in percentage points for a percentage whose ``variance_basis`` is points, else
relative, in per cent of the benchmark; signed so that positive is better, or above for a measure
printed above or below (``variance_sign``) or with no direction. Printed by
``indicators.formatting.format_gap`` ("+2.1 points", "−8.0%") and ``gap_words`` ("better", "below").
No gap when either value is missing, nor a relative one against a benchmark of zero. Gaps are
computed here, never stored.

Callers (the indicator page, the dashboard, the export, the quarterly pack and the scorecard):

- ``benchmarks_by_indicator(indicator_ids, until)``: one query, ``{indicator id: [Benchmark]}``
  (latest per kind and label up to ``until``), for any number of indicators;
- ``benchmark_table(indicator=, figure=, benchmarks=)``: no query, the ``BenchmarkRow`` list;
- ``indicator_benchmark_table(indicator=, figure=, until=)``: the two together for one indicator.

``indicator`` and ``figure`` may be models or their plain values (``indicators.facts``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from indicators import rag
from indicators.enums import BenchmarkKind
from indicators.formatting import format_gap, format_value, gap_words
from indicators.models import Benchmark

KIND_ORDER = {kind.value: position for position, kind in enumerate(BenchmarkKind)}
#: The figure's own comparators, as (field, kind), in the kinds' order.
FIGURE_COMPARATORS = (
    ("sn_mean", BenchmarkKind.STATISTICAL_NEIGHBOURS),
    ("region_mean", BenchmarkKind.REGION),
    ("england_mean", BenchmarkKind.ENGLAND),
    ("other_mean", BenchmarkKind.OTHER),
)


@dataclass(frozen=True)
class BenchmarkRow:
    """One row of a benchmark table, with everything printed.

    ``gap`` is unrounded and signed as ``gap_words`` reads it (positive is better, or above); None
    when there is none. ``on_figure`` is True for a comparator stored on the figure itself.
    """

    kind: str
    name: str
    period: str
    value: Decimal
    value_display: str
    gap: Decimal | None
    gap_display: str
    gap_words: str
    source: str = ""
    on_figure: bool = False

    @property
    def gap_phrase(self) -> str:
        """ "+2.1 points (better)", "−8.0% (below)", or an en dash when there is no gap."""
        return f"{self.gap_display} ({self.gap_words})" if self.gap is not None else self.gap_display

    @property
    def gap_sentence(self) -> str:
        """The gap in words for a screen reader or a chart's text: "2.1 points better than Statistical
        neighbours (2022/23)"; "" when there is none."""
        if self.gap is None:
            return ""
        amount = self.gap_display.lstrip("+−")
        if self.gap_words == "the same":
            return f"the same as {self.name} ({self.period})"
        return f"{amount} {self.gap_words} than {self.name} ({self.period})"


def benchmarks_by_indicator(indicator_ids: Iterable[int] | QuerySet, until: datetime.date) -> dict[int, list]:
    """``{indicator id: [Benchmark]}``: for each kind and label the latest benchmark whose period ends on or
    before ``until``, in the kinds' order. One query whatever the number of indicators (``indicator_ids``
    may be a queryset of ids, sent as a subquery)."""
    benchmarks = Benchmark.objects.filter(indicator_id__in=indicator_ids, period_end__lte=until).order_by(
        "indicator_id", "kind", "label", "-period_end"
    )
    latest: dict[int, dict[tuple[str, str], Benchmark]] = {}
    for benchmark in benchmarks:
        latest.setdefault(benchmark.indicator_id, {}).setdefault((benchmark.kind, benchmark.label), benchmark)
    return {
        indicator_id: sorted(chosen.values(), key=lambda b: (KIND_ORDER.get(b.kind, 99), b.label.lower()))
        for indicator_id, chosen in latest.items()
    }


def _row(*, indicator, current, kind: str, name: str, period: str, value, source: str, on_figure: bool):
    gap = None
    if current is not None and value is not None:
        gap = rag.variance(current, value, indicator.direction, indicator.variance_basis, indicator.variance_sign)
    return BenchmarkRow(
        kind=kind,
        name=name,
        period=period,
        value=value,
        value_display=format_value(value, indicator.unit, indicator.decimals),
        gap=gap,
        gap_display=format_gap(gap, indicator.variance_basis),
        gap_words=gap_words(gap, sign=indicator.variance_sign, direction=indicator.direction),
        source=source,
        on_figure=on_figure,
    )


def benchmark_table(*, indicator, figure, benchmarks: Iterable[Benchmark] = ()) -> list[BenchmarkRow]:
    """The benchmark rows of ``figure`` (None for no figure: the benchmarks without gaps), from its own
    comparators and ``benchmarks`` (as ``benchmarks_by_indicator`` reads them). No queries."""
    current = getattr(figure, "value", None)
    benchmarks = list(benchmarks)
    taken = {(b.kind, b.label, b.period_end) for b in benchmarks}
    rows = []
    if figure is not None:
        for field, kind in FIGURE_COMPARATORS:
            value = getattr(figure, field)
            label = figure.other_mean_label if kind == BenchmarkKind.OTHER else ""
            if value is None or (kind.value, label, figure.period_end) in taken:
                continue
            rows.append(
                _row(
                    indicator=indicator,
                    current=current,
                    kind=kind.value,
                    name=label or kind.label,
                    period=figure.period_label,
                    value=value,
                    source="",
                    on_figure=True,
                )
            )
    for benchmark in benchmarks:
        rows.append(
            _row(
                indicator=indicator,
                current=current,
                kind=benchmark.kind,
                name=benchmark.name,
                period=benchmark.period_label,
                value=benchmark.value,
                source=benchmark.source,
                on_figure=False,
            )
        )
    # Stable: within a kind the figure's own comparator stays before the benchmarks.
    return sorted(rows, key=lambda row: KIND_ORDER.get(row.kind, 99))


def indicator_benchmark_table(*, indicator, figure, until: datetime.date) -> list[BenchmarkRow]:
    """One indicator's benchmark table for the period ending ``until``: one query."""
    benchmarks = benchmarks_by_indicator([indicator.id], until).get(indicator.id, [])
    return benchmark_table(indicator=indicator, figure=figure, benchmarks=benchmarks)
