"""One minute action: its page, the governance team's form, the officer's response, the review of a response."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cyp.bodies import body_visible_or_404
from cyp.enums import ReviewState
from cyp.workflow import ConcurrentChange, TransitionError, review_readonly_reason
from minutes.forms import MinuteActionForm, ResponseForm
from minutes.models import ActionResponse, MinuteAction, MinuteItem
from minutes.selectors import action_for_page, action_row, action_timeline, open_response_for
from minutes.services import (
    ACTION_FIELDS,
    minute_action_save,
    response_approve,
    response_reopen,
    response_return,
    response_save,
    response_withdraw,
)
from minutes.views import errors_to_form
from plans.forms import ReviewForm
from reports.views import posted
from reports.views.meetings import meeting_or_404


def _action_or_404(request, action_id: int) -> MinuteAction:
    """The action, or 404 when it does not exist or the person may not read it (another body's)."""
    try:
        action = action_for_page(action_id=action_id)
    except MinuteAction.DoesNotExist:
        raise Http404("No such action") from None
    if not request.user.has_perm("minutes.view_minuteaction", action):
        raise Http404("No such action")
    return action


def _detail_context(request, action: MinuteAction, **extra) -> dict:
    user = request.user
    row = action_row(action=action, on=timezone.localdate())
    timeline = action_timeline(action=action, user=user, latest=row.latest)
    return {
        "action": action,
        "row": row,
        "meeting": action.minute.minutes.meeting,
        "timeline": timeline,
        "open_response": next((entry.response for entry in timeline if not entry.response.is_approved), None),
        "can_respond": user.has_perm("minutes.add_actionresponse", action),
        "can_change": user.has_perm("minutes.change_minuteaction", action),
        "review_form": ReviewForm(),
        **extra,
    }


@login_required
def action_detail(request, action_id):
    action = _action_or_404(request, action_id)
    return render(request, "minutes/action_detail.html", _detail_context(request, action))


@login_required
def action_edit(request, action_id=None, pk=None, item_pk=None):
    """Record an action of a minute (``pk``, ``item_pk``) or change one (``action_id``): the governance team."""
    if action_id is not None:
        action = _action_or_404(request, action_id)
        minute = action.minute
        meeting = minute.minutes.meeting
    else:
        action = None
        meeting = meeting_or_404(request, pk)
        minute = get_object_or_404(MinuteItem.objects.select_related("minutes"), pk=item_pk, minutes__meeting=meeting)
    if not request.user.has_perm("minutes.change_minuteaction", action or MinuteAction(minute=minute)):
        raise PermissionDenied
    initial = {field: getattr(action, field) for field in ACTION_FIELDS if field != "position"} if action else {}
    form = MinuteActionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in ACTION_FIELDS if field != "position"}
        try:
            saved = minute_action_save(minute=minute, by=request.user, values=values, action=action)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, f"The action of minute {minute.number} is saved.")
            return redirect("minutes:action_detail", action_id=saved.pk)
    return render(
        request, "minutes/action_form.html", {"form": form, "action": action, "minute": minute, "meeting": meeting}
    )


@login_required
def response_edit(request, action_id):
    """The officer's response: the action's open response (a new one when there is none), saved or submitted."""
    action = _action_or_404(request, action_id)
    if not request.user.has_perm("minutes.add_actionresponse", action):
        raise PermissionDenied
    response = open_response_for(action=action)
    if response is not None and response.state == ReviewState.SUBMITTED and request.method != "POST":
        can_withdraw = request.user.has_perm("minutes.withdraw_actionresponse", response)
        messages.info(request, review_readonly_reason(obj=response, can_withdraw=can_withdraw))
        return redirect("minutes:action_detail", action_id=action.pk)
    conflict = None
    if request.method == "POST":
        form = ResponseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            submit = "submit" in request.POST
            try:
                response_save(
                    action=action,
                    by=request.user,
                    date=data["date"],
                    status=data["status"],
                    text=data["text"],
                    expected_version=data["version"] if response is not None else None,
                    submit=submit,
                )
            except ValidationError as error:
                errors_to_form(form, error)
            except ConcurrentChange as error:
                form.add_error(None, str(error))
                conflict = open_response_for(action=action)
                if conflict is not None:
                    form.data = form.data.copy()
                    form.data["version"] = conflict.version  # saving again knowingly saves over theirs
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    "Your response is submitted for approval."
                    if submit
                    else "Your response is saved as a draft. Submit it when it is ready.",
                )
                return redirect("minutes:action_detail", action_id=action.pk)
    elif response is not None:
        form = ResponseForm(
            initial={
                "date": response.date,
                "status": response.status,
                "text": response.text,
                "version": response.version,
            }
        )
    else:
        form = ResponseForm(initial={"date": timezone.localdate(), "status": action.status})
    return render(
        request,
        "minutes/response_form.html",
        {
            "action": action,
            "meeting": action.minute.minutes.meeting,
            "form": form,
            "response": response,
            "conflict": conflict,
        },
    )


@login_required
@require_POST
def response_withdraw_view(request, response_id):
    """The officer takes a submitted response back before review, to change it (``minutes.withdraw_actionresponse``)."""
    response = get_object_or_404(
        ActionResponse.objects.select_related("action__minute__minutes__meeting"), pk=response_id
    )
    body_visible_or_404(request, response.action.minute.minutes.meeting.committee)
    if not request.user.has_perm("minutes.view_actionresponse", response):
        raise Http404("No such response")
    if not request.user.has_perm("minutes.withdraw_actionresponse", response):
        raise PermissionDenied
    version = request.POST.get("version", "")
    try:
        response_withdraw(
            response=response, by=request.user, expected_version=int(version) if version.isdigit() else None
        )
    except (TransitionError, ConcurrentChange) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your response is withdrawn from review: it is a draft again.")
        return redirect("minutes:response_edit", action_id=response.action_id)
    return redirect("minutes:action_detail", action_id=response.action_id)


@login_required
@require_POST
def response_review(request, response_id):
    """Approve, return or reopen a response (the governance team)."""
    response = get_object_or_404(
        ActionResponse.objects.select_related("action__minute__minutes__meeting"), pk=response_id
    )
    body_visible_or_404(request, response.action.minute.minutes.meeting.committee)
    if not request.user.has_perm("minutes.view_actionresponse", response):
        raise Http404("No such response")
    form = ReviewForm(request.POST)
    if "comment" in form.errors and "decision" not in form.errors:
        # Too long a comment: nothing is decided; the page comes back with the message and the comment as typed.
        if not request.user.has_perm(f"minutes.{form.cleaned_data['decision']}_actionresponse", response):
            raise PermissionDenied
        action = _action_or_404(request, response.action_id)
        context = _detail_context(
            request,
            action,
            comment_errors=form.errors["comment"],
            typed_comment=request.POST.get("comment", ""),
            comment_response_id=response.pk,
        )
        return render(request, "minutes/action_detail.html", context, status=400)
    if not form.is_valid():
        messages.error(request, "Choose approve, return or reopen.")
        return redirect("minutes:action_detail", action_id=response.action_id)
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
    if not request.user.has_perm(f"minutes.{decision}_actionresponse", response):
        raise PermissionDenied
    service = {"approve": response_approve, "return": response_return, "reopen": response_reopen}[decision]
    try:
        service(response=response, by=request.user, comment=comment, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        messages.error(
            request, " ".join(error.messages).replace("Write a comment", f"To {decision} it, write a comment")
        )
    except (TransitionError, ConcurrentChange) as error:
        messages.error(request, str(error))
    else:
        done = {
            "approve": "approved: the action log now shows it",
            "return": "returned to the officer",
            "reopen": "reopened",
        }
        messages.success(request, f"The response is {done[decision]}.")
    return redirect("minutes:action_detail", action_id=response.action_id)
