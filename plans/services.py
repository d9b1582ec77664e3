"""Writes: progress through the review workflow, changes to actions, reminders.

Progress moves only through ``cyp.workflow.review_transition`` (audit prefix
``progress``), so it has the same states, permissions, compare-and-set and
audit history as quarterly returns. Imports live in ``plans.imports``.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from cyp.audit import audit_record, changes_between
from cyp.dates import long_date
from cyp.enums import AuditAction, NotificationKind, ReviewAction, ReviewState
from cyp.limits import text_limits_check
from cyp.notifications import governance_team, notification_send, task_queue
from cyp.workflow import TransitionError, review_lock, review_transition, status_follow_approved
from plans.enums import ActionStatus
from plans.models import Action, ProgressUpdate
from plans.selectors import actions_needing_attention

AUDIT_PREFIX = "progress"
PROGRESS_FIELDS = ("date", "status", "text", "evidence")


# --- Progress -----------------------------------------------------------------------------------------


def _progress_content(*, date: datetime.date, status: str, text: str, evidence: str) -> dict:
    try:
        status = ActionStatus(status)
    except ValueError:
        raise ValidationError({"status": f"Choose a status: {', '.join(s.label for s in ActionStatus)}."}) from None
    text, evidence = text.strip(), evidence.strip()
    text_limits_check(model=ProgressUpdate, values={"text": text, "evidence": evidence})
    if not text:
        raise ValidationError({"text": "Write what has been done since the last update, and what it has achieved."})
    if date is None:
        raise ValidationError({"date": "Give the date the progress is reported as at, for example 30 September 2024."})
    return {"date": date, "status": status.value, "text": text, "evidence": evidence}


def progress_save(
    *,
    action: Action,
    by,
    date: datetime.date,
    status: str,
    text: str,
    evidence: str = "",
    expected_version: int | None = None,
    submit: bool = False,
) -> ProgressUpdate:
    """Save the action's open progress update (creating it if there is none), and submit it if asked.

    Side effects: a ProgressUpdate row (new, or its content changed), audit
    events ``progress.save`` (with the fields changed) and ``progress.submit``.
    Raises PermissionDenied, ValidationError, TransitionError or ConcurrentChange.
    """
    if not by.has_perm("plans.add_progressupdate", action):
        raise PermissionDenied("Only the responsible officer and the action's delegates record progress on it.")
    content = _progress_content(date=date, status=status, text=text, evidence=evidence)
    with transaction.atomic():
        update = (
            ProgressUpdate.objects.select_for_update().filter(action=action).exclude(state=ReviewState.APPROVED).first()
        )
        if update is None:
            try:
                with transaction.atomic():
                    update = ProgressUpdate.objects.create(
                        action=action, author=by, date=content["date"], status=content["status"]
                    )
            except IntegrityError:
                raise TransitionError(
                    f"Someone else has just started progress on action {action.number}: reload the page."
                ) from None
            before = {"date": None, "status": None, "text": "", "evidence": ""}
        else:
            before = {field: getattr(update, field) for field in PROGRESS_FIELDS}
        update = review_transition(
            obj=update,
            action=ReviewAction.SAVE,
            by=by,
            audit_prefix=AUDIT_PREFIX,
            expected_version=expected_version,
            changes=changes_between(before, content),
            extra_updates=content,
        )
        if submit:
            update = review_transition(
                obj=update,
                action=ReviewAction.SUBMIT,
                by=by,
                audit_prefix=AUDIT_PREFIX,
                after_commit=_notify_after_commit(update, event="submitted", comment=""),
            )
    return update


def progress_submit(*, update: ProgressUpdate, by, expected_version: int | None = None) -> ProgressUpdate:
    """Send a draft or returned update to the governance team.

    Side effects: audit ``progress.submit``; after commit, a notification to the governance team."""
    return review_transition(
        obj=update,
        action=ReviewAction.SUBMIT,
        by=by,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
        after_commit=_notify_after_commit(update, event="submitted", comment=""),
    )


def progress_withdraw(*, update: ProgressUpdate, by, expected_version: int | None = None) -> ProgressUpdate:
    """Take a submitted update back before anyone has reviewed it, to change it: it becomes a draft again.

    Refused once it is returned, approved or locked (the MOVES table). Side effects: audit
    ``progress.withdraw``; after commit, a notification to the governance team."""
    return review_transition(
        obj=update,
        action=ReviewAction.WITHDRAW,
        by=by,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
        after_commit=_notify_after_commit(update, event="withdrawn", comment=""),
    )


def progress_return(*, update: ProgressUpdate, by, comment: str, expected_version: int | None = None) -> ProgressUpdate:
    """Send a submitted update back with a comment.

    Side effects: audit ``progress.return`` with the comment; after commit, a
    notification to the author and the responsible officer.
    """
    return review_transition(
        obj=update,
        action=ReviewAction.RETURN,
        by=by,
        comment=comment,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
        after_commit=_notify_after_commit(update, event="returned", comment=comment),
    )


def progress_approve(
    *, update: ProgressUpdate, by, comment: str = "", expected_version: int | None = None
) -> ProgressUpdate:
    """Approve a submitted update: from now on the plan, the board and the report show it.

    Side effects: audit ``progress.approve``; the action's status becomes the
    status of its latest approved update (audit ``plan.action_change`` when it
    changes); after commit, a notification to the author and the responsible officer.
    """
    with transaction.atomic():
        update = review_transition(
            obj=update,
            action=ReviewAction.APPROVE,
            by=by,
            comment=comment,
            audit_prefix=AUDIT_PREFIX,
            expected_version=expected_version,
            after_commit=_notify_after_commit(update, event="approved", comment=comment),
        )
        action_status_sync(action=update.action, by=by, reason=f"Progress as at {long_date(update.date)} approved")
    return update


def progress_reopen(*, update: ProgressUpdate, by, comment: str, expected_version: int | None = None) -> ProgressUpdate:
    """Take an approved update back out of the plan, with a comment, for its writers to correct.

    Refused while the action has another update open. Side effects: audit
    ``progress.reopen``; the action's status follows its latest remaining
    approved update; after commit, a notification to the writers.
    """
    if ProgressUpdate.objects.filter(action_id=update.action_id).exclude(state=ReviewState.APPROVED).exists():
        raise TransitionError(
            f"Action {update.action.number} already has progress being written or reviewed: "
            "approve or return that first, then reopen this one."
        )
    with transaction.atomic():
        try:
            update = review_transition(
                obj=update,
                action=ReviewAction.REOPEN,
                by=by,
                comment=comment,
                audit_prefix=AUDIT_PREFIX,
                expected_version=expected_version,
                after_commit=_notify_after_commit(update, event="reopened", comment=comment),
            )
        except IntegrityError:
            raise TransitionError(
                f"Action {update.action.number} already has progress being written or reviewed: "
                "approve or return that first, then reopen this one."
            ) from None
        action_status_sync(action=update.action, by=by, reason=f"Progress as at {long_date(update.date)} reopened")
    return update


def action_status_sync(*, action: Action, by, reason: str) -> None:
    """Set the action's status to its latest approved update's, if it has one (``cyp.workflow``).

    Side effect: audit ``plan.action_change`` when the status changes.
    """
    status_follow_approved(
        target=action,
        updates=ProgressUpdate.objects.filter(action=action),
        audit_action=AuditAction.PLAN_ACTION_CHANGE,
        by=by,
        reason=reason,
    )


def _writers(action: Action) -> list:
    people = list(action.delegates.filter(is_active=True))
    if action.responsible_user is not None and action.responsible_user.is_active:
        people.insert(0, action.responsible_user)
    return people


#: What the writers are told when governance decides on their progress (and the governance team when
#: a writer submits or withdraws it): event -> notification kind.
PROGRESS_DECISIONS = {
    "submitted": NotificationKind.PROGRESS_SUBMITTED,
    "withdrawn": NotificationKind.PROGRESS_WITHDRAWN,
    "returned": NotificationKind.PROGRESS_RETURNED,
    "approved": NotificationKind.PROGRESS_APPROVED,
    "reopened": NotificationKind.PROGRESS_REOPENED,
}


#: The events the governance team is told of (the others go to the update's writers).
GOVERNANCE_EVENTS = ("submitted", "withdrawn")


def _notify_after_commit(update: ProgressUpdate, *, event: str, comment: str):
    """What ``review_transition`` runs after commit: queue the writers' notification (never send in the request)."""
    return task_queue("plans.tasks.progress_notify_task", update_id=update.pk, event=event, comment=comment)


def progress_notify(*, update_id: int, event: str, comment: str) -> int:
    """Tell the update's author, the responsible officer and the delegates that it was returned, approved or
    reopened, or the governance team that it was submitted or withdrawn; returns how many were sent. Runs in
    ``plans.tasks.progress_notify_task``; idempotent (the key names the update, its version and the event).
    Side effects: notifications and e-mails.
    """
    kind = PROGRESS_DECISIONS[event]
    update = (
        ProgressUpdate.objects.select_related(
            "action", "action__plan", "author", "action__responsible_user", "state_changed_by"
        )
        .filter(pk=update_id)
        .first()
    )
    if update is None:
        return 0
    action = update.action
    if event in GOVERNANCE_EVENTS:
        recipients = {person.pk: person for person in governance_team()}
        who = update.state_changed_by or update.author
        subject = f"Progress on action {action.number} {event}"
        verb = {"submitted": "submitted", "withdrawn": "withdrew"}[event]
        body = f"{action.plan.title}, action {action.number}: {who} {verb} progress as at {long_date(update.date)}"
        body += ": it is waiting for your review." if event == "submitted" else " from review to change it."
    else:
        recipients = {person.pk: person for person in _writers(action)}
        if update.author is not None and update.author.is_active:
            recipients.setdefault(update.author.pk, update.author)
        subject = f"Progress on action {action.number} {event}"
        body = f"{action.plan.title}, action {action.number}: your progress as at {long_date(update.date)} was {event}."
    if comment.strip():
        body += f"\n\nComment: {comment.strip()}"
    sent = 0
    for person in recipients.values():
        sent += notification_send(
            recipient=person,
            kind=kind,
            subject=subject,
            body=body,
            url=reverse("plans:action_detail", kwargs={"action_id": action.pk}),
            dedupe_key=f"progress:{update.pk}:v{update.version}:{event}",
        )
    return sent


def progress_lock(*, plan, on: datetime.date, by, approved_by: datetime.datetime | None = None) -> int:
    """Lock the plan's approved progress dated on or before ``on`` when a pack reporting it is published.

    ``approved_by``: when the pack was assembled; progress approved after it is not in the pack,
    so it stays unlocked, and out of members' sight (``plans.selectors.progress_visible_to``),
    until a pack shows it. Progress with no approval time (loaded as published) counts as earlier.
    Returns how many were locked; already locked ones are left alone (running it
    twice locks nothing twice). A locked update can no longer be reopened.
    Side effects: a history row and a ``progress.lock`` audit event per update.
    """
    updates = ProgressUpdate.objects.filter(action__plan=plan, date__lte=on)
    if approved_by is not None:
        updates = updates.filter(Q(state_changed_at__isnull=True) | Q(state_changed_at__lte=approved_by))
    return review_lock(
        queryset=updates.select_related("action"),
        by=by,
        audit_action=AuditAction.PROGRESS_LOCK,
        comment=f"In the pack published with the plan as at {long_date(on)}",
    )


# --- Actions --------------------------------------------------------------------------------------------

ACTION_FIELDS = (
    "item",
    "outcome",
    "responsible_user",
    "responsible_post",
    "timescale",
    "due_date",
    "ongoing",
    "success_criteria",
    "status",
    "notes",
)


def action_change(*, action: Action, by, values: dict, indicators=None, delegates=None, comment: str = "") -> Action:
    """Change an action's details (the governance team). ``values`` holds fields of ACTION_FIELDS.

    Side effects: the Action row (and its history), its indicator and delegate
    links, audit ``plan.action_change`` with what changed and the comment.
    Nothing is written when nothing changed.
    """
    if not by.has_perm("plans.change_action", action):
        raise PermissionDenied("Only the governance team changes actions.")
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"Not an action field: {', '.join(sorted(unknown))}")
    if values.get("ongoing") and values.get("due_date"):
        raise ValidationError(
            {"due_date": "An ongoing action has no due date: clear the due date or untick 'ongoing'."}
        )
    before = {field: getattr(action, field) for field in values}
    changes = changes_between(before, values)
    if indicators is not None:
        old_numbers = sorted(i.number for i in action.indicators.all())
        new_numbers = sorted(i.number for i in indicators)
        if old_numbers != new_numbers:
            changes["indicators"] = [old_numbers, new_numbers]
    if delegates is not None:
        old_people = sorted(str(p) for p in action.delegates.all())
        new_people = sorted(str(p) for p in delegates)
        if old_people != new_people:
            changes["delegates"] = [old_people, new_people]
    if not changes:
        return action
    with transaction.atomic():
        for field, value in values.items():
            setattr(action, field, value)
        action.save()
        if indicators is not None:
            action.indicators.set(indicators)
        if delegates is not None:
            action.delegates.set(delegates)
        audit_record(action=AuditAction.PLAN_ACTION_CHANGE, target=action, actor=by, changes=changes, comment=comment)
    return action


# --- Reminders ------------------------------------------------------------------------------------------


def plan_reminders_send(*, on: datetime.date) -> int:
    """Remind the responsible officer and delegates of each overdue or stale action. Returns how many were sent.

    Idempotent: one reminder per action and due date when overdue, and one per
    action and latest approved update (or none) when stale; running it again the
    same day or the next sends nothing new. Side effects: notifications and e-mails.
    """
    sent = 0
    for state in actions_needing_attention(on=on):
        action = state.action
        people = [action.responsible_user] if action.responsible_user and action.responsible_user.is_active else []
        people += [person for person in action.delegates.all() if person.is_active and person not in people]
        if not people:
            continue
        url = reverse("plans:action_detail", kwargs={"action_id": action.pk})
        reminders = []
        if state.overdue:
            reminders.append(
                (
                    f"plan-action:{action.pk}:overdue:{action.due_date.isoformat()}",
                    f"Action {action.number} is overdue",
                    f"{action.plan.title}, action {action.number} was due {action.due_display} and is "
                    f"{state.status.label.lower()}. "
                    "Record progress, or ask the governance team to agree a new timescale.",
                )
            )
        waited = (on - action.plan.plan_date).days > state.stale_after
        if state.stale or (state.no_progress and waited):
            since = state.latest.pk if state.latest else "none"
            never = (
                "has no approved progress"
                if state.no_progress
                else f"has had no approved progress for {state.days_since_progress} days"
            )
            reminders.append(
                (
                    f"plan-action:{action.pk}:stale:{since}",
                    f"Action {action.number} needs a progress update",
                    f"{action.plan.title}, action {action.number} {never}. Record progress and submit it for approval.",
                )
            )
        for key, subject, body in reminders:
            for person in people:
                sent += notification_send(
                    recipient=person,
                    kind=NotificationKind.PLAN_REMINDER,
                    subject=subject,
                    body=body,
                    url=url,
                    dedupe_key=key,
                )
    return sent
