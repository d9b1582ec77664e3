"""Reads: returns with everything a page shows beside them (RAG, change, checks, warnings, holder, deadline).

``return_rows`` builds them for any number of returns in a fixed number of
queries (the board and "my returns" are guarded by query-count tests).
The pack reads ``returns_for_quarter`` and ``approved_content``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from commentary.checks import Problem, submission_problems
from commentary.models import Return
from commentary.warnings import Reference, ReviewWarning, review_warnings
from cyp.enums import ReviewState
from cyp.models import Committee, Quarter, User
from indicators import rag, reporting
from indicators.enums import DIRECTION_ARROW, Direction
from indicators.formatting import format_part
from indicators.models import Figure, Target
from indicators.selectors import RatedRow, previous_quarter, rate_figures

#: States in which the service lead holds the return (must act next).
LEAD_HOLDS = (ReviewState.NOT_STARTED, ReviewState.DRAFT, ReviewState.RETURNED)
BOARD_STATES = (
    ReviewState.NOT_STARTED,
    ReviewState.DRAFT,
    ReviewState.SUBMITTED,
    ReviewState.RETURNED,
    ReviewState.APPROVED,
)


def _base_queryset() -> QuerySet[Return]:
    return Return.objects.select_related(
        "indicator", "indicator__service_area", "indicator__committee", "indicator__owner", "quarter", "quarter__year"
    )


def returns_for_quarter(*, quarter: Quarter) -> list[Return]:
    """Every return of the quarter with its indicator and service area, by indicator number (one query)."""
    return list(_base_queryset().filter(quarter=quarter).order_by("indicator__number"))


def approved_content(*, quarter: Quarter) -> dict[int, Return]:
    """indicator_id -> the quarter's approved return: what the pack may print (one query)."""
    returns = _base_queryset().filter(quarter=quarter, state=ReviewState.APPROVED)
    return {ret.indicator_id: ret for ret in returns}


def return_get(*, pk: int) -> Return | None:
    return _base_queryset().filter(pk=pk).first()


def returns_visible_to(*, user) -> QuerySet[Return]:
    """The returns ``user`` may see: the queryset form of ``commentary.view_return``."""
    returns = _base_queryset()
    if not user.is_authenticated or not user.is_active:
        return returns.none()
    if user.has_perm("commentary.view_board"):
        return returns
    if not user.has_perm("commentary.view_own_returns"):
        return returns.none()
    return returns.filter(
        Q(indicator__service_area__leads=user)
        | Q(indicator__owner=user)
        | Q(shared=True)
        | Q(state=ReviewState.APPROVED)
    ).distinct()


def returns_of_lead(*, user, open_only: bool = True, committee: Committee | None = None) -> QuerySet[Return]:
    """The returns ``user`` is responsible for (their areas and indicators, in every body they report to),
    open quarters first; with ``committee``, only that body's."""
    returns = (
        _base_queryset()
        .filter(Q(indicator__service_area__leads=user) | Q(indicator__owner=user))
        .distinct()
        .order_by("-quarter__year__start_year", "-quarter__number", "indicator__number")
    )
    if committee is not None:
        returns = returns.filter(indicator__committee=committee)
    return returns.filter(quarter__is_open=True) if open_only else returns


@dataclass
class ReturnRow(RatedRow):
    """A return as pages show it."""

    ret: Return
    target: Target | None
    previous: Figure | None
    history: list[Decimal]
    previous_return: Return | None
    rating: rag.Rating
    change: rag.Change | None
    problems: list[Problem]
    warnings: list[ReviewWarning]
    leads: list[User] = field(default_factory=list)
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def indicator(self):
        return self.ret.indicator

    @property
    def not_available(self) -> bool:
        """The lead marked the figure not available (the source system could not produce it): never rated."""
        return bool(self.ret.not_available)

    @property
    def not_available_text(self) -> str:
        """ "Not available: the source system could not produce this figure." and the reason given; "" otherwise."""
        return reporting.not_available_text(self.ret.not_available_reason) if self.not_available else ""

    @property
    def rag_display(self) -> str:
        if self.not_available:
            return reporting.NOT_AVAILABLE
        return self.rag or "No rating"

    @property
    def current_display(self) -> str:
        return reporting.NOT_AVAILABLE if self.not_available else self.fmt(self.ret.value)

    @property
    def fmt_numerator(self) -> str:
        return format_part(self.ret.numerator)

    @property
    def fmt_denominator(self) -> str:
        return format_part(self.ret.denominator)

    @property
    def fmt_sn(self) -> str:
        return self.fmt(self.ret.sn_mean)

    @property
    def fmt_england(self) -> str:
        return self.fmt(self.ret.england_mean)

    @property
    def fmt_region(self) -> str:
        return self.fmt(self.ret.region_mean)

    @property
    def fmt_other(self) -> str:
        return self.fmt(self.ret.other_mean)

    @property
    def direction_arrow(self) -> str:
        return DIRECTION_ARROW[Direction(self.indicator.direction)]

    @property
    def state_label(self) -> str:
        return ReviewState(self.ret.state).label

    @property
    def is_held(self) -> bool:
        """Someone still has to act: the return is neither approved nor in a published pack."""
        return not self.ret.locked and self.ret.state != ReviewState.APPROVED

    @property
    def holder(self) -> str:
        """Who must act next, in words."""
        if self.ret.locked:
            return "Nobody: published"
        if self.ret.state == ReviewState.SUBMITTED:
            return "Governance team"
        if self.ret.state == ReviewState.APPROVED:
            return "Nobody: approved"
        names = [str(lead) for lead in self.leads]
        return ", ".join(names) if names else f"Service lead, {self.indicator.service_area.name} (nobody assigned)"

    @property
    def days_to_deadline(self) -> int | None:
        deadline = self.ret.quarter.data_deadline
        if deadline is None or self.ret.state not in LEAD_HOLDS:
            return None
        return (deadline - self.today).days

    @property
    def deadline_display(self) -> str:
        days = self.days_to_deadline
        if days is None:
            if self.ret.state in (ReviewState.SUBMITTED, ReviewState.APPROVED):
                return ReviewState(self.ret.state).label
            return "No deadline set"
        if days > 1:
            return f"Due in {days} days"
        if days == 1:
            return "Due tomorrow"
        if days == 0:
            return "Due today"
        return f"{-days} day{'s' if days != -1 else ''} overdue"

    @property
    def is_overdue(self) -> bool:
        days = self.days_to_deadline
        return days is not None and days < 0


def _references(ret: Return, previous: Figure | None, target: Target | None) -> list[Reference]:
    references = [
        Reference("current", ret.value),
        Reference("previous", previous.value if previous else None),
        Reference("target", target.value if target is not None and target.is_numeric else None),
        Reference("statistical neighbour mean", ret.sn_mean),
        Reference("England mean", ret.england_mean),
        Reference("region mean", ret.region_mean),
        Reference(ret.other_mean_label or "other comparator", ret.other_mean),
    ]
    return [reference for reference in references if reference.value is not None]


def return_rows(returns: list[Return], *, with_leads: bool = False) -> list[ReturnRow]:
    """A ReturnRow for each return (which must come from ``_base_queryset``), in the same order.

    Queries: targets, figures, previous quarters and their returns (one each per
    distinct quarter, normally one), and leads when asked: a fixed number
    whatever the number of returns.
    """
    if not returns:
        return []
    indicator_ids = {ret.indicator_id for ret in returns}
    year_ids = {ret.quarter.year_id for ret in returns}
    targets = {
        (t.indicator_id, t.year_id): t
        for t in Target.objects.filter(indicator_id__in=indicator_ids, year_id__in=year_ids)
    }
    figures_by_indicator: dict[int, list[Figure]] = defaultdict(list)
    for figure in (
        Figure.objects.filter(indicator_id__in=indicator_ids).reported().order_by("indicator_id", "period_end")
    ):
        figures_by_indicator[figure.indicator_id].append(figure)
    previous_returns: dict[tuple[int, int], Return] = {}
    for quarter in {ret.quarter for ret in returns}:
        before = previous_quarter(quarter)
        if before is not None:
            for earlier in Return.objects.filter(quarter=before, indicator_id__in=indicator_ids):
                previous_returns[(quarter.pk, earlier.indicator_id)] = earlier
    leads_by_area: dict[int, list[User]] = defaultdict(list)
    if with_leads:
        area_ids = {ret.indicator.service_area_id for ret in returns}
        for area_id, user in _leads_of_areas(area_ids):
            leads_by_area[area_id].append(user)
    today = timezone.localdate()
    rows = []
    for ret in returns:
        indicator = ret.indicator
        before = ret.period_end or (ret.quarter.end + datetime.timedelta(days=1))
        earlier = [figure for figure in figures_by_indicator[indicator.id] if figure.period_end < before]
        previous = earlier[-1] if earlier else None
        target = targets.get((indicator.id, ret.quarter.year_id))
        rating, change = rate_figures(
            indicator=indicator,
            current=ret,
            previous=previous,
            target=target,
            wording=indicator.committee.rag_scheme,
        )
        row = ReturnRow(
            ret=ret,
            target=target,
            previous=previous,
            history=[figure.value for figure in earlier if figure.value is not None],
            previous_return=previous_returns.get((ret.quarter_id, indicator.id)),
            rating=rating,
            change=change,
            problems=[],
            warnings=[],
            leads=leads_by_area.get(indicator.service_area_id, []),
            today=today,
        )
        row.problems = submission_problems(
            content=ret,
            number=indicator.number,
            unit=indicator.unit,
            decimals=indicator.decimals,
            rag_status=row.rag,
            target_display=row.target_display,
        )
        row.warnings = review_warnings(
            commentary=ret.commentary,
            previous_commentary=row.previous_return.commentary if row.previous_return else "",
            unit=indicator.unit,
            decimals=indicator.decimals,
            references=_references(ret, previous, target),
            history=row.history,
            previous_label=previous.period_label if previous else "",
        )
        rows.append(row)
    return rows


def _leads_of_areas(area_ids) -> list[tuple[int, User]]:
    """(area id, lead) for every active service lead of the areas (one query)."""
    through = User.service_areas.through
    links = through.objects.filter(servicearea_id__in=area_ids, user__is_active=True).select_related("user")
    return [(link.servicearea_id, link.user) for link in links.order_by("user__last_name", "user__first_name")]


def return_row(ret: Return) -> ReturnRow:
    return return_rows([ret], with_leads=True)[0]


@dataclass
class BoardGroup:
    area_name: str
    rows: list[ReturnRow]


@dataclass
class Board:
    quarter: Quarter
    groups: list[BoardGroup]
    counts: dict[str, int]
    total: int
    missing: int  # active indicators with no return yet

    @property
    def count_items(self) -> list[tuple[str, str, int]]:
        return [(state.value, state.label, self.counts.get(state.value, 0)) for state in BOARD_STATES]


def board_for(*, quarter: Quarter, committee: Committee | None = None) -> Board:
    """Every return of the quarter by service area, with counts by state that add up to the total.

    With a body, only its indicators' returns; without, every body's, each area named with its body.
    """
    from indicators.enums import IndicatorStatus
    from indicators.models import Indicator

    returns = _base_queryset().filter(quarter=quarter)
    indicators = Indicator.objects.filter(status=IndicatorStatus.ACTIVE)
    if committee is not None:
        returns = returns.filter(indicator__committee=committee)
        indicators = indicators.filter(committee=committee)
    returns = list(
        returns.select_related("indicator__committee").order_by(
            "indicator__committee__position",
            "indicator__committee__name",
            "indicator__service_area__name",
            "indicator__number",
        )
    )
    rows = return_rows(returns, with_leads=True)
    groups: list[BoardGroup] = []
    for row in rows:
        name = row.indicator.service_area.name
        if committee is None:
            name = f"{name} ({row.indicator.committee.name})"
        if not groups or groups[-1].area_name != name:
            groups.append(BoardGroup(name, []))
        groups[-1].rows.append(row)
    counts = {state.value: 0 for state in BOARD_STATES}
    for ret in returns:
        counts[ret.state] += 1
    with_return = {ret.indicator_id for ret in returns}
    missing = indicators.exclude(pk__in=with_return).count()
    return Board(quarter=quarter, groups=groups, counts=counts, total=len(returns), missing=missing)
