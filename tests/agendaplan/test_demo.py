"""load_demo loads the CYP Committee's agenda plan from seed 002, faithfully, and item 9 of 8 October 2024."""

import datetime

import pytest

from agendaplan.demo import PLAN
from agendaplan.enums import PlannedItemStatus
from agendaplan.models import PlannedItem
from agendaplan.paper import agenda_plan_paper_build
from agendaplan.selectors import plan_meetings
from cyp.demo import demo_load
from reports.enums import AgendaItemKind
from reports.models import AgendaItem, Meeting

D = datetime.date


@pytest.fixture
def demo(db):
    return demo_load()


def test_every_meeting_and_item_of_the_seed_plan_is_loaded(demo):
    loaded = [
        (item.meeting_date, item.title, item.lead_officer_name, item.forward_plan_label)
        for item in PlannedItem.objects.filter(committee=demo).select_related("meeting").order_by("position")
    ]
    printed = [(date, title, officer, reference) for date, rows in PLAN for title, officer, reference in rows]
    assert loaded == printed
    assert len(loaded) == 26
    assert [date for date, _ in PLAN] == [
        D(2024, 10, 8),
        D(2024, 11, 26),
        D(2025, 1, 14),
        D(2025, 2, 25),
        D(2025, 6, 3),
    ]
    keys = PlannedItem.objects.filter(committee=demo, key_decision=True).values_list(
        "forward_plan_reference", flat=True
    )
    assert sorted(keys) == [
        "2024/035",
        "2024/039",
        "2024/070",
        "2024/085",
        "2025/004",
        "2025/010",
        "2025/011",
        "2025/012",
        "2025/013",
        "2025/014",
        "2025/015",
    ]


def test_the_items_on_the_8_october_agenda_are_linked_to_it(demo):
    items = PlannedItem.objects.filter(committee=demo, planned_date=D(2024, 10, 8)).select_related("agenda_item")
    on_agenda = {item.title: item.agenda_item.number for item in items if item.status == PlannedItemStatus.ON_AGENDA}
    assert on_agenda == {
        "Ofsted Action Plan": 6,
        "Finance Monitoring Report - August": 7,
        "Quarterly Performance Report (Q1)": 8,
    }


def test_the_meeting_of_8_october_gets_its_agenda_plan_item(demo):
    item = AgendaItem.objects.get(meeting__date=D(2024, 10, 8), number=9)
    assert (item.kind, item.title, item.missing_cover_fields()) == (
        AgendaItemKind.AGENDA_PLAN,
        "CYP Committee Agenda Plan",
        [],
    )


def test_the_demo_deadlines_are_the_printed_ones(demo):
    meeting = Meeting.objects.get(committee=demo, date=D(2024, 10, 8))
    paper = agenda_plan_paper_build(meeting=meeting)
    assert [(m.date, m.draft_reports_due, m.agenda_despatch) for m in paper.meetings] == [
        (D(2024, 10, 8), D(2024, 9, 26), D(2024, 9, 30)),
        (D(2024, 11, 26), D(2024, 11, 14), D(2024, 11, 18)),
        (D(2025, 1, 14), D(2025, 1, 2), D(2025, 1, 6)),
        (D(2025, 2, 25), D(2025, 2, 13), D(2025, 2, 17)),
        (D(2025, 6, 3), D(2025, 5, 22), D(2025, 5, 26)),
    ]
    june = plan_meetings(committee=demo, today=D(2024, 10, 1), since=D(2025, 6, 1))[0]
    assert june.deadlines.inspection_by == D(2025, 5, 23)
    assert june.warnings[0].startswith("Agenda despatch falls on Monday 26 May 2025, when the council is closed")


def test_loading_the_demo_again_changes_nothing(demo):
    before = list(PlannedItem.objects.order_by("pk").values())
    agenda = AgendaItem.objects.count()
    demo_load()
    after = list(PlannedItem.objects.order_by("pk").values())
    assert [{**row, "updated_at": None} for row in after] == [{**row, "updated_at": None} for row in before]
    assert AgendaItem.objects.count() == agenda


def test_every_demo_item_passes_the_checks_a_person_would_meet(demo):
    for item in PlannedItem.objects.filter(committee=demo).select_related("meeting"):
        item.full_clean()
    assert PlannedItem.objects.get(title="Corporate Parenting Strategy 2024").note == "via CPSC"
