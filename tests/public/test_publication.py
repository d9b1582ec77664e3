"""The whole path: the governance team publishes a real pack, and only then does the public see it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports.services import files
from reports.services.publishing import pack_publish
from tests.reports import workflow_factories
from tests.reports.workflow_factories import AgendaItemFactory

assemble = workflow_factories.assemble
ready_meeting = workflow_factories.ready_meeting

EXEMPT_TITLE = "Award of the residential placements contract to Provider X"
EXEMPT_SUMMARY = "Provider X bid 4.2 million pounds"


@pytest.fixture
def exempt_meeting(ready_meeting):
    AgendaItemFactory(
        meeting=ready_meeting,
        number=9,
        title=EXEMPT_TITLE,
        executive_summary=EXEMPT_SUMMARY,
        kind="no_paper",
        exempt_paragraph=3,
    )
    return ready_meeting


def _pdf_text(data: bytes) -> str:
    import io

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_nothing_is_public_until_the_pack_is_published(client, exempt_meeting, assemble):
    committee = exempt_meeting.committee
    assemble(exempt_meeting, draft=True)
    assemble(exempt_meeting, draft=False)

    meeting_url = reverse("public:meeting", kwargs={"committee": committee, "day": "2024-10-08"})
    assert client.get(meeting_url).status_code == 404
    assert client.get(reverse("public:figures_json", kwargs={"committee": committee})).status_code == 404
    indicators = client.get(reverse("public:indicators", kwargs={"committee": committee})).content.decode()
    assert "has not published any quarter" in indicators
    assert "85.0%" not in indicators


def test_a_published_pack_is_public_without_its_exempt_item(client, exempt_meeting, assemble, governance):
    committee = exempt_meeting.committee
    build = assemble(exempt_meeting, draft=False)
    version = pack_publish(build=build, by=governance)
    day = exempt_meeting.date.isoformat()

    page = client.get(reverse("public:meeting", kwargs={"committee": committee, "day": day})).content.decode()
    pdf = client.get(
        reverse("public:pack_file", kwargs={"committee": committee, "day": day, "number": 1, "extension": "pdf"})
    )
    html = client.get(
        reverse("public:pack_file", kwargs={"committee": committee, "day": day, "number": 1, "extension": "html"})
    )
    figures = client.get(reverse("public:figures_json", kwargs={"committee": committee})).json()

    assert "Children and Young People&#x27;s Corporate Performance Report" in page
    assert "exempt from publication under paragraph 3 of Part 1 of Schedule 12A" in page
    assert EXEMPT_TITLE not in page
    public_pdf = b"".join(pdf.streaming_content)
    assert public_pdf == files.read(version.public_pdf_path)
    assert public_pdf != files.read(version.pdf_path)
    assert EXEMPT_TITLE not in _pdf_text(public_pdf)
    assert EXEMPT_SUMMARY not in _pdf_text(public_pdf)
    public_html = b"".join(html.streaming_content).decode()
    assert EXEMPT_TITLE not in public_html and EXEMPT_SUMMARY not in public_html
    assert html["Content-Security-Policy"].startswith("default-src 'none'")
    assert [(figure["indicator"], figure["value"], figure["rag"]) for figure in figures["figures"]] == [
        (3, 30.0, "Red"),
        (8, 81.0, "Green"),
        (117, 85.0, "Blue"),
    ]
