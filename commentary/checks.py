"""The blocking checks a return must pass before it is submitted (and again before approval).

Pure functions with no Django import. Each problem names the form field and
says how to fix it, as the published pack's faults must not recur:

- a period: label, start and end, in order;
- a current value, or "not updated this quarter" with a reason, or "not available" (the source system could
  not produce it) with no value, X or Y and never also "not updated" (``availability_problems``);
- values possible for the unit (``impossible_values``): a percentage from 0 to
  100, rates, scores and counts not negative (counts whole), a numerator not
  above its denominator for a percentage, a denominator that is not zero; and a
  value that agrees with X and Y when both are given;
- commentary;
- actions when the computed RAG is Red, even when the return is marked "not
  updated": the rule is ``indicators.reporting.actions_needed``, which
  readiness and the pack apply too (the published pack printed Red indicator
  128 as "not updated" with no actions).

X/Y is ``indicators.reporting.value_from_parts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from indicators.formatting import format_value
from indicators.reporting import actions_missing, value_from_parts

PERCENT, RATE, SCORE, COUNT = "percent", "rate_per_10000", "score", "count"
UNIT_WORDS = {
    PERCENT: "a percentage",
    RATE: "a rate per 10,000",
    SCORE: "an average score",
    COUNT: "a count",
    "days": "an average in days",
    "ratio": "a ratio",
    "currency": "an amount of money",
    "per_fte": "a caseload per worker",
}
COMPARATORS = (
    ("sn_mean", "the statistical neighbour mean"),
    ("england_mean", "the England mean"),
    ("region_mean", "the region mean"),
    ("other_mean", "the other comparator"),
)


@dataclass(frozen=True)
class Problem:
    """One reason a return cannot be submitted: the form field it concerns and what to do."""

    field: str
    message: str


class SubmissionBlocked(Exception):
    """The return fails one or more checks; ``problems`` lists them all, in form order."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(" ".join(problem.message for problem in problems))


def _plain(value: Decimal) -> str:
    """117.5 as typed, without trailing zeros of the stored four decimal places."""
    text = format(value.normalize(), "f")
    return text


def submission_problems(
    *,
    content,
    number: int,
    unit: str,
    decimals: int,
    rag_status: str | None,
    target_display: str = "",
) -> list[Problem]:
    """Every reason ``content`` (a Return, or anything with its fields) cannot be submitted.

    ``rag_status`` is the computed status ("Red", "Amber", ...) or None.
    """
    prefix = f"Indicator {number}"
    problems: list[Problem] = []

    def add(field: str, text: str) -> None:
        problems.append(Problem(field, f"{prefix}: {text}"))

    if not (content.period_label or "").strip():
        add("period_label", 'the period is missing: write it as it should be printed, e.g. "June 2024".')
    if content.period_start is None:
        add("period_start", "the period's first day is missing: enter it, e.g. 1/6/2024.")
    if content.period_end is None:
        add("period_end", "the period's last day is missing: enter it, e.g. 30/6/2024.")
    if content.period_start and content.period_end and content.period_start > content.period_end:
        add("period_end", "the period ends before it starts: check the first and last days.")

    if content.not_updated:
        if not (content.not_updated_reason or "").strip():
            add("not_updated_reason", "say why the figures were not updated this quarter, or untick “not updated”.")
    elif content.value is None and not _not_available(content):
        add("value", "the current value is missing: enter it, or tick “not updated this quarter” and give the reason.")
    for field, text in availability_problems(content=content):
        add(field, text)

    for field, text in impossible_values(content=content, unit=unit):
        add(field, text)
    mismatch = _formula_mismatch(content=content, unit=unit, decimals=decimals)
    if mismatch:
        add("value", mismatch)

    if not (content.commentary or "").strip():
        add("commentary", "the commentary is empty: say what the figures show, why, and how they compare.")
    if actions_missing(status=rag_status, actions=content.actions):
        against = f" ({format_value(content.value, unit, decimals)} against a target of {target_display})"
        add(
            "actions",
            f"the indicator is Red{against if target_display else ''}, so actions are required: "
            "write what will be done to bring it back on target, by whom and by when.",
        )
    return problems


def _not_available(content) -> bool:
    # Content without the field (a return before it had one) is never not available.
    return bool(getattr(content, "not_available", False))


def availability_problems(*, content) -> list[tuple[str, str]]:
    """(field, words) for what cannot stand with "not available" (the source system could not produce the
    figure): it is instead of a value, X and Y, and apart from "not updated this quarter".

    The one home of that rule for returns: the return form refuses it before saving, submission and approval
    refuse it (``submission_problems``), and the database holds the value and "not updated" parts of it.
    """
    if not _not_available(content):
        return []
    if content.not_updated:
        return [("not_available", "a figure is either not available or not updated, not both: untick one of them.")]
    problems = []
    if content.value is not None:
        problems.append(
            (
                "value",
                "the figure is marked not available, so it has no value: clear the value, or untick “not available”.",
            )
        )
    for field, words in (("numerator", "numerator (X)"), ("denominator", "denominator (Y)")):
        if getattr(content, field, None) is not None:
            problems.append(
                (
                    field,
                    f"the figure is marked not available, so it has no {words}: clear the {words}, or untick "
                    "“not available”.",
                )
            )
    return problems


def impossible_values(*, content, unit: str) -> list[tuple[str, str]]:
    """(field, words) for every value that cannot be right for the unit: a percentage below 0 or above 100, a
    negative rate, score or count, a count that is not whole, a negative or zero denominator, a numerator above
    its denominator for a percentage.

    The one home of "impossible value": submission refuses it (``submission_problems``), a draft saved with one
    is warned, and the live preview shows it instead of rating it.
    """
    problems = []
    values = [("value", "the current value", content.value), *((f, w, getattr(content, f)) for f, w in COMPARATORS)]
    for field, words, value in values:
        if value is None:
            continue
        if unit == PERCENT and not Decimal(0) <= value <= Decimal(100):
            problems.append(
                (field, f"{words} must be between 0 and 100 for a percentage (you entered {_plain(value)}).")
            )
        elif unit != PERCENT and value < 0:
            problems.append(
                (field, f"{words} cannot be negative for {UNIT_WORDS.get(unit, unit)} (you entered {_plain(value)}).")
            )
        elif unit == COUNT and field == "value" and value != value.to_integral_value():
            problems.append((field, f"a count must be a whole number (you entered {_plain(value)})."))
    numerator, denominator = content.numerator, content.denominator
    if numerator is not None and numerator < 0:
        problems.append(("numerator", f"the numerator (X) cannot be negative (you entered {_plain(numerator)})."))
    if denominator is not None and denominator < 0:
        problems.append(("denominator", f"the denominator (Y) cannot be negative (you entered {_plain(denominator)})."))
    if denominator is not None and denominator == 0:
        problems.append(("denominator", "the denominator (Y) cannot be zero: enter the number the rate is out of."))
    if (
        unit == PERCENT
        and numerator is not None
        and denominator is not None
        and denominator > 0
        and numerator > denominator
    ):
        problems.append(
            (
                "numerator",
                f"the numerator (X) {_plain(numerator)} is above the denominator (Y) {_plain(denominator)}, "
                "and a percentage cannot exceed 100: check X and Y.",
            )
        )
    return problems


def _formula_mismatch(*, content, unit: str, decimals: int) -> str | None:
    if content.value is None or content.numerator is None or content.denominator is None:
        return None
    computed = value_from_parts(numerator=content.numerator, denominator=content.denominator, unit=unit)
    if computed is None:
        return None
    quantum = Decimal(1).scaleb(-decimals)
    if computed.quantize(quantum, ROUND_HALF_UP) == content.value.quantize(quantum, ROUND_HALF_UP):
        return None
    parts = f"{_plain(content.numerator)} / {_plain(content.denominator)}"
    return (
        f"the value {format_value(content.value, unit, decimals)} does not match X/Y "
        f"({parts} gives {format_value(computed, unit, decimals)}): correct the value, X or Y."
    )
