"""Writes of the agenda plan: save, defer, withdraw, and into the agenda in one step."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from agendaplan.enums import PlannedItemStatus
from agendaplan.models import PlannedItem
from agendaplan.services import planned_item_save, planned_item_transition, planned_items_to_agenda
from cyp.audit import audit_events_for
from reports.enums import AgendaItemKind, AgendaSection
from reports.models import AgendaItem
from tests.agendaplan.factories import PlannedItemFactory
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory

D = datetime.date


def test_save_links_an_item_planned_for_the_date_of_a_meeting_set_up(committee, meeting, governance):
    item = PlannedItem(committee=committee, title="Ofsted Action Plan", lead_officer_name="M Purbrick")
    item.planned_date = meeting.date
    planned_item_save(item=item, by=governance)
    item.refresh_from_db()
    assert item.meeting == meeting
    [event] = audit_events_for(item)
    assert event.action == "agenda_plan.change"
    assert event.changes["title"] == [None, "Ofsted Action Plan"]


def test_save_is_refused_to_a_service_lead(committee, lead):
    item = PlannedItem(
        committee=committee, title="SEND update", lead_officer_name="S Callaghan", planned_date=D(2025, 1, 14)
    )
    with pytest.raises(PermissionDenied):
        planned_item_save(item=item, by=lead)
    assert not PlannedItem.objects.exists()


def test_save_refuses_an_item_without_meeting_or_date(committee, governance):
    item = PlannedItem(committee=committee, title="SEND update", lead_officer_name="S Callaghan")
    with pytest.raises(ValidationError, match="Choose the meeting, or the date it is planned for"):
        planned_item_save(item=item, by=governance)


def test_defer_moves_the_item_under_the_new_meeting_and_keeps_where_it_came_from(committee, quarter, governance):
    later = MeetingFactory(committee=committee, quarter=quarter, date=D(2025, 1, 14))
    item = PlannedItemFactory(committee=committee, planned_date=D(2024, 11, 26))
    planned_item_transition(
        item=item, action="defer", by=governance, reason="Awaiting DfE guidance", new_date=later.date
    )
    item.refresh_from_db()
    assert (item.status, item.meeting, item.meeting_date, item.deferred_from) == (
        PlannedItemStatus.DEFERRED,
        later,
        D(2025, 1, 14),
        D(2024, 11, 26),
    )
    [event] = audit_events_for(item)
    assert (event.action, event.comment) == ("agenda_plan.defer", "Awaiting DfE guidance")
    assert event.changes["meeting_date"] == ["2024-11-26", "2025-01-14"]


def test_defer_needs_a_later_date_and_a_reason(committee, governance):
    item = PlannedItemFactory(committee=committee, planned_date=D(2024, 11, 26))
    with pytest.raises(ValidationError, match="Defer to a date after"):
        planned_item_transition(item=item, action="defer", by=governance, reason="Later", new_date=D(2024, 11, 1))
    with pytest.raises(ValidationError, match="Give the reason"):
        planned_item_transition(item=item, action="defer", by=governance, reason=" ", new_date=D(2025, 1, 14))
    item.refresh_from_db()
    assert item.status == PlannedItemStatus.PLANNED


def test_withdrawn_item_cannot_move_again(committee, governance):
    item = PlannedItemFactory(committee=committee)
    planned_item_transition(item=item, action="withdraw", by=governance, reason="No longer needed")
    with pytest.raises(ValidationError, match="is withdrawn: it cannot be deferred"):
        planned_item_transition(item=item, action="defer", by=governance, reason="x", new_date=D(2025, 1, 14))


def test_a_stale_copy_loses_the_compare_and_set(committee, governance):
    item = PlannedItemFactory(committee=committee)
    stale = PlannedItem.objects.get(pk=item.pk)
    planned_item_transition(item=item, action="withdraw", by=governance, reason="No longer needed")
    with pytest.raises(ValidationError, match="changed by someone else meanwhile"):
        planned_item_transition(item=stale, action="defer", by=governance, reason="x", new_date=D(2025, 1, 14))
    stale.refresh_from_db()
    assert stale.status == PlannedItemStatus.WITHDRAWN


def test_items_go_onto_the_agenda_in_one_step_and_only_once(committee, meeting, governance):
    AgendaItemFactory(meeting=meeting, number=3, title="Petitions and Public Questions")
    key = PlannedItemFactory(
        committee=committee,
        planned_date=None,
        meeting=meeting,
        title="Healthy Child Programme Commissioning Approach",
        lead_officer_name="R Laksman",
        key_decision=True,
        forward_plan_reference="2024/070",
    )
    plain = PlannedItemFactory(committee=committee, planned_date=meeting.date, title="Ofsted Action Plan")
    withdrawn = PlannedItemFactory(committee=committee, planned_date=meeting.date, status=PlannedItemStatus.WITHDRAWN)

    made = planned_items_to_agenda(meeting=meeting, by=governance)
    again = planned_items_to_agenda(meeting=meeting, by=governance)

    assert [(item.number, item.title) for item in made] == [
        (4, "Healthy Child Programme Commissioning Approach"),
        (5, "Ofsted Action Plan"),
    ]
    assert again == []
    assert AgendaItem.objects.filter(meeting=meeting).count() == 3
    first = AgendaItem.objects.get(meeting=meeting, number=4)
    assert (first.section, first.kind, first.key_decision, first.forward_plan_reference, first.officer_name) == (
        AgendaSection.KEY_DECISIONS,
        AgendaItemKind.UPLOADED_PAPER,
        True,
        "2024/070",
        "R Laksman",
    )
    assert AgendaItem.objects.get(meeting=meeting, number=5).forward_plan_reference == "Not applicable"
    for item in (key, plain):
        item.refresh_from_db()
        assert item.status == PlannedItemStatus.ON_AGENDA and item.agenda_item is not None
    withdrawn.refresh_from_db()
    assert withdrawn.status == PlannedItemStatus.WITHDRAWN
    assert [event.action for event in audit_events_for(key)] == ["agenda_plan.to_agenda"]
    assert [event.action for event in audit_events_for(first)] == ["agenda.change"]


def test_into_the_agenda_is_refused_to_a_member(committee, meeting, member):
    PlannedItemFactory(committee=committee, planned_date=meeting.date)
    with pytest.raises(PermissionDenied):
        planned_items_to_agenda(meeting=meeting, by=member)
    assert not AgendaItem.objects.exists()


def test_an_item_on_the_agenda_is_changed_there_not_in_the_plan(committee, meeting, governance):
    item = PlannedItemFactory(committee=committee, planned_date=meeting.date)
    planned_items_to_agenda(meeting=meeting, by=governance)
    item.refresh_from_db()
    item.title = "Renamed"
    with pytest.raises(ValidationError, match="is on the agenda: it can no longer be changed"):
        planned_item_save(item=item, by=governance)


def test_an_item_the_agenda_would_refuse_stops_the_whole_step(committee, meeting, governance):
    PlannedItemFactory(committee=committee, planned_date=meeting.date, title="Ofsted Action Plan")
    PlannedItemFactory(committee=committee, planned_date=meeting.date, title="Finance Monitoring Report [Month]")
    with pytest.raises(ValidationError, match=r"“Finance Monitoring Report \[Month\]” cannot go onto the agenda"):
        planned_items_to_agenda(meeting=meeting, by=governance)
    assert not AgendaItem.objects.exists()
    assert set(PlannedItem.objects.values_list("status", flat=True)) == {PlannedItemStatus.PLANNED}
