"""Celery tasks of the minutes app: thin wrappers over minutes.services."""

from celery import shared_task

from minutes.services import response_notify


@shared_task
def response_notify_task(*, response_id: int, event: str, comment: str) -> int:
    """Queued after commit by a decision on a response. Idempotent: see response_notify."""
    return response_notify(response_id=response_id, event=event, comment=comment)
