"""The returns in "Waiting for me" (``cyp.queues``): submitted ones for the governance team, returned and
unfinished ones for the leads who write them. Registered in ``CommentaryConfig.ready``."""

from __future__ import annotations

import datetime

from django.urls import reverse

from commentary.models import Return
from commentary.selectors import LEAD_HOLDS, returns_of_lead
from cyp.audit import review_comments_latest
from cyp.enums import ReviewState
from cyp.queues import QueueItem, first_line
from cyp.rules import visible_body_ids

SUBMITTED = "Returns waiting for review"
RETURNED = "Returns sent back to you"
TO_DO = "Returns to complete"


def _title(ret: Return) -> str:
    return f"Indicator {ret.indicator.number}: {ret.indicator.name}, {ret.quarter.display}"


def return_queue(*, user, today: datetime.date) -> list[QueueItem]:
    """Three queries for the governance team, three for a lead, whatever the number of returns."""
    items = []
    if user.has_perm("commentary.view_board"):
        submitted = (
            Return.objects.filter(
                state=ReviewState.SUBMITTED, locked=False, indicator__committee_id__in=visible_body_ids(user)
            )
            .select_related("indicator", "indicator__committee", "quarter", "quarter__year", "state_changed_by")
            .order_by("state_changed_at", "id")
        )
        items += [
            QueueItem(
                kind=SUBMITTED,
                title=_title(ret),
                url=reverse("return_detail", kwargs={"pk": ret.pk}),
                body=ret.indicator.committee.name,
                who=str(ret.state_changed_by or ""),
                since=ret.state_changed_at,
            )
            for ret in submitted
        ]
    if user.has_perm("commentary.view_own_returns"):
        held = list(
            returns_of_lead(user=user).filter(state__in=LEAD_HOLDS, locked=False).select_related("state_changed_by")
        )
        comments = review_comments_latest(targets=[ret for ret in held if ret.state == ReviewState.RETURNED])
        for ret in held:
            url = reverse("return_edit", kwargs={"pk": ret.pk})
            if ret.state == ReviewState.RETURNED:
                event = comments.get(ret.pk)
                items.append(
                    QueueItem(
                        kind=RETURNED,
                        title=_title(ret),
                        url=url,
                        body=ret.indicator.committee.name,
                        who=str(event.actor or "") if event else str(ret.state_changed_by or ""),
                        due=ret.quarter.data_deadline,
                        note=first_line(event.comment) if event else "",
                    )
                )
            else:
                items.append(
                    QueueItem(
                        kind=TO_DO,
                        title=_title(ret),
                        url=url,
                        body=ret.indicator.committee.name,
                        due=ret.quarter.data_deadline,
                        note=ReviewState(ret.state).label,
                    )
                )
    return items
