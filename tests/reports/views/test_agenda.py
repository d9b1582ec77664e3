"""The governance team's forms: meetings, agenda items with the report's examples, and paper uploads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from cyp.models import AuditEvent
from reports.enums import AgendaItemKind, AgendaSection
from reports.models import AgendaItem, Meeting
from reports.services import files
from tests.reports import workflow_factories
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db

# Fixtures shared by the workflow tests.
ready_meeting = workflow_factories.ready_meeting


def meeting_form(quarter, **changes) -> dict:
    data = {
        "date": "2024-11-26",
        "time": "10:00",
        "venue": "Red Kite Room, New Shire Hall, Alconbury Weald, Huntingdon PE28 4YE",
        "quarter": quarter.pk,
        "clerk_name": "Tamar Oviatt-Ham",
        "clerk_email": "tamar.oviatt-ham@example.org",
        "clerk_telephone": "01223 715668",
        "membership": "Councillor Bryony Goodliffe (Chair)\nJon Young (Appointee)",
        "draft_due_days_before": "12",
        "despatch_days_before": "8",
    }
    return {**data, **changes}


# --- Meetings ----------------------------------------------------------------------------------------


def test_governance_adds_a_meeting_and_its_deadlines_follow(committee, quarter, governance, as_persona):
    response = as_persona("governance").post(reverse("meeting_create"), meeting_form(quarter))

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meeting_detail", kwargs={"pk": meeting.pk})
    assert (meeting.committee, meeting.members) == (
        committee,
        ["Councillor Bryony Goodliffe (Chair)", "Jon Young (Appointee)"],
    )
    assert (meeting.draft_due_date.isoformat(), meeting.despatch_date.isoformat()) == ("2024-11-14", "2024-11-18")
    assert AuditEvent.objects.get(action="meeting.change").actor == governance


def test_a_template_placeholder_in_the_venue_is_refused_and_what_was_typed_is_kept(committee, quarter, as_persona):
    response = as_persona("governance").post(
        reverse("meeting_create"), meeting_form(quarter, venue="Red Kite Room [Venue Address]")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Remove the template placeholder “[Venue Address]” and write the real text." in page
    assert 'value="Red Kite Room [Venue Address]"' in page
    assert "Jon Young (Appointee)" in page
    assert Meeting.objects.count() == 0


def test_drafts_due_after_despatch_are_refused_naming_the_fix(committee, quarter, as_persona):
    response = as_persona("governance").post(
        reverse("meeting_create"), meeting_form(quarter, draft_due_days_before="5", despatch_days_before="8")
    )

    assert "Draft reports must be due before the agenda is despatched: make this at least 8 days (you entered 5)." in (
        response.content.decode()
    )
    assert Meeting.objects.count() == 0


def test_a_second_meeting_on_the_same_day_is_refused(committee, quarter, as_persona):
    MeetingFactory(committee=committee, quarter=quarter, date="2024-11-26")

    response = as_persona("governance").post(reverse("meeting_create"), meeting_form(quarter))

    assert response.status_code == 200
    assert Meeting.objects.count() == 1
    assert "The committee already meets on this date: choose another date" in response.content.decode()


def test_governance_changes_a_meeting_and_the_change_is_audited(ready_meeting, quarter, as_persona):
    response = as_persona("governance").post(
        reverse("meeting_edit", kwargs={"pk": ready_meeting.pk}), meeting_form(quarter, date="2024-10-08", time="10:00")
    )

    ready_meeting.refresh_from_db()
    assert response.status_code == 302
    assert ready_meeting.time_display == "10:00"
    assert (
        AuditEvent.objects.get(action="meeting.change").changes
        == {
            "time": ["14:00:00", "10:00:00"],
            "clerk_email": ["tamar.oviatt-ham@example.org", "tamar.oviatt-ham@example.org"],
        }
        or "time" in AuditEvent.objects.get(action="meeting.change").changes
    )


@pytest.mark.parametrize("persona", ["member", "lead"])
def test_others_cannot_change_a_meeting(ready_meeting, quarter, persona, as_persona):
    response = as_persona(persona).post(
        reverse("meeting_edit", kwargs={"pk": ready_meeting.pk}), meeting_form(quarter, venue="Elsewhere")
    )

    ready_meeting.refresh_from_db()
    assert response.status_code == 403
    assert ready_meeting.venue.startswith("Red Kite Room")


# --- Agenda items --------------------------------------------------------------------------------------


def item_form(**changes) -> dict:
    data = {
        "section": AgendaSection.KEY_DECISIONS,
        "number": "4",
        "title": "Healthy Child Programme Commissioning Approach",
        "kind": AgendaItemKind.UPLOADED_PAPER,
        "note": "",
        "cover_to": "Children and Young People Committee",
        "cover_from": "Director of Public Health",
        "electoral_divisions": "All",
        "key_decision": "on",
        "forward_plan_reference": "2024/067",
        "executive_summary": "The commissioning approach for the Healthy Child Programme.",
        "recommendation": "The Committee is asked to approve the approach.",
        "officer_name": "Raj Lakshman",
        "officer_post": "Public Health Consultant",
        "officer_email": "raj.lakshman@example.org",
        "officer_telephone": "",
    }
    return {**data, **changes}


def test_governance_adds_an_agenda_item_with_its_cover_sheet(ready_meeting, governance, as_persona):
    response = as_persona("governance").post(
        reverse("agenda_item_create", kwargs={"pk": ready_meeting.pk}), item_form()
    )

    item = ready_meeting.items.get(number=4)
    assert response.status_code == 302
    assert (item.section, item.key_decision, item.forward_plan_reference) == ("key_decisions", True, "2024/067")
    assert item.cover_sheet().key_decision == "Yes"
    assert item.cover_sheet().meeting_date == ready_meeting.date
    assert AuditEvent.objects.get(action="agenda.change").target_id == item.pk


def test_an_item_number_already_on_the_agenda_is_refused(ready_meeting, as_persona):
    response = as_persona("governance").post(
        reverse("agenda_item_create", kwargs={"pk": ready_meeting.pk}), item_form(number="8")
    )

    assert response.status_code == 200
    assert "Another item of this agenda has this number: choose another number." in response.content.decode()
    assert ready_meeting.items.filter(number=8).count() == 1


def test_the_examples_offered_are_the_indicators_with_that_rating(ready_meeting, as_persona):
    item = ready_meeting.items.get(number=8)

    page = (
        as_persona("governance")
        .get(reverse("agenda_item_edit", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk}))
        .content.decode()
    )

    green_blue = page[page.index("Examples of Green and Blue commentary") : page.index("Examples of Red commentary")]
    red = page[page.index("Examples of Red commentary") :]
    assert "Indicator 117:" in green_blue and "Indicator 8:" in green_blue and "Indicator 3:" not in green_blue
    assert "Indicator 3:" in red and "Indicator 117:" not in red


def test_governance_chooses_the_examples_of_the_performance_report(ready_meeting, as_persona):
    item = ready_meeting.items.get(number=8)
    data = item_form(
        section=AgendaSection.DECISIONS,
        number="8",
        title=item.title,
        kind=AgendaItemKind.PERFORMANCE_REPORT,
        green_blue_examples=["8", "117"],
        red_examples=["3"],
    )

    response = as_persona("governance").post(
        reverse("agenda_item_edit", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk}), data
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.green_blue_examples, item.red_examples) == ([8, 117], [3])


def test_an_example_with_another_rating_cannot_be_chosen(ready_meeting, as_persona):
    item = ready_meeting.items.get(number=8)
    data = item_form(number="8", kind=AgendaItemKind.PERFORMANCE_REPORT, red_examples=["117"])

    response = as_persona("governance").post(
        reverse("agenda_item_edit", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk}), data
    )

    item.refresh_from_db()
    assert response.status_code == 200
    assert "Select a valid choice. 117 is not one of the available choices." in response.content.decode()
    assert item.red_examples == [3]


@pytest.mark.parametrize("persona", ["member", "lead", "other_lead"])
def test_others_cannot_change_the_agenda(ready_meeting, persona, as_persona):
    item = ready_meeting.items.get(number=7)

    response = as_persona(persona).post(
        reverse("agenda_item_edit", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk}),
        item_form(number="7", title="Changed"),
    )

    item.refresh_from_db()
    assert response.status_code == 403
    assert item.title == "Finance Monitoring Report – August 2024"


# --- Papers ------------------------------------------------------------------------------------------


@pytest.fixture
def paper_item(ready_meeting):
    return AgendaItemFactory(meeting=ready_meeting, number=9, title="Agenda Plan and Training Plan")


def upload(client, item, name, data, content_type="application/pdf"):
    url = reverse("agenda_item_upload", kwargs={"pk": item.meeting_id, "item_pk": item.pk})
    return client.post(url, {"paper": SimpleUploadedFile(name, data, content_type=content_type)})


def test_governance_uploads_a_readable_pdf(paper_item, governance, as_persona):
    data = pdf_bytes(pages=4)

    response = upload(as_persona("governance"), paper_item, "agenda-plan.pdf", data)

    paper_item.refresh_from_db()
    assert response.status_code == 302
    assert (paper_item.paper_name, paper_item.paper_pages, paper_item.paper_uploaded_by) == (
        "agenda-plan.pdf",
        4,
        governance,
    )
    # What is stored is the paper rebuilt from its pages (reports.render.pdf_sanitise), and its hash.
    stored = files.absolute(paper_item.paper.name).read_bytes()
    assert paper_item.paper_sha256 == files.sha256_of(stored)
    assert [page.extract_text().strip() for page in PdfReader(io.BytesIO(stored)).pages] == [
        f"Finance Monitoring Report: page {number} of 4" for number in range(1, 5)
    ]
    assert AuditEvent.objects.get(action="paper.upload").comment == "agenda-plan.pdf"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "agenda-plan.docx",
            b"PK\x03\x04 a word document",
            "“agenda-plan.docx” is not a PDF: save or export the paper as PDF and upload that file.",
        ),
        (
            "agenda-plan.pdf",
            pdf_bytes(pages=2, encrypt="secret"),
            "“agenda-plan.pdf” is encrypted (password-protected or restricted): save a copy without a password",
        ),
        (
            "agenda-plan.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
            "“agenda-plan.pdf” cannot be read as a PDF",
        ),
    ],
    ids=["not-a-pdf", "encrypted", "corrupt"],
)
def test_an_upload_that_is_not_a_readable_unencrypted_pdf_is_refused_with_the_reason(
    paper_item, name, data, message, as_persona
):
    response = upload(as_persona("governance"), paper_item, name, data)

    paper_item.refresh_from_db()
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not paper_item.has_paper
    assert AuditEvent.objects.filter(action="paper.upload").count() == 0


@override_settings(CYP_PAPER_MAX_MB=1)
def test_an_upload_over_the_size_limit_is_refused(paper_item, as_persona):
    response = upload(as_persona("governance"), paper_item, "huge.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))

    assert "“huge.pdf” is 1.0 MB: a paper can be at most 1 MB." in response.content.decode()
    assert not AgendaItem.objects.get(pk=paper_item.pk).has_paper


@pytest.mark.parametrize("persona", ["member", "lead"])
def test_others_cannot_upload_a_paper(paper_item, persona, as_persona):
    response = upload(as_persona(persona), paper_item, "agenda-plan.pdf", pdf_bytes())

    assert response.status_code == 403
    assert not AgendaItem.objects.get(pk=paper_item.pk).has_paper


def test_a_generated_item_takes_no_upload(ready_meeting, as_persona):
    item = ready_meeting.items.get(number=8)

    response = upload(as_persona("governance"), item, "report.pdf", pdf_bytes())

    assert response.status_code == 404


def test_the_uploaded_paper_is_served_to_governance_only(ready_meeting, as_persona):
    item = ready_meeting.items.get(number=7)
    url = reverse("agenda_item_paper", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk})

    response = as_persona("governance").get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == files.absolute(item.paper.name).read_bytes()
    assert as_persona("member").get(url).status_code == 404
    assert as_persona("lead").get(url).status_code == 404
