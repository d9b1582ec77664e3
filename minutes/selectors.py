"""Reads: the minutes of a meeting, and the action log as it stands on a day.

On a day ``on``, for each minute action (the rules are ``plans.flags``, shared with
improvement-plan actions):

- **latest approved response**: the approved response with the latest ``date`` on or
  before ``on``;
- **status**: that response's status; with none, the action's recorded status;
- **overdue**: due before ``on`` and neither completed nor closed;
- **no approved response**: neither completed nor closed, and no approved response
  dated on or before ``on``.

A closed action has left the log: the log lists open, in-progress and completed ones
unless asked for another status. Every function here runs a fixed number of queries
whatever the number of minutes, actions or responses.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from cyp.audit import audit_events_for
from cyp.enums import ReviewAction, ReviewState
from cyp.models import Committee
from cyp.workflow import review_actions_for
from minutes.enums import DONE_STATUSES, ON_LOG_STATUSES, STATUS_SLUG, LogStatus
from minutes.models import ActionResponse, MinuteAction, MinuteItem, Minutes
from plans.enums import Flag
from plans.flags import has_no_progress, is_overdue, latest_on
from reports.models import Meeting


@dataclass
class ActionLogRow:
    """One minute action as it stands on a day (see the module docstring)."""

    action: MinuteAction
    on: datetime.date
    latest: ActionResponse | None
    status: LogStatus
    overdue: bool
    no_response: bool

    @property
    def minute(self) -> MinuteItem:
        return self.action.minute

    @property
    def meeting(self) -> Meeting:
        return self.action.minute.minutes.meeting

    @property
    def status_slug(self) -> str:
        return STATUS_SLUG[self.status]

    @property
    def status_display(self) -> str:
        """The status in words: the log's own word ("See action 206") while it describes the recorded
        status, else the status's label."""
        printed = self.action.status_as_printed.strip()
        return printed if printed and self.status == self.action.status else self.status.label

    @property
    def flags(self) -> list[tuple[Flag, str]]:
        """(flag, words) for each flag that applies, in the order plan actions print them."""
        flags = []
        if self.overdue:
            flags.append((Flag.OVERDUE, f"Overdue: due {self.action.due_display}"))
        if self.no_response:
            flags.append((Flag.NO_PROGRESS, "No approved response"))
        return flags

    @property
    def flag_words(self) -> list[str]:
        return [words for _, words in self.flags]


def _approved_responses() -> Prefetch:
    return Prefetch(
        "responses",
        queryset=ActionResponse.objects.filter(state=ReviewState.APPROVED)
        .select_related("state_changed_by")
        .order_by("-date", "-id"),
        to_attr="approved_responses",
    )


def actions_for_log() -> QuerySet[MinuteAction]:
    """Minute actions with their minute, meeting, body, officer and approved responses (two queries)."""
    return MinuteAction.objects.select_related("minute__minutes__meeting__committee", "officer_user").prefetch_related(
        _approved_responses()
    )


def action_row(*, action: MinuteAction, on: datetime.date) -> ActionLogRow:
    """The action on the day, from its prefetched ``approved_responses`` (newest first). No query."""
    latest = latest_on(action.approved_responses, on)
    status = LogStatus(latest.status) if latest is not None else LogStatus(action.status)
    done = status in DONE_STATUSES
    return ActionLogRow(
        action=action,
        on=on,
        latest=latest,
        status=status,
        overdue=is_overdue(due_date=action.due_date, on=on, done=done),
        no_response=has_no_progress(latest=latest, done=done),
    )


def action_log_rows(
    *,
    on: datetime.date,
    committee: Committee | None = None,
    statuses: tuple[LogStatus, ...] | None = ON_LOG_STATUSES,
    before: datetime.date | None = None,
    overdue_only: bool = False,
) -> list[ActionLogRow]:
    """The actions of the body's minutes (every body's without one) on the day, oldest meeting first.

    ``statuses``: the statuses on the day to keep (None: all, closed ones too); ``before``:
    only actions of meetings held before that date (the pack's log); ``overdue_only``: only
    overdue ones (the reminders). Two queries.
    """
    actions = actions_for_log()
    if committee is not None:
        actions = actions.filter(minute__minutes__meeting__committee=committee)
    if before is not None:
        actions = actions.filter(minute__minutes__meeting__date__lt=before)
    actions = actions.order_by("minute__minutes__meeting__date", "minute__number", "position", "id")
    rows = [action_row(action=action, on=on) for action in actions]
    if statuses is not None:
        rows = [row for row in rows if row.status in statuses]
    if overdue_only:
        rows = [row for row in rows if row.overdue]
    return rows


@dataclass
class MeetingRows:
    meeting: Meeting
    rows: list[ActionLogRow] = field(default_factory=list)


def rows_by_meeting(rows: list[ActionLogRow]) -> list[MeetingRows]:
    """The rows grouped under their meeting ("Minutes – 12 March 2024"), in the rows' order."""
    groups: list[MeetingRows] = []
    for row in rows:
        if not groups or groups[-1].meeting.pk != row.meeting.pk:
            groups.append(MeetingRows(meeting=row.meeting))
        groups[-1].rows.append(row)
    return groups


# --- The minutes of a meeting ------------------------------------------------------------------------


@dataclass
class MinuteBlock:
    item: MinuteItem
    rows: list[ActionLogRow]


@dataclass
class MinutesView:
    minutes: Minutes | None
    blocks: list[MinuteBlock]
    on: datetime.date

    @property
    def rows(self) -> list[ActionLogRow]:
        return [row for block in self.blocks for row in block.rows]


def minutes_view(*, meeting: Meeting, on: datetime.date) -> MinutesView:
    """The meeting's minutes with every minute's actions as they stand on the day. Four queries."""
    minutes = Minutes.objects.filter(meeting=meeting).select_related("approved_at", "paper_uploaded_by").first()
    if minutes is None:
        return MinutesView(minutes=None, blocks=[], on=on)
    actions = actions_for_log().order_by("position", "id")
    items = list(
        MinuteItem.objects.filter(minutes=minutes)
        .order_by("number")
        .prefetch_related(Prefetch("actions", queryset=actions, to_attr="log_actions"))
    )
    blocks = []
    for item in items:
        item.minutes = minutes
        minutes.meeting = meeting
        blocks.append(MinuteBlock(item=item, rows=[action_row(action=a, on=on) for a in item.log_actions]))
    return MinutesView(minutes=minutes, blocks=blocks, on=on)


def later_meetings(*, meeting: Meeting) -> QuerySet[Meeting]:
    """The body's meetings after this one: those that may approve its minutes."""
    return Meeting.objects.filter(committee_id=meeting.committee_id, date__gt=meeting.date).order_by("date")


# --- One action's page -------------------------------------------------------------------------------


@dataclass
class TimelineEntry:
    response: ActionResponse
    events: list
    is_latest_approved: bool
    #: "approve", "return", "reopen", "withdraw": what the person may do now
    reviews: list[str] = field(default_factory=list)


def action_for_page(*, action_id: int) -> MinuteAction:
    """The action with its minute, meeting and approved responses. Raises MinuteAction.DoesNotExist."""
    return actions_for_log().get(pk=action_id)


def action_timeline(*, action: MinuteAction, user, latest: ActionResponse | None) -> list[TimelineEntry]:
    """The action's responses the person may see, newest first, each with its audit events for staff.

    The officer and the governance team see every response; everyone else the approved ones.
    """
    responses = ActionResponse.objects.filter(action=action)
    if not user.has_perm("minutes.view_unapproved_responses", action):
        responses = responses.filter(state=ReviewState.APPROVED)
    responses = list(responses.select_related("author", "state_changed_by").order_by("-date", "-id"))
    for response in responses:
        response.action = action
    events: dict[int, list] = {response.pk: [] for response in responses}
    if responses and user.has_perm("minutes.view_unapproved_responses", action):
        for event in audit_events_for(*responses):
            events[event.target_id].append(event)
    reviews = {ReviewAction.APPROVE, ReviewAction.RETURN, ReviewAction.REOPEN, ReviewAction.WITHDRAW}
    return [
        TimelineEntry(
            response=response,
            events=events[response.pk],
            is_latest_approved=latest is not None and response.pk == latest.pk,
            reviews=[a.value for a in review_actions_for(obj=response, by=user) if a in reviews],
        )
        for response in responses
    ]


def open_response_for(*, action: MinuteAction) -> ActionResponse | None:
    """The action's response that is not yet approved (there is at most one)."""
    return ActionResponse.objects.filter(action=action).exclude(state=ReviewState.APPROVED).first()


def responses_awaiting_review(*, committee: Committee | None = None) -> QuerySet[ActionResponse]:
    responses = ActionResponse.objects.filter(state=ReviewState.SUBMITTED).select_related(
        "action__minute__minutes__meeting", "author"
    )
    if committee is not None:
        responses = responses.filter(action__minute__minutes__meeting__committee=committee)
    return responses.order_by("state_changed_at", "id")
