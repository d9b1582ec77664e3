"""The reporting rules: what a quarter's report says of each indicator, each rule written once.

A plain module with no Django import, beside ``indicators.rag`` (which rates a
value against its target). The return checks (``commentary.checks``), the
pack's readiness (``reports.selectors``), the performance report and its
renderers (``reports.performance_counts``, ``reports.performance``,
``reports.render``), the dashboard (``indicators.selectors``) and the export
(``indicators.exports``) call these functions, so none of them can disagree.

Actions
-------
**A Red indicator needs actions** (``actions_needed``): what will be done to
bring it back on target, by whom and by when. "Not updated this quarter" does
not lift the rule. The status that decides is the one the indicator's figure
gives, its stale value when it was not updated: the published Q1 2024/25 pack
printed indicator 128 as Red and not updated, with no actions, which is the
fault the checks exist to stop. An indicator with no status (no target for the
year, no value) or with any other status needs none. So the return check
refuses, readiness blocks and the pack flags the same row.

Not updated
-----------
An indicator whose figure is flagged "not updated this quarter" (with a reason)
is listed apart with the reason and is counted nowhere else
(``group_of``, ``counted_status``):

- not in the status table, whatever status its stale figure gives;
- not in the movements: its movement is not comparable;
- not as an example commentary (``example_kind``).

It still needs actions when Red (above); that is the only rule it keeps.

Not available
-------------
A figure the source system could not produce ("#N/A": ``Figure.not_available``, with a reason)
has no value. It is not "not updated this quarter" (an officer's flag on a stale value): it is
its own group, "Not available" (``NOT_AVAILABLE``), listed apart with its reason and counted
nowhere else, as not updated is: not in the status table, not comparable in the movements
("not available this quarter"), never an example. A figure is never both (a database rule).

Counting
--------
``tally`` puts every row in exactly one group: not updated; not available;
not rated (no status); or counted under its status (Red, Amber, Green, Blue, Baseline,
Contextual, In development, Suspended). Movements (``movement_of``) compare a
counted indicator's status with the status published for the previous
quarter on the scale Red < Amber < Green < Blue: up is improved, down is
declined, the same is unchanged; anything else (no previous status, a status
without a target on either side, not updated, not rated) is not comparable,
with the reason. By construction::

    sum of the status counts + not updated + not available + not rated == every row
    improved + declined + unchanged + not comparable == every row

Stale figures
-------------
``is_stale``: a figure is stale when its data is older than the cycle it is
shown in, so the row says "Data from June 2022" (``stale_flag``, the period
label as printed) on the dashboard, the indicator page and in the pack, in
words, never by colour alone. What the indicator's frequency allows, against
the quarter being reported:

- monthly and quarterly: the figure's period must end within the last months
  its frequency or the report's period spans, whichever is longer, counted back
  from the reported period's last day. In a quarterly report both are three
  months, so the figure must end within the quarter (on or after its first
  day). In a monthly report a monthly figure must end within the month, and a
  quarterly figure within the last three months (the quarter to June is
  current in the August report, the quarter to March is stale);
- termly and yearly: the figure's period may end up to one year before the
  reported period's last day (the 2023/24 figure is current all through
  2024/25 Q4); one that ends earlier is stale (June 2022 data in the quarter
  to 30 September 2023).

Stale is not "not updated": "not updated this quarter" is a flag an officer
sets with a reason, and it lists the row apart; a stale figure is a fact of its
dates, and it is counted under its status as any other row (the counts above
are unchanged). A row may be both.

Values from parts
-----------------
``value_from_parts``: a percentage is X/Y x 100, a rate per 10,000 X/Y x
10,000, a score, an average in days, a ratio and a caseload per FTE X/Y, and a
count or a sum of money is X itself. A zero or missing denominator
(or a missing numerator) gives no value (None), never a division error.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from indicators.rag import PERFORMANCE_RANK, REPORT_ORDER, Status

K = TypeVar("K")

# --- Actions ------------------------------------------------------------------------------------


def actions_needed(*, status: Status | str | None) -> bool:
    """True when the indicator's status calls for actions: Red, whether or not its figure was updated."""
    return status is not None and str(status) == Status.RED.value


def has_text(value) -> bool:
    """True when a text field (or a list of items) has anything in it but blanks."""
    if value is None:
        return False
    if isinstance(value, list | tuple):
        return any(has_text(item) for item in value)
    return bool(str(value).strip())


def actions_missing(*, status: Status | str | None, actions) -> bool:
    """True when the indicator needs actions and has none (the verdict every consumer gives)."""
    return actions_needed(status=status) and not has_text(actions)


# --- Groups: what "not updated" excludes ---------------------------------------------------------

NOT_UPDATED = "Not updated this quarter"
NOT_AVAILABLE = "Not available"
NOT_RATED = "Not rated"
#: What every screen, export and pack says of a figure not available, before its own reason (if any).
NOT_AVAILABLE_WORDS = "Not available: the source system could not produce this figure"


def not_available_text(reason: str = "", *, derived: bool = False) -> str:
    """ "Not available: the source system could not produce this figure" and the reason given, when it says more;
    for a derived figure, "Not available: " and why it could not be worked out (``indicators.derive``)."""
    reason = (reason or "").strip().rstrip(".")
    if derived and reason:
        return f"Not available: {reason[0].lower()}{reason[1:]}."
    if not reason or reason.lower() in ("not available in the source system", "not available"):
        return f"{NOT_AVAILABLE_WORDS}."
    return f"{NOT_AVAILABLE_WORDS} ({reason})."


def group_of(*, status: Status | str | None, not_updated: bool, not_available: bool = False) -> str:
    """The one group a row falls in: "Not updated this quarter", "Not available", "Not rated", or its status."""
    if not_updated:
        return NOT_UPDATED
    if not_available:
        return NOT_AVAILABLE
    if status is None:
        return NOT_RATED
    return Status(status).value


def group_slug(group: str) -> str:
    """The group in a URL or a class name: "red", "in-development", "not-updated", "none" (not rated)."""
    if group == NOT_UPDATED:
        return "not-updated"
    if group == NOT_AVAILABLE:
        return "not-available"
    if group == NOT_RATED:
        return "none"
    return group.lower().replace(" ", "-")


GROUPS = (*(status.value for status in REPORT_ORDER), NOT_UPDATED, NOT_AVAILABLE, NOT_RATED)
#: The groups listed apart from the status counts (in ``GROUPS`` order).
APART_GROUPS = (NOT_UPDATED, NOT_AVAILABLE, NOT_RATED)


def group_counts(groups: Iterable[str]) -> dict[str, int]:
    """How many rows fall in each group (``group_of``), for every group in ``GROUPS`` order (the count table's)."""
    counts = dict.fromkeys(GROUPS, 0)
    for group in groups:
        counts[group] += 1
    return counts


def counted_status(*, status: Status | str | None, not_updated: bool, not_available: bool = False) -> Status | None:
    """The status a row is counted under; None when it is listed apart (not updated, not available, not rated)."""
    if not_updated or not_available or status is None:
        return None
    return Status(status)


class ExampleKind(enum.StrEnum):
    GREEN_BLUE = "Green or Blue"
    RED = "Red"


def example_kind(*, status: Status | str | None, not_updated: bool, not_available: bool = False) -> ExampleKind | None:
    """Which example commentary a row may be: Green or Blue, Red, or none (not updated, not available, not rated,
    other)."""
    counted = counted_status(status=status, not_updated=not_updated, not_available=not_available)
    if counted in (Status.GREEN, Status.BLUE):
        return ExampleKind.GREEN_BLUE
    if counted == Status.RED:
        return ExampleKind.RED
    return None


# --- Movements -----------------------------------------------------------------------------------


class Movement(enum.StrEnum):
    IMPROVED = "improved"
    DECLINED = "declined"
    UNCHANGED = "unchanged"
    NOT_COMPARABLE = "not comparable"


def movement_of(
    *,
    status: Status | str | None,
    previous_status: Status | str | None,
    not_updated: bool,
    not_rated_reason: str = "",
    not_available: bool = False,
) -> tuple[Movement, str | None]:
    """How a row moved since the status published for the previous quarter, and why when not comparable."""
    if not_updated:
        return Movement.NOT_COMPARABLE, "not updated this quarter"
    if not_available:
        return Movement.NOT_COMPARABLE, "not available this quarter"
    if status is None:
        return Movement.NOT_COMPARABLE, f"no status this quarter ({not_rated_reason or 'not rated'})"
    if previous_status is None:
        return Movement.NOT_COMPARABLE, "no status was published for the previous quarter"
    current, previous = Status(status), Status(previous_status)
    if not current.is_performance or not previous.is_performance:
        if current == previous:
            return Movement.NOT_COMPARABLE, f"{current.value}: no performance target in either quarter"
        return (
            Movement.NOT_COMPARABLE,
            f"{previous.value} last quarter, {current.value} this quarter: not rated on one scale",
        )
    difference = PERFORMANCE_RANK[current] - PERFORMANCE_RANK[previous]
    if difference == 0:
        return Movement.UNCHANGED, None
    return (Movement.IMPROVED if difference > 0 else Movement.DECLINED), None


# --- Counting a set of rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class RowFacts:
    """What the rules need of one indicator's row."""

    status: str | None  # a Status value, or None when not rated
    not_updated: bool = False
    previous_status: str | None = None  # the status published for the previous quarter
    not_rated_reason: str = ""
    not_available: bool = False


@dataclass(frozen=True)
class Moved(Generic[K]):
    item: K
    from_status: Status
    to_status: Status


@dataclass
class Tally(Generic[K]):
    """Every row in exactly one group, and in exactly one movement list; every count is a list's length."""

    total: int
    by_status: dict[Status, list[K]]  # every status, in report order
    not_updated: list[K] = field(default_factory=list)
    not_available: list[K] = field(default_factory=list)
    not_rated: list[K] = field(default_factory=list)
    improved: list[Moved[K]] = field(default_factory=list)
    declined: list[Moved[K]] = field(default_factory=list)
    unchanged: list[K] = field(default_factory=list)
    not_comparable: list[tuple[K, str]] = field(default_factory=list)

    @property
    def counted_total(self) -> int:
        return sum(len(items) for items in self.by_status.values())

    def groups(self) -> list[tuple[str, list[K]]]:
        """(group, rows) in ``GROUPS`` order: every status in report order, then not updated, not available and
        not rated."""
        return [
            *((status.value, items) for status, items in self.by_status.items()),
            (NOT_UPDATED, self.not_updated),
            (NOT_AVAILABLE, self.not_available),
            (NOT_RATED, self.not_rated),
        ]


def tally(rows: Iterable[tuple[K, RowFacts]]) -> Tally[K]:
    """Count (item, facts) pairs into statuses, the lists apart and movements, keeping the order given."""
    result: Tally[K] = Tally(total=0, by_status={status: [] for status in REPORT_ORDER})
    for item, facts in rows:
        result.total += 1
        group = group_of(status=facts.status, not_updated=facts.not_updated, not_available=facts.not_available)
        if group == NOT_UPDATED:
            result.not_updated.append(item)
        elif group == NOT_AVAILABLE:
            result.not_available.append(item)
        elif group == NOT_RATED:
            result.not_rated.append(item)
        else:
            result.by_status[Status(group)].append(item)
        kind, reason = movement_of(
            status=facts.status,
            previous_status=facts.previous_status,
            not_updated=facts.not_updated,
            not_rated_reason=facts.not_rated_reason,
            not_available=facts.not_available,
        )
        if kind == Movement.UNCHANGED:
            result.unchanged.append(item)
        elif kind == Movement.NOT_COMPARABLE:
            result.not_comparable.append((item, reason or ""))
        else:
            moved = Moved(item, Status(facts.previous_status), Status(facts.status))
            (result.improved if kind == Movement.IMPROVED else result.declined).append(moved)
    return result


# --- Stale figures ------------------------------------------------------------------------------

#: Frequencies (values of indicators.enums.Frequency) whose figure may be up to a year older than the quarter.
YEARLY_FREQUENCIES = frozenset({"year", "term"})


def _one_year_before(day: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


#: How many months a figure of each frequency covers (termly and yearly ones follow their own rule).
FREQUENCY_MONTHS = {"month": 1, "quarter": 3}


def is_stale(
    *, frequency: str, period_end: datetime.date | None, quarter_start: datetime.date, quarter_end: datetime.date
) -> bool:
    """True when a figure whose period ends on ``period_end`` is older than its frequency allows in the
    reported period (a quarter or a month) from ``quarter_start`` to ``quarter_end`` (see the module
    docstring); False for no figure."""
    if period_end is None:
        return False
    if str(frequency) in YEARLY_FREQUENCIES:
        return period_end < _one_year_before(quarter_end)
    reported_months = (quarter_end.year - quarter_start.year) * 12 + quarter_end.month - quarter_start.month + 1
    months = max(FREQUENCY_MONTHS.get(str(frequency), 1), reported_months)
    return period_end < _months_before_end(quarter_end, months)


def _months_before_end(day: datetime.date, months: int) -> datetime.date:
    """The first day of the window of ``months`` whole months that ends with the month of ``day``."""
    index = day.year * 12 + day.month - 1 - (months - 1)
    return datetime.date(index // 12, index % 12 + 1, 1)


def stale_flag(*, period_label: str, stale: bool) -> str:
    """What a stale row prints beside its value: "Data from June 2022"; "" when the figure is current."""
    return f"Data from {period_label}" if stale and period_label else ""


# --- Values from their parts ---------------------------------------------------------------------

COUNT_UNIT = "count"
#: Units whose value is X itself, as a count's: money is a total, not a quotient.
X_ITSELF_UNITS = frozenset({COUNT_UNIT, "currency"})
#: What the formula multiplies X/Y by, per unit (the values of indicators.enums.Unit): an average in days is
#: the days over the cases, a ratio X to Y, a caseload the cases over the workers (full-time equivalent).
UNIT_MULTIPLIER = {
    "percent": Decimal(100),
    "rate_per_10000": Decimal(10000),
    "score": Decimal(1),
    "days": Decimal(1),
    "ratio": Decimal(1),
    "per_fte": Decimal(1),
}


def value_from_parts(*, numerator: Decimal | None, denominator: Decimal | None, unit: str) -> Decimal | None:
    """The value the formula gives for X and Y; None when it cannot be computed (see the module docstring)."""
    if numerator is None:
        return None
    if str(unit) in X_ITSELF_UNITS:
        return numerator
    multiplier = UNIT_MULTIPLIER.get(str(unit))
    if multiplier is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * multiplier
