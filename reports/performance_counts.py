"""The cover paper's counts, examples and movements, derived from one list of rows.

A plain module with no Django import. Everything the cover paper counts comes
from ``performance_counts_derive`` over the same list of ``CountedRow``, so the
count table, the "There are N red indicators" sentences, the movement
paragraph and the unchanged list cannot disagree (the published Q4 2023/24
paper said 17 indicators were unchanged and listed 16).

The counting rule
-----------------
Every indicator falls in exactly one of three groups:

1. **Not updated this quarter** (the figure is flagged not updated, with a
   reason): listed apart with the reason. It is *not counted* in the status
   table, whatever status its stale figures would give, and its movement is
   *not comparable* (the published Q1 2024/25 paper counted indicator 128 as
   Red and "unchanged" although it was not updated).
2. **Not rated** (no status: no target for the year, or no current value):
   listed apart with the reason; not counted; movement not comparable.
3. **Counted**: every other indicator, under its status (Red, Amber, Green,
   Blue, Baseline, Contextual, In development or Suspended). Percentages are of
   the counted total, each rounded half up to a whole number, so they may not
   add to 100.

Movements compare a counted indicator's status with the status published for
the previous quarter. Only Red, Amber, Green and Blue are ranked: a move up the
scale Red < Amber < Green < Blue is an improvement, down a decline, the same
status is unchanged. Anything else (no previous published status, a status
without a target on either side, not updated, not rated) is not comparable,
with the reason. Hence, by construction::

    improved + declined + unchanged + not comparable == every indicator
    sum of the count table + not updated + not rated == every indicator
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from indicators.rag import PERFORMANCE_RANK, REPORT_ORDER, Status

ROUNDING_NOTE = "*Figures may not add to 100 due to rounding."


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator as the cover paper names it: "Indicator 117: Proportion of …"."""

    indicator_id: int
    number: int
    name: str

    @property
    def label(self) -> str:
        return f"Indicator {self.number}: {self.name}"

    @property
    def anchor(self) -> str:
        """The id of the indicator's page in the HTML and its named destination in the PDF: #indicator-117."""
        return f"indicator-{self.number}"


@dataclass(frozen=True)
class CountedRow:
    """What the counts need of one indicator."""

    ref: IndicatorRef
    status: str | None  # a Status value, or None when not rated
    previous_status: str | None  # the status published for the previous quarter
    not_updated: bool = False
    not_updated_reason: str = ""
    not_rated_reason: str = ""
    commentary: str = ""


@dataclass(frozen=True)
class ListedApart:
    """An indicator left out of the counts, or out of the comparison, and why."""

    ref: IndicatorRef
    reason: str


@dataclass
class StatusCount:
    status: str
    indicators: list[IndicatorRef]
    percentage: int | None  # None when the count is 0 (printed "-")

    @property
    def count(self) -> int:
        return len(self.indicators)

    @property
    def count_display(self) -> str:
        return str(self.count) if self.count else "-"

    @property
    def percentage_display(self) -> str:
        return f"{self.percentage}%" if self.percentage is not None else "-"


@dataclass
class Movement:
    """Every indicator that moved from one status to another."""

    from_status: str
    to_status: str
    improved: bool
    indicators: list[IndicatorRef]

    @property
    def count(self) -> int:
        return len(self.indicators)

    @property
    def sentence(self) -> str:
        """ "1 indicator moved from Red to Blue" (the list of indicators follows)."""
        noun = "indicator" if self.count == 1 else "indicators"
        return f"{self.count} {noun} moved from {self.from_status} to {self.to_status}"


@dataclass(frozen=True)
class Example:
    ref: IndicatorRef
    status: str
    commentary: str


@dataclass
class Counts:
    """The cover paper's numbers. Every count is the length of a list."""

    total: int
    table: list[StatusCount]
    not_updated: list[ListedApart]
    not_rated: list[ListedApart]
    improved: list[Movement]
    declined: list[Movement]
    unchanged: list[IndicatorRef]
    not_comparable: list[ListedApart]
    examples_green_blue: list[Example] = field(default_factory=list)
    examples_red: list[Example] = field(default_factory=list)
    example_problems: list[str] = field(default_factory=list)

    @property
    def counted_total(self) -> int:
        return sum(row.count for row in self.table)

    def count_of(self, status: Status | str) -> int:
        return next(row.count for row in self.table if row.status == Status(status).value)

    def indicators_of(self, *statuses: Status | str) -> list[IndicatorRef]:
        wanted = {Status(status).value for status in statuses}
        found = [ref for row in self.table if row.status in wanted for ref in row.indicators]
        return sorted(found, key=lambda ref: ref.number)

    @property
    def improved_count(self) -> int:
        return sum(movement.count for movement in self.improved)

    @property
    def declined_count(self) -> int:
        return sum(movement.count for movement in self.declined)

    @property
    def green_blue_count(self) -> int:
        return self.count_of(Status.GREEN) + self.count_of(Status.BLUE)

    @property
    def red_count(self) -> int:
        return self.count_of(Status.RED)

    @property
    def without_target_count(self) -> int:
        return self.count_of(Status.CONTEXTUAL) + self.count_of(Status.BASELINE) + self.count_of(Status.IN_DEVELOPMENT)


def percentage_of(count: int, total: int) -> int | None:
    """A whole-number percentage, rounded half up; None for a count of 0."""
    if not count or not total:
        return None
    return int((Decimal(count) * 100 / Decimal(total)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _movement_of(row: CountedRow) -> tuple[str, str | None]:
    """("improved" | "declined" | "unchanged" | "not_comparable", reason when not comparable)."""
    if row.not_updated:
        return "not_comparable", "not updated this quarter"
    if row.status is None:
        return "not_comparable", f"no status this quarter ({row.not_rated_reason or 'not rated'})"
    if row.previous_status is None:
        return "not_comparable", "no status was published for the previous quarter"
    current, previous = Status(row.status), Status(row.previous_status)
    if not current.is_performance or not previous.is_performance:
        if current == previous:
            return "not_comparable", f"{current.value}: no performance target in either quarter"
        return "not_comparable", f"{previous.value} last quarter, {current.value} this quarter: not rated on one scale"
    difference = PERFORMANCE_RANK[current] - PERFORMANCE_RANK[previous]
    if difference == 0:
        return "unchanged", None
    return ("improved" if difference > 0 else "declined"), None


def _group_movements(moves: Iterable[tuple[CountedRow, bool]]) -> list[Movement]:
    groups: dict[tuple[str, str], Movement] = {}
    for row, improved in moves:
        key = (row.previous_status, row.status)
        if key not in groups:
            groups[key] = Movement(row.previous_status, row.status, improved, [])
        groups[key].indicators.append(row.ref)
    # The biggest moves first (Red to Blue before Green to Blue), then by the status moved from.
    return sorted(
        groups.values(),
        key=lambda m: (
            -abs(PERFORMANCE_RANK[Status(m.to_status)] - PERFORMANCE_RANK[Status(m.from_status)]),
            PERFORMANCE_RANK[Status(m.from_status)],
        ),
    )


def _examples(
    rows: Sequence[CountedRow], chosen: Sequence[int] | None
) -> tuple[list[Example], list[Example], list[str]]:
    """The governance team's chosen examples, split Green/Blue and Red, and any choice that cannot be used."""
    by_number = {row.ref.number: row for row in rows}
    green_blue, red, problems = [], [], []
    for number in dict.fromkeys(chosen or ()):
        row = by_number.get(number)
        if row is None:
            problems.append(f"Indicator {number} is not in this report, so it cannot be an example.")
        elif row.not_updated or row.status is None:
            problems.append(f"Indicator {number} is not rated this quarter, so it cannot be an example.")
        elif row.status in (Status.GREEN, Status.BLUE):
            green_blue.append(Example(row.ref, row.status, row.commentary))
        elif row.status == Status.RED:
            red.append(Example(row.ref, row.status, row.commentary))
        else:
            problems.append(f"Indicator {number} is {row.status}: examples are of Green, Blue or Red indicators.")
    return green_blue, red, problems


def performance_counts_derive(rows: Sequence[CountedRow], *, examples: Sequence[int] | None = None) -> Counts:
    """Counts, lists apart, movements and examples from one list of rows (see the module docstring)."""
    rows = sorted(rows, key=lambda row: row.ref.number)
    not_updated = [ListedApart(row.ref, row.not_updated_reason) for row in rows if row.not_updated]
    not_rated = [
        ListedApart(row.ref, row.not_rated_reason or "No status.")
        for row in rows
        if not row.not_updated and row.status is None
    ]
    counted = [row for row in rows if not row.not_updated and row.status is not None]
    total_counted = len(counted)
    table = []
    for status in REPORT_ORDER:
        refs = [row.ref for row in counted if row.status == status.value]
        table.append(StatusCount(status.value, refs, percentage_of(len(refs), total_counted)))

    improved, declined, unchanged, not_comparable = [], [], [], []
    for row in rows:
        kind, reason = _movement_of(row)
        if kind == "improved":
            improved.append((row, True))
        elif kind == "declined":
            declined.append((row, False))
        elif kind == "unchanged":
            unchanged.append(row.ref)
        else:
            not_comparable.append(ListedApart(row.ref, reason))
    green_blue, red, problems = _examples(rows, examples)
    return Counts(
        total=len(rows),
        table=table,
        not_updated=not_updated,
        not_rated=not_rated,
        improved=_group_movements(improved),
        declined=_group_movements(declined),
        unchanged=unchanged,
        not_comparable=not_comparable,
        examples_green_blue=green_blue,
        examples_red=red,
        example_problems=problems,
    )
