"""Self-assessment sections in "Waiting for me" (``cyp.queues``): submitted ones for the governance team,
sent-back ones for their authors. Registered in ``SelfAssessmentConfig.ready``."""

from __future__ import annotations

import datetime

from django.urls import reverse

from cyp.audit import review_comments_latest
from cyp.enums import ReviewState
from cyp.queues import QueueItem, first_line
from cyp.rules import is_governance_or_admin, is_staff_role, visible_body_ids
from selfassessment.enums import DocumentStatus
from selfassessment.models import Section

SUBMITTED = "Self-assessment sections waiting for review"
RETURNED = "Self-assessment sections sent back to you"


def _sections():
    return Section.objects.filter(locked=False, document__status=DocumentStatus.DRAFT).select_related(
        "document__committee", "document__year", "document__template", "template_section", "state_changed_by"
    )


def _item(section: Section, **fields) -> QueueItem:
    return QueueItem(
        title=f"{section.document}, section {section.number}: {section.template_section.title}",
        url=reverse("selfassessment:section", kwargs={"document_id": section.document_id, "number": section.number}),
        body=section.document.committee.name,
        **fields,
    )


def section_queue(*, user, today: datetime.date) -> list[QueueItem]:
    """One query for the governance team; two for an author, whatever the number of sections."""
    items = []
    if is_governance_or_admin(user):
        submitted = _sections().filter(state=ReviewState.SUBMITTED, document__committee_id__in=visible_body_ids(user))
        items += [
            _item(section, kind=SUBMITTED, who=str(section.state_changed_by or ""), since=section.state_changed_at)
            for section in submitted.order_by("state_changed_at", "id")
        ]
    if not is_staff_role(user):
        return items
    returned = list(_sections().filter(state=ReviewState.RETURNED, author=user))
    comments = review_comments_latest(targets=returned)
    for section in returned:
        event = comments.get(section.pk)
        items.append(
            _item(
                section,
                kind=RETURNED,
                who=str(event.actor or "") if event else str(section.state_changed_by or ""),
                note=first_line(event.comment) if event else "",
            )
        )
    return items
