"""Whether an action is SMART enough to be tracked, and what a timescale means. No Django import.

The Sector Led Improvement diagnostic asked Cambridgeshire "to plan more
effectively to ensure actions are SMART (Specific, Measurable, Achievable,
Realistic and Timely)" (seed 002, para 3.4). cyp checks the three parts a
machine can check, and says which is missing:

- **an owner**: a responsible officer, either a person in cyp or a named post;
- **a due date**: "ongoing" is not a due date;
- **a measurable success criterion**: at least one criterion states a figure to
  reach, or the action is linked to an indicator (an indicator is a measure with
  a target). A criterion states a figure when it holds

  * a percentage: "Reduction in the number of agency staff to 15%";
  * a number after a word that sets a level: to, by, of, at least, at most,
    maximum, minimum, under, below, above, over, fewer than, more than, less
    than, within, up to / upto: "a maximum of 25", "by 7";
  * a date: a month and year ("by October 24", "March 2025") or a full date.

  A bare number is not enough: "assist 16/17 years old who are homeless" names
  an age group, not a level to reach.

Achievable and Realistic are judgements for people, not for cyp.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per\s*cent\b)", re.IGNORECASE)
_LEVEL = re.compile(
    r"\b(?:to|by|of|at\s+least|at\s+most|maximum|minimum|max|min|under|below|above|over|fewer\s+than|"
    r"more\s+than|less\s+than|within|up\s*to|upto)\s+(?:a\s+|the\s+)?\d",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(rf"\b(?:{_MONTH_PATTERN})\.?\s+(?:\d{{4}}|\d{{2}})\b", re.IGNORECASE)
_FULL_DATE = re.compile(r"\b(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\b")


def criterion_is_measurable(text: str) -> bool:
    """True when the criterion states a figure to reach (see the module docstring)."""
    return bool(_PERCENT.search(text) or _LEVEL.search(text) or _MONTH_YEAR.search(text) or _FULL_DATE.search(text))


@dataclass(frozen=True)
class SmartCheck:
    has_owner: bool
    has_due_date: bool
    has_measure: bool

    @property
    def is_smart(self) -> bool:
        return self.has_owner and self.has_due_date and self.has_measure

    @property
    def gaps(self) -> list[str]:
        """What is missing, in words: ["no owner", "no due date", "no measurable success criterion"]."""
        missing = []
        if not self.has_owner:
            missing.append("no owner")
        if not self.has_due_date:
            missing.append("no due date")
        if not self.has_measure:
            missing.append("no measurable success criterion")
        return missing


def smart_check(
    *, has_owner: bool, due_date: datetime.date | None, success_criteria: list[str], linked_indicators: int
) -> SmartCheck:
    return SmartCheck(
        has_owner=has_owner,
        has_due_date=due_date is not None,
        has_measure=linked_indicators > 0 or any(criterion_is_measurable(c) for c in success_criteria),
    )


# --- Timescales -----------------------------------------------------------------------------------


class TimescaleError(ValueError):
    """A timescale cyp cannot read; the message says how to write it."""


@dataclass(frozen=True)
class Timescale:
    due_date: datetime.date | None
    ongoing: bool


def timescale_parse(text: str) -> Timescale:
    """The due date a timescale as printed means.

    "March 2025", "March 25", "Sept 2024" -> the last day of that month (as the
    demo data README derives them); "ongoing" -> no due date; "31/03/2025" or
    "2025-03-31" -> that day. Two-digit years are 20xx. Raises TimescaleError.
    """
    cleaned = " ".join(text.split()).strip().rstrip(".")
    if not cleaned:
        raise TimescaleError("the timescale is empty: write a month and year such as 'March 2025', or 'ongoing'")
    if cleaned.lower() == "ongoing":
        return Timescale(due_date=None, ongoing=True)
    match = re.fullmatch(rf"({_MONTH_PATTERN})\.?\s+(\d{{4}}|\d{{2}})", cleaned, re.IGNORECASE)
    if match:
        month = MONTHS[match.group(1).lower()]
        year = int(match.group(2))
        year = year + 2000 if year < 100 else year
        return Timescale(due_date=datetime.date(year, month, calendar.monthrange(year, month)[1]), ongoing=False)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return Timescale(due_date=datetime.datetime.strptime(cleaned, pattern).date(), ongoing=False)
        except ValueError:
            continue
    raise TimescaleError(
        f"'{text}' is not a timescale cyp can read: write a month and year such as 'March 2025', "
        "a date such as 31/03/2025, or 'ongoing'"
    )
