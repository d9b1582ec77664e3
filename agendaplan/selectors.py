"""Reads: a body's agenda plan by meeting, with each meeting's deadlines and each item's warnings.

A fixed number of queries whatever the plan's size (the page's query-count tests guard it):
the body's closure days, its planned items, its meetings in range, and the agenda items of
those meetings that still lack a paper.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from agendaplan.deadlines import (
    ClearDayRules,
    MeetingDeadlines,
    MissingPaper,
    key_decision_warning,
    meeting_deadlines_for,
)
from agendaplan.enums import OPEN_STATUSES, PlannedItemStatus
from agendaplan.models import PlannedItem
from cyp.calendar import ClosedDays
from cyp.models import Committee, NonWorkingDay
from reports.enums import AgendaItemKind
from reports.models import AgendaItem, Meeting


def clear_day_rules(*, committee: Committee) -> ClearDayRules:
    """The body's clear-day rules with the council's closure days (one query, none when bank holidays count)."""
    extra = {}
    if committee.clear_days_exclude_bank_holidays:
        extra = dict(NonWorkingDay.objects.values_list("date", "name"))
    return ClearDayRules(
        inspection_clear_days=committee.inspection_clear_days,
        key_decision_clear_days=committee.key_decision_clear_days,
        exclude_weekends=committee.clear_days_exclude_weekends,
        closed=ClosedDays(extra=extra, bank_holidays=committee.clear_days_exclude_bank_holidays),
    )


@dataclass(frozen=True)
class PlanRow:
    item: PlannedItem
    warnings: tuple[str, ...]


@dataclass
class PlanMeeting:
    """One meeting of the plan: set up (``meeting``) or only planned (its ``date``)."""

    date: datetime.date
    meeting: Meeting | None
    deadlines: MeetingDeadlines
    rows: list[PlanRow] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [*self.deadlines.warnings, *(warning for row in self.rows for warning in row.warnings)]

    @property
    def anchor(self) -> str:
        return f"meeting-{self.date.isoformat()}"

    @property
    def can_move_to_agenda(self) -> bool:
        return self.meeting is not None and any(
            row.item.is_open and row.item.agenda_item_id is None for row in self.rows
        )


def _deadline_dates(meeting: Meeting | None, date: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Draft reports due and despatch: the meeting's own rule, or its defaults for a meeting not set up yet."""
    source = meeting if meeting is not None else Meeting(date=date)
    return source.draft_due_date, source.despatch_date


def _missing_papers(meetings: list[Meeting]) -> dict[int, list[MissingPaper]]:
    missing: dict[int, list[MissingPaper]] = {}
    rows = (
        AgendaItem.objects.filter(meeting__in=meetings, kind=AgendaItemKind.UPLOADED_PAPER)
        .filter(Q(paper="") | Q(paper__isnull=True))
        .order_by("number")
        .values_list("meeting_id", "number", "title")
    )
    for meeting_id, number, title in rows:
        missing.setdefault(meeting_id, []).append(MissingPaper(number, title))
    return missing


def plan_meetings(
    *,
    committee: Committee,
    today: datetime.date | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    statuses=None,
) -> list[PlanMeeting]:
    """The body's plan by meeting, earliest first, from ``since`` to ``until`` (both included; open when None).

    Every meeting of the body in range is listed, with or without items; a planned date
    with no meeting set up is listed when an item is planned for it. An item planned for
    a date on which the body's meeting is now set up is shown under that meeting.
    ``statuses`` limits the items (every status when None).
    """
    today = today or timezone.localdate()
    rules = clear_day_rules(committee=committee)
    items = PlannedItem.objects.filter(committee=committee).select_related("meeting", "agenda_item")
    meetings_query = Meeting.objects.filter(committee=committee)
    if since is not None:
        items = items.filter(Q(meeting__date__gte=since) | Q(meeting__isnull=True, planned_date__gte=since))
        meetings_query = meetings_query.filter(date__gte=since)
    if until is not None:
        items = items.filter(Q(meeting__date__lte=until) | Q(meeting__isnull=True, planned_date__lte=until))
        meetings_query = meetings_query.filter(date__lte=until)
    if statuses is not None:
        items = items.filter(status__in=statuses)
    meetings = {meeting.date: meeting for meeting in meetings_query}
    missing = _missing_papers(list(meetings.values()))
    groups: dict[datetime.date, list[PlannedItem]] = {date: [] for date in meetings}
    for item in items.order_by("position", "id"):
        groups.setdefault(item.meeting_date, []).append(item)
    plan = []
    for date in sorted(groups):
        meeting = meetings.get(date)
        draft_due, despatch = _deadline_dates(meeting, date)
        group = groups[date]
        deadlines = meeting_deadlines_for(
            meeting_date=date,
            draft_due=draft_due,
            despatch=despatch,
            rules=rules,
            today=today,
            missing_papers=tuple(missing.get(meeting.pk, ())) if meeting else (),
            not_on_agenda=sum(1 for item in group if item.is_open),
            meeting_set_up=meeting is not None,
        )
        rows = []
        for item in group:
            warning = None
            if item.status != PlannedItemStatus.WITHDRAWN:
                warning = key_decision_warning(
                    key_decision=item.key_decision,
                    forward_plan_on=item.forward_plan_on,
                    deadlines=deadlines,
                    rules=rules,
                    today=today,
                )
            rows.append(PlanRow(item=item, warnings=(warning,) if warning else ()))
        plan.append(PlanMeeting(date=date, meeting=meeting, deadlines=deadlines, rows=rows))
    return plan


def meeting_plan(*, meeting: Meeting, today: datetime.date | None = None) -> PlanMeeting:
    """The meeting's part of its body's plan: its deadlines and warnings, for the meeting's page."""
    for entry in plan_meetings(committee=meeting.committee, today=today, since=meeting.date, until=meeting.date):
        if entry.date == meeting.date:
            return entry
    raise AssertionError("plan_meetings lists every meeting of the body in range")  # pragma: no cover


def item_for_body(*, committee: Committee, pk: int) -> PlannedItem | None:
    return PlannedItem.objects.filter(committee=committee, pk=pk).select_related("meeting", "committee").first()


def future_meetings(*, committee: Committee, today: datetime.date | None = None):
    """The body's meetings not yet held, earliest first: what an item can be planned for."""
    today = today or timezone.localdate()
    return Meeting.objects.filter(committee=committee, date__gte=today).order_by("date")


def open_items_for_meeting(*, meeting: Meeting) -> list[PlannedItem]:
    """The items planned for the meeting (or its date) not yet on its agenda, in the plan's order."""
    return list(
        PlannedItem.objects.filter(committee_id=meeting.committee_id, status__in=OPEN_STATUSES, agenda_item=None)
        .filter(Q(meeting=meeting) | Q(meeting__isnull=True, planned_date=meeting.date))
        .order_by("position", "id")
    )
