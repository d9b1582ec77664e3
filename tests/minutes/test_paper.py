"""The minutes action log in the next meeting's pack: the same rows as the minutes, in the PDF and the HTML."""

import datetime
import re

import pytest

from cyp.enums import ReviewState
from minutes.enums import LogStatus
from minutes.paper import action_log_paper
from reports.enums import AgendaItemKind, AgendaSection, BlockerKind
from reports.models import AgendaItem
from reports.render import pack_render
from reports.selectors import pack_readiness
from reports.services.assembly import pack_input_build
from tests.minutes.factories import ActionResponseFactory, MinuteActionFactory, MinuteItemFactory, MinutesFactory
from tests.reports.render_helpers import read_back, squash
from tests.reports.workflow_factories import MeetingFactory

pytestmark = pytest.mark.django_db

HOSTILE = 'Note <b>not bold</b> & <font color="red">not red</font> <script>alert(1)</script>'


@pytest.fixture
def log_item(october):
    return AgendaItem.objects.create(
        meeting=october,
        number=2,
        section=AgendaSection.CONSTITUTIONAL,
        kind=AgendaItemKind.ACTION_LOG,
        title="Children and Young People Committee Minutes 10 September 2024",
    )


@pytest.fixture
def march(committee):
    return MeetingFactory(committee=committee, date=datetime.date(2024, 3, 12))


@pytest.fixture
def log(march, minutes, minute, action, lead):
    """March's open action 203 with two approved responses (one after the meeting) and a draft; September's
    minute 225 with its action unanswered; a closed action of March that has left the log."""
    march_minute = MinuteItemFactory(minutes=MinutesFactory(meeting=march), number=203, title="Education Contracts")
    briefing = MinuteActionFactory(
        minute=march_minute, text="Undertook to provide a briefing note on the transport programme."
    )
    ActionResponseFactory(action=briefing, date=datetime.date(2024, 9, 12), text="Deferred until February 2025.")
    ActionResponseFactory(action=briefing, date=datetime.date(2024, 10, 20), text="Written after the meeting.")
    ActionResponseFactory(action=briefing, state=ReviewState.DRAFT, date=datetime.date(2024, 9, 20), text="A draft.")
    closed = MinuteActionFactory(minute=march_minute, text="An action closed in July.", position=1)
    ActionResponseFactory(action=closed, status=LogStatus.CLOSED, date=datetime.date(2024, 7, 1), text="Done.")
    return briefing


def test_the_paper_carries_the_last_minutes_and_the_log_as_at_the_meeting(october, log, minute):
    paper = action_log_paper(meeting=october)

    assert paper.previous.meeting_date == datetime.date(2024, 9, 10)
    assert [(item.number, item.title) for item in paper.previous.items] == [("225", "Education Capital Projects")]
    assert [group.meeting_date for group in paper.meetings] == [datetime.date(2024, 3, 12), datetime.date(2024, 9, 10)]
    march_row, september_row = (group.rows[0] for group in paper.meetings)
    assert (march_row.minute, march_row.response, march_row.response_date, march_row.flags) == (
        "203",
        "Deferred until February 2025.",
        datetime.date(2024, 9, 12),
        (),
    )
    assert (september_row.minute, september_row.response, september_row.flags) == (
        "225",
        "",
        ("Overdue: due 30 September 2024", "No approved response"),
    )
    assert len(paper.meetings[0].rows) == 1  # the closed action has left the log


def test_the_pack_prints_the_action_log_as_the_minutes_page_shows_it(october, log_item, log, minute):
    rendered = pack_render(pack=pack_input_build(meeting=october, draft=True))
    pdf = squash(read_back(rendered.pdf).text)

    assert "Children and Young People Committee – Minutes Action Log" in pdf
    assert "Minutes – 12 March 2024" in pdf and "Minutes – 10 September 2024" in pdf
    assert "Deferred until February 2025." in pdf
    assert "Overdue: due 30 September 2024" in pdf
    assert "Written after the meeting." not in pdf and "A draft." not in pdf and "An action closed" not in pdf
    assert "225. Education Capital Projects" in pdf

    html = rendered.html
    table = html[html.index("<caption>Actions of the minutes of 12 March 2024") :]
    table = table[: table.index("</table>")]
    assert re.search(r'<th scope="row">203\.</th>\s*<td dir="auto">Education Contracts</td>', table)
    assert "Deferred until February 2025." in table
    assert html.count('<th scope="col">Response</th>') == 2
    assert "Written after the meeting." not in html and "A draft." not in html


def test_typed_markup_prints_as_typed_in_the_pdf_and_is_escaped_in_the_html(october, log_item, minute, lead):
    action = MinuteActionFactory(minute=minute, text=HOSTILE)
    ActionResponseFactory(action=action, text=HOSTILE)

    rendered = pack_render(pack=pack_input_build(meeting=october, draft=True))

    assert 'Note <b>not bold</b> & <font color="red">not red</font>' in squash(read_back(rendered.pdf).text)
    assert "<script>alert(1)</script>" not in rendered.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered.html


def test_long_responses_and_actions_lay_out_in_full(october, log_item, minute):
    long_text = " ".join(f"Sentence {n} of a long officer response about school transport." for n in range(90))
    assert len(long_text) > 5000
    for number in range(3):
        action = MinuteActionFactory(minute=minute, text=long_text, position=number)
        ActionResponseFactory(action=action, text=long_text)

    rendered = pack_render(pack=pack_input_build(meeting=october, draft=True))

    pdf = squash(read_back(rendered.pdf).text)
    assert "Minute 225: response as at 30 September 2024 (continued)" in pdf
    assert pdf.count("Sentence 89 of a long officer response") == 6  # each action and response, in full
    assert rendered.page_count > 4


def test_readiness_blocks_an_action_log_item_with_nothing_to_print(october, log_item):
    blockers = [b for b in pack_readiness(meeting=october) if b.kind == BlockerKind.ACTION_LOG_EMPTY]

    assert [b.message for b in blockers] == [
        "Item 2 (Children and Young People Committee Minutes 10 September 2024): the body has no earlier minutes "
        "and no minute actions to print. Write the last meeting's minutes, or change the item's kind."
    ]
    assert blockers[0].url == f"/bodies/{october.committee.slug}/action-log/"


def test_readiness_passes_once_there_is_something_to_print(october, log_item, minute):
    assert [b for b in pack_readiness(meeting=october) if b.kind == BlockerKind.ACTION_LOG_EMPTY] == []
