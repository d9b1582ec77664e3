"""The buttons on a return's page: submit, withdraw, send back, approve, reopen, share. POST only.

Each finds the return (404 when the user may not see it), calls one service,
and redirects to the return with a message that says what happened or why not.
Permission refused is 403; a move the table forbids, a missing comment or a
stale version is a message on the return's page, and nothing changes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commentary import services
from commentary.checks import SubmissionBlocked
from commentary.forms import CommentForm
from commentary.views.common import visible_return_or_404
from commentary.views.returns import detail_context
from cyp.workflow import ConcurrentChange, TransitionError


def _decide(request, pk, service, success: str, *, with_comment: bool = True, blocked_to: str = "return_detail"):
    ret = visible_return_or_404(request, pk)
    form = CommentForm(request.POST)
    form.is_valid()
    if with_comment and "comment" in form.errors:
        # Too long a comment: refused before any move, shown again with the message and the text as typed.
        context = detail_context(
            request,
            ret,
            comment_errors=form.errors["comment"],
            typed_comment=request.POST.get("comment", ""),
            comment_for=request.resolver_match.url_name,
        )
        return render(request, "commentary/return_detail.html", context, status=400)
    kwargs = {"ret": ret, "by": request.user, "expected_version": form.cleaned_data.get("version") or None}
    if with_comment:
        kwargs["comment"] = (form.cleaned_data.get("comment") or "").strip()
    try:
        service(**kwargs)
    except SubmissionBlocked as blocked:
        messages.error(request, "It cannot go ahead yet:")
        for problem in blocked.problems:
            messages.error(request, problem.message)
        return redirect(blocked_to, pk=ret.pk)
    except ValidationError as invalid:
        for text in invalid.messages:
            messages.error(request, text)
    except (TransitionError, ConcurrentChange) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, success)
    return redirect("return_detail", pk=ret.pk)


@login_required
@require_POST
def return_submit(request, pk):
    return _decide(
        request,
        pk,
        services.return_submit,
        "Submitted for review. The governance team has been told it is ready.",
        with_comment=False,
        blocked_to="return_edit",
    )


@login_required
@require_POST
def return_withdraw(request, pk):
    return _decide(
        request,
        pk,
        services.return_withdraw,
        "Withdrawn from review: it is a draft again. Change it, then submit it again.",
        with_comment=False,
    )


@login_required
@require_POST
def return_send_back(request, pk):
    return _decide(request, pk, services.return_return, "Sent back to the service lead with your comment.")


@login_required
@require_POST
def return_approve(request, pk):
    return _decide(request, pk, services.return_approve, "Approved. Its figures are now on the dashboard.")


@login_required
@require_POST
def return_reopen(request, pk):
    return _decide(request, pk, services.return_reopen, "Reopened and sent back to the service lead with your reason.")


@login_required
@require_POST
def return_share(request, pk):
    shared = request.POST.get("shared") == "1"

    def share(*, ret, by, expected_version, comment):
        return services.return_share(ret=ret, by=by, shared=shared, comment=comment, expected_version=expected_version)

    success = "Shared with every service lead." if shared else "No longer shared with other service leads."
    return _decide(request, pk, share, success)
