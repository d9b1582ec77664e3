"""Progress goes through the same review workflow and audit as quarterly returns; nobody edits history."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cyp.audit import audit_events_for
from cyp.enums import ReviewState
from cyp.models import Notification
from cyp.workflow import ConcurrentChange, TransitionError
from plans.enums import ActionStatus
from plans.models import Action, ProgressUpdate
from plans.services import (
    action_change,
    progress_approve,
    progress_lock,
    progress_reopen,
    progress_return,
    progress_save,
)
from tests.plans.factories import ProgressUpdateFactory

SEPT_30 = datetime.date(2024, 9, 30)


def record(action, by, *, text="Caseloads at 27 in September.", submit=False, **kwargs):
    return progress_save(
        action=action, by=by, date=SEPT_30, status=ActionStatus.ON_TRACK, text=text, submit=submit, **kwargs
    )


def test_the_responsible_officer_records_progress_as_a_draft(action, lead):
    update = record(action, lead)

    assert (update.state, update.author, update.text, update.date, update.version) == (
        ReviewState.DRAFT,
        lead,
        "Caseloads at 27 in September.",
        SEPT_30,
        2,
    )
    events = list(audit_events_for(update))
    assert [(e.action, e.actor, e.changes["state"]) for e in events] == [
        ("progress.save", lead, ["not_started", "draft"])
    ]
    assert events[0].changes["text"] == ["", "Caseloads at 27 in September."]


def test_a_delegate_records_progress_too(delegated_action, lead):
    update = record(delegated_action, lead, submit=True)

    assert update.state == ReviewState.SUBMITTED


@pytest.mark.parametrize("persona", ["other_lead", "governance", "member"])
def test_people_who_are_not_officer_or_delegate_cannot_record_progress(request, action, persona):
    with pytest.raises(PermissionDenied):
        record(action, request.getfixturevalue(persona))

    assert ProgressUpdate.objects.count() == 0


def test_saving_again_changes_the_same_open_update_and_records_the_difference(action, lead):
    first = record(action, lead, text="First words")
    second = record(action, lead, text="Second words", expected_version=first.version)

    assert second.pk == first.pk
    assert ProgressUpdate.objects.count() == 1
    assert list(audit_events_for(second))[-1].changes == {"text": ["First words", "Second words"]}


def test_saving_over_someone_elses_newer_save_is_refused_and_keeps_theirs(action, lead, delegated_action):
    update = record(action, lead, text="Theirs")
    record(action, lead, text="Newer", expected_version=update.version)

    with pytest.raises(ConcurrentChange):
        record(action, lead, text="Mine", expected_version=update.version)

    assert ProgressUpdate.objects.get().text == "Newer"


def test_progress_without_text_is_refused_with_a_message_naming_the_field(action, lead):
    with pytest.raises(ValidationError) as error:
        record(action, lead, text="   ")

    assert error.value.message_dict == {
        "text": ["Write what has been done since the last update, and what it has achieved."]
    }


def test_governance_approves_submitted_progress_and_the_action_takes_its_status(action, lead, governance):
    update = progress_save(
        action=action, by=lead, date=SEPT_30, status=ActionStatus.AT_RISK, text="Behind", submit=True
    )

    update = progress_approve(update=update, by=governance)

    action.refresh_from_db()
    assert (update.state, update.state_changed_by, action.status) == (
        ReviewState.APPROVED,
        governance,
        ActionStatus.AT_RISK,
    )
    assert [e.action for e in audit_events_for(update)] == ["progress.save", "progress.submit", "progress.approve"]
    assert [(e.action, e.changes) for e in audit_events_for(action)] == [
        ("plan.action_change", {"status": ["on_track", "at_risk"]})
    ]


def test_approval_tells_the_officer_once(action, lead, governance, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        update = record(action, lead, submit=True)
        progress_approve(update=update, by=governance)

    # The governance team heard of the submission (tests/queues/test_notifications.py); the officer of the approval.
    assert list(Notification.objects.order_by("pk").values_list("recipient__username", "subject")) == [
        ("governance", "Progress on action 1.1 submitted"),
        ("lead", "Progress on action 1.1 approved"),
    ]
    assert [message.to for message in mail.outbox] == [[governance.email], [lead.email]]


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_only_governance_approves_returns_or_reopens(request, action, lead, persona):
    update = record(action, lead, submit=True)
    person = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        progress_approve(update=update, by=person)
    with pytest.raises(PermissionDenied):
        progress_return(update=update, by=person, comment="No")

    assert ProgressUpdate.objects.get().state == ReviewState.SUBMITTED


def test_returning_needs_a_comment_and_tells_the_writers_why(
    action, lead, governance, django_capture_on_commit_callbacks
):
    update = record(action, lead, submit=True)
    with pytest.raises(ValidationError):
        progress_return(update=update, by=governance, comment=" ")

    with django_capture_on_commit_callbacks(execute=True):
        update = progress_return(update=update, by=governance, comment="Give the September caseload figure.")

    assert update.state == ReviewState.RETURNED
    assert list(audit_events_for(update))[-1].comment == "Give the September caseload figure."
    assert Notification.objects.get().body.endswith("Comment: Give the September caseload figure.")


def test_returned_progress_is_corrected_and_submitted_again(action, lead, governance):
    update = record(action, lead, submit=True)
    update = progress_return(update=update, by=governance, comment="Add the figure")

    update = record(action, lead, text="Caseloads at 27.", submit=True, expected_version=update.version)

    assert update.state == ReviewState.SUBMITTED
    assert [e.action for e in audit_events_for(update)] == [
        "progress.save",
        "progress.submit",
        "progress.return",
        "progress.save",
        "progress.submit",
    ]


def test_submitted_progress_cannot_be_changed_by_its_writer(action, lead):
    update = record(action, lead, submit=True)

    with pytest.raises(TransitionError):
        record(action, lead, text="Changed after submitting", expected_version=update.version)

    assert ProgressUpdate.objects.get().text == "Caseloads at 27 in September."


def test_new_progress_after_approval_is_a_new_update_and_the_old_stays_in_the_timeline(action, lead, governance):
    first = progress_approve(update=record(action, lead, submit=True), by=governance)

    second = record(action, lead, text="October update")

    assert second.pk != first.pk
    assert list(ProgressUpdate.objects.order_by("id").values_list("state", flat=True)) == ["approved", "draft"]


def test_reopening_takes_progress_out_of_the_plan_and_the_status_follows_the_previous_one(action, lead, governance):
    older = progress_approve(
        update=progress_save(
            action=action, by=lead, date=datetime.date(2024, 7, 31), status="at_risk", text="July", submit=True
        ),
        by=governance,
    )
    newer = progress_approve(
        update=progress_save(action=action, by=lead, date=SEPT_30, status="complete", text="Done", submit=True),
        by=governance,
    )
    assert Action.objects.get().status == ActionStatus.COMPLETE

    newer = progress_reopen(update=newer, by=governance, comment="Not done: the protocol is not yet implemented.")

    assert (newer.state, Action.objects.get().status) == (ReviewState.RETURNED, ActionStatus.AT_RISK)
    assert older.state == ReviewState.APPROVED


def test_reopening_is_refused_while_other_progress_is_open(action, lead, governance):
    approved = progress_approve(update=record(action, lead, submit=True), by=governance)
    record(action, lead, text="Draft in progress")

    with pytest.raises(TransitionError) as error:
        progress_reopen(update=approved, by=governance, comment="Wrong figure")

    assert "already has progress being written or reviewed" in str(error.value)
    assert ProgressUpdate.objects.get(pk=approved.pk).state == ReviewState.APPROVED


def test_locked_progress_cannot_be_reopened(action, lead, governance):
    approved = progress_approve(update=record(action, lead, submit=True), by=governance)
    ProgressUpdate.objects.filter(pk=approved.pk).update(locked=True)
    approved.refresh_from_db()

    with pytest.raises(TransitionError):
        progress_reopen(update=approved, by=governance, comment="Too late")


def test_the_history_shows_who_said_what_when(action, lead, governance):
    update = record(action, lead, text="First", submit=True)
    update = progress_return(update=update, by=governance, comment="Which month?")
    update = record(action, lead, text="September: 27", submit=True, expected_version=update.version)
    progress_approve(update=update, by=governance, comment="Thank you")

    history = [
        (e.action, e.actor.username, e.actor_role, e.comment, e.changes.get("text")) for e in audit_events_for(update)
    ]

    assert history == [
        ("progress.save", "lead", "service_lead", "", ["", "First"]),
        ("progress.submit", "lead", "service_lead", "", None),
        ("progress.return", "governance", "governance", "Which month?", None),
        ("progress.save", "lead", "service_lead", "", ["First", "September: 27"]),
        ("progress.submit", "lead", "service_lead", "", None),
        ("progress.approve", "governance", "governance", "Thank you", None),
    ]
    assert all(e.created_at is not None for e in audit_events_for(update))
    assert update.history.count() >= 6


def test_governance_changes_an_action_and_the_change_is_audited(action, governance, lead):
    action_change(
        action=action,
        by=governance,
        values={"due_date": datetime.date(2025, 6, 30), "timescale": "June 2025"},
        delegates=[lead],
        comment="Agreed at DMT",
    )

    event = list(audit_events_for(action))[-1]
    assert (event.action, event.comment, event.changes) == (
        "plan.action_change",
        "Agreed at DMT",
        {
            "due_date": ["2025-03-31", "2025-06-30"],
            "timescale": ["March 2025", "June 2025"],
            "delegates": [[], [str(lead)]],
        },
    )


@pytest.mark.parametrize("persona", ["lead", "other_lead", "member"])
def test_only_governance_changes_actions(request, action, persona):
    with pytest.raises(PermissionDenied):
        action_change(action=action, by=request.getfixturevalue(persona), values={"timescale": "June 2025"})

    assert Action.objects.get().timescale == "March 2025"


def test_publishing_locks_the_approved_progress_the_pack_reported_once(action, lead, governance):
    shown = ProgressUpdateFactory(action=action, date=datetime.date(2024, 7, 31))
    later = ProgressUpdateFactory(action=action, date=datetime.date(2024, 11, 30))

    assert progress_lock(plan=action.plan, on=datetime.date(2024, 10, 8), by=governance) == 1
    assert progress_lock(plan=action.plan, on=datetime.date(2024, 10, 8), by=governance) == 0

    shown.refresh_from_db()
    assert (shown.locked, ProgressUpdate.objects.get(pk=later.pk).locked) == (True, False)
    assert [e.action for e in audit_events_for(shown)] == ["progress.lock"]
    with pytest.raises(TransitionError):
        progress_reopen(update=shown, by=governance, comment="Too late: it is in a published pack")
