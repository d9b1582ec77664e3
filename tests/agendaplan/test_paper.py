"""The agenda plan paper: built from the plan, drawn in the PDF (read back with pypdf) and in the HTML."""

import datetime

import pytest

from agendaplan.enums import PlannedItemStatus
from agendaplan.paper import agenda_plan_paper_build
from reports.document import AgendaEntry, AgendaPlanMeeting, AgendaPlanPaper, AgendaPlanRow, ItemKind, PackInput
from reports.enums import AgendaItemKind, AgendaSection
from reports.render import pack_render
from reports.services.assembly import pack_input_build
from tests.agendaplan.factories import PlannedItemFactory
from tests.reports.render_helpers import read_back, squash
from tests.reports.workflow_factories import AgendaItemFactory

D = datetime.date


@pytest.fixture
def plan(committee, meeting):
    """The plan around the meeting of 8 October 2024: one item before it, two on it, three after."""
    PlannedItemFactory(committee=committee, planned_date=D(2024, 9, 10), title="Risk Management Report")
    PlannedItemFactory(
        committee=committee,
        planned_date=None,
        meeting=meeting,
        title="Quarterly Performance Report (Q1)",
        lead_officer_name="R Springbett",
    )
    PlannedItemFactory(
        committee=committee,
        planned_date=meeting.date,
        title="Healthy Child Programme Commissioning Approach",
        lead_officer_name="R Laksman",
        key_decision=True,
        forward_plan_reference="2024/070",
    )
    PlannedItemFactory(
        committee=committee,
        planned_date=D(2024, 11, 26),
        title="Childcare Access Funds & After School Clubs",
        lead_officer_name="A Brooker",
        key_decision=True,
        forward_plan_reference="2024/035",
        confidential=True,
    )
    PlannedItemFactory(
        committee=committee,
        planned_date=D(2025, 1, 14),
        title="SEND Safety Valve Update",
        lead_officer_name="S Callaghan",
        status=PlannedItemStatus.DEFERRED,
        deferred_from=D(2024, 11, 26),
    )
    PlannedItemFactory(
        committee=committee, planned_date=D(2025, 1, 14), title="Withdrawn paper", status=PlannedItemStatus.WITHDRAWN
    )


def test_the_paper_is_the_plan_from_the_meeting_on(meeting, plan):
    paper = agenda_plan_paper_build(meeting=meeting)
    assert [(m.date, m.draft_reports_due, m.agenda_despatch) for m in paper.meetings] == [
        (D(2024, 10, 8), D(2024, 9, 26), D(2024, 9, 30)),
        (D(2024, 11, 26), D(2024, 11, 14), D(2024, 11, 18)),
        (D(2025, 1, 14), D(2025, 1, 2), D(2025, 1, 6)),
    ]
    assert [(row.title, row.lead_officer, row.key_decision_reference) for row in paper.meetings[0].rows] == [
        ("Quarterly Performance Report (Q1)", "R Springbett", "Not applicable"),
        ("Healthy Child Programme Commissioning Approach", "R Laksman", "2024/070"),
    ]
    assert paper.meetings[1].rows[0].marks == "+"
    assert [row.title for row in paper.meetings[2].rows] == ["SEND Safety Valve Update"]
    assert paper.meetings[2].rows[0].note == "Deferred from 26 November 2024."
    assert paper.published_on == D(2024, 9, 2)


def test_the_pack_input_carries_the_paper_of_an_agenda_plan_item(meeting, plan):
    AgendaItemFactory(meeting=meeting, number=9, title="CYP Committee Agenda Plan", kind=AgendaItemKind.AGENDA_PLAN)
    (entry,) = pack_input_build(meeting=meeting, draft=True).items
    assert entry.kind == ItemKind.AGENDA_PLAN
    assert isinstance(entry.paper, AgendaPlanPaper)
    assert entry.cover is None  # printed without a cover sheet, as in seed 002


def _pack(paper: AgendaPlanPaper) -> PackInput:
    entry = AgendaEntry(
        item_id=9,
        number="9",
        section=AgendaSection.DECISIONS.label,
        title="CYP Committee Agenda Plan",
        kind=ItemKind.AGENDA_PLAN,
        paper=paper,
    )
    return PackInput(
        committee_name="Children and Young People Committee",
        council_name="Cambridgeshire County Council",
        meeting_date=D(2024, 10, 8),
        meeting_time="14:00",
        venue="Red Kite Room, New Shire Hall",
        clerk_name="Tamar Oviatt-Ham",
        items=[entry],
    )


def _paper(*rows: AgendaPlanRow) -> AgendaPlanPaper:
    return AgendaPlanPaper(
        committee_name="Children and Young People Committee",
        published_on=D(2024, 9, 2),
        notes=("* indicates items expected to be recommended for determination by full Council.",),
        meetings=(
            AgendaPlanMeeting(
                date=D(2024, 10, 8), draft_reports_due=D(2024, 9, 26), agenda_despatch=D(2024, 9, 30), rows=rows
            ),
        ),
    )


SEED_ROWS = (
    AgendaPlanRow("Quarterly Performance Report (Q1)", "R Springbett", "Not applicable"),
    AgendaPlanRow("Music Education Hub <b>Consortium</b> Agreement & more", "M Gunn", "2024/085", marks="*"),
)


def test_the_pdf_prints_the_plan_as_the_council_does():
    rendered = pack_render(pack=_pack(_paper(*SEED_ROWS)))
    text = read_back(rendered.pdf).text
    assert "Children and Young People Committee Agenda Plan" in text
    assert "Committee date Agenda item Lead officer Reference if key decision" in text
    assert "8 October 2024" in text and "26 September 2024" in text and "30 September 2024" in text
    assert "Music Education Hub <b>Consortium</b> Agreement & more *" in text  # markup printed as typed
    assert "2024/085" in text and "R Springbett" in text


def test_5000_character_titles_and_notes_lay_out_and_print_in_full():
    long_title = ("Re-Commissioning of Young People's Drug and Alcohol Treatment Services " * 70)[:5000]
    long_note = ("The consultation closes in December and officers will report the results. " * 70)[:5000]
    rows = tuple(AgendaPlanRow(long_title, "V Thomas", "Not applicable", note=long_note) for _ in range(3))
    rendered = pack_render(pack=_pack(_paper(*rows)))
    text = read_back(rendered.pdf).text
    assert "Continued after this table." in text
    assert text.count("Meeting of 8 October 2024: agenda item in full") == 3
    assert squash(long_note[-200:]) in text
    assert rendered.page_count >= 4


def test_the_html_is_a_table_with_a_caption_and_scoped_headers():
    html = pack_render(pack=_pack(_paper(*SEED_ROWS))).html
    assert "<caption>Items planned for each meeting" in html
    assert '<th scope="col">Reference if key decision</th>' in html
    assert '<th scope="row">8 October 2024</th>' in html
    assert "Music Education Hub &lt;b&gt;Consortium&lt;/b&gt; Agreement &amp; more" in html
    assert "(for determination by full Council)" in html
    assert "26 September 2024" in html


def test_a_plan_with_no_future_item_says_so():
    paper = AgendaPlanPaper(
        committee_name="Children and Young People Committee", published_on=None, notes=(), meetings=()
    )
    rendered = pack_render(pack=_pack(paper))
    assert "No items are planned for future meetings." in read_back(rendered.pdf).text
    assert "No items are planned for future meetings." in rendered.html
