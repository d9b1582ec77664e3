"""A meeting's minutes: the page, their details, a minute's form, the upload, the PDF, the approval."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cyp.words import counted
from cyp.workflow import TransitionError
from minutes.forms import ApproveForm, MinuteItemForm, MinutesForm
from minutes.models import MinuteItem, Minutes
from minutes.selectors import later_meetings, minutes_view
from minutes.services import (
    minute_item_save,
    minutes_approve,
    minutes_change,
    minutes_for_meeting,
    minutes_paper_upload,
)
from minutes.views import errors_to_form
from reports.forms import PaperUploadForm
from reports.services import files
from reports.views import posted
from reports.views.meetings import meeting_or_404


def _meeting(request, pk: int, perm: str = "minutes.view_minutes"):
    """The meeting (404 when the person does not see its body), and the permission asked of it."""
    meeting = meeting_or_404(request, pk)
    if not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


@login_required
def minutes_detail(request, pk):
    meeting = _meeting(request, pk)
    view = minutes_view(meeting=meeting, on=timezone.localdate())
    can_change = request.user.has_perm("minutes.change_minutes", meeting)
    approve_form = None
    if can_change and view.minutes is not None and not view.minutes.is_approved:
        approve_form = ApproveForm(meetings=later_meetings(meeting=meeting))
    return render(
        request,
        "minutes/minutes_detail.html",
        {"meeting": meeting, "view": view, "can_change": can_change, "approve_form": approve_form},
    )


@login_required
def minutes_edit(request, pk):
    meeting = _meeting(request, pk, "minutes.change_minutes")
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.is_approved:
        messages.info(request, "These minutes are approved as an accurate record and can no longer be changed.")
        return redirect("minutes:minutes_detail", pk=meeting.pk)
    initial = {field: getattr(minutes, field) for field in ("times", "attendance", "notes")} if minutes else {}
    form = MinutesForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            minutes = minutes or minutes_for_meeting(meeting=meeting, by=request.user)
            minutes_change(minutes=minutes, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, "The minutes' details are saved.")
            return redirect("minutes:minutes_detail", pk=meeting.pk)
    return render(request, "minutes/minutes_form.html", {"meeting": meeting, "form": form})


@login_required
def minute_item_edit(request, pk, item_pk=None):
    """Write a new minute, or change one, while the minutes are a draft."""
    meeting = _meeting(request, pk, "minutes.change_minutes")
    item = None
    if item_pk is not None:
        item = get_object_or_404(MinuteItem.objects.select_related("minutes"), pk=item_pk, minutes__meeting=meeting)
        minutes = item.minutes
    else:
        minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.is_approved:
        messages.info(request, "These minutes are approved as an accurate record and can no longer be changed.")
        return redirect("minutes:minutes_detail", pk=meeting.pk)
    initial = {field: getattr(item, field) for field in ("number", "title", "text", "decisions")} if item else {}
    form = MinuteItemForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            minutes = minutes or minutes_for_meeting(meeting=meeting, by=request.user)
            saved = minute_item_save(minutes=minutes, by=request.user, values=form.cleaned_data, item=item)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"Minute {saved.number} is saved.")
            return redirect("minutes:minutes_detail", pk=meeting.pk)
    return render(request, "minutes/minute_item_form.html", {"meeting": meeting, "form": form, "item": item})


@login_required
def minutes_upload(request, pk):
    meeting = _meeting(request, pk, "minutes.change_minutes")
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.is_approved:
        messages.info(request, "These minutes are approved as an accurate record and can no longer be changed.")
        return redirect("minutes:minutes_detail", pk=meeting.pk)
    form = PaperUploadForm(*posted(request, files=True))
    form.fields["paper"].label = "Minutes (PDF)"
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["paper"]
        try:
            minutes = minutes or minutes_for_meeting(meeting=meeting, by=request.user)
            minutes_paper_upload(minutes=minutes, by=request.user, name=upload.name, data=form.checked.data)
        except ValidationError as error:
            form.add_error("paper", error)
        else:
            messages.success(request, f"The minutes are uploaded ({counted(minutes.paper_pages, 'page')}).")
            return redirect("minutes:minutes_detail", pk=meeting.pk)
    return render(request, "minutes/minutes_upload.html", {"meeting": meeting, "form": form, "minutes": minutes})


@login_required
def minutes_paper(request, pk):
    """The minutes as uploaded, to the body's people."""
    meeting = meeting_or_404(request, pk)
    if not request.user.has_perm("minutes.view_paper", meeting):
        raise Http404("No such paper")
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not minutes.has_paper:
        raise Http404("The minutes have not been uploaded")
    path = files.absolute(minutes.paper.name)
    if not path.exists():
        raise Http404("The minutes' file is missing")
    name = minutes.paper_name or f"minutes-{meeting.date.isoformat()}.pdf"
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name, content_type="application/pdf")


@login_required
@require_POST
def minutes_approve_view(request, pk):
    meeting = _meeting(request, pk, "minutes.change_minutes")
    minutes = get_object_or_404(Minutes, meeting=meeting)
    form = ApproveForm(request.POST, meetings=later_meetings(meeting=meeting))
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect("minutes:minutes_detail", pk=meeting.pk)
    try:
        minutes_approve(minutes=minutes, by=request.user, at_meeting=form.cleaned_data["at_meeting"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, minutes.state_display + ".")
    return redirect("minutes:minutes_detail", pk=meeting.pk)
