"""The demo: the meeting of 8 October 2024 as printed, ready to assemble as a draft at once."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from cyp.models import User
from reports.demo import EXEMPT_NUMBER, MEETING_DATE
from reports.enums import AgendaItemKind, BlockerKind, BuildStatus
from reports.exempt import members_marking, public_notice
from reports.models import Meeting
from reports.selectors import pack_readiness
from reports.services import files
from reports.services.assembly import pack_assemble, pack_build_create


@pytest.fixture
def demo(db, settings, tmp_path):
    """The CYP Committee's meeting of 8 October 2024 (the demo has other bodies' meetings besides)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", stdout=io.StringIO())
    return Meeting.objects.get(committee__name="Children and Young People Committee", date=MEETING_DATE)


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

    # Items 2 (the action log) and 9 (the agenda plan) are the minutes' and the agenda plan's demo parts.
    assert {number: item.kind for number, item in items.items() if number not in (2, 9)} == {
        1: AgendaItemKind.NO_PAPER,
        3: AgendaItemKind.NO_PAPER,
        6: AgendaItemKind.IMPROVEMENT_PLAN_REPORT,
        7: AgendaItemKind.UPLOADED_PAPER,
        8: AgendaItemKind.PERFORMANCE_REPORT,
        10: AgendaItemKind.UPLOADED_PAPER,
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

    exempt = demo.items.get(number=EXEMPT_NUMBER)
    exempt.exempt_public_description = "Changed by the clerk"
    exempt.save()
    meetings, items, paper = Meeting.objects.count(), demo.items.count(), exempt.paper.name

    call_command("load_demo", stdout=io.StringIO())

    assert Meeting.objects.count() == meetings
    assert demo.items.count() == items
    assert demo.items.get(number=8).red_examples == [3]  # the governance team's choice is kept
    exempt = demo.items.get(number=EXEMPT_NUMBER)
    assert (exempt.exempt_public_description, exempt.paper.name) == ("Changed by the clerk", paper)


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


def test_the_demo_has_an_exempt_item_with_its_paper_and_public_description(demo):
    item = demo.items.get(number=EXEMPT_NUMBER)

    assert (item.exempt_paragraph, item.is_exempt, item.has_paper, item.paper_pages) == (3, True, True, 2)
    assert item.exempt_public_description.startswith("A report on the award of a contract")
    assert item.missing_cover_fields() == []


def test_the_demo_draft_has_a_members_and_a_public_pack(demo):
    governance = User.objects.get(username="governance")

    build = pack_assemble(build_id=pack_build_create(meeting=demo, by=governance, draft=True).pk)

    members = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(files.absolute(build.pdf_path)).pages
    )
    public = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(files.absolute(build.public_pdf_path)).pages
    )
    assert build.has_public_variant
    assert "Residential Placements Framework Contract" in members and members_marking(3) in members
    assert "Provider A: £5,840" in members
    assert "Residential Placements Framework" not in public and "5,840" not in public
    assert f"10. Exempt item {public_notice(3)} A report on the award of a contract" in public
