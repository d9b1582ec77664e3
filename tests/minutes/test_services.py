"""Writes: responses through review (as plan progress), minutes and their approval, the uploaded minutes."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cyp.audit import audit_events_for
from cyp.enums import ReviewState
from cyp.models import Notification
from cyp.workflow import TransitionError
from minutes.enums import LogStatus, MinutesState
from minutes.models import ActionResponse, MinuteItem
from minutes.services import (
    action_reminders_send,
    minute_action_save,
    minute_item_save,
    minutes_approve,
    minutes_paper_upload,
    response_approve,
    response_reopen,
    response_return,
    response_save,
    responses_lock,
)
from tests.minutes.factories import MinuteActionFactory
from tests.reports.workflow_factories import MeetingFactory, pdf_bytes

pytestmark = pytest.mark.django_db

AS_AT = datetime.date(2024, 9, 30)


def respond(action, by, *, submit=False, text="A briefing will be provided to Spokes in November.", **kwargs):
    return response_save(
        action=action, by=by, date=AS_AT, status=kwargs.pop("status", LogStatus.IN_PROGRESS), text=text, submit=submit
    )


# --- Responses --------------------------------------------------------------------------------------


def test_an_approved_response_sets_the_actions_status_and_is_audited(action, lead, governance):
    response = respond(action, lead, submit=True, status=LogStatus.COMPLETED)

    response_approve(response=response, by=governance)

    action.refresh_from_db()
    assert action.status == LogStatus.COMPLETED
    assert [e.action for e in audit_events_for(response)] == ["response.save", "response.submit", "response.approve"]
    assert [(e.action, e.changes) for e in audit_events_for(action)] == [
        ("minutes.action_change", {"status": ["open", "completed"]})
    ]


def test_a_returned_response_keeps_the_comment_and_goes_back_to_the_officer(
    action, lead, governance, django_capture_on_commit_callbacks
):
    response = respond(action, lead, submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        response_return(response=response, by=governance, comment="Say when the briefing is.")

    response.refresh_from_db()
    assert response.state == ReviewState.RETURNED
    assert audit_events_for(response).last().comment == "Say when the briefing is."
    assert list(Notification.objects.values_list("recipient__username", "subject")) == [
        ("lead", "Response to the action of minute 225 returned")
    ]
    assert mail.outbox[0].to == [lead.email]
    # The officer corrects it and sends it again: the same response, not a second one.
    respond(action, lead, submit=True, text="A briefing to Spokes on 12 November 2024.")
    assert ActionResponse.objects.get().state == ReviewState.SUBMITTED


def test_returning_needs_a_comment(action, lead, governance):
    response = respond(action, lead, submit=True)

    with pytest.raises(ValidationError) as error:
        response_return(response=response, by=governance, comment="  ")

    assert error.value.message_dict == {"comment": ["Write a comment that says what needs to change and why."]}


def test_a_reopened_response_leaves_the_log_and_the_status_follows(action, lead, governance):
    first = respond(action, lead, submit=True, status=LogStatus.IN_PROGRESS)
    response_approve(response=first, by=governance)
    second = respond(action, lead, submit=True, status=LogStatus.COMPLETED)
    response_approve(response=second, by=governance)

    response_reopen(response=second, by=governance, comment="The report has not been to committee yet.")

    action.refresh_from_db()
    assert action.status == LogStatus.IN_PROGRESS


@pytest.mark.parametrize("persona", ["other_lead", "governance", "member", "outside_lead"])
def test_only_the_officer_responsible_writes_a_response(request, action, persona):
    with pytest.raises(PermissionDenied):
        respond(action, request.getfixturevalue(persona))

    assert not ActionResponse.objects.exists()


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_only_governance_approves_or_returns_a_response(request, action, lead, persona):
    response = respond(action, lead, submit=True)
    person = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        response_approve(response=response, by=person)
    with pytest.raises(PermissionDenied):
        response_return(response=response, by=person, comment="No")

    assert ActionResponse.objects.get().state == ReviewState.SUBMITTED


def test_an_empty_response_is_refused_naming_the_field(action, lead):
    with pytest.raises(ValidationError) as error:
        respond(action, lead, text="   ")

    assert error.value.message_dict == {
        "text": ["Write the response: what has been done about the action, and what is next."]
    }


def test_the_overdue_reminder_goes_once_to_the_officer(action, lead):
    day = datetime.date(2024, 10, 1)

    assert action_reminders_send(on=day) == 1
    assert action_reminders_send(on=day) == 0
    assert Notification.objects.get().subject == "The action of minute 225 is overdue"


# --- Minutes --------------------------------------------------------------------------------------


def test_minutes_are_approved_at_a_later_meeting_of_the_same_body(minutes, minute, governance, october):
    minutes_approve(minutes=minutes, by=governance, at_meeting=october)

    minutes.refresh_from_db()
    assert (minutes.state, minutes.approved_on, minutes.approved_at) == (MinutesState.APPROVED, october.date, october)
    assert minutes.state_display == "Approved as an accurate record on 8 October 2024"
    assert [e.action for e in audit_events_for(minutes)] == ["minutes.approve"]
    with pytest.raises(TransitionError):
        minutes_approve(minutes=minutes, by=governance, at_meeting=october)


def test_minutes_cannot_be_approved_at_an_earlier_meeting_or_another_bodys(
    minutes, minute, governance, committee, other_body
):
    earlier = MeetingFactory(committee=committee, date=datetime.date(2024, 6, 25))
    elsewhere = MeetingFactory(committee=other_body, date=datetime.date(2024, 11, 1))

    for meeting in (earlier, elsewhere):
        with pytest.raises(ValidationError) as error:
            minutes_approve(minutes=minutes, by=governance, at_meeting=meeting)
        assert "Choose a later meeting of the same body" in error.value.message_dict["at_meeting"][0]


def test_approved_minutes_can_no_longer_be_changed_but_their_actions_can(minutes, minute, governance, october):
    minutes_approve(minutes=minutes, by=governance, at_meeting=october)

    with pytest.raises(ValidationError) as error:
        minute_item_save(minutes=minutes, by=governance, values={"number": 226, "title": "Risk Report"})
    assert "approved as an accurate record and can no longer be changed" in error.value.messages[0]
    action = minute_action_save(minute=minute, by=governance, values={"text": "Circulate a note.", "officer_name": "X"})
    assert action.minute == minute


def test_a_minute_number_used_twice_is_refused_with_the_fix(minutes, minute, governance):
    with pytest.raises(ValidationError) as error:
        minute_item_save(minutes=minutes, by=governance, values={"number": 225, "title": "Another"})

    assert error.value.message_dict == {"number": ["These minutes already have minute 225: choose another number."]}
    assert MinuteItem.objects.count() == 1


@pytest.mark.parametrize("persona", ["lead", "member", "outsider"])
def test_only_governance_writes_minutes(request, minutes, persona):
    with pytest.raises(PermissionDenied):
        minute_item_save(minutes=minutes, by=request.getfixturevalue(persona), values={"number": 1, "title": "A"})


def test_the_minutes_are_uploaded_with_the_papers_checks(minutes, governance, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)

    minutes_paper_upload(minutes=minutes, by=governance, name="minutes.pdf", data=pdf_bytes(pages=3))

    minutes.refresh_from_db()
    assert (minutes.paper_name, minutes.paper_pages, len(minutes.paper_sha256)) == ("minutes.pdf", 3, 64)
    assert [e.action for e in audit_events_for(minutes)] == ["minutes.paper_upload"]
    with pytest.raises(ValidationError) as error:
        minutes_paper_upload(minutes=minutes, by=governance, name="locked.pdf", data=pdf_bytes(encrypt="secret"))
    assert "“locked.pdf” is encrypted" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        minutes_paper_upload(minutes=minutes, by=governance, name="minutes.docx", data=b"PK\x03\x04 not a pdf")
    assert "“minutes.docx” is not a PDF" in error.value.messages[0]


def test_an_action_needs_its_text(minute, governance):
    with pytest.raises(ValidationError) as error:
        minute_action_save(minute=minute, by=governance, values={"text": " ", "officer_name": "Sarah Callaghan"})

    assert error.value.message_dict == {"text": ["Write the action as minuted: what the officer undertook to do."]}
    assert MinuteActionFactory._meta.model.objects.count() == 0


def test_publication_locks_the_responses_the_pack_printed(action, lead, governance, october):
    printed = respond(action, lead, submit=True)
    response_approve(response=printed, by=governance)

    assert responses_lock(meeting=october, by=governance) == 1
    assert responses_lock(meeting=october, by=governance) == 0
    with pytest.raises(TransitionError):
        response_reopen(response=ActionResponse.objects.get(), by=governance, comment="Too late.")
    assert [e.action for e in audit_events_for(printed)][-1] == "response.lock"
