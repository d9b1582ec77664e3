"""Uploaded papers and tags: the paper check says whether a paper is tagged, cleaning keeps its tags, and
readiness warns about each untagged paper, naming it, with the fix."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports.selectors import agenda_items, pack_warnings
from reports.services.meetings import UNTAGGED_FIX, paper_check, paper_tagged
from tests.reports import workflow_factories
from tests.reports.tag_helpers import tagged_pdf_bytes
from tests.reports.workflow_factories import AgendaItemFactory, paper_attach, pdf_bytes

pytestmark = pytest.mark.django_db

ready_meeting = workflow_factories.ready_meeting


def _untagged_items(meeting):
    return [item for item in agenda_items(meeting=meeting) if item.is_uploaded_paper and item.has_paper]


def test_the_paper_check_says_a_tagged_paper_is_tagged_and_keeps_its_tags_when_it_cleans_it():
    checked = paper_check(name="finance.pdf", data=tagged_pdf_bytes())

    cleaned = PdfReader(io.BytesIO(checked.data))
    assert checked.tagged is True
    assert paper_tagged(cleaned)
    assert cleaned.trailer["/Root"]["/Lang"] == "en-GB"
    heading = cleaned.trailer["/Root"]["/StructTreeRoot"]["/K"]["/K"][0].get_object()
    assert heading["/S"] == "/H1" and heading["/Pg"].get_object() == cleaned.pages[0]


def test_the_paper_check_says_an_untagged_paper_is_not_tagged():
    checked = paper_check(name="finance.pdf", data=pdf_bytes())

    assert checked.tagged is False


def test_readiness_warns_about_an_untagged_paper_naming_it_with_the_fix(ready_meeting):
    item = AgendaItemFactory(meeting=ready_meeting, number=9, title="Finance Monitoring Report")
    paper_attach(item, pdf_bytes())

    warnings = [w for w in pack_warnings(meeting=ready_meeting) if w.message.startswith("Item 9 ")]

    assert [w.message for w in warnings] == [
        "Item 9 (Finance Monitoring Report): the uploaded paper “finance.pdf” is not tagged for screen readers, "
        f"so the pack cannot be fully accessible. {UNTAGGED_FIX}"
    ]
    assert warnings[0].url == reverse("agenda_item_upload", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk})
    assert "Document structure tags for accessibility" in UNTAGGED_FIX


def test_readiness_does_not_warn_about_a_tagged_paper(ready_meeting):
    for item in _untagged_items(ready_meeting):
        paper_attach(item, paper_check(name="finance.pdf", data=tagged_pdf_bytes()).data)

    assert pack_warnings(meeting=ready_meeting) == []


def test_governance_sees_the_warning_under_readiness_and_the_final_pack_is_not_blocked(ready_meeting, as_persona):
    item = AgendaItemFactory(meeting=ready_meeting, number=9, title="Finance Monitoring Report")
    paper_attach(item, pdf_bytes())

    page = as_persona("governance").get(reverse("meeting_detail", kwargs={"pk": ready_meeting.pk})).content.decode()

    assert 'id="readiness-warnings"' in page
    assert "Item 9 (Finance Monitoring Report): the uploaded paper “finance.pdf” is not tagged" in page
    assert "Upload a tagged paper for item 9" in page


@pytest.mark.parametrize("persona", ["member", "lead", "anonymous"])
def test_nobody_outside_governance_sees_the_readiness_warnings(ready_meeting, as_persona, persona):
    item = AgendaItemFactory(meeting=ready_meeting, number=9, title="Finance Monitoring Report")
    paper_attach(item, pdf_bytes())

    response = as_persona(persona).get(reverse("meeting_detail", kwargs={"pk": ready_meeting.pk}))

    assert "readiness-warnings" not in response.content.decode()
    assert "is not tagged for screen readers" not in response.content.decode()


@pytest.mark.parametrize("papers", [1, 3])
def test_the_warnings_read_the_stored_files_without_a_query(ready_meeting, django_assert_num_queries, papers):
    for number in range(papers):
        paper_attach(AgendaItemFactory(meeting=ready_meeting, number=20 + number), pdf_bytes())
    items = agenda_items(meeting=ready_meeting)

    with django_assert_num_queries(0):
        warnings = pack_warnings(meeting=ready_meeting, items=items)

    assert len([w for w in warnings if w.message.startswith("Item 2")]) == papers
