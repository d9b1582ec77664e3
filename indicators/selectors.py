"""Reads: what a quarter shows for each indicator, and one indicator's history.

Every function here runs a fixed number of queries whatever the number of
indicators or figures: the dashboard is guarded by query-count tests.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, FilteredRelation, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cyp.enums import AuditAction
from cyp.models import AuditEvent, Committee, Quarter
from indicators import rag, reporting
from indicators.benchmarks import BenchmarkRow, indicator_benchmark_table
from indicators.breakdowns import BreakdownTable, figure_breakdown_tables
from indicators.enums import DIRECTION_ARROW, FREQUENCY_PERIOD_WORD, TARGET_STATUS_RAG, Direction
from indicators.facts import (
    BODY_TARGET_FACTS,
    FIGURE_FACTS,
    INDICATOR_FACTS,
    TARGET_FACTS,
    AreaFacts,
    FigureFacts,
    IndicatorFacts,
    TargetFacts,
)
from indicators.formatting import (
    format_second_target,
    format_target_of,
    format_value,
    format_variance,
    variance_phrase,
)
from indicators.models import (
    BodyTarget,
    Figure,
    FigureLock,
    Indicator,
    IndicatorShare,
    PublishedStatus,
    Target,
    UsefulLink,
)
from indicators.selectors_sharing import targets_for_body


class RatedRow:
    """How a rated row prints: what IndicatorRow (a quarter's figures) and the returns' rows share.

    Needs ``indicator``, ``previous`` (a Figure or None), ``target`` (a Target or None) and ``rating``.
    """

    def fmt(self, value) -> str:
        return format_value(value, self.indicator.unit, self.indicator.decimals)

    @property
    def rag(self) -> str | None:
        return self.rating.status.value if self.rating.status else None

    @property
    def rag_slug(self) -> str:
        return (self.rag or "none").lower().replace(" ", "-")

    @property
    def previous_display(self) -> str:
        return self.fmt(self.previous.value if self.previous else None)

    @property
    def target_display(self) -> str:
        if self.target is None:
            return "No target set"
        if not self.target.is_numeric:
            return self.target.get_status_display()
        return format_target_of(self.target, self.indicator.unit, self.indicator.decimals)

    @property
    def second_target_display(self) -> str:
        """The year's second target (stretch, national), printed beside the main one; "" when none."""
        return format_second_target(self.target, self.indicator.unit, self.indicator.decimals)

    @property
    def targets_display(self) -> str:
        """The target as written, and the second one in brackets: "above 95.0% (Stretch: 98.0%)"."""
        second = self.second_target_display
        return f"{self.target_display} ({second})" if second else self.target_display

    @property
    def deviation_display(self) -> str:
        """The variance from target in the indicator's basis and sign (``indicators.formatting``)."""
        return format_variance(self.rating)

    @property
    def deviation_phrase(self) -> str:
        return variance_phrase(self.rating)


NOT_UPDATED_LABEL = reporting.NOT_UPDATED
NOT_UPDATED_SLUG = reporting.group_slug(reporting.NOT_UPDATED)


@dataclass
class IndicatorRow(RatedRow):
    """One indicator as a quarter reports it."""

    indicator: IndicatorFacts | Indicator  # the model on the indicator page, plain values in a quarter's rows
    current: FigureFacts | None
    previous: FigureFacts | None
    target: TargetFacts | None
    rating: rag.Rating
    change: rag.Change | None
    previous_published: str | None = None
    extra: dict = field(default_factory=dict)
    #: (first day, last day) of the quarter the row is reported in; None when shown outside a quarter.
    reported_in: tuple[datetime.date, datetime.date] | None = None

    @property
    def not_updated(self) -> bool:
        return bool(self.current and self.current.not_updated)

    @property
    def not_available(self) -> bool:
        """The source system could not produce the current figure (``indicators.reporting``: its own group)."""
        return bool(self.current and self.current.not_available)

    @property
    def not_available_text(self) -> str:
        """ "Not available: the source system could not produce this figure." (and its reason); "" otherwise."""
        if not self.not_available:
            return ""
        return reporting.not_available_text(self.current.not_available_reason, derived=self.current.derived)

    @property
    def stale(self) -> bool:
        """The current figure is older than the indicator's frequency allows (``indicators.reporting.is_stale``)."""
        if self.current is None or self.reported_in is None:
            return False
        start, end = self.reported_in
        return reporting.is_stale(
            frequency=self.indicator.frequency, period_end=self.current.period_end, quarter_start=start, quarter_end=end
        )

    @property
    def stale_flag(self) -> str:
        """ "Data from June 2022" when the current figure is stale, else ""."""
        return reporting.stale_flag(period_label=self.current.period_label if self.current else "", stale=self.stale)

    @property
    def facts(self) -> reporting.RowFacts:
        """What the reporting rules need of the row (``indicators.reporting``)."""
        return reporting.RowFacts(
            self.rag,
            self.not_updated,
            self.previous_published,
            self.rating.reason if self.rating.status is None and not self.not_available else "",
            self.not_available,
        )

    @property
    def summary_slug(self) -> str:
        """Where the quarter's summary counts the row (``indicators.reporting.group_of``): apart when not
        updated, as the pack's cover paper does, else under its status."""
        return reporting.group_slug(
            reporting.group_of(
                status=self.rating.status, not_updated=self.not_updated, not_available=self.not_available
            )
        )

    @property
    def target_value(self) -> Decimal | None:
        return self.target.value if self.target and self.target.is_numeric else None

    @property
    def current_display(self) -> str:
        return self.fmt(self.current.value if self.current else None)

    @property
    def direction_arrow(self) -> str:
        return DIRECTION_ARROW[Direction(self.indicator.direction)]

    @property
    def period_word(self) -> str:
        return FREQUENCY_PERIOD_WORD[self.indicator.frequency]


def rate_figures(*, indicator, current, previous, target, wording: str) -> tuple[rag.Rating, rag.Change | None]:
    """The rating and change in performance for an indicator's current and previous figures.

    Models or their plain values (``IndicatorFacts``, ``FigureFacts``, ``TargetFacts``) alike; ``current``
    may be anything with a ``value`` (a return).
    """
    current_value = current.value if current else None
    target_status = None
    if target is not None and not target.is_numeric:
        target_status = TARGET_STATUS_RAG[target.status]
    rating = rag.rating_for(
        current=current_value,
        target=target.value if target is not None and target.is_numeric else None,
        target_status=target_status,
        direction=indicator.direction,
        wording=wording,
        suspended=indicator.is_suspended,
        basis=indicator.variance_basis,
        sign=indicator.variance_sign,
        comparator=target.comparator if target is not None and target.is_numeric else "",
        upper=target.range_upper if target is not None and target.is_numeric else None,
    )
    change = rag.change_for(
        current_value, previous.value if previous else None, indicator.direction, indicator.decimals
    )
    return rating, change


def latest_two_figures(indicators: QuerySet[Indicator], on_or_before) -> dict[int, list[FigureFacts]]:
    """For each of the indicators, its latest figure whose period ends on or before the date, and the one
    before it, latest first.

    One query, plain values. Each indicator's two figures are found by index seeks on
    (indicator, -period_end): a window over every figure costs time in proportion to the whole
    history, this does not. ``indicators`` is a queryset, sent as a subquery: no list of ids.
    """
    latest_first = (
        # The indicator's reported figure (``FigureQuerySet.reported``), by the same index seeks.
        Figure.objects.filter(
            indicator_id=OuterRef("pk"), basis=OuterRef("reporting_basis"), period_end__lte=on_or_before
        )
        .order_by("-period_end")
        .values("pk")
    )
    indicators = indicators.order_by()
    figures = (
        Figure.objects.filter(
            Q(pk__in=indicators.annotate(figure_id=Subquery(latest_first[:1])).values("figure_id"))
            | Q(pk__in=indicators.annotate(figure_id=Subquery(latest_first[1:2])).values("figure_id"))
        )
        .order_by("indicator_id", "-period_end")
        .values_list(*FIGURE_FACTS)
    )
    by_indicator: dict[int, list[FigureFacts]] = {}
    for values in figures:
        figure = FigureFacts(*values)
        by_indicator.setdefault(figure.indicator_id, []).append(figure)
    return by_indicator


def corrections_unpublished(*, committee: Committee, viewer) -> dict[int, dict[str, object]]:
    """What a correction replaced that no published pack shows yet: {figure id: {field: value as published}}.

    Members see figures as they stood in a published pack. A correction after publication
    (``indicators.services.figure_correct``) changes the figure at once, for the next version
    of the pack to print; until a version is published after it, members keep seeing the value
    the published pack printed. Empty (and no query) for staff and for ``viewer=None`` (cyp
    itself: the pack reads the corrected figures). One query for members.
    """
    if viewer is None or viewer.has_perm("indicators.view_unpublished"):
        return {}
    last_published = FigureLock.objects.filter(committee=committee).order_by("-created_at").values("created_at")[:1]
    events = AuditEvent.objects.filter(
        action=AuditAction.FIGURE_CORRECT,
        # By a join, not ContentType's cache: one query however the process started.
        target_type__app_label=Figure._meta.app_label,
        target_type__model=Figure._meta.model_name,
        target_id__in=Figure.objects.filter(
            Q(indicator__committee=committee) | Q(indicator__shares__committee=committee)
        ).values("pk"),
        created_at__gt=Subquery(last_published),
    ).order_by("created_at", "id")
    published: dict[int, dict[str, object]] = {}
    for target_id, changes in events.values_list("target_id", "changes"):
        as_published = published.setdefault(target_id, {})
        for name, (old, _new) in changes.items():
            as_published.setdefault(name, _field_value(name, old))  # the earliest correction holds the published value
    return published


def _field_value(name: str, value):
    """A value as the audit log keeps it (text), back as the figure's field holds it."""
    if value is None or value == "":
        return None if name not in ("period_label", "other_mean_label", "not_updated_reason") else ""
    field = Figure._meta.get_field(name)
    return field.to_python(value)


def as_published(figure, published: dict[int, dict[str, object]]):
    """``figure`` (a FigureFacts or a Figure) with the values its published pack printed, if corrected since."""
    if figure is None or figure.id not in published:
        return figure
    values = {name: value for name, value in published[figure.id].items() if hasattr(figure, name)}
    if isinstance(figure, FigureFacts):
        return dataclasses.replace(figure, **values)
    for name, value in values.items():
        setattr(figure, name, value)  # never saved: the page shows it
    return figure


def previous_quarter(quarter: Quarter) -> Quarter | None:
    """The period before, of the same kind: the quarter before a quarter, the month before a month."""
    return quarter.previous()


def quarter_rows(
    *,
    committee: Committee,
    quarter: Quarter,
    service_area_id: int | None = None,
    rag_filter: str | None = None,
    sort: str = "number",
    viewer=None,
) -> list[IndicatorRow]:
    """Every indicator of the body as the quarter reports it (five queries whatever the size).

    The body's own indicators and those shared with it (``IndicatorShare``): a shared one under the
    number the body prints it as, rated with the body's wording and, for a year it set one, the
    body's own target (``BodyTarget``); its figures are the indicator's own. Current is the latest
    figure whose period ends on or before the quarter's end, previous the one before it. The target
    is the one for the quarter's financial year. ``previous_published`` is the status the body
    published for the quarter before, the base of the cover paper's movements. The rows hold plain
    values (``IndicatorFacts``, ``FigureFacts``, ``TargetFacts``), not model instances.
    """
    # Its own indicators, and those shared with it by a join restricted to the body's shares (one row each).
    chosen = Indicator.objects.annotate(
        share_here=FilteredRelation("shares", condition=Q(shares__committee=committee))
    ).filter(Q(committee=committee) | Q(share_here__isnull=False))
    if service_area_id:
        chosen = chosen.filter(service_area_id=service_area_id)
    columns = ["printed_number" if name == "number" else name for name in INDICATOR_FACTS]
    areas: dict[int, AreaFacts] = {}
    indicators = []
    for *values, area_id, area_name, area_slug, home_number, home_id, home_name in (
        chosen.annotate(printed_number=Coalesce("share_here__number", "number"))
        .order_by("printed_number")
        .values_list(
            *columns,
            "service_area_id",
            "service_area__name",
            "service_area__slug",
            "number",
            "committee_id",
            "committee__name",
        )
    ):
        area = areas.get(area_id) or areas.setdefault(area_id, AreaFacts(area_id, area_name, area_slug))
        if home_id == committee.pk:
            indicators.append(IndicatorFacts(*values, area))
        else:
            indicators.append(IndicatorFacts(*values, area, home_number, home_name))
    shared = any(indicator.is_shared for indicator in indicators)
    # Without shared indicators the later queries select by a plain join on the body (cheaper to build).
    scope = chosen if shared else Indicator.objects.filter(committee=committee)
    if service_area_id and not shared:
        scope = scope.filter(service_area_id=service_area_id)
    figures = latest_two_figures(scope, quarter.end)
    published = corrections_unpublished(committee=committee, viewer=viewer)
    if published:
        figures = {key: [as_published(figure, published) for figure in pair] for key, pair in figures.items()}
    targets = _targets_of_year(
        committee=committee, service_area_id=service_area_id, scope=scope, year_id=quarter.year_id, shared=shared
    )
    before = previous_quarter(quarter)
    published_before = (
        dict(PublishedStatus.objects.filter(committee=committee, quarter=before).values_list("indicator_id", "rag"))
        if before
        else {}
    )
    rows = rows_of(
        indicators=indicators,
        figures=figures,
        targets=targets,
        published_before=published_before,
        wording=committee.rag_scheme,
        quarter=quarter,
    )
    if rag_filter:
        rows = [row for row in rows if row.summary_slug == rag_filter]
    return sort_rows(rows, sort)


def rows_of(
    *,
    indicators: list[IndicatorFacts],
    figures: dict[int, list[FigureFacts]],
    targets: dict[int, TargetFacts],
    published_before: dict[int, str],
    wording: str,
    quarter: Quarter | None = None,
) -> list[IndicatorRow]:
    """One body's rows from what its queries read (no queries): the quarter's rows and the council overview.

    ``figures`` by indicator id (latest first), ``targets`` and ``published_before`` (the status the
    body published for the quarter before) by indicator id, as the body reports them.
    """
    reported_in = (quarter.start, quarter.end) if quarter is not None else None
    rows = []
    for indicator in indicators:
        pair = figures.get(indicator.id, ())
        current = pair[0] if pair else None
        previous = pair[1] if len(pair) > 1 else None
        target = targets.get(indicator.id)
        rating, change = rate_figures(
            indicator=indicator, current=current, previous=previous, target=target, wording=wording
        )
        rows.append(
            IndicatorRow(
                indicator=indicator,
                current=current,
                previous=previous,
                target=target,
                rating=rating,
                change=change,
                previous_published=published_before.get(indicator.id),
                reported_in=reported_in,
            )
        )
    return rows


def _targets_of_year(
    *, committee: Committee, service_area_id: int | None, scope: QuerySet[Indicator], year_id: int, shared: bool
) -> dict[int, TargetFacts]:
    """{indicator id: TargetFacts} for the year as the body reports it: one query.

    With indicators shared with the body (``scope`` holds them), the body's own targets for the year
    come in the same query (a union) and take the place of the indicators' own.
    """
    if not shared:
        of_body = {"indicator__committee": committee, "year_id": year_id}
        if service_area_id:
            of_body["indicator__service_area_id"] = service_area_id
        return {
            values[1]: TargetFacts(*values) for values in Target.objects.filter(**of_body).values_list(*TARGET_FACTS)
        }
    # No ORDER BY (the models' ordering) inside the union: SQLite refuses it in a compound statement.
    own = (
        Target.objects.filter(indicator_id__in=scope.values("pk"), year_id=year_id)
        .order_by()
        .values_list(*TARGET_FACTS, Value(False, output_field=BooleanField()))
    )
    body = (
        BodyTarget.objects.filter(share__committee=committee, year_id=year_id)
        .order_by()
        .values_list(*BODY_TARGET_FACTS, Value(True, output_field=BooleanField()))
    )
    targets: dict[int, TargetFacts] = {}
    for *values, is_body_target in own.union(body, all=True):
        if is_body_target or values[1] not in targets:
            targets[values[1]] = TargetFacts(*values)
    return targets


SORTS = {
    "number": ("Number", lambda row: row.indicator.number),
    "name": ("Name", lambda row: row.indicator.name.lower()),
    "service_area": ("Service area", lambda row: (row.indicator.service_area.name, row.indicator.number)),
    "rag": (
        "RAG (worst first)",
        lambda row: (rag.REPORT_ORDER.index(row.rating.status) if row.rating.status else 99, row.indicator.number),
    ),
    "deviation": (
        "Deviation from target (worst first)",
        lambda row: (
            row.rating.deviation is None,
            row.rating.deviation if row.rating.deviation is not None else 0,
            row.indicator.number,
        ),
    ),
}


def sort_rows(rows: list[IndicatorRow], sort: str) -> list[IndicatorRow]:
    key = SORTS.get(sort.lstrip("-"), SORTS["number"])[1]
    return sorted(rows, key=key, reverse=sort.startswith("-"))


def financial_year_for(date) -> int:
    """The start year of the financial year a date falls in (1 April to 31 March)."""
    return date.year if date.month >= 4 else date.year - 1


def indicator_history(*, indicator: Indicator, committee: Committee, limit: int | None = None) -> list[dict]:
    """The indicator's figures, oldest first, each with the target of its year, status and change.

    Three queries. The year of a figure is the financial year its period ends in.
    """
    figures = list(indicator.figures.reported().order_by("period_end"))
    if limit:
        figures = figures[-limit:]
    targets = {t.year.start_year: t for t in indicator.targets.select_related("year")}
    return history_from_figures(indicator=indicator, figures=figures, targets=targets, wording=committee.rag_scheme)


def history_from_figures(
    *, indicator: Indicator, figures: list[Figure], targets: dict[int, Target], wording: str
) -> list[dict]:
    """Rates figures already fetched (oldest first) against the target of the financial year each ends in.

    ``targets`` maps a financial year's start year to the indicator's target for it. No queries.
    """
    history = []
    previous = None
    for figure in figures:
        target = targets.get(financial_year_for(figure.period_end))
        rating, change = rate_figures(
            indicator=indicator, current=figure, previous=previous, target=target, wording=wording
        )
        history.append({"figure": figure, "target": target, "rating": rating, "change": change})
        previous = figure
    return history


def quarters_for(*, user, committee: Committee | None) -> QuerySet[Quarter]:
    """The body's periods (its months for a monthly report, else quarters: ``Quarter.objects.for_body``) the
    user may see, latest first: staff see all, members only those the body has published."""
    quarters = Quarter.objects.for_body(committee).select_related("year").order_by("-year__start_year", "-number")
    if not user.has_perm("indicators.view_unpublished"):
        quarters = quarters.published_for(committee)
    return quarters


def indicator_with_links(pk: int) -> Indicator:
    return (
        Indicator.objects.select_related("service_area", "owner", "committee")
        .prefetch_related(Prefetch("useful_links"))
        .get(pk=pk)
    )


# --- What a person may see, and the indicator page ---------------------------------------------


def latest_published_quarter(*, committee: Committee | None) -> Quarter | None:
    """The latest period whose performance report the body has published (``cyp.models.QuarterPublication``):
    a month for a monthly body. Ordered by the period's end, so a month and a quarter compare by date."""
    published = Quarter.objects.published_for(committee).select_related("year")
    return max(published, key=lambda period: (period.end, -period.months_long), default=None)


def figures_visible_until(*, user, committee: Committee | None) -> datetime.date | None:
    """The last period end whose figures the user may see of the body's indicators.

    Staff see every figure (``datetime.date.max``). Members see the figures whose
    period ends on or before the end of the latest quarter the body published, and
    none (None) until it publishes one. One query for members, none for staff.
    """
    if user.has_perm("indicators.view_unpublished"):
        return datetime.date.max
    latest = latest_published_quarter(committee=committee)
    return latest.end if latest is not None else None


def landing_quarter_for(*, user, committee: Committee | None) -> Quarter | None:
    """The quarter a person lands on in the body's pages.

    Members: the latest quarter the body published. Staff: the latest open quarter,
    else the latest the body published, else the latest quarter that has begun, else
    the first quarter set up. None when there is nothing the person may see.
    """
    quarters = quarters_for(user=user, committee=committee)
    if not user.has_perm("indicators.view_unpublished"):
        return quarters.first()
    return (
        quarters.filter(is_open=True).first()
        or quarters.published_for(committee).first()
        or next((q for q in quarters if q.start <= timezone.localdate()), None)
        or quarters.last()
    )


def rag_counts(rows: list[IndicatorRow]) -> list[tuple[str, str, int]]:
    """(status, slug, count) in the cover paper's order, then "Not updated this quarter", "Not available" and
    "Not rated" when any row is so.

    The rule is the committee pack's (``indicators.reporting.group_of``, which the cover paper's ``tally``
    uses too): an indicator not updated this quarter is counted apart, whatever status its stale figures
    give, so the dashboard and the published pack never disagree. The counts always add up to ``len(rows)``.
    """
    counts = reporting.group_counts(
        reporting.group_of(status=row.rating.status, not_updated=row.not_updated, not_available=row.not_available)
        for row in rows
    )
    return [
        (group, reporting.group_slug(group), count)
        for group, count in counts.items()
        if count or group not in reporting.APART_GROUPS
    ]


@dataclass
class IndicatorPage:
    """Everything the indicator page shows, limited to what the person may see."""

    indicator: Indicator
    links: list[UsefulLink]
    targets: list[Target]
    history: list[dict]
    reported: IndicatorRow | None
    quarter: Quarter | None
    visible_until: datetime.date | None
    share: IndicatorShare | None = None  # set when the body reports the indicator from its home body
    #: The reported figure's benchmark table (``indicators.benchmarks``) and breakdown (``indicators.breakdowns``).
    benchmarks: list[BenchmarkRow] = field(default_factory=list)
    breakdowns: list[BreakdownTable] = field(default_factory=list)


def indicator_page(*, committee: Committee, number: int, user, quarter: Quarter | None) -> IndicatorPage:
    """One indicator with its links, targets, history and the quarter's report of it.

    Raises Indicator.DoesNotExist. ``quarter`` is the quarter whose report the
    summary shows (current and previous value, target, RAG, change), as the
    dashboard shows it; the caller has checked the person may see it. Members
    see only figures up to ``figures_visible_until`` and targets of the years
    up to it. Four queries whatever the number of figures (five for members), and two for the
    quarter's benchmark table and breakdown (latest benchmarks up to the quarter's end).

    ``number`` is the number the body prints: an indicator shared with the body (``IndicatorShare``)
    is found under the body's number, shown under it (``indicator.number`` is set to it on the
    instance, never saved), with the body's own targets where it set them (``page.share`` says where
    it is at home; two queries more).
    """
    shared = IndicatorShare.objects.filter(committee=committee, number=number).values("indicator_id")
    indicator = (
        Indicator.objects.select_related("service_area", "owner", "committee")
        .prefetch_related("useful_links")
        .get(Q(committee=committee, number=number) | Q(pk__in=shared))
    )
    share = None
    if indicator.committee_id != committee.pk:
        share = IndicatorShare.objects.get(committee=committee, indicator=indicator)
        share.home_number = indicator.number  # its number at home, for the page to say
        indicator.number = share.number  # as the body prints it; the page never saves the indicator
    visible_until = figures_visible_until(user=user, committee=committee)
    if visible_until is None:
        figures: list[Figure] = []
        targets: list = []
    else:
        figures = list(indicator.figures.reported().filter(period_end__lte=visible_until).order_by("period_end"))
        published = corrections_unpublished(committee=committee, viewer=user)
        figures = [as_published(figure, published) for figure in figures]
        last_year = financial_year_for(visible_until)
        if share is None:
            targets = list(
                indicator.targets.select_related("year")
                .filter(year__start_year__lte=last_year)
                .order_by("year__start_year")
            )
        else:
            targets = [
                target
                for target in targets_for_body(committee=committee, indicator=indicator)
                if target.year.start_year <= last_year
            ]
    by_year = {target.year.start_year: target for target in targets}
    history = history_from_figures(indicator=indicator, figures=figures, targets=by_year, wording=committee.rag_scheme)
    reported, benchmarks, breakdowns = None, [], []
    if quarter is not None:
        shown = [figure for figure in figures if figure.period_end <= quarter.end]
        current = shown[-1] if shown else None
        previous = shown[-2] if len(shown) > 1 else None
        target = next((t for t in targets if t.year_id == quarter.year_id), None)
        rating, change = rate_figures(
            indicator=indicator, current=current, previous=previous, target=target, wording=committee.rag_scheme
        )
        reported = IndicatorRow(
            indicator=indicator,
            current=FigureFacts.of(current),
            previous=FigureFacts.of(previous),
            target=TargetFacts.of(target),
            rating=rating,
            change=change,
            reported_in=(quarter.start, quarter.end),
        )
        benchmarks = indicator_benchmark_table(
            indicator=indicator, figure=current, until=min(quarter.end, visible_until or quarter.end)
        )
        breakdowns = figure_breakdown_tables(indicator=indicator, figure_id=current.id if current else None)
    return IndicatorPage(
        indicator=indicator,
        links=list(indicator.useful_links.all()),
        targets=targets,
        history=history,
        reported=reported,
        quarter=quarter,
        visible_until=visible_until,
        share=share,
        benchmarks=benchmarks,
        breakdowns=breakdowns,
    )
