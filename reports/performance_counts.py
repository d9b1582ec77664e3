"""The cover paper's counts, examples and movements, derived from one list of rows.

A plain module with no Django import. Everything the cover paper counts comes
from ``performance_counts_derive`` over the same list of ``CountedRow``, so the
count table, the "There are N red indicators" sentences, the movement
paragraph and the unchanged list cannot disagree (the published Q4 2023/24
paper said 17 indicators were unchanged and listed 16).

The counting rule is ``indicators.reporting``'s (``tally``): every indicator
is not updated (listed apart with its reason, counted nowhere else), not
available (the same, with its reason), not rated (listed apart with the
reason) or counted under its status; percentages are of
the counted total, each rounded half up to a whole number, so they may not add
to 100. Movements compare a counted indicator's status with the status
published for the previous quarter (``indicators.reporting.movement_of``).
Hence, by construction::

    improved + declined + unchanged + not comparable == every indicator
    sum of the count table + not updated + not available + not rated == every indicator

The count table lists the statuses the body's RAG scheme can give: no Blue row
for a three-band scheme (``indicators.rag.Scheme``), which never gives Blue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from indicators import reporting
from indicators.rag import PERFORMANCE_RANK, Scheme, Status

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
    not_available: bool = False
    not_available_reason: str = ""

    @property
    def facts(self) -> reporting.RowFacts:
        return reporting.RowFacts(
            self.status, self.not_updated, self.previous_status, self.not_rated_reason, self.not_available
        )


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
    not_available: list[ListedApart] = field(default_factory=list)

    @property
    def counted_total(self) -> int:
        return sum(row.count for row in self.table)

    def count_of(self, status: Status | str) -> int:
        """The status's count; 0 for a status the table does not list (Blue in a three-band scheme)."""
        return next((row.count for row in self.table if row.status == Status(status).value), 0)

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


def _group_movements(moves: Iterable[reporting.Moved[CountedRow]], *, improved: bool) -> list[Movement]:
    groups: dict[tuple[str, str], Movement] = {}
    for move in moves:
        key = (move.from_status.value, move.to_status.value)
        if key not in groups:
            groups[key] = Movement(*key, improved, [])
        groups[key].indicators.append(move.item.ref)
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
        kind = (
            reporting.example_kind(status=row.status, not_updated=row.not_updated, not_available=row.not_available)
            if row
            else None
        )
        if row is None:
            problems.append(f"Indicator {number} is not in this report, so it cannot be an example.")
        elif (
            reporting.counted_status(status=row.status, not_updated=row.not_updated, not_available=row.not_available)
            is None
        ):
            problems.append(f"Indicator {number} is not rated this quarter, so it cannot be an example.")
        elif kind == reporting.ExampleKind.GREEN_BLUE:
            green_blue.append(Example(row.ref, row.status, row.commentary))
        elif kind == reporting.ExampleKind.RED:
            red.append(Example(row.ref, row.status, row.commentary))
        else:
            problems.append(f"Indicator {number} is {row.status}: examples are of Green, Blue or Red indicators.")
    return green_blue, red, problems


def performance_counts_derive(
    rows: Sequence[CountedRow], *, examples: Sequence[int] | None = None, scheme: Scheme | None = None
) -> Counts:
    """Counts, lists apart, movements and examples from one list of rows (see the module docstring).

    ``scheme`` is the body's (None: the CYP Committee's four bands); a three-band table has no Blue row.
    """
    rows = sorted(rows, key=lambda row: row.ref.number)
    tallied = reporting.tally((row, row.facts) for row in rows)
    has_blue = scheme is None or scheme.has_blue
    table = [
        StatusCount(status.value, [row.ref for row in counted], percentage_of(len(counted), tallied.counted_total))
        for status, counted in tallied.by_status.items()
        # A three-band scheme never gives Blue (``rag.rate``): leaving its row out drops only a zero (kept if not).
        if has_blue or status != Status.BLUE or counted
    ]
    green_blue, red, problems = _examples(rows, examples)
    return Counts(
        total=len(rows),
        table=table,
        not_updated=[ListedApart(row.ref, row.not_updated_reason) for row in tallied.not_updated],
        not_rated=[ListedApart(row.ref, row.not_rated_reason or "No status.") for row in tallied.not_rated],
        not_available=[
            ListedApart(row.ref, row.not_available_reason or "Not available in the source system")
            for row in tallied.not_available
        ],
        improved=_group_movements(tallied.improved, improved=True),
        declined=_group_movements(tallied.declined, improved=False),
        unchanged=[row.ref for row in tallied.unchanged],
        not_comparable=[ListedApart(row.ref, reason) for row, reason in tallied.not_comparable],
        examples_green_blue=green_blue,
        examples_red=red,
        example_problems=problems,
    )
