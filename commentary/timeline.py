"""The readable audit timeline of a return and of an indicator.

An entry says who, in what role, when, what they did, their comment, and what
changed, old → new. Long texts (commentary, actions, reasons) get a word diff
with deletions in <del> and insertions in <ins>; every piece of user text is
escaped before it is wrapped, so the result is safe to print.
"""

from __future__ import annotations

import difflib
import re
import time
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
from cyp.text import text_clean

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
    "not_available": "Not available",
    "not_available_reason": "Why not available",
    "commentary": "Commentary",
    "actions": "Actions",
    "shared": "Shared with other service leads",
    "locked": "Locked by publication",
}
NUMBERS = {"value", "numerator", "denominator", "sn_mean", "england_mean", "region_mean", "other_mean"}
LONG_TEXT = {"commentary", "actions", "not_updated_reason", "note", "description"}
#: A word with the white space after it; white space at the very start is a token of its own.
TOKENS = re.compile(r"\S+\s*|\s+")

# The diff is bounded in time whatever the texts' size (a 2 MB commentary once took 97 s here).
# difflib's matcher costs up to the product of the two lengths, so each step has a budget:
#: Texts longer than this (eight times the longest limit: only data from before the limits)
#: are not compared at all; the timeline says how long they are.
COMPARE_MAX_CHARS = 100_000
#: Texts longer than this together are diffed by paragraph first, never word by word whole.
WORD_DIFF_MAX_CHARS = 60_000
#: The most (changed words of the old) x (changed words of the new) one word diff may compare;
#: two commentaries at the 12,000-character limit, rewritten throughout, are about 4 million.
WORD_DIFF_MAX_PRODUCT = 6_000_000
#: The budget of one diff (its paragraphs' word diffs together), in that product and in seconds ...
DIFF_BUDGET = 12_000_000
DIFF_SECONDS = 0.5
#: ... and of a whole timeline: the newest changes are compared word by word, older ones by
#: paragraph once it is spent, so a return saved fifty times still opens in well under a second.
#: The time is the processor's wall clock; one diff already started finishes (bounded above).
TIMELINE_BUDGET = 24_000_000
TIMELINE_SECONDS = 0.15
#: A paragraph diff compares at most this many paragraphs (lines) a side; beyond it the change
#: is shown as the old text removed and the new added, without a diff.
LINE_DIFF_MAX_LINES = 5_000
#: Unchanged text longer than this is shortened to its first and last CONTEXT characters: the
#: timeline shows what changed, in its context; the whole text is on the page above it.
UNCHANGED_SHOWN = 1_000
CONTEXT = 300


class DiffBudget:
    """What is left of the word-diff work one page may do: a product of token counts, and time."""

    def __init__(self, remaining: int = DIFF_BUDGET, seconds: float = DIFF_SECONDS):
        self.remaining = remaining
        self.deadline = time.monotonic() + seconds

    def allows(self, cost: int) -> bool:
        return cost <= self.remaining and time.monotonic() < self.deadline


HIDDEN = '<span class="visually-hidden">{}</span>'
DELETED = f'<del class="bg-danger-subtle">{HIDDEN.format("[removed: ")}{{}}{HIDDEN.format("]")}</del>'
INSERTED = f'<ins class="bg-success-subtle">{HIDDEN.format("[added: ")}{{}}{HIDDEN.format("]")}</ins>'
ELIDED = '<span class="text-muted-strong">[… {} characters unchanged …]</span>'


def word_diff_html(old: str, new: str, *, budget: DiffBudget | None = None, whole: bool = False) -> SafeString:
    """old → new as one text with removed words in <del> and added words in <ins>, escaped.

    Screen readers do not announce <del> and <ins>, so each carries hidden words too. Both
    texts are shown as cyp.text.text_clean leaves them; long unchanged stretches are
    shortened to their ends unless ``whole``. The work is bounded: the common start and end
    are set aside first; what remains is diffed word by word when it is small enough and
    ``budget`` (shared by a page's diffs) allows, else paragraph by paragraph (word by word
    inside changed paragraphs while the budget lasts), else shown as replaced. Texts too long
    to compare are only described.
    """
    if max(len(old or ""), len(new or "")) > COMPARE_MAX_CHARS:
        return format_html(
            "{}Replaced a text of {} characters with one of {} characters: too long to compare here.",
            mark_safe(HIDDEN.format("[not compared] ")),
            f"{len(old or ''):,}",
            f"{len(new or ''):,}",
        )
    old, new = text_clean(old), text_clean(new)
    budget = budget if budget is not None else DiffBudget()
    diff = _Diff(whole=whole)
    if len(old) + len(new) <= WORD_DIFF_MAX_CHARS and diff.words(TOKENS.findall(old), TOKENS.findall(new), budget):
        return diff.html()
    diff = _Diff(whole=whole)
    diff.lines(old, new, budget)
    return diff.html()


class _Diff:
    def __init__(self, *, whole: bool):
        self.parts: list[str] = []
        self.whole = whole

    def html(self) -> SafeString:
        return mark_safe("".join(self.parts))  # every fragment is escaped or built by format_html

    def equal(self, text: str) -> None:
        if self.whole or len(text) <= UNCHANGED_SHOWN:
            self.parts.append(escape(text))
            return
        head, tail = text[:CONTEXT], text[-CONTEXT:]
        self.parts += [escape(head), ELIDED.format(f"{len(text) - 2 * CONTEXT:,}"), escape(tail)]

    def changed(self, removed: str, added: str) -> None:
        if removed:
            self.parts.append(str(format_html(DELETED, removed)))
        if added:
            self.parts.append(str(format_html(INSERTED, added)))

    def words(self, old_tokens: list[str], new_tokens: list[str], budget: DiffBudget) -> bool:
        """Append the word diff of two token lists; False (nothing appended) when over budget."""
        start = 0
        shortest = min(len(old_tokens), len(new_tokens))
        while start < shortest and old_tokens[start] == new_tokens[start]:
            start += 1
        end = 0
        while end < shortest - start and old_tokens[-1 - end] == new_tokens[-1 - end]:
            end += 1
        old_middle = old_tokens[start : len(old_tokens) - end]
        new_middle = new_tokens[start : len(new_tokens) - end]
        # difflib's work grows with the product of the lengths, plus a little for every token.
        cost = len(old_middle) * len(new_middle) + 20 * (len(old_middle) + len(new_middle))
        if cost > WORD_DIFF_MAX_PRODUCT or not budget.allows(cost):
            return False
        budget.remaining -= cost
        self.equal("".join(old_tokens[:start]))
        if old_middle and new_middle:
            matcher = difflib.SequenceMatcher(None, old_middle, new_middle, autojunk=True)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                removed, added = "".join(old_middle[i1:i2]), "".join(new_middle[j1:j2])
                if tag == "equal":
                    self.equal(removed)
                else:
                    self.changed(removed, added)
        else:
            self.changed("".join(old_middle), "".join(new_middle))
        self.equal("".join(old_tokens[len(old_tokens) - end :]))
        return True

    def lines(self, old: str, new: str, budget: DiffBudget) -> None:
        """Paragraph by paragraph, each changed run of paragraphs word by word while the budget lasts."""
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        if max(len(old_lines), len(new_lines)) > LINE_DIFF_MAX_LINES:
            self.changed(old, new)
            return
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=True)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            removed, added = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
            if tag == "equal":
                self.equal(removed)
            elif not (
                tag == "replace"
                and budget.allows(0)
                and len(removed) + len(added) <= WORD_DIFF_MAX_CHARS
                and self.words(TOKENS.findall(removed), TOKENS.findall(added), budget)
            ):
                self.changed(removed, added)


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
    if isinstance(value, str):
        value = text_clean(value)
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


def entry_for(event: AuditEvent, subject: str = "", budget: DiffBudget | None = None) -> TimelineEntry:
    changes = []
    for name, pair in (event.changes or {}).items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        change = Change(
            name, FIELD_LABELS.get(name, name.replace("_", " ").capitalize()), _display(name, old), _display(name, new)
        )
        if name in LONG_TEXT:
            change.diff = word_diff_html(old or "", new or "", budget=budget)
        changes.append(change)
    return TimelineEntry(event=event, subject=subject, changes=changes)


def return_timeline(*, ret: Return) -> list[TimelineEntry]:
    """The return's events, newest first (two queries)."""
    budget = DiffBudget(TIMELINE_BUDGET, TIMELINE_SECONDS)  # spent newest first
    return [entry_for(event, budget=budget) for event in reversed(list(audit_events_for(ret)))]


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
    budget = DiffBudget(TIMELINE_BUDGET, TIMELINE_SECONDS)  # spent newest first
    return [entry_for(event, subjects.get((event.target_type_id, event.target_id), ""), budget) for event in events]


def _target_labels(indicator) -> list[tuple[int, str]]:
    return [(target.pk, target.year.label) for target in indicator.targets.select_related("year")]
