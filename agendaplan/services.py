"""Writes for the agenda plan: add and change items, defer, withdraw, and move them onto an agenda.

Every write checks ``agendaplan.change_plan`` on the body, records its audit row
(``agenda_plan.*``) and changes status only through ``planned_item_transition``.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q

from agendaplan.enums import OPEN_STATUSES, PlannedItemStatus
from agendaplan.models import ITEM_FIELDS, PlannedItem
from cyp.audit import audit_record, changes_between
from cyp.enums import AuditAction
from reports.enums import AgendaItemKind, AgendaSection
from reports.models import AgendaItem, Meeting
from reports.services.meetings import agenda_item_save

Status = PlannedItemStatus

#: The moves of a planned item: action -> (statuses it may leave, status it reaches, audit action).
MOVES = {
    "defer": ((Status.PLANNED, Status.DEFERRED), Status.DEFERRED, AuditAction.AGENDA_PLAN_DEFER),
    "withdraw": ((Status.PLANNED, Status.DEFERRED), Status.WITHDRAWN, AuditAction.AGENDA_PLAN_WITHDRAW),
    "to_agenda": ((Status.PLANNED, Status.DEFERRED), Status.ON_AGENDA, AuditAction.AGENDA_PLAN_TO_AGENDA),
}


def _check(by, committee) -> None:
    if not by.has_perm("agendaplan.change_plan", committee):
        raise PermissionDenied("Only the governance team can change the agenda plan.")


def _values(item: PlannedItem) -> dict:
    return {name: getattr(item, name) for name in ITEM_FIELDS}


def values_before(item: PlannedItem) -> dict:
    return _values(item)


def planned_item_save(*, item: PlannedItem, by, before: dict | None = None) -> PlannedItem:
    """Validate and save an item, new or changed, and record ``agenda_plan.change`` with what changed.

    An item planned for a date on which the body's meeting is set up is linked to that meeting.
    An item already on the agenda, or withdrawn, is not changed here: its agenda item is.
    """
    _check(by, item.committee)
    if item.pk and item.status in (Status.ON_AGENDA, Status.WITHDRAWN):
        raise ValidationError(f"“{item.title}” is {item.get_status_display().lower()}: it can no longer be changed.")
    if item.meeting_id is None and item.planned_date is not None:
        item.meeting = Meeting.objects.filter(committee=item.committee, date=item.planned_date).first()
    if item.meeting_id is not None:
        item.planned_date = item.meeting.date
    if not item.pk and not item.position:
        item.position = (
            PlannedItem.objects.filter(committee=item.committee).aggregate(last=Max("position"))["last"] or 0
        ) + 1
    item.full_clean()
    with transaction.atomic():
        item.save()
        changes = changes_between(before or {}, _values(item))
        if changes:
            audit_record(action=AuditAction.AGENDA_PLAN_CHANGE, target=item, actor=by, changes=changes)
    return item


def planned_item_transition(
    *, item: PlannedItem, action: str, by, reason: str = "", new_date: datetime.date | None = None, agenda_item=None
) -> PlannedItem:
    """Move an item: defer it to ``new_date``, withdraw it, or mark it on the agenda (``agenda_item``).

    Steps: check permission; check the move in ``MOVES``; write with a compare-and-set on the
    status (zero rows: someone else moved it first, and a ValidationError says so); record
    the audit row with what changed and the reason. Deferring moves the item under the
    meeting set up on ``new_date``, if there is one, and keeps the date it came from.
    """
    _check(by, item.committee)
    allowed, target, audit_action = MOVES[action]
    if item.status not in allowed:
        raise ValidationError(
            f"“{item.title}” is {item.get_status_display().lower()}: it cannot be "
            f"{ {'defer': 'deferred', 'withdraw': 'withdrawn', 'to_agenda': 'put on the agenda'}[action] }."
        )
    old_status, old_date = item.status, item.meeting_date
    values: dict = {"status": target}
    if action in ("defer", "withdraw") and not reason.strip():
        raise ValidationError({"reason": "Give the reason, as the plan will show it."})
    if reason:
        values["status_reason"] = reason
    if action == "defer":
        if new_date is None or new_date <= old_date:
            raise ValidationError({"new_date": "Defer to a date after the meeting it is planned for."})
        meeting = Meeting.objects.filter(committee=item.committee, date=new_date).first()
        values.update(meeting=meeting, planned_date=new_date, deferred_from=old_date)
    if action == "to_agenda":
        values.update(agenda_item=agenda_item, meeting=agenda_item.meeting, planned_date=agenda_item.meeting.date)
    with transaction.atomic():
        moved = PlannedItem.objects.filter(pk=item.pk, status=old_status).update(**values)
        if not moved:
            raise ValidationError(f"“{item.title}” was changed by someone else meanwhile: open the plan again.")
        for name, value in values.items():
            setattr(item, name, value)
        changes = {"status": [old_status, target]}
        if action == "defer":
            changes["meeting_date"] = [old_date, new_date]
        if action == "to_agenda":
            changes["agenda_item"] = [None, str(agenda_item)]
        audit_record(action=audit_action, target=item, actor=by, changes=changes, comment=reason)
    return item


def _agenda_item_for(item: PlannedItem, *, meeting: Meeting, number: int) -> AgendaItem:
    return AgendaItem(
        meeting=meeting,
        number=number,
        section=AgendaSection.KEY_DECISIONS if item.key_decision else AgendaSection.DECISIONS,
        title=item.title,
        kind=AgendaItemKind.UPLOADED_PAPER,
        cover_to=meeting.committee.name,
        key_decision=item.key_decision,
        forward_plan_reference=item.forward_plan_label,
        officer_name=item.lead_officer_name,
        officer_post=item.lead_officer_post,
    )


def planned_items_to_agenda(*, meeting: Meeting, by) -> list[AgendaItem]:
    """Put every open item planned for the meeting onto its agenda, in the plan's order, in one step.

    Side effects: one ``reports.AgendaItem`` per item (title, lead officer, key decision and
    forward plan reference; a paper to upload), numbered after the agenda's last item, each
    recorded as ``agenda.change`` by ``reports.services.meetings.agenda_item_save``; each item
    becomes "on the agenda" (``agenda_plan.to_agenda``). The items are locked while this runs,
    so doing it twice, or twice at once, adds nothing twice. Returns the agenda items made.
    """
    _check(by, meeting.committee)
    made = []
    with transaction.atomic():
        items = list(
            PlannedItem.objects.select_for_update()
            .filter(committee_id=meeting.committee_id, status__in=OPEN_STATUSES, agenda_item=None)
            .filter(Q(meeting=meeting) | Q(meeting__isnull=True, planned_date=meeting.date))
            .order_by("position", "id")
        )
        number = max(AgendaItem.objects.filter(meeting=meeting).values_list("number", flat=True), default=0)
        for item in items:
            number += 1
            try:
                agenda_item = agenda_item_save(item=_agenda_item_for(item, meeting=meeting, number=number), by=by)
            except ValidationError as error:
                problems = "; ".join(error.messages)
                raise ValidationError(
                    f"“{item.title}” cannot go onto the agenda: {problems} Correct the item in the plan; "
                    "nothing was put on the agenda."
                ) from None
            planned_item_transition(item=item, action="to_agenda", by=by, agenda_item=agenda_item)
            made.append(agenda_item)
    return made
