"""Celery tasks of the plans app: thin wrappers over plans.services."""

import datetime

from celery import shared_task
from django.utils import timezone

from plans.services import plan_reminders_send, progress_notify


@shared_task
def plan_reminders_send_task(on: str | None = None) -> int:
    """Daily (settings.CELERY_BEAT_SCHEDULE["plan-reminders"]). Idempotent: see plan_reminders_send."""
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return plan_reminders_send(on=day)


@shared_task
def progress_notify_task(*, update_id: int, event: str, comment: str) -> int:
    """Queued after commit by a progress decision. Idempotent: see progress_notify."""
    return progress_notify(update_id=update_id, event=event, comment=comment)
