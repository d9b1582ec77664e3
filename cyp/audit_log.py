"""Reads: the audit log as the governance team reads it, newest first, in words, filtered, exported.

The rows are ``cyp.models.AuditEvent`` (written by ``cyp.audit.audit_record``, never changed). An
event names its target by type and id, not by body, so the apps say which of their objects belong
to a body: each registers ``register_audit_body(model, ids_of_body)`` from ``AppConfig.ready()``,
where ``ids_of_body(committee)`` is a queryset of the ids of that body's objects (a subquery: the
filtered log is still one query a page). Events about a body itself (imports) are its own too.
Events about nothing of one body (sign-in, a reporting period shared by every body) are shown only
when no body is chosen.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cyp.dates import long_date
from cyp.enums import AuditAction, Role
from cyp.models import AuditEvent, Committee, User

#: Events a page of the log shows.
PAGE_SIZE = 50
#: The most rows one export writes (newest first); the page says so when the filter holds more.
EXPORT_LIMIT = 20_000

_bodies: dict[type[models.Model], Callable[[Committee], models.QuerySet]] = {}


def register_audit_body(model: type[models.Model], ids_of_body: Callable[[Committee], models.QuerySet]) -> None:
    """Say which ``model`` objects are a body's: ``ids_of_body(committee)`` -> a queryset of their ids."""
    known = _bodies.get(model)
    if known is not None and known is not ids_of_body:
        raise ValueError(f"The audit log already knows the bodies of {model.__name__}.")
    _bodies[model] = ids_of_body


@dataclass(frozen=True)
class AuditFilter:
    body: Committee | None = None
    action: str = ""
    actor: User | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_log_events(*, chosen: AuditFilter) -> models.QuerySet[AuditEvent]:
    """The events ``chosen`` selects, newest first, with their actors (one query when evaluated)."""
    events = AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")
    if chosen.body is not None:
        of_body = Q(target_type=ContentType.objects.get_for_model(Committee), target_id=chosen.body.pk)
        for model, ids_of_body in _bodies.items():
            of_body |= Q(target_type=ContentType.objects.get_for_model(model), target_id__in=ids_of_body(chosen.body))
        events = events.filter(of_body)
    if chosen.action:
        events = events.filter(action=chosen.action)
    if chosen.actor is not None:
        events = events.filter(actor=chosen.actor)
    if chosen.date_from is not None:
        events = events.filter(created_at__gte=_day_start(chosen.date_from))
    if chosen.date_to is not None:
        events = events.filter(created_at__lt=_day_start(chosen.date_to + datetime.timedelta(days=1)))
    return events


def audit_actors() -> models.QuerySet[User]:
    """The people who appear in the log, by name (the person filter's choices; one query)."""
    return User.objects.filter(pk__in=AuditEvent.objects.filter(actor__isnull=False).values("actor")).order_by(
        "last_name", "first_name", "username"
    )


def actor_words(event: AuditEvent) -> str:
    """ "Sam Jones (Governance team)", or "The system" for a task or a command."""
    if event.actor is None:
        return "The system"
    try:
        role = Role(event.actor_role).label
    except ValueError:
        role = ""
    return f"{event.actor} ({role})" if role else str(event.actor)


def when_words(event: AuditEvent) -> str:
    """ "3 July 2024 at 10:04", in UK time."""
    local = timezone.localtime(event.created_at)
    return f"{long_date(local.date())} at {local:%H:%M}"


def audit_sentence(event: AuditEvent) -> str:
    """The event in words: "Sam Jones (Governance team): return approved: Return 2024/25-Q1, indicator 117,
    on 3 July 2024 at 10:04". The words come from the action's label (``AuditAction``) and the target."""
    label = event.action_label
    return f"{actor_words(event)}: {label[:1].lower()}{label[1:]}: {event.target_repr}, on {when_words(event)}"


def changes_words(event: AuditEvent, *, limit: int = 300) -> str:
    """ "state: submitted → approved; value: 60 → 61", each value cut to ``limit`` characters."""

    def cut(value) -> str:
        text = "(empty)" if value in (None, "") else str(value)
        return text if len(text) <= limit else text[: limit - 1] + "…"

    parts = []
    for name, pair in (event.changes or {}).items():
        old, new = ([*pair, None, None][:2]) if isinstance(pair, list) else (None, pair)
        parts.append(f"{name.replace('_', ' ')}: {cut(old)} → {cut(new)}")
    return "; ".join(parts)


#: The export's columns, in order.
EXPORT_HEADER = ["When", "Date", "Time", "Who", "Role", "What", "Action code", "About", "Comment", "Changes"]


def audit_export_rows(events) -> list[list]:
    """One row per event for CSV and XLSX (through ``cyp.cells``, which guards against formulas)."""
    rows = []
    for event in events:
        local = timezone.localtime(event.created_at)
        try:
            role = Role(event.actor_role).label if event.actor_role else ""
        except ValueError:
            role = event.actor_role
        rows.append(
            [
                when_words(event),
                local.date(),
                f"{local:%H:%M}",
                str(event.actor) if event.actor else "The system",
                role,
                event.action_label,
                event.action,
                event.target_repr,
                event.comment,
                changes_words(event),
            ]
        )
    return rows


def action_choices() -> list[tuple[str, str]]:
    return [(action.value, action.label) for action in AuditAction]
