"""The audit log: record and read decisions and changes. Nothing here updates or deletes a row."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from cyp.enums import AuditAction
from cyp.models import AuditEvent


def _jsonable(value):
    if isinstance(value, Decimal):
        # Plain digits whatever the stored scale: 60.0000 is "60", 78.9000 is "78.9", never "6E+1".
        return format(value.normalize(), "f")
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def changes_between(old: dict, new: dict) -> dict[str, list]:
    """{"field": [old, new]} for every field whose value differs."""
    return {
        field: [_jsonable(old.get(field)), _jsonable(new.get(field))]
        for field in new
        if _jsonable(old.get(field)) != _jsonable(new.get(field))
    }


def audit_record(
    *, action: AuditAction | str, target: models.Model, actor=None, changes: dict | None = None, comment: str = ""
) -> AuditEvent:
    """Write one audit row. ``action`` must be in the closed vocabulary (cyp.enums.AuditAction)."""
    action = AuditAction(action)  # raises ValueError for a name outside the vocabulary
    return AuditEvent.objects.create(
        action=action.value,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_role=getattr(actor, "role", "") or "",
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_repr=str(target)[:300],
        changes={k: [_jsonable(v) for v in pair] for k, pair in (changes or {}).items()},
        comment=comment,
    )


def audit_events_for(*targets: models.Model):
    """The events of one or more objects, oldest first, with their actors (two queries)."""
    query = models.Q(pk__in=[])
    for target in targets:
        query |= models.Q(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
    return AuditEvent.objects.filter(query).select_related("actor").order_by("created_at", "id")


#: The decisions that send work back to its writer with a comment (every review prefix: return, progress, …).
SEND_BACK_ACTIONS = ("return", "reopen")


def review_comment_latest(*, target: models.Model) -> AuditEvent | None:
    """The latest "sent back" or "reopened" event of ``target`` (a return, progress update, response or
    section), with its actor, or None. The one home of "the reviewer's latest comment" that the form
    being edited shows at its top (and the queues print the first line of). One query.
    """
    return review_comments_latest(targets=[target]).get(target.pk)


def review_comments_latest(*, targets: list[models.Model]) -> dict[int, AuditEvent]:
    """``review_comment_latest`` for many objects of one model at once: pk -> event. One query (none for none)."""
    if not targets:
        return {}
    suffixes = models.Q(pk__in=[])
    for action in SEND_BACK_ACTIONS:
        suffixes |= models.Q(action__endswith=f".{action}")
    events = (
        AuditEvent.objects.filter(
            suffixes,
            target_type=ContentType.objects.get_for_model(targets[0]),
            target_id__in=[target.pk for target in targets],
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    return {event.target_id: event for event in events}  # the latest of each wins
