"""An action's page, its progress form, the review of progress, and the governance team's change form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cyp.audit import audit_events_for
from cyp.bodies import body_visible_or_404
from cyp.enums import ReviewState
from cyp.workflow import ConcurrentChange, TransitionError, review_readonly_reason
from plans.enums import ActionStatus
from plans.forms import ActionForm, ProgressForm, ReviewForm
from plans.models import Action, ProgressUpdate
from plans.selectors import (
    action_for_page,
    action_state,
    action_timeline,
    indicator_rows_by_id,
    open_update_for,
    progress_published_only,
    rag_quarter_for,
    stale_days,
)
from plans.services import (
    ACTION_FIELDS,
    action_change,
    progress_approve,
    progress_reopen,
    progress_return,
    progress_save,
    progress_withdraw,
)


def _action_or_404(request, action_id: int, user=None) -> Action:
    """The action with the approved progress ``user`` sees (None: every approved update); 404 when the
    person does not see the body of its plan."""
    try:
        action = action_for_page(action_id=action_id, user=user)
    except Action.DoesNotExist:
        raise Http404("No such action") from None
    body_visible_or_404(request, action.plan.committee)
    return action


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def action_detail(request, action_id):
    user = request.user
    action = _action_or_404(request, action_id, user=user)
    if not user.has_perm("plans.view_action", action):
        raise PermissionDenied
    return render(request, "plans/action_detail.html", _detail_context(request, action))


def _detail_context(request, action, **extra) -> dict:
    """The action page's context; ``extra`` carries a refused review's typed comment back to it."""
    user = request.user
    today = timezone.localdate()
    state = action_state(
        action=action,
        on=today,
        approved=action.approved_updates,
        stale_after=stale_days(),
        published_only=progress_published_only(user=user),
    )
    quarter = rag_quarter_for(on=today, committee=action.plan.committee, user=user)
    rows = (
        indicator_rows_by_id(committee=action.plan.committee, quarter=quarter, viewer=user)
        if action.indicators.all()
        else {}
    )
    timeline = action_timeline(action=action, user=user, latest=state.latest)
    open_update = next((entry.update for entry in timeline if not entry.update.is_approved), None)
    action_events = list(audit_events_for(action)) if user.has_perm("plans.view_history", action) else []
    return {
        "action": action,
        "state": state,
        "quarter": quarter,
        "indicator_rows": [rows[i.pk] for i in action.indicators.all() if i.pk in rows],
        "timeline": timeline,
        "open_update": open_update,
        "can_record": user.has_perm("plans.add_progressupdate", action),
        "can_change": user.has_perm("plans.change_action", action),
        "review_form": ReviewForm(),
        "action_events": action_events,
        **extra,
    }


@login_required
def progress_edit(request, action_id):
    """Record progress: the action's open update (a new one when there is none), saved or submitted."""
    action = _action_or_404(request, action_id)
    if not request.user.has_perm("plans.view_action", action):
        raise PermissionDenied
    if not request.user.has_perm("plans.add_progressupdate", action):
        raise PermissionDenied
    update = open_update_for(action=action)
    if update is not None and update.state == ReviewState.SUBMITTED and request.method != "POST":
        can_withdraw = request.user.has_perm("plans.withdraw_progressupdate", update)
        messages.info(request, review_readonly_reason(obj=update, can_withdraw=can_withdraw))
        return redirect("plans:action_detail", action_id=action.pk)
    conflict = None
    if request.method == "POST":
        form = ProgressForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            submit = "submit" in request.POST
            try:
                progress_save(
                    action=action,
                    by=request.user,
                    date=data["date"],
                    status=data["status"],
                    text=data["text"],
                    evidence=data["evidence"],
                    expected_version=data["version"] if update is not None else None,
                    submit=submit,
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            except ConcurrentChange as error:
                form.add_error(None, str(error))
                conflict = open_update_for(action=action)
                if conflict is not None:
                    # Saving again knowingly saves over their version.
                    form.data = form.data.copy()
                    form.data["version"] = conflict.version
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"Progress on action {action.number} submitted for approval."
                    if submit
                    else f"Progress on action {action.number} saved as a draft. Submit it when it is ready.",
                )
                return redirect("plans:action_detail", action_id=action.pk)
    else:
        if update is not None:
            initial = {
                "date": update.date,
                "status": update.status,
                "text": update.text,
                "evidence": update.evidence,
                "version": update.version,
            }
        else:
            latest = action.approved_updates[0] if action.approved_updates else None
            initial = {"date": timezone.localdate(), "status": latest.status if latest else ActionStatus(action.status)}
        form = ProgressForm(initial=initial)
    return render(
        request,
        "plans/progress_edit.html",
        {"action": action, "form": form, "update": update, "conflict": conflict},
    )


@login_required
@require_POST
def progress_review(request, update_id):
    """Approve, return or reopen a progress update (the governance team)."""
    update = get_object_or_404(ProgressUpdate.objects.select_related("action", "action__plan__committee"), pk=update_id)
    body_visible_or_404(request, update.action.plan.committee)
    if not request.user.has_perm("plans.view_progressupdate", update):
        raise Http404("No such progress update")
    form = ReviewForm(request.POST)
    if "comment" in form.errors and "decision" not in form.errors:
        # Too long a comment: nothing is decided; the page comes back with the message and the comment as typed.
        if not request.user.has_perm(f"plans.{form.cleaned_data['decision']}_progressupdate", update):
            raise PermissionDenied
        action = _action_or_404(request, update.action_id, user=request.user)
        context = _detail_context(
            request,
            action,
            comment_errors=form.errors["comment"],
            typed_comment=request.POST.get("comment", ""),
            comment_update_id=update.pk,
        )
        return render(request, "plans/action_detail.html", context, status=400)
    if not form.is_valid():
        messages.error(request, "Choose approve, return or reopen.")
        return redirect("plans:action_detail", action_id=update.action_id)
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
    version = form.cleaned_data["version"]
    if not request.user.has_perm(f"plans.{decision}_progressupdate", update):
        raise PermissionDenied
    service = {"approve": progress_approve, "return": progress_return, "reopen": progress_reopen}[decision]
    try:
        service(update=update, by=request.user, comment=comment, expected_version=version)
    except ValidationError as error:
        messages.error(
            request, " ".join(error.messages).replace("Write a comment", f"To {decision} it, write a comment")
        )
    except (TransitionError, ConcurrentChange) as error:
        messages.error(request, str(error))
    else:
        done = {"approve": "approved: the plan now shows it", "return": "returned to its writers", "reopen": "reopened"}
        messages.success(request, f"Progress on action {update.action.number} {done[decision]}.")
    return redirect("plans:action_detail", action_id=update.action_id)


@login_required
@require_POST
def progress_withdraw_view(request, update_id):
    """The writer takes a submitted update back before review, to change it (``plans.withdraw_progressupdate``)."""
    update = get_object_or_404(ProgressUpdate.objects.select_related("action", "action__plan__committee"), pk=update_id)
    body_visible_or_404(request, update.action.plan.committee)
    if not request.user.has_perm("plans.view_progressupdate", update):
        raise Http404("No such progress update")
    if not request.user.has_perm("plans.withdraw_progressupdate", update):
        raise PermissionDenied
    version = request.POST.get("version", "")
    try:
        progress_withdraw(update=update, by=request.user, expected_version=int(version) if version.isdigit() else None)
    except (TransitionError, ConcurrentChange) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"Progress on action {update.action.number} withdrawn from review: it is a draft again."
        )
        return redirect("plans:progress_edit", action_id=update.action_id)
    return redirect("plans:action_detail", action_id=update.action_id)


@login_required
def action_edit(request, action_id):
    action = _action_or_404(request, action_id)
    if not request.user.has_perm("plans.change_action", action):
        raise PermissionDenied
    if request.method == "POST":
        form = ActionForm(request.POST, action=action)
        if form.is_valid():
            data = form.cleaned_data
            values = {field: data[field] for field in ACTION_FIELDS}
            try:
                action_change(
                    action=action,
                    by=request.user,
                    values=values,
                    indicators=list(data["indicators"]),
                    delegates=list(data["delegates"]),
                    comment=data["comment"],
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, f"Action {action.number} changed.")
                return redirect("plans:action_detail", action_id=action.pk)
    else:
        form = ActionForm(
            action=action,
            initial={
                "item": action.item,
                "outcome": action.outcome,
                "responsible_post": action.responsible_post,
                "responsible_user": action.responsible_user,
                "delegates": list(action.delegates.all()),
                "timescale": action.timescale,
                "due_date": action.due_date,
                "success_criteria": "\n".join(action.success_criteria or []),
                "status": action.status,
                "indicators": list(action.indicators.all()),
                "notes": action.notes,
            },
        )
    return render(request, "plans/action_edit.html", {"action": action, "form": form})
