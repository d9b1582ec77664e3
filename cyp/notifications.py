"""Notifications: one row per person and event, e-mailed once. Sending twice sends nothing twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from cyp.enums import NotificationKind, Role
from cyp.models import Notification, User


def task_queue(task: str, **kwargs):
    """What a service hands to ``transaction.on_commit`` (or ``review_transition``'s ``after_commit``): a
    callable that queues the Celery task named by its dotted path with ``kwargs``.

    Every notification and e-mail of a workflow is sent from a task queued after commit, never in the
    request. The task is imported when it is queued: an app's tasks module imports its services.
    """

    def enqueue():
        import_string(task).delay(**kwargs)

    return enqueue


def governance_team() -> list[User]:
    """The people told that work waits for review: the active members of the governance team."""
    return list(User.objects.filter(role=Role.GOVERNANCE, is_active=True).order_by("pk"))


def notification_send(
    *, recipient, kind: NotificationKind | str, subject: str, body: str, url: str = "", dedupe_key: str
) -> bool:
    """Create the notification and e-mail it, unless one with this key exists for the person.

    Call it from a Celery task (queued with ``transaction.on_commit``), never inside a request: the
    e-mail then waits for nothing and goes only when the decision it reports is committed.
    ``kind`` must be in the closed vocabulary (cyp.enums.NotificationKind). Returns True when
    something was sent. Side effects: one Notification row, one e-mail.
    """
    try:
        kind = NotificationKind(kind)
    except ValueError:
        raise ValueError(f"'{kind}' is not a notification kind: add it to cyp.enums.NotificationKind first") from None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, kind=kind.value, subject=subject, body=body, url=url, dedupe_key=dedupe_key
            )
    except IntegrityError:
        return False
    if recipient.email:
        link = f"\n\n{settings.CYP_BASE_URL.rstrip('/')}{url}" if url else ""
        send_mail(subject, f"{body}{link}", settings.DEFAULT_FROM_EMAIL, [recipient.email])
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


def notifications_for(user, *, unread_only: bool = False):
    notifications = Notification.objects.filter(recipient=user)
    return notifications.filter(read_at__isnull=True) if unread_only else notifications


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of the user as read."""
    notifications = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        notifications = notifications.filter(pk=notification_id)
    return notifications.update(read_at=timezone.now())
