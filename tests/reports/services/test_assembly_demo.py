"""The demo: the meeting of 8 October 2024 as printed, ready to assemble as a draft at once."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from cyp.models import User
from reports.enums import AgendaItemKind, BlockerKind, BuildStatus
from reports.models import AgendaItem, Meeting
from reports.selectors import pack_readiness
from reports.services import files
from reports.services.assembly import pack_assemble, pack_build_create


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Meeting.objects.get()


def test_the_demo_meeting_is_the_one_printed_on_the_front_sheet(demo):
    assert (demo.date.isoformat(), demo.time_display, demo.quarter.label) == ("2024-10-08", "14:00", "2024/25-Q1")
    assert demo.venue == "Red Kite Room, New Shire Hall, Alconbury Weald, Huntingdon PE28 4YE"
    assert (demo.clerk_name, demo.clerk_telephone) == ("Tamar Oviatt-Ham", "01223 715668")
    assert demo.members[0] == "Councillor Bryony Goodliffe (Chair)"
    assert demo.members[-2:] == ["Dr Andy Stone (Appointee)", "Jon Young (Appointee)"]
    assert len(demo.members) == 17
    assert (demo.draft_due_date.isoformat(), demo.despatch_date.isoformat()) == ("2024-09-26", "2024-09-30")


def test_the_demo_agenda_holds_the_generated_papers_with_their_cover_sheets(demo):
    items = {item.number: item for item in demo.items.all()}

    assert {number: item.kind for number, item in items.items()} == {
        1: AgendaItemKind.NO_PAPER,
        3: AgendaItemKind.NO_PAPER,
        6: AgendaItemKind.IMPROVEMENT_PLAN_REPORT,
        7: AgendaItemKind.UPLOADED_PAPER,
        8: AgendaItemKind.PERFORMANCE_REPORT,
    }
    assert items[8].officer_name == "Richard Springbett"
    assert (items[8].green_blue_examples, items[8].red_examples) == ([8, 118], [3, 133])
    assert items[6].title == "Ofsted Action plan and update on Sector Led Improvement Programme"
    assert items[6].officer_name == "Denise Revens"
    assert items[7].officer_telephone == "01223 699733"


def test_loading_the_demo_twice_changes_nothing(demo):
    item = demo.items.get(number=8)
    item.red_examples = [3]
    item.save()

    call_command("load_demo", stdout=io.StringIO())

    assert Meeting.objects.count() == 1
    assert AgendaItem.objects.count() == 5
    assert AgendaItem.objects.get(number=8).red_examples == [3]  # the governance team's choice is kept


def test_the_demo_draft_assembles_at_once_and_its_blockers_are_listed(demo):
    governance = User.objects.get(username="governance")
    blockers = pack_readiness(meeting=demo)
    build = pack_build_create(meeting=demo, by=governance, draft=True)

    build = pack_assemble(build_id=build.pk)

    assert BlockerKind.PAPER_MISSING in [blocker.kind for blocker in blockers]
    assert build.status == BuildStatus.READY, build.failure_reason
    reader = PdfReader(files.absolute(build.pdf_path))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == build.page_count
    assert "New Shire Hall" in text
    assert "Indicator 117" in text
    assert "Finance Monitoring Report" in text
