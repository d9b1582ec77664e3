"""Deadlines and readiness: what the governance team sees before assembling the final pack."""

import datetime

import pytest
from django.urls import reverse

from cyp.enums import ReviewState
from indicators.enums import IndicatorStatus
from reports.enums import AgendaItemKind, AgendaSection, BlockerKind
from reports.selectors import meeting_deadlines, pack_readiness
from tests.reports import workflow_factories
from tests.reports.workflow_factories import (
    AgendaItemFactory,
    MeetingFactory,
    indicator_with_figures,
    return_for,
)

pytestmark = pytest.mark.django_db

# Fixtures shared by the workflow tests.
ready_meeting = workflow_factories.ready_meeting


def kinds(blockers):
    return [blocker.kind for blocker in blockers]


def test_deadlines_of_tuesday_8_october_2024_are_thursday_26_and_monday_30_september(committee, quarter):
    meeting = MeetingFactory(committee=committee, quarter=quarter, date=datetime.date(2024, 10, 8))

    deadlines = meeting_deadlines(meeting=meeting, today=datetime.date(2024, 9, 27))

    assert [(d.label, d.date, d.date.strftime("%A")) for d in deadlines] == [
        ("Draft reports due", datetime.date(2024, 9, 26), "Thursday"),
        ("Agenda despatched", datetime.date(2024, 9, 30), "Monday"),
        ("Committee meeting", datetime.date(2024, 10, 8), "Tuesday"),
    ]
    assert [d.when for d in deadlines] == ["1 day ago", "in 3 days", "in 11 days"]


def test_deadlines_follow_the_configured_offsets_and_start_with_the_returns_deadline(committee, quarter):
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.save()
    meeting = MeetingFactory(committee=committee, quarter=quarter, draft_due_days_before=14, despatch_days_before=7)

    deadlines = meeting_deadlines(meeting=meeting, today=datetime.date(2024, 9, 12))

    assert [(d.label, d.date) for d in deadlines] == [
        ("Returns due", datetime.date(2024, 9, 12)),
        ("Draft reports due", datetime.date(2024, 9, 24)),
        ("Agenda despatched", datetime.date(2024, 10, 1)),
        ("Committee meeting", datetime.date(2024, 10, 8)),
    ]
    assert deadlines[0].when == "today"


def test_readiness_of_a_complete_meeting_is_empty(ready_meeting):
    assert pack_readiness(meeting=ready_meeting) == []


def test_readiness_of_an_empty_agenda_says_so_with_a_link_to_add_an_item(committee, quarter):
    meeting = MeetingFactory(committee=committee, quarter=quarter)

    blockers = pack_readiness(meeting=meeting)

    assert kinds(blockers) == [BlockerKind.AGENDA_EMPTY]
    assert blockers[0].url == reverse("agenda_item_create", kwargs={"pk": meeting.pk})


def test_readiness_lists_a_return_not_approved_with_a_link_to_the_return(ready_meeting, quarter):
    ret = return_for(indicator=ready_meeting.committee.indicators.get(number=117), quarter=quarter)
    ret.state = ReviewState.SUBMITTED
    ret.save()

    blockers = pack_readiness(meeting=ready_meeting)

    assert kinds(blockers) == [BlockerKind.RETURN_NOT_APPROVED]
    assert "Indicator 117" in blockers[0].message
    assert "submitted, not approved" in blockers[0].message
    assert blockers[0].url == reverse("return_detail", kwargs={"pk": ret.pk})


def test_readiness_lists_an_indicator_without_a_return(ready_meeting, area, quarter):
    indicator_with_figures(
        committee=ready_meeting.committee, area=area, number=200, target="10.0", current="10.0", previous="9.0"
    )

    blockers = pack_readiness(meeting=ready_meeting)

    assert kinds(blockers) == [BlockerKind.RETURN_NOT_APPROVED]
    assert blockers[0].message.startswith("Indicator 200 (")
    assert "there is no return for Quarter 1 2024/25" in blockers[0].message


def test_readiness_lists_a_red_indicator_whose_return_has_no_actions(ready_meeting, quarter):
    red = ready_meeting.committee.indicators.get(number=3)
    return_for(indicator=red, quarter=quarter, commentary="Fell again.", actions="   ")

    blockers = pack_readiness(meeting=ready_meeting)

    assert kinds(blockers) == [BlockerKind.RED_WITHOUT_ACTIONS]
    assert blockers[0].message.startswith("Indicator 3 (")
    assert "is Red and its return has no actions" in blockers[0].message


def test_readiness_lists_a_paper_not_uploaded_with_a_link_to_upload_it(ready_meeting):
    item = AgendaItemFactory(meeting=ready_meeting, number=9, title="Agenda Plan")

    blockers = pack_readiness(meeting=ready_meeting)

    assert kinds(blockers) == [BlockerKind.PAPER_MISSING]
    assert blockers[0].message == "Item 9 (Agenda Plan): the paper has not been uploaded."
    assert blockers[0].url == reverse("agenda_item_upload", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk})


def test_readiness_lists_the_missing_cover_sheet_fields_by_name(ready_meeting):
    item = ready_meeting.items.get(number=8)
    item.recommendation = ""
    item.officer_email = ""
    item.save()

    blockers = pack_readiness(meeting=ready_meeting)

    assert kinds(blockers) == [BlockerKind.COVER_INCOMPLETE]
    assert blockers[0].message.endswith("the cover sheet has no Recommendation, Officer contact e-mail.")
    assert blockers[0].url == reverse("agenda_item_edit", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk})


def test_an_item_without_a_paper_needs_no_cover_sheet_or_upload(ready_meeting):
    AgendaItem = AgendaItemFactory._meta.model
    AgendaItem.objects.create(
        meeting=ready_meeting,
        number=1,
        section=AgendaSection.CONSTITUTIONAL,
        title="Apologies for absence and declarations of interest",
        kind=AgendaItemKind.NO_PAPER,
    )

    assert pack_readiness(meeting=ready_meeting) == []


def test_readiness_asks_for_examples_when_none_are_chosen(ready_meeting):
    item = ready_meeting.items.get(number=8)
    item.green_blue_examples = []
    item.red_examples = []
    item.save()

    blockers = pack_readiness(meeting=ready_meeting)

    assert kinds(blockers) == [BlockerKind.EXAMPLES_MISSING]
    assert "choose the Green or Blue and Red examples" in blockers[0].message


def test_readiness_refuses_an_example_whose_rating_does_not_match(ready_meeting):
    item = ready_meeting.items.get(number=8)
    item.green_blue_examples = [117, 3]
    item.red_examples = [3, 999]
    item.save()

    messages = [blocker.message for blocker in pack_readiness(meeting=ready_meeting)]

    assert messages == [
        "Indicator 3 is chosen as a Green or Blue example but is rated Red this quarter.",
        "Indicator 999 is chosen as a Red example but is not one of the committee's indicators.",
    ]


def test_readiness_needs_a_current_plan_for_the_improvement_plan_report(ready_meeting):
    AgendaItemFactory(
        meeting=ready_meeting, number=6, title="Ofsted Action plan", kind=AgendaItemKind.IMPROVEMENT_PLAN_REPORT
    )

    blockers = pack_readiness(meeting=ready_meeting)

    assert kinds(blockers) == [BlockerKind.PLAN_REPORT_UNAVAILABLE]
    assert blockers[0].url == reverse("plans:plan_list")


def test_readiness_ignores_returns_when_the_agenda_has_no_performance_report(committee, area, quarter):
    indicator_with_figures(committee=committee, area=area, number=3, target="50", current="10", previous="20")
    meeting = MeetingFactory(committee=committee, quarter=quarter)
    AgendaItemFactory(meeting=meeting, number=9, kind=AgendaItemKind.NO_PAPER, title="Petitions")

    assert pack_readiness(meeting=meeting) == []


def test_a_suspended_indicator_needs_no_return(ready_meeting, area):
    indicator_with_figures(
        committee=ready_meeting.committee,
        area=area,
        number=201,
        target="10.0",
        current="10.0",
        previous="9.0",
        status=IndicatorStatus.SUSPENDED,
    )

    assert pack_readiness(meeting=ready_meeting) == []
