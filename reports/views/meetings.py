"""Meetings: the list, a meeting's page, and the forms to create and change one."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cyp.models import Committee
from reports import selectors
from reports.forms import MeetingForm
from reports.models import Meeting
from reports.services.assembly import pack_builds_expire
from reports.services.meetings import meeting_save, values_before
from reports.views import posted


def meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_for_page(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None


@login_required
def meeting_list(request):
    if not request.user.has_perm("reports.view_meetings"):
        raise PermissionDenied
    meetings = list(selectors.meetings_list(user=request.user))
    return render(
        request,
        "reports/meeting_list.html",
        {"meetings": meetings, "can_manage": request.user.has_perm("reports.manage_meeting")},
    )


@login_required
def meeting_detail(request, pk):
    meeting = meeting_or_404(pk)
    user = request.user
    if not user.has_perm("reports.view_meeting", meeting):
        raise PermissionDenied
    items = selectors.agenda_items(meeting=meeting)
    versions = selectors.versions_for(meeting=meeting)
    context = {
        "meeting": meeting,
        "items": items,
        "versions": versions,
        "deadlines": selectors.meeting_deadlines(meeting=meeting),
        "can_manage": user.has_perm("reports.manage_meeting", meeting),
        "can_view_builds": user.has_perm("reports.view_builds", meeting),
    }
    # Page ranges as printed in the latest published version (members), or the latest ready build (governance).
    page_source = versions[0].build if versions else None
    if context["can_view_builds"]:
        pack_builds_expire(meeting=meeting)  # a build whose worker has gone shows as failed, not assembling
        builds = selectors.builds_for(meeting=meeting)
        blockers = selectors.pack_readiness(meeting=meeting, items=items)
        active = next((build for build in builds if build.is_active), None)
        # The card shows the build in progress, or else the latest one, so whoever pressed the button sees it end.
        context["current_build"] = active or (builds[0] if builds else None)
        ready = [build for build in builds if build.is_ready]
        page_source = ready[0] if ready else page_source
        publishable = {build.pk for build in ready if not build.draft and not _is_published(build, versions)}
        for build in builds:
            build.publishable = build.pk in publishable
        context.update(
            {
                "builds": builds,
                "blockers": blockers,
                "active_build": active,
                "publishable": publishable,
                # One key per button: pressing one twice makes one build, and the two never share a key.
                "draft_key": uuid.uuid4().hex,
                "final_key": uuid.uuid4().hex,
            }
        )
    item_pages = page_source.item_pages if page_source else {}
    for item in items:
        item.pages = item_pages.get(str(item.pk))
    return render(request, "reports/meeting_detail.html", context)


def _is_published(build, versions) -> bool:
    return any(version.build_id == build.pk for version in versions)


@login_required
def meeting_create(request):
    if not request.user.has_perm("reports.manage_meeting"):
        raise PermissionDenied
    committee = Committee.objects.current()
    if committee is None:
        raise Http404("No committee has been set up")
    form = MeetingForm(posted(request), committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_save(meeting=form.instance, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Meeting of {meeting} created. Add its agenda items next.")
            return redirect("meeting_detail", pk=meeting.pk)
    return render(request, "reports/meeting_form.html", {"form": form, "meeting": None})


@login_required
def meeting_edit(request, pk):
    meeting = meeting_or_404(pk)
    if not request.user.has_perm("reports.manage_meeting", meeting):
        raise PermissionDenied
    before = values_before(meeting)
    form = MeetingForm(posted(request), instance=meeting, committee=meeting.committee)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_save(meeting=form.instance, by=request.user, before=before)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Meeting details saved.")
            return redirect("meeting_detail", pk=meeting.pk)
    return render(request, "reports/meeting_form.html", {"form": form, "meeting": meeting})
