"""The performance report paper as plain data: built from the database once, rendered without it.

``performance_report_build`` reads the quarter's rows (``indicators.selectors``),
the approved commentary and actions (``commentary.selectors.approved_content``)
and each indicator's recent figures, and returns a ``PerformanceReport``: the
counts, lists apart, examples and movements of the cover paper
(``reports.performance_counts``, which states the counting rule), the key in
the committee's own wording, and one ``IndicatorEntry`` per indicator with every
field of the published appendix page and its trend chart
(``indicators.charts.TrendChart``). The renderers in ``reports.render`` take it
from there and never touch the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from commentary.selectors import approved_content
from cyp.bodies import period_word
from cyp.models import Committee, Quarter
from indicators import rag, reporting
from indicators.benchmarks import BenchmarkRow, benchmark_table, benchmarks_by_indicator
from indicators.breakdowns import BreakdownTable, breakdown_tables, breakdowns_by_figure
from indicators.charts import RECENT, TrendChart, trend_chart_data
from indicators.derive import calculation_text
from indicators.enums import Direction, Unit
from indicators.formatting import period_covered
from indicators.models import Figure, Indicator, UsefulLink
from indicators.selectors import IndicatorRow, history_from_figures, previous_quarter, quarter_rows
from indicators.selectors_sharing import targets_by_year
from reports.performance_counts import ROUNDING_NOTE, CountedRow, Counts, IndicatorRef, performance_counts_derive

DIRECTION_WORDS = {
    Direction.HIGHER_IS_BETTER: "Higher is better",
    Direction.LOWER_IS_BETTER: "Lower is better",
    Direction.NONE: "No direction (monitored)",
}
NO_VALUE = "–"


@dataclass(frozen=True)
class Comparator:
    label: str  # "Statistical Neighbour Mean"
    display: str  # "21.3%"
    value: Decimal | None = None


@dataclass
class IndicatorEntry:
    """One indicator's page of the appendix, in the layout of the published report."""

    ref: IndicatorRef
    service_area: str
    unit: str
    unit_label: str
    decimals: int
    status: str | None  # "Red" … or None when not rated
    rating_reason: str  # why there is no status, or the zero-target rule; "" otherwise
    deviation_display: str  # "+5.2%", "−9.4 points", "9.4 points below target", "–" (indicators.formatting)
    deviation_percent: Decimal | None  # 5.2 for 5.2% better than target; None when undefined
    target_display: str  # "20.0%", "Contextual", "No target set"
    target_value: Decimal | None
    target_note: str
    direction: str
    direction_arrow: str  # ↑ / ↓
    direction_words: str  # "Lower is better"
    period_word: str  # "Month", "Quarter", "Term", "Year"
    current_label: str  # "June 2024"
    current_display: str
    current_value: Decimal | None
    previous_label: str
    previous_display: str
    previous_value: Decimal | None
    change: str  # "Improving", "Declining", "Unchanged" or "–"
    comparators: list[Comparator]
    not_updated: bool
    not_updated_reason: str
    as_at: datetime.date | None
    description: str
    formula: str
    x_definition: str
    y_definition: str
    calculation_note: str
    sources: list[str]
    useful_links: list[tuple[str, str]]  # (title, address)
    commentary: str
    actions: str
    chart: TrendChart
    #: The variance in the sentence beside the RAG: "+5.2% from target", "9.4 points below target"; "" when none.
    deviation_phrase: str = ""
    #: The year's second target, printed beside the main one and never rated: "Stretch: at least 98.0%".
    second_target_display: str = ""
    #: "Data from June 2022" when the current figure is older than its frequency allows
    #: (``indicators.reporting.is_stale``); "" when it is current.
    stale_flag: str = ""
    #: The benchmark table with each comparator's period and the gap (``indicators.benchmarks``), only for an
    #: indicator with benchmarks of its own (``Benchmark`` rows); the figure's comparators print above as ever.
    benchmarks: list[BenchmarkRow] = field(default_factory=list)
    #: The current figure's breakdown tables (``indicators.breakdowns``), each printed with its chart.
    breakdowns: list[BreakdownTable] = field(default_factory=list)
    #: The source system could not produce the figure (``Figure.not_available``): listed apart, as not updated.
    not_available: bool = False
    #: "Not available: the source system could not produce this figure." and its reason
    #: (``indicators.reporting.not_available_text``); "" when the figure is there.
    not_available_text: str = ""
    #: How a derived figure was worked out (``indicators.derive.calculation_text``); "" for one entered.
    derived_calculation: str = ""

    @property
    def status_display(self) -> str:
        if self.status is None and self.not_available:
            return reporting.NOT_AVAILABLE
        return self.status or "Not rated"

    @property
    def status_slug(self) -> str:
        return (self.status or "none").lower().replace(" ", "-")

    @property
    def actions_missing(self) -> bool:
        """Red with no actions: the pack says so (``indicators.reporting.actions_missing``, as readiness)."""
        return reporting.actions_missing(status=self.status, actions=self.actions)

    @property
    def has_calculation(self) -> bool:
        return bool(self.formula or self.x_definition or self.y_definition or self.calculation_note)


@dataclass
class PerformanceReport:
    """Everything the performance report paper and its appendix print."""

    committee_name: str
    council_name: str
    governance_email: str
    quarter_label: str  # "Quarter 1 2024/25"
    quarter_code: str  # "2024/25-Q1"
    financial_year: str  # "2024/25"
    quarter_number: int
    period_start: datetime.date
    period_end: datetime.date
    previous_quarter_label: str  # "Quarter 4 2023/24", "" when there is none
    produced_on: datetime.date
    wording: str  # rag.Wording value
    key: list[tuple[str, str]]  # (status, the committee's wording), in report order
    indicators: list[IndicatorEntry]
    counts: Counts
    rounding_note: str = ROUNDING_NOTE
    examples_chosen: list[int] = field(default_factory=list)
    #: What the period is called in a sentence: "quarter", or "month" for a monthly body (``cyp.bodies``).
    period_word: str = "quarter"

    @property
    def cadence_word(self) -> str:
        """ "quarterly" or "monthly", as the paper says the report is delivered."""
        return "monthly" if self.period_word == "month" else "quarterly"

    def entry(self, number: int) -> IndicatorEntry:
        return next(entry for entry in self.indicators if entry.ref.number == number)


def _figure_history(indicator_ids: Sequence[int], until: datetime.date) -> dict[int, list[Figure]]:
    """The latest ``RECENT`` figures of each indicator up to a date, oldest first (one query)."""
    ranked = (
        Figure.objects.filter(indicator_id__in=indicator_ids, period_end__lte=until)
        .reported()
        .annotate(rank=Window(RowNumber(), partition_by=[F("indicator_id")], order_by=F("period_end").desc()))
        .filter(rank__lte=RECENT)
        .order_by("indicator_id", "period_end")
    )
    by_indicator: dict[int, list[Figure]] = {}
    for figure in ranked:
        by_indicator.setdefault(figure.indicator_id, []).append(figure)
    return by_indicator


def _comparators(row: IndicatorRow) -> list[Comparator]:
    figure = row.current
    pairs = [
        ("Statistical Neighbour Mean", figure.sn_mean if figure else None),
        ("England Mean", figure.england_mean if figure else None),
    ]
    if figure and figure.region_mean is not None:
        pairs.append(("Region Mean", figure.region_mean))
    if figure and figure.other_mean is not None:
        pairs.append((figure.other_mean_label or "Other comparator", figure.other_mean))
    return [Comparator(label, row.fmt(value), value) for label, value in pairs]


def _entry(
    row: IndicatorRow, *, links: list[UsefulLink], content, chart: TrendChart, rating_reason: str
) -> IndicatorEntry:
    indicator = row.indicator
    current, previous = row.current, row.previous
    return IndicatorEntry(
        ref=IndicatorRef(indicator.id, indicator.number, indicator.name),
        service_area=indicator.service_area.name,
        unit=indicator.unit,
        unit_label=Unit(indicator.unit).label,
        decimals=indicator.decimals,
        status=row.rag,
        rating_reason=rating_reason,
        deviation_display=row.deviation_display,
        deviation_percent=row.rating.deviation_percent,
        target_display=row.target_display,
        target_value=row.target_value,
        target_note=row.target.note if row.target else "",
        direction=indicator.direction,
        direction_arrow=row.direction_arrow,
        direction_words=DIRECTION_WORDS[Direction(indicator.direction)],
        period_word=row.period_word,
        current_label=period_covered(current),
        current_display=row.current_display,
        current_value=current.value if current else None,
        previous_label=period_covered(previous),
        previous_display=row.previous_display,
        previous_value=previous.value if previous else None,
        change=row.change.value if row.change else NO_VALUE,
        comparators=_comparators(row),
        not_updated=row.not_updated,
        not_updated_reason=current.not_updated_reason if current and row.not_updated else "",
        stale_flag=row.stale_flag,
        as_at=current.as_at if current else None,
        description=indicator.description,
        formula=indicator.formula,
        x_definition=indicator.x_definition,
        y_definition=indicator.y_definition,
        calculation_note=indicator.calculation_note,
        sources=[str(source) for source in (indicator.sources or []) if source],
        useful_links=[(link.title, link.url) for link in links],
        commentary=content.commentary if content is not None else "",
        actions=content.actions if content is not None else "",
        chart=chart,
        deviation_phrase=row.deviation_phrase,
        second_target_display=row.second_target_display,
        not_available=row.not_available,
        not_available_text=row.not_available_text,
        derived_calculation=calculation_text(current, indicator),
    )


def performance_report_build(
    *,
    committee: Committee,
    quarter: Quarter,
    examples: Sequence[int] | None = None,
    produced_on: datetime.date | None = None,
    viewer=None,
) -> PerformanceReport:
    """The quarter's performance report for the committee, from approved content only.

    ``examples`` are the indicator numbers the governance team chose as example
    commentaries (Green/Blue and Red); none chosen, the paper says so. A choice
    that cannot be used (unknown number, Amber, not rated) is left out and
    listed in ``counts.example_problems``. A fixed number of queries whatever
    the number of indicators (two of them the benchmarks and the breakdowns). No side effects.
    """
    # ``viewer``: a member reading an in-app page sees the figures as published (``quarter_rows``); the pack None.
    rows = quarter_rows(committee=committee, quarter=quarter, viewer=viewer)
    ids = [row.indicator.id for row in rows]
    links: dict[int, list[UsefulLink]] = {}
    for link in UsefulLink.objects.filter(indicator_id__in=ids).order_by("indicator_id", "position", "id"):
        links.setdefault(link.indicator_id, []).append(link)
    figures = _figure_history(ids, quarter.end)
    # As the body reports them: its own targets for the indicators shared with it (indicators.selectors_sharing).
    targets = targets_by_year(
        committee=committee, indicator_ids=ids, shared_ids=[row.indicator.id for row in rows if row.indicator.is_shared]
    )
    content = approved_content(quarter=quarter)
    before = previous_quarter(quarter)
    benchmarks = benchmarks_by_indicator(ids, quarter.end)
    breakdowns = breakdowns_by_figure([row.current.id for row in rows if row.current is not None])

    entries, counted = [], []
    for row in rows:
        indicator: Indicator = row.indicator
        history = history_from_figures(
            indicator=indicator,
            figures=figures.get(indicator.id, []),
            targets=targets.get(indicator.id, {}),
            wording=committee.rag_scheme,
        )
        chart = trend_chart_data(indicator=indicator, history=history)
        status = row.rating.status
        # Say why there is no status, or state the zero-target rule; a status without a target needs no reason.
        rating_reason = (
            row.rating.reason if status is None or (status.is_performance and row.rating.deviation is None) else ""
        )
        entry = _entry(
            row,
            links=links.get(indicator.id, []),
            content=content.get(indicator.id),
            chart=chart,
            rating_reason=rating_reason,
        )
        if indicator.id in benchmarks:
            entry.benchmarks = benchmark_table(
                indicator=indicator, figure=row.current, benchmarks=benchmarks[indicator.id]
            )
        if row.current is not None:
            entry.breakdowns = breakdown_tables(indicator=indicator, parts=breakdowns.get(row.current.id, ()))
        entries.append(entry)
        counted.append(
            CountedRow(
                ref=entry.ref,
                status=entry.status,
                previous_status=row.previous_published,
                not_updated=entry.not_updated,
                not_updated_reason=entry.not_updated_reason,
                not_rated_reason=row.rating.reason if row.rating.status is None else "",
                not_available=entry.not_available,
                not_available_reason=row.current.not_available_reason if entry.not_available else "",
                commentary=entry.commentary,
            )
        )
    wording = rag.Wording(committee.rag_wording)
    return PerformanceReport(
        committee_name=committee.name,
        council_name=committee.council,
        governance_email=committee.email,
        quarter_label=quarter.display,
        quarter_code=quarter.label,
        financial_year=quarter.year.label,
        quarter_number=quarter.number,
        period_start=quarter.start,
        period_end=quarter.end,
        previous_quarter_label=before.display if before else "",
        produced_on=produced_on or timezone.localdate(),
        wording=wording.value,
        key=[(status.value, text) for status, text in rag.key_text(committee.rag_scheme).items()],
        indicators=entries,
        counts=performance_counts_derive(counted, examples=examples, scheme=committee.rag_scheme),
        examples_chosen=list(examples or []),
        period_word=period_word(quarter),
    )
