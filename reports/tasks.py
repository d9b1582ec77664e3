"""Celery tasks of the reports app: thin wrappers over reports.services.

``pack_assemble_task`` is acknowledged late and rejected (so redelivered) when
its worker dies, retries transient database errors with backoff, and is
idempotent: a build that is gone, ready or failed is left alone. When the
retries run out, the build is marked failed with the reason, so the page never
shows a build assembling for ever.

A worker that dies outright (killed, or the embedded server stopped) reports
nothing more: its build's heartbeat stops, and 90 seconds later
(``reports.services.assembly.STALE_AFTER``) the meeting page, the progress bar
or the next request to assemble fails it (``pack_builds_expire``), so the next
assembly can start. A redelivery that comes later finds the build failed and
leaves it alone.
"""

from __future__ import annotations

import logging

from celery import Task, shared_task

from reports.services.assembly import TRANSIENT_ERRORS, pack_assemble, pack_build_fail
from reports.services.publishing import pack_members_notify

logger = logging.getLogger(__name__)


class PackTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        build_id = args[0] if args else kwargs.get("build_id")
        if build_id is not None:
            pack_build_fail(
                build_id=build_id,
                reason=(
                    f"The assembly stopped after {self.request.retries + 1} attempts: {exc} ({exc.__class__.__name__})"
                ),
            )


@shared_task(
    base=PackTask,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
)
def pack_assemble_task(self, build_id: int) -> str:
    build = pack_assemble(build_id=build_id)
    if build is None:
        logger.info("Pack build %s is gone; nothing to assemble", build_id)
        return "gone"
    return build.status


@shared_task
def pack_members_notify_task(*, version_id: int) -> int:
    """Queued after commit by publishing. Idempotent: see pack_members_notify."""
    return pack_members_notify(version_id=version_id)
