"""Warnings for the reviewer: not blocking, shown on the return and on the governance board.

Pure functions with no Django import. They catch the faults of the published
Q1 2024/25 report:

- commentary the same as, or nearly the same as, last quarter's
  (``difflib`` ratio of at least 0.9 after collapsing white space);
- a number in the commentary that contradicts the figures beside it: indicator
  11 said 73.2% beside 78.9%, 135 said 87.7% beside 87.1%, 129 said 3.6% where
  326.0 per 10,000 is 3.26%, 132 quoted last year's 21.2% and an England figure
  of 22.7% beside 22.5%;
- a change from the previous value far outside the indicator's own history.

How numbers are read. Percentages ("73.2%", "21.2 %", "87.7 per cent") are
compared with the figures of a percentage indicator, and with the figures
divided by 100 for a rate per 10,000 (a rate quoted as a percentage). Plain
decimals ("44.0") are compared for rates and scores only; whole numbers and
counts are not read, as commentary is full of them (years, ages, numbers of
children), nor the ends of a range ("between 25%-34%"). A quoted number
matches a figure when the figure rounds to it at the number of decimals quoted,
or at the indicator's own precision. Only numbers within 25% of some figure are
questioned: "narrowed by 2.4%" beside 78.9% is about something else, "73.2%"
beside 78.9% is not. When the commentary quotes both the current and the
previous value correctly, its other numbers are taken to be other measures
(indicator 134 goes on to the "first, second or third choice" rate).
"""

from __future__ import annotations

import difflib
import itertools
import re
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from indicators.formatting import format_value

PERCENT, RATE, SCORE = "percent", "rate_per_10000", "score"
SIMILARITY_THRESHOLD = 0.9
NEARNESS = Decimal("0.25")
UNUSUAL_FACTOR = 3
UNUSUAL_MIN_CHANGES = 4

# A number not glued to a word, a slash (2021/22) or another number, with an optional percent sign or words.
NUMBER = re.compile(
    r"(?<![\w.,/£$–-])(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
    r"(?P<percent>\s?%|\s(?:per\s?cent|percent)\b)?(?![\w/]|[.,]\d|\s?[–-]\s?\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReviewWarning:
    kind: str  # "repeated_commentary", "number_contradicts_figures", "previous_value_quoted", "unusual_change"
    message: str


@dataclass(frozen=True)
class Quoted:
    """A number as the commentary writes it."""

    text: str
    value: Decimal
    decimals: int
    percent: bool


@dataclass(frozen=True)
class Reference:
    """A figure the commentary may quote: "current", "previous", "target", "England mean"..."""

    name: str
    value: Decimal


def _collapse(text: str) -> str:
    return " ".join((text or "").split()).lower()


def commentary_repeats(*, commentary: str, previous_commentary: str) -> ReviewWarning | None:
    """A warning when the commentary is the same as, or nearly the same as, last quarter's."""
    current, previous = _collapse(commentary), _collapse(previous_commentary)
    if not current or not previous:
        return None
    if current == previous:
        return ReviewWarning(
            "repeated_commentary", "The commentary is the same as last quarter's: say what has changed since."
        )
    ratio = difflib.SequenceMatcher(None, current, previous, autojunk=False).ratio()
    if ratio >= SIMILARITY_THRESHOLD:
        return ReviewWarning(
            "repeated_commentary",
            f"The commentary is nearly the same as last quarter's ({int(ratio * 100)}% alike): "
            "check it describes this quarter.",
        )
    return None


def quoted_numbers(text: str) -> list[Quoted]:
    """The numbers in a text that could be figures: percentages and decimals, in order."""
    found = []
    for match in NUMBER.finditer(text or ""):
        whole, fraction, percent = match["whole"], match["fraction"], match["percent"]
        if not percent and fraction is None:
            continue
        number = Decimal(f"{whole.replace(',', '')}.{fraction}" if fraction else whole.replace(",", ""))
        found.append(Quoted(match.group(0).strip(), number, len(fraction or ""), bool(percent)))
    return found


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _matches(quoted: Quoted, value: Decimal, indicator_decimals: int) -> bool:
    if quoted.value == value or _rounded(value, quoted.decimals) == quoted.value:
        return True
    return quoted.decimals <= indicator_decimals and _rounded(value, indicator_decimals) == quoted.value


def _near(quoted: Quoted, value: Decimal) -> bool:
    return value != 0 and abs(quoted.value - value) <= NEARNESS * abs(value)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def number_warnings(
    *, commentary: str, unit: str, decimals: int, references: list[Reference], previous_label: str = ""
) -> list[ReviewWarning]:
    """Warnings for numbers in the commentary that no figure supports.

    ``references`` are the figures beside the commentary, named ("current",
    "previous", "target", "statistical neighbour mean", ...); "current" and
    "previous" are recognised by name.
    """
    references = [reference for reference in references if reference.value is not None]
    if not references or unit not in (PERCENT, RATE, SCORE):
        return []
    by_name = {reference.name: reference.value for reference in references}
    warnings: list[ReviewWarning] = []
    current = by_name.get("current")
    previous = by_name.get("previous")
    quoted_current = quoted_previous = quoted_previous_only = None
    questioned: list[tuple[Quoted, Decimal, list[Reference]]] = []
    for quoted in quoted_numbers(commentary):
        if quoted.percent and unit == PERCENT:
            scale = Decimal(1)
        elif quoted.percent and unit == RATE:
            scale = Decimal(100)  # 326.0 per 10,000 is 3.26%
        elif not quoted.percent and unit in (RATE, SCORE):
            scale = Decimal(1)
        else:
            continue
        scaled = [Reference(r.name, r.value / scale) for r in references]
        if any(_matches(quoted, reference.value, decimals) for reference in scaled):
            if current is not None and _matches(quoted, current / scale, decimals):
                quoted_current = quoted
            elif previous is not None and _matches(quoted, previous / scale, decimals):
                quoted_previous = quoted
                quoted_previous_only = quoted_previous_only or quoted
            continue
        if any(_near(quoted, reference.value) for reference in scaled):
            questioned.append((quoted, scale, scaled))
    if not (quoted_current and quoted_previous):
        warnings.extend(
            ReviewWarning("number_contradicts_figures", _contradiction(quoted, scale, scaled, unit, decimals))
            for quoted, scale, scaled in questioned
        )
    if quoted_previous_only is not None and quoted_current is None and current is not None:
        when = f" ({previous_label})" if previous_label else ""
        warnings.append(
            ReviewWarning(
                "previous_value_quoted",
                f"The commentary quotes {quoted_previous_only.text}, the previous value{when}, but never the "
                f"current value {format_value(current, unit, decimals)}: is it a period behind?",
            )
        )
    return warnings


def _contradiction(quoted: Quoted, scale: Decimal, scaled: list[Reference], unit: str, decimals: int) -> str:
    if scale != 1:
        current = next((reference for reference in scaled if reference.name == "current"), None)
        if current is not None and _near(quoted, current.value):
            return (
                f"The commentary says {quoted.text}, but the current value of "
                f"{format_value(current.value * scale, unit, decimals)} per 10,000 is "
                f"{_plain(_rounded(current.value, decimals + 2))}%: correct the commentary or the figures."
            )
        listed = ", ".join(f"{r.name} {_plain(_rounded(r.value, decimals + 2))}%" for r in scaled)
        return (
            f"The commentary says {quoted.text}, which matches none of the figures as percentages of 10,000 "
            f"({listed}): correct the commentary or the figures."
        )
    listed = ", ".join(f"{r.name} {format_value(r.value, unit, decimals)}" for r in scaled)
    return (
        f"The commentary says {quoted.text}, which matches none of the figures ({listed}): "
        "correct the commentary or the figures."
    )


def unusual_change(
    *, current: Decimal | None, previous: Decimal | None, history: list[Decimal], unit: str, decimals: int
) -> ReviewWarning | None:
    """A warning when current − previous is more than three times the median absolute change in the history.

    ``history`` is the indicator's earlier values, oldest first, ending with the
    previous value. At least four earlier changes are needed; a flat history
    counts the smallest printed step as its usual change.
    """
    if current is None or previous is None:
        return None
    values = [value for value in history if value is not None]
    changes = [abs(later - earlier) for earlier, later in itertools.pairwise(values)]
    if len(changes) < UNUSUAL_MIN_CHANGES:
        return None
    usual = max(statistics.median(changes), Decimal(1).scaleb(-decimals))
    change = current - previous
    if abs(change) <= UNUSUAL_FACTOR * usual:
        return None
    sign = "+" if change > 0 else "−"
    return ReviewWarning(
        "unusual_change",
        f"The change from the previous value ({format_value(previous, unit, decimals)} to "
        f"{format_value(current, unit, decimals)}, {sign}{format_value(abs(change), unit, decimals)}) is more than "
        f"three times this indicator's usual change ({format_value(usual, unit, decimals)}, the median over "
        f"{len(changes)} periods): check the figures.",
    )


def review_warnings(
    *,
    commentary: str,
    previous_commentary: str,
    unit: str,
    decimals: int,
    references: list[Reference],
    history: list[Decimal],
    previous_label: str = "",
) -> list[ReviewWarning]:
    """Every warning for one return, in the order a reviewer reads them."""
    by_name = {reference.name: reference.value for reference in references}
    warnings = []
    repeated = commentary_repeats(commentary=commentary, previous_commentary=previous_commentary)
    if repeated:
        warnings.append(repeated)
    warnings.extend(
        number_warnings(
            commentary=commentary, unit=unit, decimals=decimals, references=references, previous_label=previous_label
        )
    )
    change = unusual_change(
        current=by_name.get("current"), previous=by_name.get("previous"), history=history, unit=unit, decimals=decimals
    )
    if change:
        warnings.append(change)
    return warnings
