"""Reads: what cyp works out about each action on a given day, and what the pages show.

On a day ``on``, for each action:

- **latest approved progress**: the approved update with the latest ``date``
  on or before ``on`` (the day the progress is reported as at; when it was
  approved does not matter, so a report for a past meeting can be rebuilt);
- **status**: that update's status; with none, the action's recorded status;
- **overdue**: the due date is before ``on`` and the status is not complete
  (an action due on the day itself is not yet overdue; "ongoing" is never overdue);
- **no approved progress**: no approved update dated on or before ``on``, unless the action is
  still in its first stale period (set up at most ``CYP_PROGRESS_STALE_DAYS`` days before ``on``;
  ``plans.flags.has_no_progress``): a new action is not flagged on the day it is created;
- **stale**: the latest approved progress is more than
  ``settings.CYP_PROGRESS_STALE_DAYS`` (default 90) days before ``on``;
- **not SMART**: no owner, no due date or no measurable success criterion
  (``plans.smart``). It does not depend on the day.

A complete action carries no flag: nothing about it needs attention.

**Who sees which progress** has one home, ``progress_visible_to``: staff see
every approved update; committee members only the updates a published pack
locked (``plans.services.progress_lock``). For a member "latest approved
progress" above reads "latest published progress", and the status follows it:
an action with no published progress shows its recorded status only when no
approved progress is hidden from them (the recorded status is then the plan's
own, not one an update set); otherwise it is "Not started", because the status
that unpublished progress gave is not theirs to read yet.

Every function here runs a fixed number of queries whatever the number of
actions or updates; the plan page and the report are guarded by query-count tests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from cyp.audit import audit_events_for
from cyp.enums import ReviewAction, ReviewState
from cyp.models import Committee, Quarter, QuarterPublication
from cyp.workflow import review_actions_for
from indicators.selectors import IndicatorRow, quarter_rows, quarters_for
from plans.enums import STATUS_SLUG, ActionStatus, Flag, PlanSource
from plans.flags import has_no_progress, is_overdue, latest_on
from plans.models import Action, Plan, ProgressUpdate, Recommendation
from plans.smart import SmartCheck, smart_check


def stale_days() -> int:
    return settings.CYP_PROGRESS_STALE_DAYS


# --- Who sees which progress ------------------------------------------------------------------------


def progress_published_only(*, user) -> bool:
    """True when ``user`` sees only published progress (members); False for staff and for cyp itself (None)."""
    return user is not None and not user.has_perm("plans.view_unpublished_progress")


def progress_visible_to(*, user) -> QuerySet[ProgressUpdate]:
    """The approved progress ``user`` sees in plans: the one home of the rule (module docstring).

    Staff: every approved update. Members: only the approved updates a published
    pack locked. ``user=None`` is cyp itself (the pack's report, the reminders,
    the governance board): every approved update.
    """
    updates = ProgressUpdate.objects.filter(state=ReviewState.APPROVED)
    if progress_published_only(user=user):
        updates = updates.filter(locked=True)
    return updates


def _hidden_progress_exists() -> Exists:
    """The action has approved progress that no published pack has shown (a member's annotation)."""
    return Exists(ProgressUpdate.objects.filter(action=OuterRef("pk"), state=ReviewState.APPROVED, locked=False))


def _set_up_at() -> Subquery:
    """When the action was set up: its first history row (the admin, an import or a service wrote it)."""
    history = Action.history.model.objects.filter(id=OuterRef("pk")).order_by("history_date", "history_id")
    return Subquery(history.values("history_date")[:1])


def _set_up_on(action: Action) -> datetime.date | None:
    set_up_at = getattr(action, "set_up_at", None)
    return timezone.localtime(set_up_at).date() if set_up_at is not None else None


def _visible_progress(actions: QuerySet[Action], *, user) -> QuerySet[Action]:
    """Each action with ``approved_updates`` (newest first) as ``user`` may see them, ``set_up_at`` (for
    ``plans.flags.has_no_progress``), and for a member ``hides_progress``. No query of its own: a
    prefetch and annotations."""
    actions = actions.annotate(set_up_at=_set_up_at())
    actions = actions.prefetch_related(
        Prefetch(
            "progress_updates",
            queryset=progress_visible_to(user=user).select_related("state_changed_by").order_by("-date", "-id"),
            to_attr="approved_updates",
        )
    )
    if progress_published_only(user=user):
        actions = actions.annotate(hides_progress=_hidden_progress_exists())
    return actions


@dataclass
class ActionState:
    """One action as it stands on a day (see the module docstring)."""

    action: Action
    on: datetime.date
    latest: ProgressUpdate | None
    status: ActionStatus
    overdue: bool
    no_progress: bool
    stale: bool
    days_since_progress: int | None
    smart: SmartCheck
    stale_after: int
    #: Worked out from published progress only (a member's view): the flags say "published".
    published_only: bool = False

    @property
    def status_slug(self) -> str:
        return STATUS_SLUG[self.status]

    @property
    def is_complete(self) -> bool:
        return self.status == ActionStatus.COMPLETE

    @property
    def not_smart(self) -> bool:
        return not self.is_complete and not self.smart.is_smart

    @property
    def flags(self) -> list[tuple[Flag, str]]:
        """(flag, words) for each flag that applies, in a fixed order."""
        flags = []
        if self.overdue:
            flags.append((Flag.OVERDUE, f"Overdue: due {self.action.due_display}"))
        progress = "published" if self.published_only else "approved"
        if self.no_progress:
            flags.append((Flag.NO_PROGRESS, f"No {progress} progress"))
        if self.stale:
            flags.append((Flag.STALE, f"No {progress} progress for {self.days_since_progress} days"))
        if self.not_smart:
            flags.append((Flag.NOT_SMART, "Not SMART: " + ", ".join(self.smart.gaps)))
        return flags

    @property
    def needs_attention(self) -> bool:
        return bool(self.flags)


def action_state(
    *,
    action: Action,
    on: datetime.date,
    approved: list[ProgressUpdate],
    stale_after: int,
    published_only: bool = False,
) -> ActionState:
    """Works out the action's state from the approved updates the person sees (newest first). No
    queries when the action's indicators are prefetched.

    ``published_only``: the updates are a member's (published ones); the action's recorded status
    stands in for missing progress only when the action's ``hides_progress`` annotation is false.
    """
    latest = latest_on(approved, on)
    if latest is not None:
        status = ActionStatus(latest.status)
    elif published_only and getattr(action, "hides_progress", True):
        status = ActionStatus.NOT_STARTED
    else:
        status = ActionStatus(action.status)
    complete = status == ActionStatus.COMPLETE
    days = (on - latest.date).days if latest is not None else None
    return ActionState(
        action=action,
        on=on,
        latest=latest,
        status=status,
        overdue=is_overdue(due_date=action.due_date, on=on, done=complete),
        no_progress=has_no_progress(
            latest=latest, done=complete, on=on, set_up_on=_set_up_on(action), stale_after=stale_after
        ),
        stale=not complete and days is not None and days > stale_after,
        days_since_progress=days,
        smart=smart_check(
            has_owner=action.has_owner,
            due_date=action.due_date,
            success_criteria=list(action.success_criteria or []),
            linked_indicators=len(action.indicators.all()),
        ),
        stale_after=stale_after,
        published_only=published_only,
    )


def actions_with_state(actions: QuerySet[Action], *, on: datetime.date, user=None) -> list[ActionState]:
    """Each action with its state on the day, from the progress ``user`` sees (``progress_visible_to``;
    None: every approved update). Five queries."""
    actions = actions.select_related("recommendation", "responsible_user", "plan").prefetch_related(
        "indicators", "delegates"
    )
    actions = _visible_progress(actions, user=user)
    after = stale_days()
    published_only = progress_published_only(user=user)
    return [
        action_state(action=a, on=on, approved=a.approved_updates, stale_after=after, published_only=published_only)
        for a in actions
    ]


# --- Summary -----------------------------------------------------------------------------------------


@dataclass
class SummaryRow:
    """One status and how many of its actions carry each flag. The flags overlap the statuses."""

    label: str
    slug: str
    actions: int = 0
    overdue: int = 0
    no_progress: int = 0
    stale: int = 0
    not_smart: int = 0

    def add(self, state: ActionState) -> None:
        self.actions += 1
        self.overdue += state.overdue
        self.no_progress += state.no_progress
        self.stale += state.stale
        self.not_smart += state.not_smart


@dataclass
class Summary:
    rows: list[SummaryRow]
    total: SummaryRow


def plan_summary(states: list[ActionState]) -> Summary:
    """One row per status (complete, on track, at risk, off track, not started), and the total.

    Every action is in exactly one status row, so the rows add up to the total.
    The flag columns say how many actions of each status are overdue, have no
    approved progress, have none for the stale period or are not SMART; a
    complete action carries no flag.
    """
    rows = {status: SummaryRow(label=status.label, slug=STATUS_SLUG[status]) for status in ActionStatus}
    total = SummaryRow(label="Total", slug="total")
    for state in states:
        rows[state.status].add(state)
        total.add(state)
    return Summary(rows=list(rows.values()), total=total)


# --- Indicators and their RAG -------------------------------------------------------------------


def rag_quarter_for(*, on: datetime.date, committee: Committee, user=None) -> Quarter | None:
    """The quarter whose RAG an action's indicators show on a day, for the plan's body.

    The latest quarter that has ended by ``on``, preferring one that has been
    reported (published for the body, or open for returns) over one merely set up;
    for a person, only quarters they may see (members: those the body published).
    """
    quarters = (
        quarters_for(user=user, committee=committee)
        if user is not None
        else Quarter.objects.for_body(committee).select_related("year")
    )
    quarters = quarters.annotate(
        published_here=Exists(QuarterPublication.objects.filter(committee=committee, quarter=OuterRef("pk")))
    )
    ended = sorted((q for q in quarters if q.end <= on), key=lambda q: q.end, reverse=True)
    reported = [q for q in ended if q.published_here or q.is_open]
    return (reported or ended or [None])[0]


def indicator_rows_by_id(*, committee: Committee, quarter: Quarter | None, viewer=None) -> dict[int, IndicatorRow]:
    if quarter is None:
        return {}
    return {row.indicator.id: row for row in quarter_rows(committee=committee, quarter=quarter, viewer=viewer)}


# --- The plan page ----------------------------------------------------------------------------------


@dataclass
class RecommendationBlock:
    recommendation: Recommendation
    states: list[ActionState] = field(default_factory=list)
    indicator_rows: list[IndicatorRow] = field(default_factory=list)


@dataclass
class PlanView:
    plan: Plan
    on: datetime.date
    blocks: list[RecommendationBlock]
    summary: Summary
    quarter: Quarter | None
    stale_after: int
    #: A member's view: published progress only (``progress_visible_to``).
    published_only: bool = False

    @property
    def progress_word(self) -> str:
        """ "published" in a member's view, "approved" in staff's: how the page names the progress it shows."""
        return "published" if self.published_only else "approved"

    @property
    def states(self) -> list[ActionState]:
        return [state for block in self.blocks for state in block.states]


def plan_view(*, plan: Plan, on: datetime.date, user=None) -> PlanView:
    """The plan on a day: per recommendation its actions with their state and its indicators' RAG.

    Only approved progress is used, and for a person only what ``progress_visible_to`` lets them
    see (``user=None``: the pack's report, every approved update). The indicators of a
    recommendation are those linked to any of its actions, with their RAG for
    ``rag_quarter_for(on)``. A fixed number of queries whatever the size of the plan.
    """
    recommendations = list(plan.recommendations.order_by("number"))
    states = actions_with_state(Action.objects.filter(plan=plan).order_by("position", "id"), on=on, user=user)
    quarter = rag_quarter_for(on=on, committee=plan.committee, user=user)
    rows = (
        indicator_rows_by_id(committee=plan.committee, quarter=quarter, viewer=user)
        if any(state.action.indicators.all() for state in states)
        else {}
    )
    blocks = {rec.pk: RecommendationBlock(recommendation=rec) for rec in recommendations}
    for state in states:
        blocks[state.action.recommendation_id].states.append(state)
    for block in blocks.values():
        seen: dict[int, IndicatorRow] = {}
        for state in block.states:
            for indicator in state.action.indicators.all():
                if indicator.pk in rows:
                    seen.setdefault(indicator.pk, rows[indicator.pk])
        block.indicator_rows = sorted(seen.values(), key=lambda row: row.indicator.number)
    return PlanView(
        plan=plan,
        on=on,
        blocks=list(blocks.values()),
        summary=plan_summary(states),
        quarter=quarter,
        stale_after=stale_days(),
        published_only=progress_published_only(user=user),
    )


def plans_for_list(*, committee: Committee) -> QuerySet[Plan]:
    """Every plan of the body with its number of actions, current ones first (one query)."""
    return (
        Plan.objects.filter(committee=committee)
        .select_related("committee", "programme")
        .annotate(action_count=Count("actions"))
        .order_by("archived", "-plan_date", "title")
    )


def current_ofsted_plan(*, committee: Committee | None = None) -> Plan | None:
    """The body's current Ofsted plan: the latest by date that is not archived.

    Without a body (the command line, the plan report's default), the latest of any body.
    """
    plans = Plan.objects.filter(committee=committee) if committee is not None else Plan.objects.all()
    return (
        plans.filter(source=PlanSource.OFSTED_INSPECTION, archived=False)
        .select_related("committee")
        .order_by("-plan_date", "-id")
        .first()
    )


# --- Attention across plans (the governance board and the reminders) ------------------------------


def actions_needing_attention(*, on: datetime.date, committee: Committee | None = None, user=None) -> list[ActionState]:
    """Every action of a plan that is not archived and that carries a flag on the day, worked out
    from the progress ``user`` sees (None: every approved update, for the board and reminders).

    Ordered by plan, then overdue first, then by number. Five queries.
    """
    actions = Action.objects.filter(plan__archived=False).order_by("plan_id", "position", "id")
    if committee is not None:
        actions = actions.filter(plan__committee=committee)
    states = [state for state in actions_with_state(actions, on=on, user=user) if state.needs_attention]
    return sorted(states, key=lambda s: (s.action.plan_id, not s.overdue, s.action.position))


# --- One action's page -----------------------------------------------------------------------------


@dataclass
class TimelineEntry:
    update: ProgressUpdate
    events: list
    is_latest_approved: bool
    #: "approve", "return", "reopen", "withdraw": what the person may do now
    reviews: list[str] = field(default_factory=list)


def action_for_page(*, action_id: int, user=None) -> Action:
    """The action with ``approved_updates`` as ``user`` may see them (``progress_visible_to``).

    Raises Action.DoesNotExist.
    """
    actions = Action.objects.select_related("plan", "plan__committee", "recommendation", "responsible_user")
    return _visible_progress(actions.prefetch_related("indicators", "delegates", "findings"), user=user).get(
        pk=action_id
    )


def action_timeline(*, action: Action, user, latest: ProgressUpdate | None) -> list[TimelineEntry]:
    """The action's progress updates the person may see, newest first, each with its audit events.

    Those who write or review this action's progress see it all; everyone else the approved
    updates ``progress_visible_to`` lets them see (members: published ones only). The audit
    events are shown to staff (``plans.view_history``). Three queries.
    """
    if user.has_perm("plans.view_unapproved_progress", action):
        updates = ProgressUpdate.objects.filter(action=action)
    else:
        updates = progress_visible_to(user=user).filter(action=action)
    updates = updates.select_related("author", "state_changed_by")
    updates = list(updates.order_by("-date", "-id"))
    for update in updates:
        update.action = action  # the caller's action, with its delegates prefetched: no query per update
    events_by_update: dict[int, list] = {update.pk: [] for update in updates}
    if updates and user.has_perm("plans.view_history", action):
        for event in audit_events_for(*updates):
            events_by_update[event.target_id].append(event)
    reviews = {ReviewAction.APPROVE, ReviewAction.RETURN, ReviewAction.REOPEN, ReviewAction.WITHDRAW}
    return [
        TimelineEntry(
            update=update,
            events=events_by_update[update.pk],
            is_latest_approved=latest is not None and update.pk == latest.pk,
            reviews=[a.value for a in review_actions_for(obj=update, by=user) if a in reviews],
        )
        for update in updates
    ]


def open_update_for(*, action: Action) -> ProgressUpdate | None:
    """The action's update that is not yet approved (there is at most one)."""
    return ProgressUpdate.objects.filter(action=action).exclude(state=ReviewState.APPROVED).first()


def updates_awaiting_review(*, committee: Committee | None = None) -> QuerySet[ProgressUpdate]:
    updates = ProgressUpdate.objects.filter(state=ReviewState.SUBMITTED).select_related(
        "action", "action__plan", "author"
    )
    if committee is not None:
        updates = updates.filter(action__plan__committee=committee)
    return updates.order_by("state_changed_at", "id")


def actions_written_by(*, user) -> QuerySet[Action]:
    """The actions the person writes progress for: as responsible officer or delegate."""
    return (
        Action.objects.filter(Q(responsible_user=user) | Q(delegates=user), plan__archived=False)
        .distinct()
        .select_related("plan")
        .order_by("plan_id", "position")
    )
