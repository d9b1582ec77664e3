"""The scorecard in the pack: the PDF prints each measure's parts in order, the HTML escapes user text, and the
pack's input picks the scorecard for a body whose layout is a scorecard (and the performance report otherwise)."""

import datetime
import re

import pytest

from cyp.enums import ReportLayout
from reports.document import AgendaEntry, ItemKind, PackInput
from reports.enums import AgendaItemKind
from reports.render import pack_render
from reports.scorecard import scorecard_build
from reports.services.assembly import pack_input_build
from tests.reports.render_helpers import read_back
from tests.reports.scorecard_factories import HOSTILE, scorecard_body
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def scorecard_pack(scorecard) -> PackInput:
    entry = AgendaEntry(
        4,
        "4",
        "Decisions",
        "Corporate Parenting Scorecard",
        ItemKind.PERFORMANCE_REPORT,
        performance=scorecard.report,
        scorecard=scorecard,
    )
    return PackInput(
        committee_name="Corporate Parenting Board",
        council_name="Test County Council",
        meeting_date=datetime.date(2023, 9, 20),
        meeting_time="10:00",
        venue="New Shire Hall",
        clerk_name="A Clerk",
        quarter_label=scorecard.period_label,
        items=[entry],
    )


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            board, august = scorecard_body()
            scorecard = scorecard_build(committee=board, quarter=august)
            result = pack_render(pack=scorecard_pack(scorecard))
            transaction.set_rollback(True)
    return result


def in_order(text: str, pieces: list[str]) -> bool:
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        if found < 0:
            raise AssertionError(f"{piece!r} not found after position {position}: …{text[position : position + 300]}")
        position = found + len(piece)
    return True


def test_the_pdf_prints_each_measures_parts_in_order(rendered):
    text = read_back(rendered.pdf).text

    assert in_order(
        text,
        [
            "Scorecard: August 2023",
            "Summary",
            "Key",
            "Children in care",
            "Indicator 1: Children in care with an up-to-date health assessment",
            "Value (August 2023) 88.6% (124 of 140)",
            "August 2023, year to date 26.5% (35 of 132)",
            "Target 98.0%",
            "Variance 9.4 points below target",
            "RAG rating Amber",
            "Previous (July 2023) 91.0% · ↓ Declining",
            "Direction for improvement Higher is better",
            "Commentary",
            "<script>alert('scorecard')</script> & more",
            "Actions",
            "Chase the outstanding assessments.",
            "Indicator 2: Children in care per 10,000 children",
            "RAG rating Red",
            "Benchmarks",
            "Statistical neighbours 2022/23 48.0 +5.8% (better)",
            "East of England 2021/22 45.2 0.0% (the same)",
            "England 2022/23 70.0 +35.4% (better)",
            "Breakdown by age band",
            "Under 1 20.0",
            "Calculation",
            "277 over 12 months",
            "Indicator 3:",
            "Data from May 2023",
            "Care leavers",
            "Indicator 4: Care leavers in suitable accommodation",
            "Not available: the source system could not produce this figure (The case management system was being "
            "migrated). Not counted in the summary.",
            "Value (August 2023) Not available",
            "RAG rating Not available",
            "Indicator 5:",
            "RAG rating Green",
            "→ Unchanged",
        ],
    )


def test_the_pdf_bookmarks_each_measure_under_its_item(rendered):
    outline = [(level, title) for level, title, _page in read_back(rendered.pdf).outline()]

    assert (0, "4. Corporate Parenting Scorecard") in outline
    assert [title for level, title in outline if level == 1][:2] == [
        "Indicator 1: Children in care with an up-to-date health assessment",
        "Indicator 2: Children in care per 10,000 children",
    ]


def test_the_html_escapes_the_commentary_and_prints_every_status_in_words(rendered):
    html = rendered.html

    assert HOSTILE not in html
    assert "&lt;script&gt;alert(&#x27;scorecard&#x27;)&lt;/script&gt; &amp; more" in html
    assert "<script" not in html
    statuses = re.findall(r'<span class="rag rag-[a-z-]+">([^<]+)</span>', html)
    assert statuses == ["Amber", "Red", "Green", "Not available", "Green"]


def test_the_html_gives_each_measure_a_heading_and_captioned_tables_with_scoped_headers(rendered):
    html = rendered.html

    assert '<h5 id="item-4-indicator-1-title" dir="auto">Indicator 1: Children in care' in html
    assert "<caption>Measure 2: each comparator with its own period, and the gap from 45.2.</caption>" in html
    assert '<th scope="col">Gap</th><th scope="col">Source</th>' in html
    assert "<caption>Measure 2, August 2023, rolling 12 months: Age band</caption>" in html
    assert 'id="item-4-breakdown-2-0-title"' in html
    assert '<th scope="row">August 2023, year to date</th><td>26.5% (35 of 132)</td>' in html
    assert "Appendix 1: Performance Report" not in html


def test_the_pack_input_carries_the_scorecard_for_a_scorecard_body_and_not_otherwise():
    board, august = scorecard_body()
    meeting = MeetingFactory(committee=board, quarter=august, date=datetime.date(2023, 9, 20))
    AgendaItemFactory(meeting=meeting, kind=AgendaItemKind.PERFORMANCE_REPORT, title="Scorecard", number=4)

    entry = next(
        e for e in pack_input_build(meeting=meeting, draft=True).items if e.kind == ItemKind.PERFORMANCE_REPORT
    )
    assert entry.scorecard is not None
    assert entry.scorecard.report is entry.performance
    assert [m.entry.ref.number for m in entry.scorecard.measures] == [1, 2, 3, 4, 5]

    board.report_layout = ReportLayout.PERFORMANCE_REPORT
    board.save()
    entry = next(
        e for e in pack_input_build(meeting=meeting, draft=True).items if e.kind == ItemKind.PERFORMANCE_REPORT
    )
    assert entry.scorecard is None
    assert entry.performance is not None
