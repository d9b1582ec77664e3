"""Meetings: the list, a meeting's page, and the forms to create and change one."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from cyp.bodies import body_for, body_visible_or_404
from reports import selectors
from reports.forms import MeetingForm
from reports.models import Meeting
from reports.services.assembly import pack_builds_expire
from reports.services.meetings import meeting_save, values_before
from reports.views import posted


def meeting_or_404(request, pk: int) -> Meeting:
    """The meeting, or 404 when it does not exist or the person does not see its body."""
    try:
        meeting = selectors.meeting_for_page(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None
    body_visible_or_404(request, meeting.committee)
    return meeting


@login_required
def meeting_list(request, committee=None):
    """The body's meetings (``/bodies/<slug>/meetings/``; without a body in the address, the person's body)."""
    committee = body_for(request, committee)
    if not request.user.has_perm("reports.view_meetings"):
        raise PermissionDenied
    meetings = list(selectors.meetings_list(user=request.user, committee=committee))
    return render(
        request,
        "reports/meeting_list.html",
        {"committee": committee, "meetings": meetings, "can_manage": request.user.has_perm("reports.manage_meeting")},
    )


@login_required
def meeting_detail(request, pk):
    meeting = meeting_or_404(request, pk)
    user = request.user
    if not user.has_perm("reports.view_meeting", meeting):
        raise PermissionDenied
    items = selectors.agenda_items(meeting=meeting)
    versions = selectors.versions_for(meeting=meeting)
    can_view_exempt = user.has_perm("reports.view_exempt", meeting)
    context = {
        "meeting": meeting,
        # An exempt item is only its public notice to anyone not of the body.
        "items": selectors.agenda_for(meeting=meeting, user=user, items=items),
        "can_view_exempt": can_view_exempt,
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
        readiness_warnings = selectors.pack_warnings(meeting=meeting, items=items)
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
                "readiness_warnings": readiness_warnings,
                "active_build": active,
                "publishable": publishable,
                # One key per button: pressing one twice makes one build, and the two never share a key.
                "draft_key": uuid.uuid4().hex,
                "final_key": uuid.uuid4().hex,
            }
        )
    item_pages = selectors.pages_for(source=page_source, user=user, meeting=meeting)
    for item in context["items"]:
        if item.pk is not None:
            item.pages = item_pages.get(str(item.pk))
    return render(request, "reports/meeting_detail.html", context)


def _is_published(build, versions) -> bool:
    return any(version.build_id == build.pk for version in versions)


@login_required
def meeting_create(request, committee=None):
    committee = body_for(request, committee)  # first: another body's page does not exist (404), whoever asks
    if not request.user.has_perm("reports.manage_meeting"):
        raise PermissionDenied
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
    meeting = meeting_or_404(request, pk)
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
