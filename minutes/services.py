"""Writes: minutes and their items, the minutes as a paper, their approval, actions, responses, reminders.

Responses move only through ``cyp.workflow.review_transition`` (audit prefix
``response``): the same states, table of moves, compare-and-set, lock and audit
history as improvement-plan progress and quarterly returns.
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cyp.audit import audit_record, changes_between
from cyp.dates import long_date
from cyp.enums import AuditAction, NotificationKind, ReviewAction, ReviewState
from cyp.limits import text_limits_check
from cyp.notifications import governance_team, notification_send, task_queue
from cyp.workflow import TransitionError, review_lock, review_transition, status_follow_approved
from minutes.enums import LogStatus, MinutesState
from minutes.models import ActionResponse, MinuteAction, MinuteItem, Minutes
from reports.models import Meeting
from reports.services.meetings import paper_check

AUDIT_PREFIX = "response"
MINUTES_FIELDS = ("times", "attendance", "notes")
ITEM_FIELDS = ("number", "title", "text", "decisions")
ACTION_FIELDS = ("officer_user", "officer_name", "text", "due_date", "status", "status_as_printed", "position")
RESPONSE_FIELDS = ("date", "status", "text")


def _require_governance(by, minutes_or_action, what: str) -> None:
    perm = "minutes.change_minuteaction" if isinstance(minutes_or_action, MinuteAction) else "minutes.change_minutes"
    if not by.has_perm(perm, minutes_or_action):
        raise PermissionDenied(f"Only the governance team {what}.")


def _refuse_approved(minutes: Minutes) -> None:
    if minutes.is_approved:
        raise ValidationError(
            f"The minutes of {long_date(minutes.meeting.date)} are approved as an accurate record and can no longer "
            "be changed. Record a correction in the minutes of the meeting that notes it."
        )


# --- Minutes ------------------------------------------------------------------------------------------


def minutes_for_meeting(*, meeting: Meeting, by) -> Minutes:
    """The meeting's minutes, started (as a draft) if there are none yet.

    Side effect: a Minutes row and audit ``minutes.change`` when they are started.
    """
    existing = Minutes.objects.filter(meeting=meeting).first()
    if existing is not None:
        return existing
    if not by.has_perm("minutes.change_minutes", meeting):
        raise PermissionDenied("Only the governance team writes minutes.")
    with transaction.atomic():
        minutes, created = Minutes.objects.get_or_create(meeting=meeting)
        if created:
            audit_record(
                action=AuditAction.MINUTES_CHANGE, target=minutes, actor=by, changes={"state": [None, "draft"]}
            )
    return minutes


def minutes_change(*, minutes: Minutes, by, values: dict) -> Minutes:
    """Change the minutes' details (times, who was present, notes). Side effect: audit ``minutes.change``."""
    _require_governance(by, minutes, "changes minutes")
    _refuse_approved(minutes)
    unknown = set(values) - set(MINUTES_FIELDS)
    if unknown:
        raise ValueError(f"Not a minutes field: {', '.join(sorted(unknown))}")
    values = {field: (value or "").strip() for field, value in values.items()}
    text_limits_check(model=Minutes, values=values)
    changes = changes_between({field: getattr(minutes, field) for field in values}, values)
    if not changes:
        return minutes
    with transaction.atomic():
        for field, value in values.items():
            setattr(minutes, field, value)
        minutes.save()
        audit_record(action=AuditAction.MINUTES_CHANGE, target=minutes, actor=by, changes=changes)
    return minutes


def minute_item_save(*, minutes: Minutes, by, values: dict, item: MinuteItem | None = None) -> MinuteItem:
    """Write a new minute or change one (number, title, text, decisions).

    Refused once the minutes are approved. Side effects: the MinuteItem row (and its
    history), audit ``minutes.item_change`` with what changed.
    """
    _require_governance(by, minutes, "writes minutes")
    _refuse_approved(minutes)
    values = {**values}
    for field in ("title", "text", "decisions"):
        values[field] = (values.get(field) or "").strip()
    if not values["title"]:
        raise ValidationError(
            {"title": "Give the minute's title as printed, for example 'Education Capital Projects'."}
        )
    if not values.get("number"):
        raise ValidationError({"number": "Give the minute's number as printed, for example 223."})
    text_limits_check(model=MinuteItem, values={"text": values["text"], "decisions": values["decisions"]})
    clash = MinuteItem.objects.filter(minutes=minutes, number=values["number"])
    if item is not None:
        clash = clash.exclude(pk=item.pk)
    if clash.exists():
        raise ValidationError(
            {"number": f"These minutes already have minute {values['number']}: choose another number."}
        )
    before = {field: getattr(item, field) for field in ITEM_FIELDS} if item is not None else {}
    changes = changes_between(before, {field: values[field] for field in ITEM_FIELDS})
    if item is not None and not changes:
        return item
    with transaction.atomic():
        if item is None:
            item = MinuteItem(minutes=minutes)
        for field in ITEM_FIELDS:
            setattr(item, field, values[field])
        item.save()
        audit_record(action=AuditAction.MINUTES_ITEM_CHANGE, target=item, actor=by, changes=changes)
    return item


def minutes_paper_upload(*, minutes: Minutes, by, name: str, data: bytes) -> Minutes:
    """Take the minutes from an uploaded PDF, checked as every paper is (``reports.services.meetings.paper_check``:
    size, a readable PDF, not encrypted, cleaned of scripts).

    Refused once the minutes are approved. The old file of a replaced paper stays on disk.
    Side effects: the file under MEDIA_ROOT/minutes (never served directly), audit ``minutes.paper_upload``.
    """
    _require_governance(by, minutes, "uploads minutes")
    _refuse_approved(minutes)
    checked = paper_check(name=name, data=data)
    old_sha = minutes.paper_sha256
    with transaction.atomic():
        stored_name = f"meeting-{minutes.meeting_id}-minutes-{uuid.uuid4().hex[:12]}.pdf"
        minutes.paper.save(stored_name, ContentFile(checked.data), save=False)
        minutes.paper_name = name[:255]
        minutes.paper_pages = checked.pages
        minutes.paper_sha256 = checked.sha256
        minutes.paper_uploaded_at = timezone.now()
        minutes.paper_uploaded_by = by
        minutes.save()
        audit_record(
            action=AuditAction.MINUTES_PAPER_UPLOAD,
            target=minutes,
            actor=by,
            changes={"paper": [old_sha or None, checked.sha256], "pages": [None, checked.pages]},
            comment=name,
        )
    return minutes


def minutes_approve(*, minutes: Minutes, by, at_meeting: Meeting) -> Minutes:
    """Record that a later meeting of the same body approved the minutes as an accurate record.

    Steps: checks permission; checks the meeting (same body, later date) and that the
    minutes say something (items or a paper); writes with a compare-and-set on the
    draft state (zero rows: someone else approved them first); records ``minutes.approve``.
    """
    _require_governance(by, minutes, "approves minutes")
    meeting = minutes.meeting
    if at_meeting.committee_id != meeting.committee_id or at_meeting.date <= meeting.date:
        raise ValidationError(
            {"at_meeting": "Choose a later meeting of the same body: the one whose minutes record the approval."}
        )
    if not minutes.has_paper and not minutes.items.exists():
        raise ValidationError("Write the minutes or upload them as a paper before recording their approval.")
    with transaction.atomic():
        updated = Minutes.objects.filter(pk=minutes.pk, state=MinutesState.DRAFT).update(
            state=MinutesState.APPROVED, approved_at=at_meeting, approved_on=at_meeting.date, approved_by=by
        )
        if updated == 0:
            raise TransitionError("These minutes are already approved as an accurate record.")
        minutes.refresh_from_db()
        audit_record(
            action=AuditAction.MINUTES_APPROVE,
            target=minutes,
            actor=by,
            changes={"state": [MinutesState.DRAFT.value, MinutesState.APPROVED.value]},
            comment=f"Approved at the meeting of {long_date(at_meeting.date)}",
        )
    return minutes


# --- Actions ------------------------------------------------------------------------------------------


def minute_action_save(*, minute: MinuteItem, by, values: dict, action: MinuteAction | None = None) -> MinuteAction:
    """Record a new action of a minute or change one (officer, action, due date, status).

    Actions may be recorded after the minutes are approved: the log goes on. Side effects:
    the MinuteAction row (and its history), audit ``minutes.action_change`` with what changed.
    """
    if not by.has_perm("minutes.change_minuteaction", action or MinuteAction(minute=minute)):
        raise PermissionDenied("Only the governance team records actions.")
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise ValueError(f"Not an action field: {', '.join(sorted(unknown))}")
    values = {**values}
    values["text"] = (values.get("text") or "").strip()
    if not values["text"]:
        raise ValidationError({"text": "Write the action as minuted: what the officer undertook to do."})
    if "status" in values:
        try:
            values["status"] = LogStatus(values["status"]).value
        except ValueError:
            raise ValidationError({"status": f"Choose a status: {', '.join(s.label for s in LogStatus)}."}) from None
    text_limits_check(model=MinuteAction, values={"text": values["text"]})
    before = {field: getattr(action, field) for field in values} if action is not None else {}
    changes = changes_between(before, values)
    if action is not None and not changes:
        return action
    with transaction.atomic():
        if action is None:
            action = MinuteAction(minute=minute)
        for field, value in values.items():
            setattr(action, field, value)
        action.save()
        audit_record(action=AuditAction.MINUTE_ACTION_CHANGE, target=action, actor=by, changes=changes)
    return action


def action_status_sync(*, action: MinuteAction, by, reason: str) -> None:
    """Set the action's status to its latest approved response's, if it has one (``cyp.workflow``).

    Side effect: audit ``minutes.action_change`` when the status changes.
    """
    status_follow_approved(
        target=action,
        updates=ActionResponse.objects.filter(action=action),
        audit_action=AuditAction.MINUTE_ACTION_CHANGE,
        by=by,
        reason=reason,
    )


# --- Responses ----------------------------------------------------------------------------------------


def _response_content(*, date: datetime.date | None, status: str, text: str) -> dict:
    try:
        status = LogStatus(status)
    except ValueError:
        raise ValidationError({"status": f"Choose a status: {', '.join(s.label for s in LogStatus)}."}) from None
    text = (text or "").strip()
    text_limits_check(model=ActionResponse, values={"text": text})
    if not text:
        raise ValidationError({"text": "Write the response: what has been done about the action, and what is next."})
    if date is None:
        raise ValidationError({"date": "Give the date the response is as at, for example 30 September 2024."})
    return {"date": date, "status": status.value, "text": text}


def response_save(
    *,
    action: MinuteAction,
    by,
    date: datetime.date | None,
    status: str,
    text: str,
    expected_version: int | None = None,
    submit: bool = False,
) -> ActionResponse:
    """Save the action's open response (creating it if there is none), and submit it if asked.

    Side effects: an ActionResponse row (new, or its content changed), audit events
    ``response.save`` (with the fields changed) and ``response.submit``.
    Raises PermissionDenied, ValidationError, TransitionError or ConcurrentChange.
    """
    if not by.has_perm("minutes.add_actionresponse", action):
        raise PermissionDenied("Only the officer responsible for the action writes its responses.")
    content = _response_content(date=date, status=status, text=text)
    with transaction.atomic():
        response = (
            ActionResponse.objects.select_for_update().filter(action=action).exclude(state=ReviewState.APPROVED).first()
        )
        if response is None:
            try:
                with transaction.atomic():
                    response = ActionResponse.objects.create(
                        action=action, author=by, date=content["date"], status=content["status"]
                    )
            except IntegrityError:
                raise TransitionError(
                    "Someone else has just started a response to this action: reload the page."
                ) from None
            before = {"date": None, "status": None, "text": ""}
        else:
            before = {field: getattr(response, field) for field in RESPONSE_FIELDS}
        response = review_transition(
            obj=response,
            action=ReviewAction.SAVE,
            by=by,
            audit_prefix=AUDIT_PREFIX,
            expected_version=expected_version,
            changes=changes_between(before, content),
            extra_updates=content,
        )
        if submit:
            response = review_transition(
                obj=response,
                action=ReviewAction.SUBMIT,
                by=by,
                audit_prefix=AUDIT_PREFIX,
                after_commit=_notify_after_commit(response, event="submitted", comment=""),
            )
    return response


def response_withdraw(*, response: ActionResponse, by, expected_version: int | None = None) -> ActionResponse:
    """Take a submitted response back before anyone has reviewed it, to change it: it becomes a draft again.

    Refused once it is returned, approved or locked (the MOVES table). Side effect: audit
    ``response.withdraw`` (there is no notification kind for it: nobody has started on it)."""
    return review_transition(
        obj=response,
        action=ReviewAction.WITHDRAW,
        by=by,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
    )


def response_return(
    *, response: ActionResponse, by, comment: str, expected_version: int | None = None
) -> ActionResponse:
    """Send a submitted response back with a comment.

    Side effects: audit ``response.return`` with the comment; after commit, a notification to the officer.
    """
    return review_transition(
        obj=response,
        action=ReviewAction.RETURN,
        by=by,
        comment=comment,
        audit_prefix=AUDIT_PREFIX,
        expected_version=expected_version,
        after_commit=_notify_after_commit(response, event="returned", comment=comment),
    )


def response_approve(
    *, response: ActionResponse, by, comment: str = "", expected_version: int | None = None
) -> ActionResponse:
    """Approve a submitted response: from now on the action log (the page and the pack) shows it.

    Side effects: audit ``response.approve``; the action's status becomes its latest approved
    response's (audit ``minutes.action_change`` when it changes); after commit, a notification.
    """
    with transaction.atomic():
        response = review_transition(
            obj=response,
            action=ReviewAction.APPROVE,
            by=by,
            comment=comment,
            audit_prefix=AUDIT_PREFIX,
            expected_version=expected_version,
            after_commit=_notify_after_commit(response, event="approved", comment=comment),
        )
        action_status_sync(action=response.action, by=by, reason=f"Response as at {long_date(response.date)} approved")
    return response


def response_reopen(
    *, response: ActionResponse, by, comment: str, expected_version: int | None = None
) -> ActionResponse:
    """Take an approved response back out of the log, with a comment, for the officer to correct.

    Refused while the action has another response open. Side effects: audit ``response.reopen``;
    the action's status follows its latest remaining approved response; after commit, a notification.
    """
    busy = "This action already has a response being written or reviewed: approve or return that first."
    if ActionResponse.objects.filter(action_id=response.action_id).exclude(state=ReviewState.APPROVED).exists():
        raise TransitionError(busy)
    with transaction.atomic():
        try:
            response = review_transition(
                obj=response,
                action=ReviewAction.REOPEN,
                by=by,
                comment=comment,
                audit_prefix=AUDIT_PREFIX,
                expected_version=expected_version,
                after_commit=_notify_after_commit(response, event="reopened", comment=comment),
            )
        except IntegrityError:
            raise TransitionError(busy) from None
        action_status_sync(action=response.action, by=by, reason=f"Response as at {long_date(response.date)} reopened")
    return response


#: What the officer is told when governance decides on a response: event -> notification kind.
RESPONSE_DECISIONS = {
    "submitted": NotificationKind.RESPONSE_SUBMITTED,
    "returned": NotificationKind.RESPONSE_RETURNED,
    "approved": NotificationKind.RESPONSE_APPROVED,
    "reopened": NotificationKind.RESPONSE_REOPENED,
}


def _notify_after_commit(response: ActionResponse, *, event: str, comment: str):
    """What ``review_transition`` runs after commit: queue the officer's notification (never send in the request)."""
    return task_queue("minutes.tasks.response_notify_task", response_id=response.pk, event=event, comment=comment)


def response_notify(*, response_id: int, event: str, comment: str) -> int:
    """Tell the response's author and the action's officer that it was returned, approved or reopened,
    or the governance team that it was submitted; returns how many were sent. Idempotent (the key names the
    response, its version and the event). Side effects: notifications and e-mails.
    """
    response = (
        ActionResponse.objects.select_related("author", "action__officer_user", "action__minute__minutes__meeting")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        return 0
    action = response.action
    meeting = action.minute.minutes.meeting
    subject = f"Response to the action of minute {action.minute.number} {event}"
    people = {}
    if event == "submitted":
        people = {person.pk: person for person in governance_team()}
        body = (
            f"{meeting}: minute {action.minute.number} ({action.minute.title}). "
            f"{response.author or action.officer_display} submitted a response as at {long_date(response.date)}: "
            "it is waiting for your review."
        )
    else:
        for person in (action.officer_user, response.author):
            if person is not None and person.is_active:
                people.setdefault(person.pk, person)
        body = (
            f"{meeting}: minute {action.minute.number} ({action.minute.title}). "
            f"Your response as at {long_date(response.date)} was {event}."
        )
    if comment.strip():
        body += f"\n\nComment: {comment.strip()}"
    sent = 0
    for person in people.values():
        sent += notification_send(
            recipient=person,
            kind=RESPONSE_DECISIONS[event],
            subject=subject,
            body=body,
            url=reverse("minutes:action_detail", kwargs={"action_id": action.pk}),
            dedupe_key=f"response:{response.pk}:v{response.version}:{event}",
        )
    return sent


def responses_lock(*, meeting: Meeting, by, approved_by: datetime.datetime | None = None) -> int:
    """Lock the approved responses the meeting's published pack printed in its action log: those of actions of
    the body's earlier meetings, dated on or before the meeting day, approved by ``approved_by`` (when the
    pack was assembled; None: whenever). A locked response can no longer be reopened. Returns how many
    were locked; running it twice locks nothing twice. Side effects: history rows, ``response.lock`` events.
    """
    responses = ActionResponse.objects.filter(
        action__minute__minutes__meeting__committee_id=meeting.committee_id,
        action__minute__minutes__meeting__date__lt=meeting.date,
        date__lte=meeting.date,
    )
    if approved_by is not None:
        responses = responses.filter(Q(state_changed_at__isnull=True) | Q(state_changed_at__lte=approved_by))
    return review_lock(
        queryset=responses.select_related("action__minute"),
        by=by,
        audit_action=AuditAction.RESPONSE_LOCK,
        comment=f"In the action log of the pack published for {long_date(meeting.date)}",
    )


# --- Reminders ------------------------------------------------------------------------------------------


def action_reminders_send(*, on: datetime.date) -> int:
    """Remind the officer of each overdue minute action. Returns how many were sent.

    Idempotent: one reminder per action and due date; running it again sends nothing new.
    Side effects: notifications and e-mails.
    """
    from minutes.selectors import action_log_rows

    sent = 0
    for row in action_log_rows(on=on, overdue_only=True):
        officer = row.action.officer_user
        if officer is None or not officer.is_active:
            continue
        sent += notification_send(
            recipient=officer,
            kind=NotificationKind.MINUTE_ACTION_REMINDER,
            subject=f"The action of minute {row.minute.number} is overdue",
            body=(
                f"{row.meeting}: minute {row.minute.number} ({row.minute.title}) was due {row.action.due_display}. "
                "Write a response and submit it for approval, or ask the governance team to agree a new date."
            ),
            url=reverse("minutes:action_detail", kwargs={"action_id": row.action.pk}),
            dedupe_key=f"minute-action:{row.action.pk}:overdue:{row.action.due_date.isoformat()}",
        )
    return sent
