"""Governance hears of plan progress and minute-action responses submitted for review, after commit."""

from django.core import mail

from cyp.enums import ReviewState
from cyp.models import Notification
from minutes.services import response_save
from plans.services import progress_save, progress_submit
from tests.minutes.factories import MinuteActionFactory
from tests.plans.factories import ActionFactory, ProgressUpdateFactory


def test_progress_submitted_from_the_form_notifies_every_governance_member_once(
    committee, lead, governance, django_capture_on_commit_callbacks
):
    action = ActionFactory(plan__committee=committee, responsible_user=lead, number="2.3")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        progress_save(
            action=action,
            by=lead,
            date=action.due_date,
            status="on_track",
            text="Recruited four social workers.",
            submit=True,
        )

    assert len(callbacks) == 1, "queued once, after commit"
    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (governance, "progress.submitted")
    assert notification.subject == "Progress on action 2.3 submitted"
    assert f"{lead} submitted progress as at 31 March 2025: it is waiting for your review." in notification.body
    assert notification.url == f"/plans/actions/{action.pk}/"
    assert [message.to for message in mail.outbox] == [[governance.email]]


def test_progress_submit_of_a_draft_notifies_governance_and_not_the_writer(
    committee, lead, governance, django_capture_on_commit_callbacks
):
    action = ActionFactory(plan__committee=committee, responsible_user=lead)
    update = ProgressUpdateFactory(action=action, state=ReviewState.DRAFT, author=lead)

    with django_capture_on_commit_callbacks(execute=True):
        progress_submit(update=update, by=lead)

    assert list(Notification.objects.values_list("recipient__username", "kind")) == [
        ("governance", "progress.submitted")
    ]


def test_nothing_is_sent_when_the_submission_rolls_back(
    committee, lead, governance, django_capture_on_commit_callbacks
):
    action = ActionFactory(plan__committee=committee, responsible_user=lead)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        progress_save(action=action, by=lead, date=action.due_date, status="on_track", text="Text.", submit=True)

    assert len(callbacks) == 1
    assert Notification.objects.count() == 0, "nothing is sent inside the request"


def test_response_submitted_notifies_governance(lead, governance, django_capture_on_commit_callbacks):
    action = MinuteActionFactory(officer_user=lead)

    with django_capture_on_commit_callbacks(execute=True):
        response_save(
            action=action,
            by=lead,
            date=action.minute.minutes.meeting.date,
            status="in_progress",
            text="A briefing is booked for November.",
            submit=True,
        )

    notification = Notification.objects.get()
    assert (notification.recipient, notification.kind) == (governance, "response.submitted")
    assert "submitted a response as at 10 September 2024: it is waiting for your review." in notification.body
    assert notification.url == f"/minute-actions/{action.pk}/"
