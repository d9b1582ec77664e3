"""The readable audit timeline of a return and of an indicator.

An entry says who, in what role, when, what they did, their comment, and what
changed, old → new. Long texts (commentary, actions, reasons) get a word diff
with deletions in <del> and insertions in <ins>; every piece of user text is
escaped before it is wrapped, so the result is safe to print.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from commentary.models import Return
from cyp.audit import audit_events_for
from cyp.enums import ReviewState, Role
from cyp.models import AuditEvent

FIELD_LABELS = {
    "state": "State",
    "period_label": "Period",
    "period_start": "Period starts",
    "period_end": "Period ends",
    "value": "Current value",
    "numerator": "Numerator (X)",
    "denominator": "Denominator (Y)",
    "sn_mean": "Statistical neighbour mean",
    "england_mean": "England mean",
    "region_mean": "Region mean",
    "other_mean": "Other comparator",
    "other_mean_label": "Other comparator's label",
    "not_updated": "Not updated this quarter",
    "not_updated_reason": "Why not updated",
    "commentary": "Commentary",
    "actions": "Actions",
    "shared": "Shared with other service leads",
    "locked": "Locked by publication",
}
NUMBERS = {"value", "numerator", "denominator", "sn_mean", "england_mean", "region_mean", "other_mean"}
LONG_TEXT = {"commentary", "actions", "not_updated_reason", "note", "description"}
TOKENS = re.compile(r"\s+|[^\s]+")


HIDDEN = '<span class="visually-hidden">{}</span>'
DELETED = f'<del class="bg-danger-subtle">{HIDDEN.format("[removed: ")}{{}}{HIDDEN.format("]")}</del>'
INSERTED = f'<ins class="bg-success-subtle">{HIDDEN.format("[added: ")}{{}}{HIDDEN.format("]")}</ins>'


def word_diff_html(old: str, new: str) -> SafeString:
    """old → new as one text with removed words in <del> and added words in <ins>, escaped.

    Screen readers do not announce <del> and <ins>, so each carries hidden words too.
    """
    old_tokens, new_tokens = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if tag == "equal":
            parts.append(escape(removed))
            continue
        if removed:
            parts.append(str(format_html(DELETED, removed)))
        if added:
            parts.append(str(format_html(INSERTED, added)))
    # Every fragment above is escaped or built by format_html.
    return mark_safe("".join(parts))


def _display(field_name: str, value) -> str:
    if value is None or value == "":
        return "(empty)"
    if field_name == "state":
        try:
            return ReviewState(value).label
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field_name in NUMBERS:
        # The audit log keeps decimals as plain strings; typed values may still carry exponents.
        try:
            return format(Decimal(str(value)).normalize(), "f")
        except InvalidOperation:
            return str(value)
    return str(value)


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str
    diff: SafeString | None = None  # for long texts


@dataclass
class TimelineEntry:
    event: AuditEvent
    subject: str = ""  # what the event is about, on an indicator's timeline
    changes: list[Change] = field(default_factory=list)

    @property
    def who(self) -> str:
        return str(self.event.actor) if self.event.actor else "The system"

    @property
    def role(self) -> str:
        try:
            return Role(self.event.actor_role).label
        except ValueError:
            return ""

    @property
    def action(self) -> str:
        return self.event.action_label


def entry_for(event: AuditEvent, subject: str = "") -> TimelineEntry:
    changes = []
    for name, pair in (event.changes or {}).items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        change = Change(
            name, FIELD_LABELS.get(name, name.replace("_", " ").capitalize()), _display(name, old), _display(name, new)
        )
        if name in LONG_TEXT:
            change.diff = word_diff_html(old or "", new or "")
        changes.append(change)
    return TimelineEntry(event=event, subject=subject, changes=changes)


def return_timeline(*, ret: Return) -> list[TimelineEntry]:
    """The return's events, newest first (two queries)."""
    return [entry_for(event) for event in reversed(list(audit_events_for(ret)))]


def indicator_timeline(*, indicator, user, limit: int = 100) -> list[TimelineEntry]:
    """The indicator's own events (catalogue, targets, figures) and those of the returns ``user`` may see, newest first.

    Members see nothing here: they never see returns, and figure changes of
    unpublished quarters are not theirs to read. A fixed number of queries.
    """
    if not user.has_perm("commentary.view_timeline"):
        return []
    from indicators.models import Figure, Target

    returns = list(Return.objects.filter(indicator=indicator).select_related("indicator", "quarter", "quarter__year"))
    visible = [ret for ret in returns if user.has_perm("commentary.view_return", ret)]
    subjects: dict[tuple[int, int], str] = {}
    query = Q(pk__in=[])
    groups = [
        (indicator._meta.model, [(indicator.pk, "Indicator")]),
        (Target, [(pk, f"Target {label}") for pk, label in _target_labels(indicator)]),
        (Figure, [(pk, f"Figure {label}") for pk, label in indicator.figures.values_list("pk", "period_label")]),
        (Return, [(ret.pk, f"Return {ret.quarter.label}") for ret in visible]),
    ]
    for model, items in groups:
        if not items:
            continue
        content_type = ContentType.objects.get_for_model(model)
        query |= Q(target_type=content_type, target_id__in=[pk for pk, _ in items])
        subjects.update({(content_type.pk, pk): label for pk, label in items})
    events = AuditEvent.objects.filter(query).select_related("actor").order_by("-created_at", "-id")[:limit]
    return [entry_for(event, subjects.get((event.target_type_id, event.target_id), "")) for event in events]


def _target_labels(indicator) -> list[tuple[int, str]]:
    return [(target.pk, target.year.label) for target in indicator.targets.select_related("year")]
