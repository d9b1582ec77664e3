"""The scorecard of a body for a period as plain data: built from the database once, rendered without it.

A body whose ``report_layout`` is ``ReportLayout.SCORECARD`` (a monthly corporate parenting
scorecard) prints, in place of the quarterly performance report's page per indicator, a block
per measure grouped by service area: the value with its period covered and "X of Y", the month
and year-to-date values side by side, the target as written and the second target, the variance
as printed, the RAG in words, the previous value with an arrow and the change in words, the
direction in words, the stale flag, "not available" or "not updated", the benchmark table with
each benchmark's own year and the gap, the breakdown, the derived figure's calculation and the
approved commentary and actions.

``scorecard_build`` starts from ``reports.performance.performance_report_build`` (the same rows,
ratings, changes, counts and key as the dashboard and the performance report: nothing is rated
again here) and reads what only a scorecard prints in two more queries (three for a member): the measures' current
figures, and their figures of that period on every basis (the month and the year to date side by side,
"X of Y"). Benchmarks, breakdowns, "not available" and a derived figure's calculation come with the
report's entries (``indicators.benchmarks``, ``indicators.breakdowns``, ``indicators.derive``). The renderers
(``reports.render.pdf_scorecard``, ``templates/reports/pack/scorecard*.html``) and the in-app
page (``reports.views.scorecard``) take it from there.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from cyp.models import Committee, Quarter
from indicators.benchmarks import BenchmarkRow, benchmark_table
from indicators.breakdowns import BreakdownTable
from indicators.enums import PeriodBasis
from indicators.formatting import format_parts, format_value, movement_arrow, period_covered
from indicators.models import Figure, Indicator
from indicators.selectors import as_published, corrections_unpublished, latest_two_figures
from reports.performance import NO_VALUE, IndicatorEntry, PerformanceReport, performance_report_build

#: The order a measure's values of one period are printed side by side: the period's own first.
BASIS_ORDER = [basis.value for basis in PeriodBasis]
NOT_AVAILABLE = "Not available"


@dataclass(frozen=True)
class BasisValue:
    """One of a measure's values for the period, on one basis: "August 2023, year to date: 26.5% (35 of 132)"."""

    label: str  # "August 2023, year to date" (indicators.formatting.period_covered)
    display: str  # "26.5%", or "Not available"
    parts: str  # "35 of 132", "" without both parts
    reported: bool  # the basis the measure is rated and charted on


@dataclass
class ScorecardMeasure:
    """One measure's block: its performance report entry (rating, change, target, commentary) and what only a
    scorecard prints."""

    entry: IndicatorEntry
    parts: str = ""  # "35 of 132" for the reported figure
    values: list[BasisValue] = field(default_factory=list)  # two or more bases side by side, else empty
    previous_arrow: str = ""  # ↑ ↓ → (the value's movement); "" without both values
    #: The report's benchmark table (``indicators.benchmarks``: each comparator's own period and the gap), or the
    #: figure's own comparators in the same table when the measure has no benchmarks of its own.
    benchmarks: list[BenchmarkRow] = field(default_factory=list)

    @property
    def not_available(self) -> bool:
        return self.entry.not_available

    @property
    def breakdowns(self) -> list[BreakdownTable]:
        return self.entry.breakdowns

    @property
    def calculation(self) -> str:
        return self.entry.derived_calculation

    @property
    def current_display(self) -> str:
        return NOT_AVAILABLE if self.not_available else self.entry.current_display

    @property
    def previous_words(self) -> str:
        """The movement from the previous value with the change in words: "↑ Declining", "→ Unchanged"; never the
        arrow alone. "Not compared" when either value is missing."""
        entry = self.entry
        if entry.previous_value is None or entry.current_value is None:
            return "Not compared"
        change = entry.change if entry.change != NO_VALUE else "no direction for improvement"
        return f"{self.previous_arrow} {change}"

    @property
    def status_words(self) -> str:
        """The RAG in words: "Red", "Not available", "Amber (not updated)"."""
        entry = self.entry
        if entry.not_updated:
            return f"{entry.status_display} (not updated)"
        return entry.status_display


@dataclass
class ScorecardGroup:
    service_area: str
    measures: list[ScorecardMeasure]


@dataclass
class Scorecard:
    """Everything the scorecard prints: the report's heading, counts and key, and the measures by service area."""

    report: PerformanceReport
    groups: list[ScorecardGroup]

    @property
    def measures(self) -> list[ScorecardMeasure]:
        return [measure for group in self.groups for measure in group.measures]

    @property
    def period_label(self) -> str:
        return self.report.quarter_label

    @property
    def apart_note(self) -> str:
        """The measures the summary does not count, by number: "Not updated this month: measure 5. Not available:
        measures 4, 7."."""
        counts, period = self.report.counts, self.report.period_word
        notes = [
            f"{heading}: {'measure' if len(listed) == 1 else 'measures'} "
            f"{', '.join(str(apart.ref.number) for apart in listed)}."
            for heading, listed in (
                (f"Not updated this {period}", counts.not_updated),
                ("Not available", counts.not_available),
                ("Without a status", counts.not_rated),
            )
            if listed
        ]
        return " ".join(notes)

    @property
    def count_table(self):
        """The summary table: the performance report's counts (``reports.performance_counts``), the body's scheme."""
        from reports.render.paper import CountTable

        counts = self.report.counts
        return CountTable(counts.table, counts.counted_total, self.report.rounding_note, self.apart_note)


def scorecard_build(
    *,
    committee: Committee,
    quarter: Quarter,
    produced_on: datetime.date | None = None,
    report: PerformanceReport | None = None,
    viewer=None,
) -> Scorecard:
    """The body's scorecard for the period, from approved content only (no side effects).

    ``report`` is the period's performance report when the caller has it already (the pack builds it
    for its figures export): its rows, ratings, changes and counts are the scorecard's. ``viewer`` (the in-app
    page) shows a member the figures as published (``indicators.selectors.quarter_rows``). Two queries
    besides the report's (three for a member), whatever the number of measures.
    """
    if report is None:
        report = performance_report_build(committee=committee, quarter=quarter, produced_on=produced_on, viewer=viewer)
    ids = [entry.ref.indicator_id for entry in report.indicators]
    # The reported figure of each measure (the one the rows rate), by the rows' own function: one query.
    latest = latest_two_figures(Indicator.objects.filter(pk__in=ids), quarter.end)
    ends = {indicator_id: pair[0].period_end for indicator_id, pair in latest.items() if pair}
    # Every basis of each measure's current period (the reported figure among them): one query.
    of_period: dict[int, list[Figure]] = {}
    for figure in Figure.objects.filter(
        indicator_id__in=list(ends), period_end__in=set(ends.values()), period_end__lte=quarter.end
    ).select_related("indicator"):
        if ends.get(figure.indicator_id) == figure.period_end:
            of_period.setdefault(figure.indicator_id, []).append(figure)
    published = corrections_unpublished(committee=committee, viewer=viewer)
    if published:
        of_period = {key: [as_published(figure, published) for figure in group] for key, group in of_period.items()}
    current_ids = {pair[0].id for pair in latest.values() if pair}

    groups: dict[str, ScorecardGroup] = {}
    for entry in report.indicators:
        unit, decimals = entry.unit, entry.decimals
        figures = sorted(of_period.get(entry.ref.indicator_id, []), key=lambda f: BASIS_ORDER.index(f.basis))
        figure = next((f for f in figures if f.id in current_ids), None)
        measure = ScorecardMeasure(
            entry=entry,
            parts=format_parts(figure, unit=unit),
            previous_arrow=movement_arrow(entry.current_value, entry.previous_value, decimals),
            # The report's benchmark table when the measure has benchmarks of its own, else its figure's comparators.
            benchmarks=entry.benchmarks
            or (benchmark_table(indicator=figure.indicator, figure=figure) if figure is not None else []),
        )
        if len(figures) > 1:
            measure.values = [
                BasisValue(
                    label=period_covered(other),
                    display=NOT_AVAILABLE if other.not_available else format_value(other.value, unit, decimals),
                    parts=format_parts(other, unit=unit),
                    reported=other.id == getattr(figure, "id", None),
                )
                for other in figures
            ]
        group = groups.get(entry.service_area) or groups.setdefault(
            entry.service_area, ScorecardGroup(entry.service_area, [])
        )
        group.measures.append(measure)
    return Scorecard(report=report, groups=list(groups.values()))
