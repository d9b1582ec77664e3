"""The demo's minutes of 10 September 2024 and the Minutes Action Log, as printed in the pack of 8 October 2024."""

import datetime

import pytest
from django.db import transaction

from cyp.demo import demo_load
from minutes.enums import MinutesState
from minutes.models import ActionResponse, MinuteAction, MinuteItem, Minutes
from minutes.paper import action_log_paper
from reports.enums import AgendaItemKind
from reports.models import AgendaItem, Meeting

OCTOBER = datetime.date(2024, 10, 8)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        committee = demo_load()
        yield committee
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_minutes_of_10_september_are_loaded_as_printed(demo):
    minutes = Minutes.objects.get(meeting__committee=demo, meeting__date=datetime.date(2024, 9, 10))

    assert minutes.state == MinutesState.DRAFT
    assert minutes.times == "2.00 pm - 3.29 pm"
    items = list(minutes.items.order_by("number"))
    assert [item.number for item in items] == [221, 222, 223, 224, 225, 226, 227]
    assert items[2].title == "Minutes - 25 June 2024 and minutes action log"
    assert items[2].text == (
        "The minutes of the meeting on 25 June 2024 were approved as an accurate record. "
        "The minutes action log was noted."
    )
    assert items[4].decisions.startswith("It was resolved unanimously:\n\na) to retrospectively award")
    june = Minutes.objects.get(meeting__committee=demo, meeting__date=datetime.date(2024, 6, 25))
    assert (june.state, june.approved_on) == (MinutesState.APPROVED, datetime.date(2024, 9, 10))


def test_the_action_log_of_the_pack_of_8_october_is_the_published_one(demo):
    paper = action_log_paper(meeting=Meeting.objects.get(committee=demo, date=OCTOBER))

    assert paper.purpose == (
        "To capture the actions recorded in the minutes of Children and Young People Committee meetings and "
        "report responses."
    )
    printed = [
        (group.meeting_date.isoformat(), row.minute, row.report_title, row.officer, row.status)
        for group in paper.meetings
        for row in group.rows
    ]
    assert printed == [
        ("2024-03-12", "203", "Education Contracts", "Sarah Callaghan", "Ongoing"),
        ("2024-03-12", "206", "Finance Monitoring Report January 2024", "Sarah Callaghan", "On-going"),
        ("2024-03-12", "206", "Finance Monitoring Report January 2024", "Sarah Callaghan", "On-going"),
        ("2024-06-25", "216", "Finance Monitoring Report - Outturn", "Sarah Callaghan", "Ongoing"),
        ("2024-09-10", "225", "Education Capital Projects", "Sarah Callaghan", "See action 206"),
        ("2024-09-10", "226", "Children, Education and Families Risk Report", "Sarah Callaghan", "See action 203"),
    ]
    assert (
        paper.meetings[0]
        .rows[1]
        .response.endswith(
            "and opened this September. Previous reports have been to Committee explaining that this campus would be "
            "split into two separate projects and it was agreed the Special School would be delivered first)."
        )
    )
    assert paper.previous.meeting_date == datetime.date(2024, 9, 10) and len(paper.previous.items) == 7


def test_the_8_october_agenda_carries_the_minutes_item(demo):
    item = AgendaItem.objects.get(meeting__committee=demo, meeting__date=OCTOBER, number=2)

    assert (item.kind, item.title) == (
        AgendaItemKind.ACTION_LOG,
        "Children and Young People Committee Minutes 10 September 2024",
    )
    assert not item.has_cover_sheet


def test_loading_the_demo_again_changes_nothing(demo):
    counts = [model.objects.count() for model in (Minutes, MinuteItem, MinuteAction, ActionResponse, Meeting)]

    demo_load()

    assert [model.objects.count() for model in (Minutes, MinuteItem, MinuteAction, ActionResponse, Meeting)] == counts
    assert counts[2:4] == [6, 6]
