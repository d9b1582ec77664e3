"""Assembling a meeting's pack: the input the renderers read, queueing, and the build itself.

A build moves through a small state machine (``MOVES``): queued → running →
ready or failed. Every move is a compare-and-set on (status, attempt), so a
worker that lost its claim (the build was redelivered to another worker, or
marked failed) can never mark it ready afterwards.
"""

from __future__ import annotations

import datetime
import logging
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from commentary.selectors import approved_content
from cyp.audit import audit_record
from cyp.enums import AuditAction, ReportLayout
from indicators.selectors import quarter_rows
from plans.report import plan_report_build
from plans.selectors import current_ofsted_plan
from reports.document import AgendaEntry, ItemKind, PackInput, RenderedPack
from reports.enums import ACTIVE_BUILD_STATUSES, AgendaItemKind, BuildStatus, PackFormat
from reports.models import COVER_FIELDS, AgendaItem, Meeting, PackBuild
from reports.papers import paper_build
from reports.scorecard import scorecard_build
from reports.selectors import agenda_items, pack_readiness
from reports.services import files

logger = logging.getLogger(__name__)


#: Errors worth retrying: the database went away for a moment. Anything else fails the build.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)

#: The allowed moves of a build. ``running → running`` is a redelivered task claiming it again.
MOVES = {
    BuildStatus.QUEUED: {BuildStatus.RUNNING, BuildStatus.FAILED},
    BuildStatus.RUNNING: {BuildStatus.RUNNING, BuildStatus.READY, BuildStatus.FAILED},
    BuildStatus.READY: set(),
    BuildStatus.FAILED: set(),
}

#: A running build whose worker has not reported for this long has lost it (a crash, a restart, a
#: killed embedded server): it is failed when someone next opens the meeting page, follows the build's
#: progress or asks to assemble, so the next assembly can start. A running build reports at least once
#: a second while the PDF is laid out (``reports.render.pdf_pack.LayoutProgress``) and at every step
#: besides, so 90 seconds of silence is many times the longest gap of a live build.
STALE_AFTER = datetime.timedelta(seconds=90)
#: A queued build has no worker yet (all may be busy with other meetings): it waits longer than the
#: task's own time limit before it is taken for lost.
QUEUED_STALE_AFTER = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)


class PackBusy(ValidationError):
    """A build for the meeting is already queued or running."""


class Superseded(Exception):
    """This attempt no longer holds the build: another attempt claimed it, or it was failed."""


def _move(*, build_id: int, attempt: int, to: BuildStatus, **fields) -> bool:
    """Compare-and-set the build from any status allowed to move to ``to``, at this attempt."""
    allowed_from = [status for status, targets in MOVES.items() if to in targets]
    return bool(
        PackBuild.objects.filter(pk=build_id, status__in=allowed_from, attempt=attempt).update(status=to, **fields)
    )


# --- The renderers' input --------------------------------------------------------------------------


def _performance_report(*, meeting: Meeting, item: AgendaItem):
    from reports.performance import performance_report_build

    examples = [*item.green_blue_examples, *item.red_examples]
    return performance_report_build(committee=meeting.committee, quarter=meeting.quarter, examples=examples)


def _improvement_plan_report(*, meeting: Meeting):
    """The plans app's report as it stands on the meeting day; None (the paper says it is unavailable) when
    there is no current plan, which readiness reports as a blocker."""
    plan = current_ofsted_plan(committee=meeting.committee)
    if plan is None:
        return None
    return plan_report_build(plan=plan, on=meeting.date)


def pack_input_build(*, meeting: Meeting, draft: bool) -> PackInput:
    """Everything the renderers need, read from the database (no side effects).

    A paper not uploaded yet is, in a draft, an agenda line marked "to follow"
    (the final pack is refused by readiness first). A paper whose file has
    vanished from the disk is passed without a path, and the renderer fails the
    build naming the item.
    """
    committee = meeting.committee
    entries = []
    for item in agenda_items(meeting=meeting):
        entry = AgendaEntry(
            item_id=item.pk,
            number=str(item.number),
            section=item.get_section_display(),
            title=item.title,
            kind=ItemKind(item.kind),
            cover=item.cover_sheet() if item.has_cover_sheet else None,
            note=item.note,
            exempt_paragraph=item.exempt_paragraph,
            exempt_description=item.exempt_public_description if item.is_exempt else "",
        )
        if item.kind == AgendaItemKind.PERFORMANCE_REPORT:
            entry.performance = _performance_report(meeting=meeting, item=item)
            if committee.report_layout == ReportLayout.SCORECARD:
                entry.scorecard = scorecard_build(
                    committee=committee, quarter=meeting.quarter, report=entry.performance
                )
        elif item.kind == AgendaItemKind.IMPROVEMENT_PLAN_REPORT:
            entry.improvement_plan = _improvement_plan_report(meeting=meeting)
        elif item.kind in (AgendaItemKind.AGENDA_PLAN, AgendaItemKind.ACTION_LOG):
            entry.paper = paper_build(ItemKind(item.kind), meeting=meeting)
        elif item.kind == AgendaItemKind.UPLOADED_PAPER:
            if item.has_paper:
                path = files.absolute(item.paper.name)
                entry.pdf_path = str(path) if path.exists() else None  # the renderer names the item and fails
            elif draft:
                # A draft goes ahead without it: on the agenda, with no pages, marked as to follow.
                entry.kind = ItemKind.NO_PAPER
                entry.note = "Paper to follow: it has not been uploaded yet."
        entries.append(entry)
    when = date_format(meeting.date, "j F Y")
    return PackInput(
        committee_name=committee.name,
        council_name=committee.council,
        meeting_date=meeting.date,
        meeting_time=meeting.time_display,
        venue=meeting.venue,
        clerk_name=meeting.clerk_name,
        clerk_email=meeting.clerk_email,
        clerk_telephone=meeting.clerk_telephone,
        membership=meeting.members,
        quarter_label=meeting.quarter.display,
        items=entries,
        draft=draft,
        title=f"{committee.name}: agenda and reports, {when}" + (" (DRAFT)" if draft else ""),
        author=committee.council,
    )


def _fingerprint(item: AgendaItem) -> str:
    """A short digest of what the item prints besides its paper: cover sheet, note and chosen examples."""
    printed = [*(str(getattr(item, name)) for name in COVER_FIELDS), item.note, item.section]
    if item.exempt_public_description:
        # Only when written, so the digests of versions published before exempt items existed still match.
        printed.append(item.exempt_public_description)
    printed += [str(item.green_blue_examples), str(item.red_examples)]
    return files.sha256_of("\x1f".join(printed).encode())[:16]


def pack_snapshot(*, meeting: Meeting) -> dict:
    """What the pack says, in a form the next version's change log compares against (read only).

    Per indicator: figures as printed, RAG, change, approved commentary and actions; per
    agenda item: title, kind, the uploaded paper's SHA-256, a digest of its cover sheet (and public
    description) and its exempt paragraph (None for a public item). It holds an exempt item's title:
    only the body's pages read it (``change_log_between`` never prints it).
    """
    items = agenda_items(meeting=meeting)
    snapshot: dict = {
        "meeting": {
            "date": meeting.date.isoformat(),
            "time": meeting.time_display,
            "venue": meeting.venue,
            "quarter": meeting.quarter.label,
        },
        "items": {
            str(item.number): {
                "title": item.title,
                "kind": item.kind,
                "paper_sha256": item.paper_sha256,
                "cover": _fingerprint(item),
                "exempt_paragraph": item.exempt_paragraph,
            }
            for item in items
        },
        "indicators": {},
    }
    if not any(item.is_performance_report for item in items):
        return snapshot
    returns = approved_content(quarter=meeting.quarter)
    for row in quarter_rows(committee=meeting.committee, quarter=meeting.quarter):
        ret = returns.get(row.indicator.id)
        snapshot["indicators"][str(row.indicator.number)] = {
            "name": row.indicator.name,
            "current": row.current_display,
            "previous": row.previous_display,
            "target": row.target_display,
            "rag": row.rag or "",
            "change": row.change.value if row.change else "",
            "not_updated": row.not_updated,
            "commentary": ret.commentary.strip() if ret else "",
            "actions": ret.actions.strip() if ret else "",
        }
    return snapshot


# --- Queueing --------------------------------------------------------------------------------------


def pack_builds_expire(*, meeting: Meeting, now: datetime.datetime | None = None) -> int:
    """Fail the meeting's builds whose worker has gone: running with no heartbeat for ``STALE_AFTER``, or
    queued for ``QUEUED_STALE_AFTER`` with no worker taking them. Returns how many were failed.

    Each is a compare-and-set on (status, attempt, heartbeat), so a build whose worker reports at that
    moment is left running. Records ``pack.fail`` for each build failed. One query when none is stale.
    """
    now = now or timezone.now()
    expired = 0
    for build in PackBuild.objects.filter(meeting=meeting, status__in=ACTIVE_BUILD_STATUSES):
        last = build.heartbeat_at or build.created_at
        limit = STALE_AFTER if build.status == BuildStatus.RUNNING else QUEUED_STALE_AFTER
        if now - last <= limit:
            continue
        reason = (
            f"No worker reported progress after {date_format(timezone.localtime(last), 'j F Y, H:i:s')} "
            f"(at “{build.step}”, {build.percent}%): the worker stopped, perhaps in a restart or a crash. "
            "Assemble the pack again."
        )
        failed = PackBuild.objects.filter(
            pk=build.pk, status=build.status, attempt=build.attempt, heartbeat_at=build.heartbeat_at
        ).update(status=BuildStatus.FAILED, failure_reason=reason, step="Failed", finished_at=now)
        if failed:
            expired += 1
            audit_record(
                action=AuditAction.PACK_FAIL, target=meeting, changes={"build": [None, build.pk]}, comment=reason
            )
    return expired


def blockers_message(blockers, *, action: str, listed: int = 3) -> str:
    """ "The final pack cannot be assembled while 2 things block it: …; … Fix them under Readiness." """
    count = len(blockers)
    things = f"{count} thing{'s' if count != 1 else ''} block{'' if count != 1 else 's'}"
    shown = " ".join(blocker.message for blocker in blockers[:listed])
    more = f" (and {count - listed} more)" if count > listed else ""
    return f"{action} while {things} it: {shown}{more} Fix {'it' if count == 1 else 'them'} under Readiness."


def pack_build_create(*, meeting: Meeting, by, draft: bool, idempotency_key: str = "") -> PackBuild:
    """Create a queued build (the first half of ``pack_queue``; ``assemble_pack`` then runs it in-process).

    1. checks permission (``reports.assemble_pack``) and, for a final pack, that nothing blocks it;
    2. returns the existing build when the same request (idempotency key) is sent twice;
    3. fails builds whose worker was lost long ago, then refuses a second build while one is queued
       or running for the meeting (also a partial unique constraint in the database);
    4. records ``pack.assemble``.
    """
    if not by.has_perm("reports.assemble_pack", meeting):
        raise PermissionDenied("Only the governance team can assemble a pack.")
    key = idempotency_key or uuid.uuid4().hex
    existing = PackBuild.objects.filter(idempotency_key=key, meeting=meeting, draft=draft).first()
    if existing is not None:
        return existing
    if not draft:
        blockers = pack_readiness(meeting=meeting)
        if blockers:
            raise ValidationError(blockers_message(blockers, action="The final pack cannot be assembled"))
    pack_builds_expire(meeting=meeting)
    try:
        with transaction.atomic():
            build = PackBuild.objects.create(
                meeting=meeting,
                draft=draft,
                created_by=by,
                idempotency_key=key,
                task_id=uuid.uuid4().hex,
                step="Waiting for a worker",
            )
            audit_record(
                action=AuditAction.PACK_ASSEMBLE,
                target=meeting,
                actor=by,
                changes={"build": [None, build.pk], "draft": [None, draft]},
            )
    except IntegrityError:
        active = PackBuild.objects.filter(meeting=meeting, status__in=ACTIVE_BUILD_STATUSES).first()
        if active is None:  # the key was taken by a request for another meeting
            raise ValidationError("This request was already used: reload the page and assemble again.") from None
        raise PackBusy(
            f"A {active.kind_label.lower()} pack for this meeting is already being assembled (build {active.pk}): "
            "wait for it to finish, then assemble again."
        ) from None
    return build


def pack_queue(*, meeting: Meeting, by, draft: bool, idempotency_key: str = "") -> PackBuild:
    """Create a build (``pack_build_create``) and queue ``pack_assemble_task`` once the transaction commits.

    Without a broker (the embedded default, and tests) the task runs in-process at that moment.
    """
    build = pack_build_create(meeting=meeting, by=by, draft=draft, idempotency_key=idempotency_key)
    if build.status != BuildStatus.QUEUED or build.attempt:
        return build  # the same request sent twice: it is queued already

    def send():
        from reports.tasks import pack_assemble_task

        # CYP_PACK_QUEUE sends assemblies to workers of their own (``celery worker -Q packs``).
        queue = settings.CYP_PACK_QUEUE
        pack_assemble_task.apply_async(args=[build.pk], task_id=build.task_id, **({"queue": queue} if queue else {}))

    transaction.on_commit(send)
    return build


# --- The assembly ----------------------------------------------------------------------------------


def _render(pack: PackInput, progress) -> RenderedPack:
    from reports.render import pack_render

    return pack_render(pack=pack, progress=progress)


def pack_assemble(*, build_id: int, progress=None) -> PackBuild | None:
    """Assemble a queued build: render, write the files atomically, and mark it ready or failed.

    1. claims the build (queued or running → running, attempt + 1); a build that
       is gone, ready or failed is returned untouched, so running twice does nothing;
    2. renders through ``reports.render.pack_render``, reporting step and percent
       to the build row (each report also checks this attempt still holds it);
    3. writes PDF, HTML, CSV and XLSX into this attempt's own directory, each
       under a temporary name renamed into place; when the meeting has an exempt
       item, the public pack's PDF and HTML too (``-public``); otherwise the public
       paths are the members' files (one pack serves both: ``reports.exempt``);
    4. marks the build ready with the paths in the same compare-and-set, removes
       what earlier attempts (killed workers) left, and records ``pack.ready``;
       or, on an error, marks it failed with the reason, removes this attempt's
       files and records ``pack.fail``.

    Transient database errors are raised for the task to retry; the build stays
    running and the retry claims it again.
    """
    build = PackBuild.objects.select_related("meeting__committee", "meeting__quarter__year").filter(pk=build_id).first()
    if build is None or build.status not in ACTIVE_BUILD_STATUSES:
        return build
    attempt = build.attempt + 1
    now = timezone.now()
    claimed = PackBuild.objects.filter(pk=build.pk, status__in=ACTIVE_BUILD_STATUSES, attempt=build.attempt).update(
        status=BuildStatus.RUNNING,
        attempt=attempt,
        started_at=build.started_at or now,
        heartbeat_at=now,
        step="Reading the meeting and the quarter's figures",
        percent=2,
    )
    if not claimed:
        return PackBuild.objects.filter(pk=build_id).first()
    meeting = build.meeting
    directory = files.build_dir(meeting_id=meeting.pk, build_id=build.pk, attempt=attempt)

    def report(step: str, percent: int) -> None:
        percent = max(0, min(100, int(percent)))
        updated = PackBuild.objects.filter(pk=build.pk, status=BuildStatus.RUNNING, attempt=attempt).update(
            step=step[:200], percent=percent, heartbeat_at=timezone.now()
        )
        if not updated:
            raise Superseded
        if progress is not None:
            progress(step, percent)

    def render_progress(step: str, percent: int) -> None:
        report(step, 10 + int(max(0, min(100, percent)) * 0.8))

    try:
        pack = pack_input_build(meeting=meeting, draft=build.draft)
        snapshot = pack_snapshot(meeting=meeting)
        report("Rendering the pack", 10)
        rendered = _render(pack, render_progress)
        report("Writing the files", 92)
        slug = f"{meeting.date.isoformat()}-{'draft' if build.draft else 'pack'}"
        paths = {
            PackFormat.PDF: files.write_atomic(f"{directory}/{slug}.pdf", rendered.pdf),
            PackFormat.HTML: files.write_atomic(f"{directory}/{slug}.html", rendered.html.encode("utf-8")),
            PackFormat.CSV: files.write_atomic(f"{directory}/{slug}-figures.csv", rendered.figures_csv.encode("utf-8")),
            PackFormat.XLSX: files.write_atomic(f"{directory}/{slug}-figures.xlsx", rendered.figures_xlsx),
        }
        pdf_sha256 = files.sha256_of(rendered.pdf)
        public = rendered.public or rendered
        if rendered.public is None:
            paths[PackFormat.PUBLIC_PDF], paths[PackFormat.PUBLIC_HTML] = paths[PackFormat.PDF], paths[PackFormat.HTML]
        else:
            paths[PackFormat.PUBLIC_PDF] = files.write_atomic(f"{directory}/{slug}-public.pdf", public.pdf)
            paths[PackFormat.PUBLIC_HTML] = files.write_atomic(
                f"{directory}/{slug}-public.html", public.html.encode("utf-8")
            )
        finished = _move(
            build_id=build.pk,
            attempt=attempt,
            to=BuildStatus.READY,
            step="Ready",
            percent=100,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
            failure_reason="",
            pdf_path=paths[PackFormat.PDF],
            html_path=paths[PackFormat.HTML],
            csv_path=paths[PackFormat.CSV],
            xlsx_path=paths[PackFormat.XLSX],
            public_pdf_path=paths[PackFormat.PUBLIC_PDF],
            public_html_path=paths[PackFormat.PUBLIC_HTML],
            pdf_sha256=pdf_sha256,
            page_count=rendered.page_count,
            item_pages=_pages_json(rendered.item_pages),
            public_pdf_sha256=files.sha256_of(public.pdf) if rendered.public else pdf_sha256,
            public_page_count=public.page_count,
            public_item_pages=_pages_json(public.item_pages),
            snapshot=snapshot,
        )
        if not finished:
            raise Superseded
    except Superseded:
        files.remove_tree(directory)
        logger.info("Pack build %s attempt %s was superseded; its files are removed", build.pk, attempt)
        return PackBuild.objects.filter(pk=build_id).first()
    except TRANSIENT_ERRORS:
        files.remove_tree(directory)
        raise
    except Exception as exc:
        files.remove_tree(directory)
        logger.exception("Pack build %s failed", build.pk)
        pack_build_fail(build_id=build.pk, reason=_reason(exc), attempt=attempt)
        return PackBuild.objects.filter(pk=build_id).first()
    files.remove_other_attempts(meeting_id=meeting.pk, build_id=build.pk, keep=attempt)
    audit_record(
        action=AuditAction.PACK_READY,
        target=meeting,
        changes={"build": [None, build.pk], "pages": [None, rendered.page_count]},
    )
    return PackBuild.objects.get(pk=build_id)


def _pages_json(item_pages: dict[int, tuple[int, int]]) -> dict[str, list[int]]:
    return {str(item_id): list(pages) for item_id, pages in item_pages.items()}


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return f"{text} ({exc.__class__.__name__})"[:2000]


def pack_build_fail(*, build_id: int, reason: str, attempt: int | None = None) -> bool:
    """Mark a queued or running build failed with the reason, and record ``pack.fail``.

    With ``attempt`` only that attempt may fail it. Returns False when the build
    had already finished (nothing is changed).
    """
    build = PackBuild.objects.select_related("meeting").filter(pk=build_id).first()
    if build is None:
        return False
    if attempt is None:
        attempt = build.attempt
    failed = _move(
        build_id=build_id,
        attempt=attempt,
        to=BuildStatus.FAILED,
        failure_reason=reason,
        step="Failed",
        finished_at=timezone.now(),
    )
    if failed:
        audit_record(
            action=AuditAction.PACK_FAIL, target=build.meeting, changes={"build": [None, build_id]}, comment=reason
        )
    return failed
