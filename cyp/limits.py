"""How long the text people write may be: one constant per kind of text, and why, and the one message.

The limits are generous for real use and small enough that any text within them lays out
in the committee pack, exports to a spreadsheet cell (at most 32,767 characters) and
diffs in the timeline in milliseconds. The model fields carry them as validators
(``TextLimit``), so the admin, the forms and the imports all refuse the same text with the
same words; the forms add a counter (cyp.forms). Short text fields (names, titles, labels)
are limited by their CharField's ``max_length``, named in the same words.

A length is counted as ``cyp.text.text_clean`` leaves the text: a line break is one
character whether the browser sent ``\\r\\n`` or ``\\n``, as the counter in the page counts it.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible

from cyp.text import text_clean

# --- Returns ----------------------------------------------------------------------------------

#: A return's commentary. The longest in the published packs is about 2,500 characters and a
#: 5,000-character commentary is ordinary; 12,000 is about four printed pages and still lays out.
COMMENTARY = 12_000
#: A return's actions: the same reasoning as the commentary (the longest published is ~1,700).
ACTIONS = 12_000

# --- Plans ------------------------------------------------------------------------------------

#: A progress update on an action. Approved updates of 5,500 characters exist; 12,000 leaves
#: room for a full account of a quarter's work on a large action.
PROGRESS = 12_000
#: The evidence of a progress update: a list of reports, figures and decisions with dates.
EVIDENCE = 4_000
#: An action's item and outcome as printed in a plan: the longest published is ~500 characters.
ACTION_TEXT = 4_000
#: An action's success criteria, one per line, all together.
SUCCESS_CRITERIA = 4_000
#: A recommendation or a theme, and an SLI finding, as printed: a paragraph or two.
RECOMMENDATION = 4_000
#: A plan's introduction, an SLI programme's background, method and funding, a phase's
#: description: printed prose of a page or two (the longest published is ~700 characters a part).
PLAN_PROSE = 12_000

# --- Indicators -------------------------------------------------------------------------------

#: An indicator's description, X and Y definitions and calculation note: the catalogue's
#: longest is ~900 characters.
DEFINITION = 4_000
#: A target's note: when and why it was set.
TARGET_NOTE = 2_000

# --- Reasons and comments, everywhere ---------------------------------------------------------

#: Why a figure was not updated, why a published figure is corrected: a sentence or a short
#: paragraph (the longest published is ~600 characters).
REASON = 2_000
#: A reviewer's comment (approve, send back, reopen) and "why the change" of an edit: a
#: reviewer who needs more writes it in the return or the update itself.
COMMENT = 4_000
#: Notes on gaps and inconsistencies in a source (plans, actions, SLI programmes).
NOTES = 4_000

# --- Meetings and agenda items ----------------------------------------------------------------

#: A meeting's membership, one member per line: 40 members of 80 characters fit.
MEMBERSHIP = 4_000
#: The note printed under an agenda item's title.
AGENDA_NOTE = 2_000
#: A cover sheet's executive summary: about a page.
EXECUTIVE_SUMMARY = 6_000
#: A cover sheet's recommendation to the committee.
COVER_RECOMMENDATION = 4_000


def text_length(value) -> int:
    """The length a person sees: the characters ``text_clean`` keeps, a line break counted once."""
    return len(text_clean(value))


def limit_message(label: str, length: int, limit: int) -> str:
    """ "Commentary is 13,204 characters; the limit is 12,000. Shorten it by 1,204 characters." """
    excess = length - limit
    return (
        f"{label} is {length:,} characters; the limit is {limit:,}. "
        f"Shorten it by {excess:,} character{'' if excess == 1 else 's'}."
    )


def limit_problem(label: str, value, limit: int | None) -> str | None:
    """The message when ``value`` is longer than ``limit``, else None (no limit: None)."""
    if not limit or value is None:
        return None
    length = text_length(value)
    return limit_message(label, length, limit) if length > limit else None


def text_limits_check(*, model, values: dict) -> None:
    """Refuse ``values`` for ``model`` when any text is over its field's limit: a service's last check.

    Raises ValidationError mapping each such field to the message with its name (the field's
    verbose name), so a caller other than a form (a command, a task) is refused the same way.
    """
    from django.core.exceptions import ValidationError

    problems = {}
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        field = model._meta.get_field(name)
        limit = min(
            [validator.limit_value for validator in field.validators if isinstance(validator, TextLimit)]
            + ([field.max_length] if field.max_length else []),
            default=None,
        )
        problem = limit_problem(str(field.verbose_name).capitalize(), value, limit)
        if problem:
            problems[name] = problem
    if problems:
        raise ValidationError(problems)


@deconstructible(path="cyp.limits.TextLimit")
class TextLimit(MaxLengthValidator):
    """A MaxLengthValidator that counts as the page does and says the field, the length and the fix.

    ``label`` is the field's name as a person reads it; without one (a model's validator,
    shown under its field) the message says "This text".
    """

    code = "max_length"

    def __init__(self, limit_value: int, label: str = ""):
        super().__init__(limit_value)
        self.label = label

    def __call__(self, value):
        from django.core.exceptions import ValidationError

        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        length = text_length(value)
        if length > limit:
            raise ValidationError(
                limit_message(self.label or "This text", length, limit),
                code=self.code,
                params={"limit_value": limit, "show_value": length, "value": value},
            )

    def __eq__(self, other):
        return isinstance(other, TextLimit) and (self.limit_value, self.label) == (other.limit_value, other.label)

    def __hash__(self):
        return hash((self.limit_value, self.label))
