"""Packs: assemble (queue a build), follow its progress, download builds and versions, publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cyp.words import counted
from reports import selectors
from reports.enums import CONTENT_TYPES, BuildStatus, PackFormat
from reports.forms import AssembleForm, PublishForm
from reports.models import PackBuild, PackVersion
from reports.services import files
from reports.services.assembly import pack_builds_expire, pack_queue
from reports.services.publishing import change_log_between, pack_download_record, pack_publish
from reports.views import posted
from reports.views.meetings import meeting_or_404

#: The generated HTML needs no script and nothing from elsewhere: say so to the browser.
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _build_or_404(request, pk: int, build_pk: int) -> PackBuild:
    """A build of the meeting, for people who may see builds; to anyone else it does not exist."""
    meeting = meeting_or_404(request, pk)
    if not request.user.has_perm("reports.view_builds", meeting):
        raise Http404("No such pack")
    build = PackBuild.objects.select_related("meeting__committee", "meeting__quarter__year", "created_by").filter(
        meeting=meeting, pk=build_pk
    )
    build = build.first()
    if build is None:
        raise Http404("No such pack")
    return build


def _format_or_404(fmt: str) -> PackFormat:
    try:
        return PackFormat(fmt)
    except ValueError:
        raise Http404("No such format") from None


#: The file name's ending of each format: the public pack's files are "…-public.pdf" and "…-public.html".
SUFFIXES = {PackFormat.PUBLIC_PDF: "public.pdf", PackFormat.PUBLIC_HTML: "public.html"}
WEB_PAGES = (PackFormat.HTML, PackFormat.PUBLIC_HTML)


def _filename(stem: str, fmt: PackFormat) -> str:
    return f"{stem}-{SUFFIXES[fmt]}" if fmt in SUFFIXES else f"{stem}.{fmt.value}"


def _file_response(relative: str, *, fmt: PackFormat, filename: str):
    if not relative:
        raise Http404("This pack has no file in that format")
    path = files.absolute(relative)
    if not path.exists():
        raise Http404("The file is missing")
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=fmt not in WEB_PAGES,
        filename=filename,
        content_type=CONTENT_TYPES[fmt],
    )
    if fmt in WEB_PAGES:
        response["Content-Security-Policy"] = HTML_POLICY
    return response


@login_required
@require_POST
def pack_assemble(request, pk):
    meeting = meeting_or_404(request, pk)
    if not request.user.has_perm("reports.assemble_pack", meeting):
        raise PermissionDenied
    form = AssembleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The request to assemble was incomplete: use the buttons on this page.")
        return redirect("meeting_detail", pk=meeting.pk)
    draft = form.cleaned_data["draft"]
    try:
        build = pack_queue(
            meeting=meeting, by=request.user, draft=draft, idempotency_key=form.cleaned_data["idempotency_key"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        # Without a broker the task has already run by now; with one, the page shows its progress.
        build.refresh_from_db()
        kind = build.kind_label.lower()
        if build.status == BuildStatus.FAILED:
            messages.error(request, f"The {kind} pack failed: {build.failure_reason}")
        elif build.status == BuildStatus.READY:
            messages.success(request, f"The {kind} pack is ready: {counted(build.page_count, 'page')}.")
        else:
            messages.info(request, f"The {kind} pack is queued: its progress shows below.")
    return redirect("meeting_detail", pk=meeting.pk)


@login_required
def pack_build_progress(request, pk, build_pk):
    """The progress bar of one build; htmx polls it every second while the build is active."""
    build = _build_or_404(request, pk, build_pk)
    if build.is_active and pack_builds_expire(meeting=build.meeting):
        build.refresh_from_db()  # its worker has gone: the bar ends, with the reason
    build.publishable = build.is_publishable
    return render(request, "reports/partials/build_progress.html", {"build": build, "meeting": build.meeting})


@login_required
def pack_build_download(request, pk, build_pk, fmt):
    fmt = _format_or_404(fmt)
    build = _build_or_404(request, pk, build_pk)
    if build.status != BuildStatus.READY:
        raise Http404("This pack is not ready")
    kind = "draft" if build.draft else "final"
    filename = _filename(f"{build.meeting.date.isoformat()}-pack-{kind}-build-{build.pk}", fmt)
    return _file_response(build.path_for(fmt), fmt=fmt, filename=filename)


@login_required
def pack_publish_confirm(request, pk, build_pk):
    build = _build_or_404(request, pk, build_pk)
    meeting = build.meeting
    if not request.user.has_perm("reports.publish_pack", meeting):
        raise PermissionDenied
    form = PublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            version = pack_publish(build=build, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Published {version.label} ({counted(version.page_count, 'page')}, SHA-256 {version.sha256[:12]}…).",
            )
            return redirect("meeting_detail", pk=meeting.pk)
    previous = meeting.versions.order_by("-number").first()
    blockers = selectors.pack_readiness(meeting=meeting)
    problems = []
    if build.draft:
        problems.append("This is a draft: assemble the final pack to publish.")
    if build.status != BuildStatus.READY:
        problems.append(f"This build is {build.get_status_display().lower()}, not ready.")
    if PackVersion.objects.filter(build=build).exists():
        problems.append("This build is already published.")
    return render(
        request,
        "reports/pack_publish.html",
        {
            "form": form,
            "meeting": meeting,
            "build": build,
            "previous": previous,
            "next_number": (previous.number + 1) if previous else 1,
            "change_log": change_log_between(previous.snapshot if previous else None, build.snapshot or {}),
            "blockers": blockers,
            "problems": problems,
        },
    )


@login_required
def pack_version_download(request, pk, number, fmt):
    fmt = _format_or_404(fmt)
    meeting = meeting_or_404(request, pk)
    if not request.user.has_perm("reports.download_version", meeting):
        raise PermissionDenied
    version = PackVersion.objects.filter(meeting=meeting, number=number).first()
    if version is None:
        raise Http404("No such version")
    # People of the body get the members' pack; everyone else the public pack (reports.selectors).
    served = selectors.pack_format_for(version=version, fmt=fmt, user=request.user)
    stem = f"{meeting.date.isoformat()}-pack-v{version.number}"
    response = _file_response(version.path_for(served), fmt=served, filename=_filename(stem, served))
    pack_download_record(version=version, user=request.user, fmt=served)
    return response
