"""Celery tasks of the plans app: thin wrappers over plans.services."""

import datetime

from celery import shared_task
from django.utils import timezone

from plans.services import plan_reminders_send


@shared_task
def plan_reminders_send_task(on: str | None = None) -> int:
    """Daily (settings.CELERY_BEAT_SCHEDULE["plan-reminders"]). Idempotent: see plan_reminders_send."""
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return plan_reminders_send(on=day)
