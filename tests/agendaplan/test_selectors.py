"""Reads of the agenda plan: the body's clear-day rules with the council's closure days, the plan by meeting."""

import datetime

from agendaplan.selectors import clear_day_rules, meeting_plan, plan_meetings
from cyp.models import NonWorkingDay
from tests.agendaplan.factories import PlannedItemFactory
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory

D = datetime.date


def test_the_one_off_bank_holidays_are_closure_days_after_migrating(db):
    assert set(NonWorkingDay.objects.values_list("date", flat=True)) >= {
        D(2022, 6, 3),
        D(2022, 9, 19),
        D(2023, 5, 8),
    }


def test_the_body_rules_read_the_closure_days(committee):
    NonWorkingDay.objects.create(date=D(2024, 10, 4), name="Council closure day")
    rules = clear_day_rules(committee=committee)
    assert rules.closed.name(D(2024, 10, 4)) == "Council closure day"
    assert rules.closed.name(D(2024, 12, 25)) == "Christmas Day"
    committee.clear_days_exclude_bank_holidays = False
    assert clear_day_rules(committee=committee).closed.name(D(2024, 12, 25)) is None


def test_an_item_planned_for_the_date_of_a_meeting_set_up_shows_under_it(committee, meeting):
    PlannedItemFactory(committee=committee, planned_date=meeting.date, title="Ofsted Action Plan")
    PlannedItemFactory(committee=committee, planned_date=D(2024, 11, 26), title="SEND Safety Valve Update")
    plan = plan_meetings(committee=committee, today=D(2024, 9, 1))
    assert [(entry.date, entry.meeting, [row.item.title for row in entry.rows]) for entry in plan] == [
        (D(2024, 10, 8), meeting, ["Ofsted Action Plan"]),
        (D(2024, 11, 26), None, ["SEND Safety Valve Update"]),
    ]


def test_the_meeting_part_counts_papers_still_missing(committee, meeting):
    AgendaItemFactory(meeting=meeting, number=7, title="Finance Monitoring Report – August 2024")
    part = meeting_plan(meeting=meeting, today=D(2024, 9, 27))
    assert part.warnings == [
        "Draft reports were due on Thursday 26 September 2024: the paper for item 7 (Finance Monitoring Report – "
        "August 2024) is still missing."
    ]


def test_another_body_plan_is_not_mixed_in(committee, meeting, other_body, quarter):
    MeetingFactory(committee=other_body, quarter=quarter, date=D(2024, 10, 8))
    PlannedItemFactory(committee=other_body, planned_date=D(2024, 10, 8), title="Fostering sufficiency")
    assert [row.item.title for entry in plan_meetings(committee=committee) for row in entry.rows] == []
