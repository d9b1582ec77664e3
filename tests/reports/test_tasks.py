"""Queueing and assembling a pack: the task is idempotent, and a failed or interrupted run leaves nothing to download.

Tasks run in-process here (CELERY_TASK_ALWAYS_EAGER); tests/reports/test_worker.py runs a real worker.
"""

import datetime
import io
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cyp.models import AuditEvent
from reports.enums import AgendaItemKind, BuildStatus, PackFormat
from reports.models import PackBuild, PackVersion
from reports.render import pdf_pack, pdf_plans
from reports.services import files
from reports.services.assembly import PackBusy, pack_assemble, pack_build_create, pack_builds_expire, pack_queue
from reports.tasks import pack_assemble_task
from tests.reports import workflow_factories

pytestmark = pytest.mark.django_db

# Fixtures shared by the workflow tests.
assemble = workflow_factories.assemble
ready_meeting = workflow_factories.ready_meeting


def files_under(meeting) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / files.PACKS_DIR / f"meeting-{meeting.pk}"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_queueing_a_draft_assembles_it_to_ready_with_every_file(ready_meeting, assemble):
    build = assemble(ready_meeting)

    assert (build.status, build.percent, build.step, build.attempt) == (BuildStatus.READY, 100, "Ready", 1)
    pdf = files.read(build.pdf_path)
    assert PdfReader(io.BytesIO(pdf)).pages[0] is not None
    assert build.page_count == len(PdfReader(io.BytesIO(pdf)).pages)
    assert build.pdf_sha256 == files.sha256_of(pdf)
    assert files.read(build.html_path).startswith(b"<!")
    assert build.csv_path and build.xlsx_path
    assert set(build.item_pages) == {str(item.pk) for item in ready_meeting.items.all()}
    assert build.snapshot["indicators"]["117"]["rag"] == "Blue"
    assert [event.action for event in AuditEvent.objects.order_by("id")] == ["pack.assemble", "pack.ready"]


def test_a_draft_is_titled_draft_and_the_final_pack_is_not(ready_meeting, assemble):
    draft = assemble(ready_meeting)
    final = assemble(ready_meeting, draft=False)

    assert PdfReader(files.absolute(draft.pdf_path)).metadata.title.endswith("(DRAFT)")
    assert "DRAFT" not in PdfReader(files.absolute(final.pdf_path)).metadata.title


def test_a_second_build_is_refused_while_one_is_queued(ready_meeting, governance):
    queued = pack_build_create(meeting=ready_meeting, by=governance, draft=True)

    with pytest.raises(PackBusy, match=f"already being assembled \\(build {queued.pk}\\)"):
        pack_queue(meeting=ready_meeting, by=governance, draft=True)

    assert PackBuild.objects.count() == 1


def test_the_same_request_sent_twice_makes_one_build(ready_meeting, assemble):
    first = assemble(ready_meeting, idempotency_key="a" * 32)
    second = assemble(ready_meeting, idempotency_key="a" * 32)

    assert first.pk == second.pk
    assert PackBuild.objects.count() == 1


def test_a_build_whose_worker_vanished_long_ago_is_failed_when_the_next_is_queued(ready_meeting, governance, assemble):
    lost = pack_build_create(meeting=ready_meeting, by=governance, draft=True)
    PackBuild.objects.filter(pk=lost.pk).update(
        status=BuildStatus.RUNNING, attempt=1, heartbeat_at=timezone.now() - datetime.timedelta(hours=2)
    )

    build = assemble(ready_meeting)

    lost.refresh_from_db()
    assert lost.status == BuildStatus.FAILED
    assert lost.failure_reason.startswith("No worker reported progress after")
    assert build.status == BuildStatus.READY


def test_the_final_pack_is_refused_while_something_blocks_it(ready_meeting, governance):
    ready_meeting.items.filter(number=7).update(paper="")

    with pytest.raises(ValidationError, match="1 thing blocks it"):
        pack_queue(meeting=ready_meeting, by=governance, draft=False)

    assert PackBuild.objects.count() == 0


@pytest.mark.parametrize("persona", ["member", "lead"])
def test_only_governance_can_queue_a_pack(ready_meeting, persona, request):
    with pytest.raises(PermissionDenied):
        pack_queue(meeting=ready_meeting, by=request.getfixturevalue(persona), draft=True)

    assert PackBuild.objects.count() == 0


def test_assembling_a_ready_build_again_changes_nothing(ready_meeting, assemble):
    build = assemble(ready_meeting)
    before = (build.attempt, build.pdf_path, build.finished_at, files_under(ready_meeting))

    again = pack_assemble(build_id=build.pk)
    result = pack_assemble_task.apply(args=[build.pk]).get()

    assert result == BuildStatus.READY
    assert (again.attempt, again.pdf_path, again.finished_at, files_under(ready_meeting)) == before
    assert AuditEvent.objects.filter(action="pack.ready").count() == 1


def test_the_task_returns_quietly_when_the_build_is_gone(db):
    assert pack_assemble_task.apply(args=[987654]).get() == "gone"


def test_an_exception_mid_render_fails_the_build_and_leaves_no_file(ready_meeting, governance):
    build = pack_build_create(meeting=ready_meeting, by=governance, draft=True)

    def interrupt(step, percent):
        if percent >= 40:
            raise RuntimeError("the worker's disk went away")

    result = pack_assemble(build_id=build.pk, progress=interrupt)

    assert result.status == BuildStatus.FAILED
    assert result.failure_reason == "the worker's disk went away (RuntimeError)"
    assert (result.pdf_path, result.html_path, result.page_count) == ("", "", None)
    assert files_under(ready_meeting) == []
    assert AuditEvent.objects.filter(action="pack.fail").get().comment == result.failure_reason


def test_a_paper_damaged_on_disk_after_upload_fails_the_build_naming_the_item(ready_meeting, governance):
    item = ready_meeting.items.get(number=7)
    files.absolute(item.paper.name).write_bytes(b"%PDF-1.7\nthis is not a PDF any more")
    build = pack_build_create(meeting=ready_meeting, by=governance, draft=True)

    result = pack_assemble(build_id=build.pk)

    assert result.status == BuildStatus.FAILED
    assert result.failure_reason.startswith(
        "Item 7 (Finance Monitoring Report – August 2024): the uploaded PDF cannot be read"
    )
    assert files_under(ready_meeting) == []


def test_a_draft_goes_ahead_without_a_paper_not_yet_uploaded_marking_it_to_follow(ready_meeting, assemble):
    ready_meeting.items.filter(number=7).update(paper="")

    build = assemble(ready_meeting, draft=True)

    assert build.status == BuildStatus.READY
    text = "".join(page.extract_text() for page in PdfReader(files.absolute(build.pdf_path)).pages)
    assert "Finance Monitoring Report – August 2024" in text
    assert "Paper to follow: it has not been uploaded yet." in files.read(build.html_path).decode()


def test_a_transient_database_error_is_raised_for_a_retry_and_the_retry_completes(ready_meeting, governance):
    build = pack_build_create(meeting=ready_meeting, by=governance, draft=True)

    def lose_the_database(step, percent):
        if percent >= 40:
            raise OperationalError("server closed the connection unexpectedly")

    with pytest.raises(OperationalError):
        pack_assemble(build_id=build.pk, progress=lose_the_database)

    build.refresh_from_db()
    assert (build.status, build.attempt, build.pdf_path) == (BuildStatus.RUNNING, 1, "")
    assert files_under(ready_meeting) == []

    retried = pack_assemble(build_id=build.pk)

    assert (retried.status, retried.attempt) == (BuildStatus.READY, 2)
    assert [path.parent.name for path in files_under(ready_meeting)] == [f"build-{build.pk}-2"] * 4


def test_an_attempt_superseded_by_a_redelivery_writes_nothing_and_cannot_finish_it(ready_meeting, governance):
    """A redelivered task (the broker thought the worker was lost) claims the build while the first attempt
    still runs: the first attempt notices at its next progress report, removes its files and stops."""
    build = pack_build_create(meeting=ready_meeting, by=governance, draft=True)

    def redelivered_meanwhile(step, percent):
        if percent >= 40:
            PackBuild.objects.filter(pk=build.pk).update(attempt=2)  # what the second worker's claim does

    first = pack_assemble(build_id=build.pk, progress=redelivered_meanwhile)

    assert (first.status, first.attempt, first.pdf_path) == (BuildStatus.RUNNING, 2, "")
    assert files_under(ready_meeting) == []

    second = pack_assemble(build_id=build.pk)

    assert (second.status, second.attempt) == (BuildStatus.READY, 3)
    assert PackVersion.objects.count() == 0
    assert AuditEvent.objects.filter(action="pack.ready").count() == 1


def test_when_retries_run_out_the_task_marks_the_build_failed(ready_meeting, governance):
    build = pack_build_create(meeting=ready_meeting, by=governance, draft=True)

    pack_assemble_task.on_failure(OperationalError("no database"), "task-id", (build.pk,), {}, None)

    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert build.failure_reason == "The assembly stopped after 1 attempts: no database (OperationalError)"


def test_assemble_pack_command_writes_the_pdf_of_the_meeting_given_by_date(ready_meeting, governance, tmp_path):
    output = tmp_path / "pack.pdf"
    stdout = io.StringIO()

    call_command("assemble_pack", "2024-10-08", "--output", str(output), stdout=stdout)

    build = PackBuild.objects.get()
    assert (build.status, build.draft, build.created_by) == (BuildStatus.READY, True, governance)
    assert output.read_bytes() == files.read(build.pdf_path)
    assert f"{build.page_count} pages (build {build.pk})" in stdout.getvalue()


def test_assemble_pack_command_takes_the_meeting_id_and_writes_the_final_pack_and_html(
    ready_meeting, governance, tmp_path
):
    call_command(
        "assemble_pack",
        str(ready_meeting.pk),
        "--final",
        "--output",
        str(tmp_path / "pack.pdf"),
        "--html",
        str(tmp_path / "pack.html"),
        stdout=io.StringIO(),
    )

    build = PackBuild.objects.get()
    assert build.draft is False
    assert (tmp_path / "pack.html").read_bytes() == files.read(build.path_for(PackFormat.HTML))


def test_assemble_pack_command_refuses_a_blocked_final_pack_listing_why(ready_meeting, governance, tmp_path):
    ready_meeting.items.filter(number=7).update(paper="")

    with pytest.raises(CommandError, match="the paper has not been uploaded"):
        call_command("assemble_pack", "2024-10-08", "--final", "--output", str(tmp_path / "p.pdf"))

    assert not (tmp_path / "p.pdf").exists()


def test_assemble_pack_command_names_a_meeting_it_cannot_find(ready_meeting, governance, tmp_path):
    with pytest.raises(CommandError, match="No meeting matches '2031-01-01'"):
        call_command("assemble_pack", "2031-01-01", "--output", str(tmp_path / "p.pdf"))
    with pytest.raises(CommandError, match="neither a meeting id nor a date"):
        call_command("assemble_pack", "next-tuesday", "--output", str(tmp_path / "p.pdf"))


# --- A build whose worker has gone is seen as failed within a minute or two ------------------------

STARTED = datetime.datetime(2024, 10, 1, 9, 0, tzinfo=datetime.UTC)  # 10:00 in London


def running_build(meeting, by, *, step="Laying out the PDF (page 40)", percent=41):
    """A build as a worker leaves it when it dies mid-layout: running, its last heartbeat now."""
    build = pack_build_create(meeting=meeting, by=by, draft=True)
    PackBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.RUNNING, attempt=1, heartbeat_at=timezone.now(), step=step, percent=percent
    )
    return build


def test_a_running_build_is_failed_90_seconds_after_its_worker_last_reported(ready_meeting, governance):
    with time_machine.travel(STARTED, tick=False):
        build = running_build(ready_meeting, governance)
    with time_machine.travel(STARTED + datetime.timedelta(seconds=90), tick=False):
        assert pack_builds_expire(meeting=ready_meeting) == 0
    with time_machine.travel(STARTED + datetime.timedelta(seconds=91), tick=False):
        assert pack_builds_expire(meeting=ready_meeting) == 1

    build.refresh_from_db()
    assert (build.status, build.step) == (BuildStatus.FAILED, "Failed")
    assert build.failure_reason == (
        "No worker reported progress after 1 October 2024, 10:00:00 (at “Laying out the PDF (page 40)”, 41%): "
        "the worker stopped, perhaps in a restart or a crash. Assemble the pack again."
    )
    event = AuditEvent.objects.get(action="pack.fail")
    assert event.comment == build.failure_reason


def test_a_queued_build_waits_for_a_worker_longer_than_a_running_one(ready_meeting, governance):
    with time_machine.travel(STARTED, tick=False):
        build = pack_build_create(meeting=ready_meeting, by=governance, draft=True)
    with time_machine.travel(STARTED + datetime.timedelta(minutes=29), tick=False):
        assert pack_builds_expire(meeting=ready_meeting) == 0
    with time_machine.travel(STARTED + datetime.timedelta(minutes=31), tick=False):
        assert pack_builds_expire(meeting=ready_meeting) == 1

    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED


def test_a_server_killed_mid_layout_leaves_a_build_the_meeting_page_fails_so_the_next_can_start(
    ready_meeting, governance, as_persona, assemble
):
    def killed(step, percent):
        if step.startswith("Laying out the PDF"):
            raise SystemExit(1)  # the embedded server stopped: nothing of the build's own code runs after

    with time_machine.travel(STARTED, tick=False):
        build = pack_build_create(meeting=ready_meeting, by=governance, draft=True)
        with pytest.raises(SystemExit):
            pack_assemble(build_id=build.pk, progress=killed)
    page = reverse("meeting_detail", args=[ready_meeting.pk])
    with time_machine.travel(STARTED + datetime.timedelta(seconds=60), tick=False):
        as_persona("governance").get(page)
        build.refresh_from_db()
        assert build.status == BuildStatus.RUNNING
        with pytest.raises(PackBusy):
            pack_queue(meeting=ready_meeting, by=governance, draft=True)
    with time_machine.travel(STARTED + datetime.timedelta(seconds=120), tick=False):
        response = as_persona("governance").get(page)

    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert (
        "The assembly failed: No worker reported progress after 1 October 2024, 10:00:00" in response.content.decode()
    )
    assert assemble(ready_meeting).status == BuildStatus.READY


def test_the_progress_bar_of_a_build_whose_worker_has_gone_ends_with_the_reason(ready_meeting, governance, as_persona):
    with time_machine.travel(STARTED, tick=False):
        build = running_build(ready_meeting, governance)
    url = reverse("pack_build_progress", args=[ready_meeting.pk, build.pk])
    with time_machine.travel(STARTED + datetime.timedelta(seconds=30), tick=False):
        assert "hx-trigger" in as_persona("governance").get(url).content.decode()
    with time_machine.travel(STARTED + datetime.timedelta(seconds=95), tick=False):
        html = as_persona("governance").get(url).content.decode()

    assert "hx-trigger" not in html  # the page stops polling
    assert "The assembly failed: No worker reported progress after 1 October 2024, 10:00:00" in html


def test_opening_the_meeting_page_as_a_member_fails_no_build(ready_meeting, governance, as_persona):
    with time_machine.travel(STARTED, tick=False):
        build = running_build(ready_meeting, governance)
    with time_machine.travel(STARTED + datetime.timedelta(seconds=120), tick=False):
        as_persona("member").get(reverse("meeting_detail", args=[ready_meeting.pk]))

    build.refresh_from_db()
    assert build.status == BuildStatus.RUNNING  # members do not see builds; the next governance visit fails it


def test_the_heartbeat_moves_on_every_page_while_the_pdf_is_laid_out(ready_meeting, governance, monkeypatch):
    monkeypatch.setattr(pdf_pack, "HEARTBEAT_SECONDS", 0)
    build = pack_build_create(meeting=ready_meeting, by=governance, draft=True)
    beats = []

    def record(step, percent):
        beats.append((step, PackBuild.objects.values_list("heartbeat_at", flat=True).get(pk=build.pk)))

    build = pack_assemble(build_id=build.pk, progress=record)

    laid_out = {int(step.rsplit(" ", 1)[1].rstrip(")")) for step, _ in beats if step.startswith("Laying out the PDF (")}
    assert laid_out == set(range(1, build.page_count + 1))
    heartbeats = [beat for _, beat in beats]
    assert heartbeats == sorted(heartbeats) and len(set(heartbeats)) > build.page_count


def test_a_text_that_cannot_be_laid_out_fails_the_build_naming_the_item_action_and_field(
    ready_meeting, assemble, monkeypatch
):
    from tests.plans.factories import ActionFactory, PlanFactory, RecommendationFactory
    from tests.reports.workflow_factories import AgendaItemFactory

    # As the report was laid out before: whole texts in cells, rows that cannot split (reportlab before 4).
    monkeypatch.setattr(pdf_plans, "SPLIT_IN_ROW", 0)
    monkeypatch.setattr(pdf_plans, "LONG_CELL", 10**9)
    recommendation = RecommendationFactory(plan=PlanFactory(committee=ready_meeting.committee), number=1)
    ActionFactory(recommendation=recommendation, number="1.1", item="Recruit four social workers.")
    ActionFactory(recommendation=recommendation, number="1.2", item="Review every case. " * 210)
    AgendaItemFactory(
        meeting=ready_meeting, number=9, title="Improvement plan", kind=AgendaItemKind.IMPROVEMENT_PLAN_REPORT
    )

    build = assemble(ready_meeting)

    assert build.status == BuildStatus.FAILED
    assert build.failure_reason.startswith(
        "Item 9, improvement plan report, action 1.2 (item): the text could not be laid out (Flowable <LongTable"
    )
    assert build.failure_reason.endswith(
        "Shorten the text or split it into paragraphs, then try again. (PackRenderError)"
    )
