"""Celery tasks: thin wrappers that fetch by id, return quietly when the object is gone, and call a service.

``returns_remind_task`` runs daily from the beat schedule (cyp.settings
CELERY_BEAT_SCHEDULE); both tasks are idempotent (dedupe keys).
"""

from celery import shared_task
from django.utils import timezone

from commentary.models import Return
from commentary.reminders import return_decision_notify, returns_remind


@shared_task
def return_decision_notify_task(*, return_id: int, action: str, version: int) -> int:
    ret = Return.objects.select_related("indicator", "quarter", "quarter__year").filter(pk=return_id).first()
    if ret is None:
        return 0
    return return_decision_notify(ret=ret, action=action, version=version)


@shared_task
def returns_remind_task() -> int:
    return returns_remind(today=timezone.localdate())
