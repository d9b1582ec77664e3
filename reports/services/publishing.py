"""Publishing a ready final build as a version, and recording downloads."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from commentary.services import returns_lock
from cyp.audit import audit_record
from cyp.enums import AuditAction, NotificationKind, Role
from cyp.models import QuarterPublication, User
from cyp.notifications import notification_send, task_queue
from cyp.words import counted
from indicators.enums import StatusSource
from indicators.models import PublishedStatus
from indicators.selectors_sharing import indicator_ids_by_number
from indicators.services import figure_corrections_since, figures_lock
from plans.selectors import current_ofsted_plan
from plans.services import progress_lock
from reports.enums import AgendaItemKind, BuildStatus, PackFormat
from reports.models import Meeting, PackBuild, PackDownload, PackVersion
from reports.papers import papers_lock
from reports.selectors import pack_readiness
from reports.services import files
from reports.services.assembly import blockers_message, pack_snapshot

FIGURE_FIELDS = (("current", "current value"), ("previous", "previous value"), ("target", "target"))


def change_log_between(previous: dict | None, current: dict) -> list[str]:
    """What changed from one snapshot to the next, one line per thing, in agenda then indicator order.

    "Indicator 117: commentary changed; RAG Amber → Red". No queries.
    """
    if not previous:
        return ["First published version."]
    lines: list[str] = []
    before_meeting, after_meeting = previous.get("meeting", {}), current.get("meeting", {})
    for key, label in (("date", "date"), ("time", "time"), ("venue", "venue")):
        if before_meeting.get(key) != after_meeting.get(key):
            lines.append(f"Meeting {label}: {before_meeting.get(key) or '–'} → {after_meeting.get(key) or '–'}")
    before_items, after_items = previous.get("items", {}), current.get("items", {})
    for number in sorted(set(before_items) | set(after_items), key=int):
        before, after = before_items.get(number), after_items.get(number)
        # Everyone who sees a version reads its change log: an exempt item's title is never in it.
        exempt = bool((before or {}).get("exempt_paragraph") or (after or {}).get("exempt_paragraph"))
        if before is None:
            lines.append(f"Item {number} added" + (" (exempt)" if exempt else f": {after['title']}"))
        elif after is None:
            lines.append(f"Item {number} removed" + (" (exempt)" if exempt else f": {before['title']}"))
        else:
            changes = []
            if before.get("exempt_paragraph") != after.get("exempt_paragraph"):
                changes.append(_exemption_change(before.get("exempt_paragraph"), after.get("exempt_paragraph")))
            if before["title"] != after["title"]:
                changes.append("title changed" if exempt else f"title “{before['title']}” → “{after['title']}”")
            if before.get("paper_sha256") != after.get("paper_sha256"):
                changes.append("paper replaced" if before.get("paper_sha256") else "paper added")
            if before.get("cover") != after.get("cover"):
                changes.append("cover sheet changed")
            if changes:
                lines.append(f"Item {number}: {'; '.join(changes)}")
    before_indicators, after_indicators = previous.get("indicators", {}), current.get("indicators", {})
    for number in sorted(set(before_indicators) | set(after_indicators), key=int):
        before, after = before_indicators.get(number), after_indicators.get(number)
        if before is None:
            lines.append(f"Indicator {number} added: {after['name']}")
            continue
        if after is None:
            lines.append(f"Indicator {number} removed: {before['name']}")
            continue
        changes = []
        for key, label in FIGURE_FIELDS:
            if before.get(key) != after.get(key):
                changes.append(f"{label} {before.get(key) or '–'} → {after.get(key) or '–'}")
        if before.get("commentary") != after.get("commentary"):
            changes.append("commentary changed")
        if before.get("actions") != after.get("actions"):
            changes.append("actions changed")
        if before.get("rag") != after.get("rag"):
            changes.append(f"RAG {before.get('rag') or 'not rated'} → {after.get('rag') or 'not rated'}")
        if changes:
            lines.append(f"Indicator {number}: {'; '.join(changes)}")
    return lines or ["No change to the content; the pack was published again."]


def _exemption_change(before: int | None, after: int | None) -> str:
    if before is None:
        return f"now exempt (paragraph {after} of Schedule 12A)"
    if after is None:
        return "no longer exempt"
    return f"exempt under paragraph {after} of Schedule 12A (was {before})"


def pack_publish(*, build: PackBuild, by) -> PackVersion:
    """Publish a ready final build as the meeting's next version (v1, v2 …).

    1. checks permission (``reports.publish_pack``), that the build is a ready
       final build not yet published, that nothing blocks the pack, and that the
       content has not changed since the build was assembled;
    2. copies the build's files into a new version directory, write-once and
       read-only, and checks the PDF's SHA-256 against the build's; the public
       pack's PDF and HTML too when the meeting has an exempt item, or else the
       version's public files are its members' files (``reports.exempt``);
    3. creates the version with its change log against the previous version;
    4. when the pack carries the performance report, records the quarter's publication for
       the meeting's body (``QuarterPublication``) if not yet recorded (the body's members see
       the quarter's figures only then: ``indicators.view_quarter``),
       records the quarter's ``PublishedStatus`` rows (the base of next quarter's
       movements) and locks the quarter's returns and the committee's figures up to the
       quarter's end (``indicators.FigureLock``); when it carries the improvement plan
       report, locks the plan's approved progress the pack shows (members see it then);
       the change log names the figures corrected since the meeting's previous version
       (for a first version, since the committee last published), and a build assembled
       before such a correction is refused;
    5. records ``pack.publish`` and, after commit, queues the members' notification (``pack_members_notify_task``).
    """
    meeting = build.meeting
    if not by.has_perm("reports.publish_pack", meeting):
        raise PermissionDenied("Only the governance team can publish a pack.")
    if build.draft:
        raise ValidationError("A draft cannot be published: assemble the final pack, then publish it.")
    if build.status != BuildStatus.READY:
        raise ValidationError(
            f"Build {build.pk} is {build.get_status_display().lower()}, not ready: it cannot be published."
        )
    blockers = pack_readiness(meeting=meeting)
    if blockers:
        raise ValidationError(blockers_message(blockers, action="The pack cannot be published"))
    current = pack_snapshot(meeting=meeting)
    drift = [line for line in change_log_between(build.snapshot, current) if not line.startswith("No change")]
    if drift:
        raise ValidationError(
            "The content has changed since this build was assembled ("
            + "; ".join(drift[:3])
            + ("…" if len(drift) > 3 else "")
            + "): assemble the final pack again, then publish it."
        )
    _refuse_if_corrected_since(build=build)
    pdf = files.read(build.pdf_path)
    sha256 = files.sha256_of(pdf)
    if build.pdf_sha256 and sha256 != build.pdf_sha256:
        raise ValidationError(f"Build {build.pk}'s PDF has changed on disk since it was assembled: assemble it again.")
    public_pdf = files.read(build.public_pdf_path) if build.has_public_variant else None
    if public_pdf is not None and files.sha256_of(public_pdf) != build.public_pdf_sha256:
        raise ValidationError(
            f"Build {build.pk}'s public PDF has changed on disk since it was assembled: assemble it again."
        )
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)  # one publication of a meeting at a time
        if PackVersion.objects.filter(build=build).exists():
            raise ValidationError(f"Build {build.pk} is already published.")
        previous = PackVersion.objects.filter(meeting=meeting).order_by("-number").first()
        number = (PackVersion.objects.filter(meeting=meeting).aggregate(n=Max("number"))["n"] or 0) + 1
        directory = files.version_dir(meeting_id=meeting.pk, number=number)
        stem = f"{meeting.date.isoformat()}-pack-v{number}"
        paths = {
            PackFormat.PDF: files.write_once(f"{directory}/{stem}.pdf", pdf),
            PackFormat.HTML: files.write_once(f"{directory}/{stem}.html", files.read(build.html_path)),
        }
        for fmt, suffix in ((PackFormat.CSV, "figures.csv"), (PackFormat.XLSX, "figures.xlsx")):
            if build.path_for(fmt):
                paths[fmt] = files.write_once(f"{directory}/{stem}-{suffix}", files.read(build.path_for(fmt)))
        if public_pdf is None:
            paths[PackFormat.PUBLIC_PDF], paths[PackFormat.PUBLIC_HTML] = paths[PackFormat.PDF], paths[PackFormat.HTML]
        else:
            paths[PackFormat.PUBLIC_PDF] = files.write_once(f"{directory}/{stem}-public.pdf", public_pdf)
            paths[PackFormat.PUBLIC_HTML] = files.write_once(
                f"{directory}/{stem}-public.html", files.read(build.public_html_path)
            )
        change_log = _with_corrections(
            change_log_between(previous.snapshot if previous else None, current), meeting=meeting
        )
        version = PackVersion.objects.create(
            meeting=meeting,
            build=build,
            number=number,
            pdf_path=paths[PackFormat.PDF],
            html_path=paths[PackFormat.HTML],
            csv_path=paths.get(PackFormat.CSV, ""),
            xlsx_path=paths.get(PackFormat.XLSX, ""),
            public_pdf_path=paths[PackFormat.PUBLIC_PDF],
            public_html_path=paths[PackFormat.PUBLIC_HTML],
            sha256=sha256,
            public_sha256=files.sha256_of(public_pdf) if public_pdf is not None else sha256,
            page_count=build.page_count or 0,
            public_page_count=(build.public_page_count if public_pdf is not None else build.page_count) or 0,
            published_by=by,
            change_log=change_log,
            snapshot=current,
        )
        quarter = meeting.quarter
        _content_lock(
            meeting=meeting,
            by=by,
            performance_report=bool(current["indicators"]),
            assembled_at=build.started_at or build.created_at,
        )
        if current["indicators"]:
            # A pack without the performance report printed no figures: the quarter stays unpublished.
            # Published for this meeting's body only: another body's quarter is its own pack's to publish.
            QuarterPublication.objects.get_or_create(
                committee=meeting.committee, quarter=quarter, defaults={"published_at": version.published_at}
            )
            _published_statuses_record(meeting=meeting, snapshot=current)
            figures_lock(
                committee=meeting.committee, until=quarter.end, meeting_date=meeting.date, version=version.number
            )
        audit_record(
            action=AuditAction.PACK_PUBLISH,
            target=meeting,
            actor=by,
            changes={"version": [previous.label if previous else None, version.label], "sha256": [None, sha256]},
            comment="\n".join(change_log),
        )
        transaction.on_commit(_notify_after_commit(version_id=version.pk))
    return version


def _corrections_since(meeting: Meeting):
    """Since when this version must name corrections: the meeting's previous version, or for its first
    version the committee's last publication of any pack (None before the first: nothing was locked)."""
    versions = PackVersion.objects.order_by("-published_at")
    latest = versions.filter(meeting=meeting).first() or versions.filter(meeting__committee=meeting.committee).first()
    return latest.published_at if latest else None


def _with_corrections(lines: list[str], *, meeting: Meeting) -> list[str]:
    """The change log with the corrections of published figures recorded since ``_corrections_since``."""
    corrections = figure_corrections_since(committee=meeting.committee, since=_corrections_since(meeting))
    if not corrections:
        return lines
    return corrections + [line for line in lines if not line.startswith("No change")]


def _refuse_if_corrected_since(*, build: PackBuild) -> None:
    """A build assembled before a correction prints the old figure (in a trend chart at least): refuse it."""
    since = build.started_at or build.created_at
    corrections = figure_corrections_since(committee=build.meeting.committee, since=since)
    if corrections:
        raise ValidationError(
            f"A published figure was corrected after build {build.pk} was assembled ({corrections[0]}): "
            "assemble the final pack again, then publish it."
        )


def _published_statuses_record(*, meeting: Meeting, snapshot: dict) -> None:
    """The RAG each indicator carried in this published pack: next quarter's movements start here."""
    indicators = indicator_ids_by_number(committee=meeting.committee)  # its own and those shared with it
    for number, figures in snapshot["indicators"].items():
        if figures["rag"] and int(number) in indicators:
            PublishedStatus.objects.update_or_create(
                indicator_id=indicators[int(number)],
                quarter=meeting.quarter,
                committee=meeting.committee,
                defaults={"rag": figures["rag"], "source": StatusSource.PUBLISHED},
            )


def _content_lock(*, meeting: Meeting, by, performance_report: bool, assembled_at) -> None:
    """Lock what the published pack shows: when it carries the performance report, the quarter's
    approved returns; when it carries the improvement plan report (with or without the performance
    report), the plan's approved progress up to the meeting day that was approved when the pack was
    assembled, which members then see (``plans.selectors.progress_visible_to``)."""
    if performance_report:
        returns_lock(quarter=meeting.quarter, by=by)
    if meeting.items.filter(kind=AgendaItemKind.IMPROVEMENT_PLAN_REPORT).exists():
        plan = current_ofsted_plan(committee=meeting.committee)
        if plan is not None:
            progress_lock(plan=plan, on=meeting.date, by=by, approved_by=assembled_at)
    papers_lock(meeting.items.values_list("kind", flat=True), meeting=meeting, by=by, approved_by=assembled_at)


def _notify_after_commit(*, version_id: int):
    """What publishing runs after commit: queue the members' notification (never send in the request)."""

    return task_queue("reports.tasks.pack_members_notify_task", version_id=version_id)


def pack_members_notify(*, version_id: int) -> int:
    """Tell every active member of the meeting's body that the version is published; returns how many were told.

    Runs in ``reports.tasks.pack_members_notify_task``; idempotent (one key per version).
    Side effects: notifications and e-mails.
    """
    version = PackVersion.objects.select_related("meeting__committee").filter(pk=version_id).first()
    if version is None:
        return 0
    url = reverse("meeting_detail", kwargs={"pk": version.meeting_id})
    sent = 0
    for member in User.objects.filter(role=Role.MEMBER, is_active=True, committees=version.meeting.committee_id):
        sent += notification_send(
            recipient=member,
            kind=NotificationKind.PACK_PUBLISHED,
            subject=f"Published: {version.meeting} pack {version.label}",
            body=f"The pack for {version.meeting} is published ({counted(version.page_count, 'page')}).",
            url=url,
            dedupe_key=f"pack.publish:{version.pk}",
        )
    return sent


def pack_download_record(*, version: PackVersion, user, fmt: PackFormat | str) -> PackDownload:
    """Log that someone downloaded a published version (a row, and ``pack.download`` in the audit log)."""
    download = PackDownload.objects.create(version=version, user=user, format=PackFormat(fmt).value)
    audit_record(
        action=AuditAction.PACK_DOWNLOAD,
        target=version,
        actor=user,
        changes={"format": [None, PackFormat(fmt).value]},
    )
    return download
