"""A return's page, its editor, the live preview of RAG and checks, and autosave.

No lost work: the editor carries the version it started from. A save against a
stale version is refused (409) and the page shows theirs and yours side by side,
keeping everything typed; saving again then replaces theirs, knowingly. A
validation error keeps everything typed too.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commentary.checks import SubmissionBlocked, impossible_values
from commentary.forms import CommentForm, ReturnForm, initial_for
from commentary.models import CONTENT_FIELDS, Return
from commentary.selectors import return_get, return_row, return_rows
from commentary.services import return_save, return_submit
from commentary.timeline import FIELD_LABELS, return_timeline, word_diff_html
from commentary.views.common import visible_return_or_404
from cyp.enums import ReviewAction
from cyp.workflow import ConcurrentChange, TransitionError, review_actions_for, review_readonly_reason


@login_required
def return_detail(request, pk):
    """The return as the reviewer reads it: figures, RAG, checks, warnings, decisions and the timeline."""
    ret = visible_return_or_404(request, pk)
    return render(request, "commentary/return_detail.html", detail_context(request, ret))


def detail_context(request, ret: Return, **extra) -> dict:
    """The return page's context; ``extra`` carries a refused decision's typed comment back to it."""
    actions = review_actions_for(obj=ret, by=request.user)
    writes_it = request.user.has_perm("commentary.save_return", ret)
    return {
        # Its writer sees why the return cannot be edited now, and what to do (cyp.workflow).
        "readonly_reason": review_readonly_reason(obj=ret, can_withdraw=ReviewAction.WITHDRAW in actions)
        if writes_it and ReviewAction.SAVE not in actions
        else "",
        "ret": ret,
        "row": return_row(ret),
        "timeline": return_timeline(ret=ret),
        "can_edit": ReviewAction.SAVE in actions,
        "can_submit": ReviewAction.SUBMIT in actions,
        "can_withdraw": ReviewAction.WITHDRAW in actions,
        "can_return": ReviewAction.RETURN in actions,
        "can_approve": ReviewAction.APPROVE in actions,
        "can_reopen": ReviewAction.REOPEN in actions,
        "can_share": request.user.has_perm("commentary.share_return", ret),
        "comment_form": CommentForm(initial={"version": ret.version}),
        "quarter_slug": ret.quarter.slug,
        "can_view_board": request.user.has_perm("commentary.view_board"),
        **extra,
    }


def _editable_or_deny(request, pk) -> Return:
    ret = visible_return_or_404(request, pk)
    if not request.user.has_perm("commentary.save_return", ret):
        raise PermissionDenied("You cannot edit this return.")
    return ret


def _edit_context(request, ret: Return, form: ReturnForm, **extra) -> dict:
    (row,) = return_rows([ret])
    return {
        "ret": ret,
        "row": row,
        "form": form,
        "previous_return": row.previous_return,
        "impossible": [text for _, text in impossible_values(content=ret, unit=ret.indicator.unit)],
        "quarter_slug": ret.quarter.slug,
        # Save and submit: a not-started return becomes a draft first, so it may be submitted in one go.
        "can_submit": request.user.has_perm("commentary.submit_return", ret) and ret.is_editable_state,
        **extra,
    }


def _conflict_rows(theirs: Return, yours: dict) -> list[dict]:
    """The fields where the stored version and the user's differ, each side by side."""
    rows = []
    for name in CONTENT_FIELDS:
        their_value, your_value = getattr(theirs, name), yours.get(name)
        if (their_value or None) == (your_value or None):
            continue
        rows.append(
            {
                "label": FIELD_LABELS.get(name, name),
                "theirs": "" if their_value is None else their_value,
                "yours": "" if your_value is None else your_value,
                "diff": word_diff_html(str(their_value or ""), str(your_value or "")),
            }
        )
    return rows


def _rebound(form: ReturnForm, version: int) -> ReturnForm:
    """The same typed data, now carrying ``version``: the next save is made knowing the other version."""
    data = form.data.copy()
    data["version"] = str(version)
    rebound = ReturnForm(data)
    rebound.is_valid()
    return rebound


@login_required
def return_edit(request, pk):
    """The lead's editor (GET) and save, or save and submit (POST)."""
    ret = _editable_or_deny(request, pk)
    if request.method != "POST" and (ret.locked or not ret.is_editable_state):
        # Submitted, approved or published: never a form that looks editable; the page says why and what to do.
        # (A POST still answers with the typed text kept, as every refused save does.)
        return redirect("return_detail", pk=ret.pk)
    if request.method != "POST":
        form = ReturnForm(initial=initial_for(ret))
        return render(request, "commentary/return_edit.html", _edit_context(request, ret, form))
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return render(request, "commentary/return_edit.html", _edit_context(request, ret, form), status=400)
    try:
        ret = return_save(
            ret=ret, by=request.user, content=form.content(), expected_version=form.cleaned_data["version"]
        )
    except ConcurrentChange as conflict:
        theirs = return_get(pk=ret.pk)
        context = _edit_context(
            request,
            theirs,
            _rebound(form, theirs.version),
            conflict=str(conflict),
            conflict_rows=_conflict_rows(theirs, form.content()),
            theirs_by=theirs.updated_by,
            theirs_at=theirs.updated_at,
        )
        return render(request, "commentary/return_edit.html", context, status=409)
    except TransitionError as refused:
        messages.error(request, f"{refused} Your text is still below: copy what you need.")
        return render(request, "commentary/return_edit.html", _edit_context(request, ret, form), status=409)
    if "submit" not in request.POST:
        impossible = impossible_values(content=ret, unit=ret.indicator.unit)
        if impossible:
            # Saved, so nothing typed is lost, but never a green "saved" for a value that cannot be right.
            words = " ".join(f"{text[0].upper()}{text[1:]}" for _, text in impossible)
            messages.warning(request, f"Draft saved, but check it: {words} It cannot be submitted until this is fixed.")
        else:
            messages.success(request, "Draft saved.")
        return redirect("return_edit", pk=ret.pk)
    try:
        ret = return_submit(ret=ret, by=request.user, expected_version=ret.version)
    except SubmissionBlocked as blocked:
        context = _edit_context(request, ret, _rebound(form, ret.version), blocked=blocked.problems)
        return render(request, "commentary/return_edit.html", context, status=400)
    except (TransitionError, ConcurrentChange) as refused:
        messages.error(request, str(refused))
        return redirect("return_edit", pk=ret.pk)
    messages.success(request, "Submitted for review. The governance team has been told it is ready.")
    return redirect("return_detail", pk=ret.pk)


@login_required
@require_POST
def return_preview(request, pk):
    """htmx: RAG, deviation, change, blocking checks and warnings for what the lead has typed, unsaved."""
    ret = _editable_or_deny(request, pk)
    form = ReturnForm(request.POST)
    draft = copy.copy(ret)
    for name, value in form.lenient_content(ret).items():
        setattr(draft, name, value)
    impossible = [text for _, text in impossible_values(content=draft, unit=ret.indicator.unit)]
    context = {"row": return_rows([draft])[0], "ret": ret, "impossible": impossible}
    return render(request, "commentary/partials/return_preview.html", context)


@login_required
@require_POST
def return_autosave(request, pk):
    """htmx: save the draft as the lead types, with the same version check as the Save button."""
    ret = _editable_or_deny(request, pk)
    form = ReturnForm(request.POST)
    context = {"ret": ret, "saved": False}
    if not form.is_valid():
        # Nothing typed is lost: the editor keeps its text; the message says what to fix.
        problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
        context["message"] = f"Not saved automatically: {problems}"
    else:
        try:
            ret = return_save(
                ret=ret, by=request.user, content=form.content(), expected_version=form.cleaned_data["version"]
            )
        except ConcurrentChange:
            context["message"] = (
                "Not saved automatically: someone else has changed this return. "
                "Press “Save draft” to compare their version with yours."
            )
        except TransitionError as refused:
            context["message"] = f"Not saved automatically: {refused}"
        else:
            context.update(saved=True, ret=ret)
    return render(request, "commentary/partials/autosave_status.html", context)
