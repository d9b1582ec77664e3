"""Celery tasks of the self-assessment: thin wrappers over selfassessment.services."""

from celery import shared_task

from selfassessment.services import section_notify


@shared_task
def section_notify_task(*, section_id: int, event: str, comment: str) -> int:
    """Queued after commit by a section decision. Idempotent: see section_notify."""
    return section_notify(section_id=section_id, event=event, comment=comment)
