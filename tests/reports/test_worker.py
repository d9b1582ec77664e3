"""A real Celery worker with the Redis broker assembles the pack queued from the web; and a worker killed
mid-assembly leaves no broken or duplicate version.

The worker is a subprocess (``celery -A cyp worker --pool=solo``) on a queue of its own, pointed at this
test's PostgreSQL database and media directory. Needs ``CYP_TEST_REDIS_URL`` (scripts/test sets it when
Redis answers): skipped without it, a failure under CI.

What happens when a worker dies (the design the second test checks):

- the task is acknowledged late, so the message stays in Redis's "unacked" set while it runs; a worker
  killed outright (SIGKILL: no warm shutdown) never acknowledges it, and once the broker's visibility
  timeout passes another worker's sweep puts it back on the queue (production: the default hour, longer
  than the task's 15-minute limit; here 5 seconds);
- nothing of the killed run can be downloaded: files are written only after rendering, each under a
  temporary name renamed into place, in that attempt's own directory, and the build gets its paths only
  in the update that marks it ready;
- the redelivered task claims the build again (attempt 2) and finishes it; the killed attempt, were it
  still alive, would find at its next progress report that it no longer holds the build and stop;
- a version exists only when someone publishes a ready build, once (one version per build), so no
  duplicate version can appear; if no worker ever comes back, the build is failed when the next one is
  queued (``pack_builds_expire``) instead of blocking the meeting for ever.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse
from kombu import pools as kombu_pools

from cyp.celery import app
from reports.enums import BuildStatus
from reports.models import PackBuild, PackDownload, PackVersion
from reports.services import files
from tests.reports.workflow_factories import pack_ready_meeting

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)
CELERY = BASE_DIR / ".venv" / "bin" / "celery"
VISIBILITY_TIMEOUT = 5
WAIT = 180  # seconds: generous, for two shared cores; the tests poll and return as soon as they can


def wait_for(condition, *, timeout: float = WAIT, what: str, worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    log = worker.log_tail() if worker else ""
    pytest.fail(f"Timed out after {timeout} s waiting for {what}.\n{log}")


def _needs(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required under CI)")
    pytest.skip(reason)


class Worker:
    """One ``celery worker`` subprocess on the test's queue, logging to a file."""

    def __init__(self, *, queue: str, redis_url: str, database_url: str, log: Path):
        self.log = log
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cyp.settings_test",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CYP_CELERY_EAGER": "0",
            "CYP_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "CYP_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
        env.pop("CYP_TEST_DB_NAME", None)
        self.process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "cyp",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "-n",
                f"{queue}-{uuid.uuid4().hex[:6]}@%h",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=open(log, "ab"),  # noqa: SIM115 - the child owns it
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: b" ready." in log.read_bytes(), timeout=60, what="the worker to start", worker=self)

    def log_tail(self) -> str:
        return "Worker log:\n" + self.log.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        """SIGKILL, as an out-of-memory killer or a lost machine would: no warm shutdown, nothing acknowledged."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def database_url() -> str:
    params = connection.settings_dict
    user = quote(params["USER"] or "", safe="")
    password = f":{quote(params['PASSWORD'], safe='')}" if params["PASSWORD"] else ""
    host = params["HOST"] or "127.0.0.1"
    port = f":{params['PORT']}" if params["PORT"] else ""
    return f"postgresql://{user}{password}@{host}{port}/{params['NAME']}"


@pytest.fixture
def broker(transactional_db, settings, tmp_path):
    """Sends this test's tasks to Redis on a queue of its own; starts workers on it; cleans up after."""
    redis_url = os.environ.get("CYP_TEST_REDIS_URL", "")
    _needs(bool(redis_url), "CYP_TEST_REDIS_URL is not set: the worker tests need Redis (scripts/test sets it)")
    _needs(
        connection.vendor == "postgresql",
        "the worker tests need PostgreSQL: a worker cannot share SQLite's test database",
    )
    queue = f"cyp-test-packs-{uuid.uuid4().hex[:10]}"
    settings.CYP_PACK_QUEUE = queue
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "broker_transport_options")}
    app.conf.update(
        task_always_eager=False,
        broker_url=redis_url,
        broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
    )
    kombu_pools.reset()
    app._pool, app.amqp._producer_pool = None, None
    workers: list[Worker] = []

    def start() -> Worker:
        worker = Worker(
            queue=queue, redis_url=redis_url, database_url=database_url(), log=tmp_path / f"worker-{len(workers)}.log"
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
    app.conf.update(saved)
    kombu_pools.reset()  # close this test's broker connections, and forget them
    app._pool, app.amqp._producer_pool = None, None
    redis.Redis.from_url(redis_url).delete(queue)


def pack_files(meeting) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / files.PACKS_DIR / f"meeting-{meeting.pk}"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def assemble_from_the_page(client, meeting, *, draft: bool):
    response = client.post(
        reverse("pack_assemble", kwargs={"pk": meeting.pk}),
        {"draft": "1" if draft else "0", "idempotency_key": uuid.uuid4().hex},
    )
    assert response.status_code == 302
    return PackBuild.objects.order_by("-id").first()


def test_a_real_worker_assembles_the_pack_queued_from_the_page_and_a_member_downloads_it(
    broker, committee, area, quarter, governance, member, client
):
    meeting = pack_ready_meeting(committee=committee, area=area, quarter=quarter)
    worker = broker()
    client.force_login(governance)

    build = assemble_from_the_page(client, meeting, draft=False)

    build = wait_for(
        lambda: PackBuild.objects.filter(pk=build.pk, status__in=["ready", "failed"]).first(),
        what="the worker to finish the build",
        worker=worker,
    )
    assert build.status == BuildStatus.READY, build.failure_reason
    assert "pack_assemble_task" in worker.log.read_text()
    progress = client.get(reverse("pack_build_progress", kwargs={"pk": meeting.pk, "build_pk": build.pk}))
    assert 'aria-valuenow="100"' in progress.content.decode()

    published = client.post(reverse("pack_publish", kwargs={"pk": meeting.pk, "build_pk": build.pk}), {"confirm": "on"})
    assert published.status_code == 302
    client.force_login(member)
    response = client.get(reverse("pack_version_download", kwargs={"pk": meeting.pk, "number": 1, "fmt": "pdf"}))

    version = PackVersion.objects.get()
    pdf = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert pdf.startswith(b"%PDF-") and files.sha256_of(pdf) == version.sha256 == build.pdf_sha256
    assert PackDownload.objects.get().user == member


def _block_the_builds_next_write(build_id: int):
    """Hold the build row's lock from a connection of our own, so the worker stops at its next progress report."""
    holder = psycopg.connect(**connection.get_connection_params())
    holder.execute("BEGIN")
    status = holder.execute("SELECT status FROM reports_packbuild WHERE id = %s FOR UPDATE", [build_id]).fetchone()[0]
    return holder, status


def _worker_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND query LIKE 'UPDATE \"reports_packbuild\"%%'"
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_mid_assembly_leaves_no_broken_or_duplicate_version_and_the_task_is_redelivered(
    broker, committee, area, quarter, governance, member, client
):
    meeting = pack_ready_meeting(committee=committee, area=area, quarter=quarter)
    client.force_login(governance)
    first = broker()
    for _try in range(3):
        build = assemble_from_the_page(client, meeting, draft=False)
        wait_for(
            lambda build=build: PackBuild.objects.filter(pk=build.pk).exclude(status="queued").exists(),
            what="the worker to claim the build",
            worker=first,
        )
        holder, status = _block_the_builds_next_write(build.pk)
        if status == BuildStatus.RUNNING:
            break
        holder.rollback()  # it finished before we could stop it: try again with a new build
        holder.close()
    else:
        pytest.fail("The worker finished every build before it could be stopped mid-assembly")

    wait_for(_worker_waits_on_a_lock, what="the worker to block on its next progress report", worker=first)
    first.kill()
    holder.rollback()
    holder.close()

    stopped = PackBuild.objects.get(pk=build.pk)
    assert (stopped.status, stopped.attempt, stopped.pdf_path, stopped.html_path) == (BuildStatus.RUNNING, 1, "", "")
    download = reverse("pack_build_download", kwargs={"pk": meeting.pk, "build_pk": build.pk, "fmt": "pdf"})
    assert client.get(download).status_code == 404  # nothing of the killed run can be downloaded
    assert PackVersion.objects.count() == 0
    client.force_login(member)
    assert client.get(reverse("meeting_detail", kwargs={"pk": meeting.pk})).content.decode().count("/versions/") == 0

    second = broker()
    finished = wait_for(
        lambda: PackBuild.objects.filter(pk=build.pk, status__in=["ready", "failed"]).first(),
        what="the task to be redelivered to the second worker and finish",
        worker=second,
    )

    assert finished.status == BuildStatus.READY, finished.failure_reason
    assert finished.attempt == 2
    assert {path.parent.name for path in pack_files(meeting) if f"build-{build.pk}-" in str(path)} == {
        f"build-{build.pk}-2"
    }
    assert PackBuild.objects.filter(meeting=meeting, status__in=["queued", "running"]).count() == 0
    client.force_login(governance)
    client.post(reverse("pack_publish", kwargs={"pk": meeting.pk, "build_pk": build.pk}), {"confirm": "on"})
    client.post(reverse("pack_publish", kwargs={"pk": meeting.pk, "build_pk": build.pk}), {"confirm": "on"})
    assert list(PackVersion.objects.values_list("number", "build_id")) == [(1, build.pk)]
    version = PackVersion.objects.get()
    assert files.sha256_of(files.read(version.pdf_path)) == version.sha256
