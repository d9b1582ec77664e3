"""Withdrawing a submission before review: returns, plan progress, minute responses, self-assessment sections."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from commentary.models import Return
from commentary.services import return_approve, return_return, return_submit, return_withdraw
from cyp.enums import ReviewState
from cyp.models import AuditEvent, Notification
from cyp.workflow import TransitionError
from minutes.services import response_withdraw
from plans.services import progress_withdraw
from selfassessment.services import section_withdraw
from tests.minutes.factories import ActionResponseFactory, MinuteActionFactory
from tests.plans.factories import ActionFactory, ProgressUpdateFactory
from tests.selfassessment.factories import BlockFactory, SectionFactory


@pytest.fixture
def submitted(ret, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return return_submit(ret=ret, by=lead)


def test_return_withdraw_makes_it_a_draft_audited_and_tells_governance(
    submitted, lead, governance, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ret = return_withdraw(ret=submitted, by=lead)

    assert ret.state == ReviewState.DRAFT
    event = AuditEvent.objects.filter(action="return.withdraw").get()
    assert (event.actor, event.changes["state"]) == (lead, ["submitted", "draft"])
    notification = Notification.objects.get(kind="return.withdrawn")
    assert notification.recipient == governance
    assert notification.subject == "Indicator 11 (2024/25-Q1): a return was withdrawn from review"
    assert "withdrew the Quarter 1 2024/25 return" in notification.body
    assert [message.to for message in mail.outbox] == [[governance.email]]


def test_return_withdraw_view_as_the_lead_redirects_to_the_return_with_a_message(submitted, client, lead):
    client.force_login(lead)

    response = client.post(reverse("return_withdraw", kwargs={"pk": submitted.pk}), {"version": submitted.version})

    assert response.status_code == 302
    assert Return.objects.get(pk=submitted.pk).state == ReviewState.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "Withdrawn from review: it is a draft again." in page


def test_governance_cannot_withdraw_a_return(submitted, governance):
    with pytest.raises(PermissionDenied):
        return_withdraw(ret=submitted, by=governance)
    assert Return.objects.get(pk=submitted.pk).state == ReviewState.SUBMITTED


def test_other_lead_cannot_withdraw_a_return_and_gets_404_from_the_view(submitted, other_lead, client):
    client.force_login(other_lead)

    response = client.post(reverse("return_withdraw", kwargs={"pk": submitted.pk}))

    assert response.status_code == 404
    assert Return.objects.get(pk=submitted.pk).state == ReviewState.SUBMITTED


def test_a_returned_return_cannot_be_withdrawn(submitted, lead, governance):
    ret = return_return(ret=submitted, by=governance, comment="Check the figure.")

    with pytest.raises(TransitionError, match="returned cannot be withdrawn"):
        return_withdraw(ret=ret, by=lead)


def test_an_approved_return_cannot_be_withdrawn(submitted, lead, governance):
    ret = return_approve(ret=submitted, by=governance)

    with pytest.raises(TransitionError, match="approved cannot be withdrawn"):
        return_withdraw(ret=ret, by=lead)


def test_a_locked_return_cannot_be_withdrawn(submitted, lead):
    Return.objects.filter(pk=submitted.pk).update(locked=True)
    submitted.refresh_from_db()

    with pytest.raises(TransitionError, match="published pack"):
        return_withdraw(ret=submitted, by=lead)


def test_progress_withdraw_by_a_delegate_tells_governance(
    committee, lead, governance, django_capture_on_commit_callbacks
):
    action = ActionFactory(plan__committee=committee, delegates=[lead])
    update = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead, text="Done.")

    with django_capture_on_commit_callbacks(execute=True):
        update = progress_withdraw(update=update, by=lead)

    assert update.state == ReviewState.DRAFT
    assert AuditEvent.objects.filter(action="progress.withdraw", actor=lead).count() == 1
    notification = Notification.objects.get(kind="progress.withdrawn")
    assert notification.recipient == governance
    assert notification.body.endswith(f"{lead} withdrew progress as at 30 September 2024 from review to change it.")


def test_progress_withdraw_refused_to_governance_and_once_approved(committee, lead, governance):
    action = ActionFactory(plan__committee=committee, delegates=[lead])
    submitted = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead)
    with pytest.raises(PermissionDenied):
        progress_withdraw(update=submitted, by=governance)
    approved = ProgressUpdateFactory(action=ActionFactory(plan__committee=committee, delegates=[lead]))
    with pytest.raises(TransitionError, match="approved cannot be withdrawn"):
        progress_withdraw(update=approved, by=lead)


def test_progress_withdraw_view_as_the_delegate_opens_the_progress_form(committee, lead, client):
    action = ActionFactory(plan__committee=committee, delegates=[lead])
    update = ProgressUpdateFactory(action=action, state=ReviewState.SUBMITTED, author=lead)
    client.force_login(lead)

    response = client.post(reverse("plans:progress_withdraw", kwargs={"update_id": update.pk}))

    assert response["Location"] == reverse("plans:progress_edit", kwargs={"action_id": action.pk})
    update.refresh_from_db()
    assert update.state == ReviewState.DRAFT


def test_response_withdraw_by_its_officer_only(lead, other_lead):
    response = ActionResponseFactory(
        action=MinuteActionFactory(officer_user=lead), state=ReviewState.SUBMITTED, author=lead
    )
    with pytest.raises(PermissionDenied):
        response_withdraw(response=response, by=other_lead)

    response = response_withdraw(response=response, by=lead)

    assert response.state == ReviewState.DRAFT
    assert AuditEvent.objects.filter(action="response.withdraw").count() == 1
    with pytest.raises(TransitionError):
        response_withdraw(response=response, by=lead)


def test_section_withdraw_by_its_author_only(committee, lead, other_lead):
    section = SectionFactory(document__committee=committee, author=lead, state=ReviewState.SUBMITTED)
    BlockFactory(section=section)
    with pytest.raises(PermissionDenied):
        section_withdraw(section=section, by=other_lead)

    section = section_withdraw(section=section, by=lead)

    assert section.state == ReviewState.DRAFT
    assert AuditEvent.objects.filter(action="sa_section.withdraw").count() == 1
