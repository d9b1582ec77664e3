"""Plan progress in "Waiting for me" (``cyp.queues``): submitted updates for the governance team; updates
sent back, and actions overdue or with no approved progress (``plans.flags``, through
``plans.selectors.actions_with_state``), for the officers and delegates who write them. Registered in
``PlansConfig.ready``."""

from __future__ import annotations

import datetime

from django.urls import reverse

from cyp.audit import review_comments_latest
from cyp.enums import ReviewState
from cyp.queues import QueueItem, first_line
from cyp.rules import is_staff_role, visible_body_ids
from plans.enums import Flag
from plans.models import ProgressUpdate
from plans.selectors import actions_with_state, actions_written_by, updates_awaiting_review

SUBMITTED = "Plan progress waiting for review"
RETURNED = "Plan progress sent back to you"
FLAGGED = "Plan actions that need your progress"


def progress_queue(*, user, today: datetime.date) -> list[QueueItem]:
    """Two queries for the governance team; eight for a writer (the actions' states, the updates sent back
    and their comments), whatever the number of actions."""
    items = []
    if user.has_perm("plans.approve_progressupdate"):
        updates = (
            updates_awaiting_review()
            .filter(action__plan__committee_id__in=visible_body_ids(user), locked=False)
            .select_related("action__plan__committee", "state_changed_by")
        )
        items += [
            QueueItem(
                kind=SUBMITTED,
                title=f"{update.action.plan.title}, action {update.action.number}: {update.action.item}",
                url=reverse("plans:action_detail", kwargs={"action_id": update.action_id}),
                body=update.action.plan.committee.name,
                who=str(update.state_changed_by or update.author or ""),
                since=update.state_changed_at,
            )
            for update in updates
        ]
    if not is_staff_role(user):
        return items
    actions = actions_written_by(user=user)
    returned = list(
        ProgressUpdate.objects.filter(action__in=actions, state=ReviewState.RETURNED, locked=False).select_related(
            "action__plan__committee", "state_changed_by"
        )
    )
    comments = review_comments_latest(targets=returned)
    for update in returned:
        event = comments.get(update.pk)
        items.append(
            QueueItem(
                kind=RETURNED,
                title=f"{update.action.plan.title}, action {update.action.number}: {update.action.item}",
                url=reverse("plans:progress_edit", kwargs={"action_id": update.action_id}),
                body=update.action.plan.committee.name,
                who=str(event.actor or "") if event else str(update.state_changed_by or ""),
                due=update.action.due_date,
                note=first_line(event.comment) if event else "",
            )
        )
    sent_back = {update.action_id for update in returned}
    for state in actions_with_state(actions.select_related("plan__committee"), on=today, user=user):
        if state.action.pk in sent_back or not (state.overdue or state.no_progress):
            continue
        items.append(
            QueueItem(
                kind=FLAGGED,
                title=f"{state.action.plan.title}, action {state.action.number}: {state.action.item}",
                url=reverse("plans:progress_edit", kwargs={"action_id": state.action.pk}),
                body=state.action.plan.committee.name,
                due=state.action.due_date,
                note="; ".join(words for flag, words in state.flags if flag in (Flag.OVERDUE, Flag.NO_PROGRESS)),
            )
        )
    return items
