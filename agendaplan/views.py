"""The agenda plan's pages: the plan by meeting, and the governance team's forms for its items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from agendaplan import selectors
from agendaplan.forms import DeferForm, PlannedItemForm, WithdrawForm
from agendaplan.models import PlannedItem
from agendaplan.services import planned_item_save, planned_item_transition, planned_items_to_agenda, values_before
from cyp.bodies import body_for
from reports.models import Meeting


def _posted(request):
    return request.POST if request.method == "POST" else None


def _body(request, committee, perm: str):
    """The body, if the person sees it (else a 404), and may do ``perm`` on it (else a 403)."""
    body = body_for(request, committee)
    if not request.user.has_perm(perm, body):
        raise PermissionDenied
    return body


def _item_or_404(committee, pk: int) -> PlannedItem:
    item = selectors.item_for_body(committee=committee, pk=pk)
    if item is None:
        raise Http404("No such item on this body's agenda plan")
    return item


def _plan_url(committee, item: PlannedItem | None = None) -> str:
    url = reverse("agendaplan:plan", kwargs={"committee": committee})
    return f"{url}#meeting-{item.meeting_date.isoformat()}" if item is not None else url


@login_required
def plan_page(request, committee):
    body = _body(request, committee, "agendaplan.view_plan")
    today = timezone.localdate()
    plan = selectors.plan_meetings(committee=body, today=today)
    coming = [entry for entry in plan if entry.date >= today]
    held = [entry for entry in reversed(plan) if entry.date < today]
    return render(
        request,
        "agendaplan/plan.html",
        {
            "committee": body,
            "coming": coming,
            "held": held,
            "today": today,
            "can_change": request.user.has_perm("agendaplan.change_plan", body),
            "warning_count": sum(len(entry.warnings) for entry in coming),
        },
    )


def _form_page(request, body, item: PlannedItem | None):
    meetings = selectors.future_meetings(committee=body)
    if item is not None and item.meeting_id is not None:
        meetings = meetings | Meeting.objects.filter(pk=item.meeting_id)
    before = values_before(item) if item is not None else None
    form = PlannedItemForm(_posted(request), instance=item, committee=body, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        try:
            saved = planned_item_save(item=form.instance, by=request.user, before=before)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = "saved" if item else "added to the plan"
            messages.success(request, f"“{saved.title}” {done} for {date_format(saved.meeting_date, 'j F Y')}.")
            return redirect(_plan_url(body, saved))
    return render(request, "agendaplan/item_form.html", {"committee": body, "form": form, "item": item})


@login_required
def item_create(request, committee):
    body = _body(request, committee, "agendaplan.change_plan")
    return _form_page(request, body, None)


@login_required
def item_edit(request, committee, pk):
    body = _body(request, committee, "agendaplan.change_plan")
    item = _item_or_404(body, pk)
    if not item.is_open:
        messages.error(request, f"“{item.title}” is {item.get_status_display().lower()}: it can no longer be changed.")
        return redirect(_plan_url(body, item))
    return _form_page(request, body, item)


def _move_page(request, body, item: PlannedItem, *, action: str, form_class, template: str):
    if not item.is_open:
        messages.error(request, f"“{item.title}” is {item.get_status_display().lower()}: it can no longer be moved.")
        return redirect(_plan_url(body, item))
    kwargs = {"item": item} if form_class is DeferForm else {}
    form = form_class(_posted(request), **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            planned_item_transition(
                item=item,
                action=action,
                by=request.user,
                reason=form.cleaned_data["reason"],
                new_date=form.cleaned_data.get("new_date"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            done = (
                f"deferred to {date_format(item.meeting_date, 'j F Y')}"
                if action == "defer"
                else "withdrawn from the plan"
            )
            messages.success(request, f"“{item.title}” {done}.")
            return redirect(_plan_url(body, item))
    return render(request, template, {"committee": body, "form": form, "item": item})


@login_required
def item_defer(request, committee, pk):
    body = _body(request, committee, "agendaplan.change_plan")
    item = _item_or_404(body, pk)
    return _move_page(request, body, item, action="defer", form_class=DeferForm, template="agendaplan/item_defer.html")


@login_required
def item_withdraw(request, committee, pk):
    body = _body(request, committee, "agendaplan.change_plan")
    item = _item_or_404(body, pk)
    return _move_page(
        request, body, item, action="withdraw", form_class=WithdrawForm, template="agendaplan/item_withdraw.html"
    )


@login_required
@require_POST
def meeting_to_agenda(request, committee, meeting_pk):
    body = _body(request, committee, "agendaplan.change_plan")
    meeting = Meeting.objects.filter(committee=body, pk=meeting_pk).select_related("committee").first()
    if meeting is None:
        raise Http404("No such meeting of this body")
    when = date_format(meeting.date, "j F Y")
    back = redirect(f"{_plan_url(body)}#meeting-{meeting.date.isoformat()}")
    try:
        made = planned_items_to_agenda(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    if not made:
        messages.info(request, f"Every item planned for {when} is on its agenda already.")
        return back
    plural = "s" if len(made) != 1 else ""
    numbers = ", ".join(str(item.number) for item in made)
    messages.success(
        request,
        f"{len(made)} planned item{plural} put on the agenda of {when} as item{plural} {numbers}: "
        "upload each paper from the meeting's page.",
    )
    return back
