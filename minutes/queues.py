"""Minute actions in "Waiting for me" (``cyp.queues``): responses submitted, for the governance team;
responses sent back and actions overdue (``plans.flags`` through ``minutes.selectors.action_row``), for
the officer responsible. Registered in ``MinutesConfig.ready``."""

from __future__ import annotations

import datetime

from django.urls import reverse

from cyp.audit import review_comments_latest
from cyp.enums import ReviewState
from cyp.queues import QueueItem, first_line
from cyp.rules import is_staff_role, visible_body_ids
from minutes.models import ActionResponse, MinuteAction
from minutes.selectors import action_row, actions_for_log, responses_awaiting_review

SUBMITTED = "Responses to minute actions waiting for review"
RETURNED = "Responses to minute actions sent back to you"
OVERDUE = "Minute actions overdue"


def _title(action: MinuteAction) -> str:
    meeting = action.minute.minutes.meeting
    return f"{meeting}, minute {action.minute.number} ({action.minute.title}): {action.text}"


def response_queue(*, user, today: datetime.date) -> list[QueueItem]:
    """One query for the governance team; four for an officer, whatever the number of actions."""
    items = []
    if user.has_perm("minutes.approve_actionresponse"):
        responses = (
            responses_awaiting_review()
            .filter(action__minute__minutes__meeting__committee_id__in=visible_body_ids(user), locked=False)
            .select_related("action__minute__minutes__meeting__committee", "state_changed_by")
        )
        items += [
            QueueItem(
                kind=SUBMITTED,
                title=_title(response.action),
                url=reverse("minutes:action_detail", kwargs={"action_id": response.action_id}),
                body=response.action.minute.minutes.meeting.committee.name,
                who=str(response.state_changed_by or response.author or ""),
                since=response.state_changed_at,
            )
            for response in responses
        ]
    if not is_staff_role(user):
        return items
    returned = list(
        ActionResponse.objects.filter(
            action__officer_user=user, state=ReviewState.RETURNED, locked=False
        ).select_related("action__minute__minutes__meeting__committee", "state_changed_by")
    )
    comments = review_comments_latest(targets=returned)
    for response in returned:
        event = comments.get(response.pk)
        items.append(
            QueueItem(
                kind=RETURNED,
                title=_title(response.action),
                url=reverse("minutes:response_edit", kwargs={"action_id": response.action_id}),
                body=response.action.minute.minutes.meeting.committee.name,
                who=str(event.actor or "") if event else str(response.state_changed_by or ""),
                due=response.action.due_date,
                note=first_line(event.comment) if event else "",
            )
        )
    sent_back = {response.action_id for response in returned}
    for action in actions_for_log().filter(officer_user=user).exclude(pk__in=sent_back):
        row = action_row(action=action, on=today)
        if not row.overdue:
            continue
        items.append(
            QueueItem(
                kind=OVERDUE,
                title=_title(action),
                url=reverse("minutes:response_edit", kwargs={"action_id": action.pk}),
                body=row.meeting.committee.name,
                due=action.due_date,
                note=row.status_display,
            )
        )
    return items
