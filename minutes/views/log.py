"""The body's action log: every action of its minutes, filtered by status, with its flags."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from cyp.bodies import body_for
from minutes.enums import ON_LOG_STATUSES, LogStatus
from minutes.forms import StatusFilterForm
from minutes.selectors import action_log_rows, responses_awaiting_review, rows_by_meeting


@login_required
def action_log(request, committee):
    committee = body_for(request, committee)  # 404 for a body the person does not see
    if not request.user.has_perm("minutes.view_actionlog", committee):
        raise PermissionDenied
    form = StatusFilterForm(request.GET or None)
    choice = form.cleaned_data["status"] if form.is_valid() else ""
    statuses = None if choice == "all" else (LogStatus(choice),) if choice else ON_LOG_STATUSES
    today = timezone.localdate()
    rows = action_log_rows(on=today, committee=committee, statuses=statuses)
    awaiting = []
    if request.user.has_perm("minutes.approve_actionresponse"):
        awaiting = list(responses_awaiting_review(committee=committee))
    return render(
        request,
        "minutes/action_log.html",
        {
            "committee": committee,
            "form": form,
            "groups": rows_by_meeting(rows),
            "count": len(rows),
            "overdue": sum(row.overdue for row in rows),
            "no_response": sum(row.no_response for row in rows),
            "today": today,
            "awaiting": awaiting,
        },
    )
