"""The returns board's filters (state, service area, RAG, warnings) and which returns may be approved together.

The board's rows are rated and checked in Python (``commentary.selectors.return_rows``), so the
filters apply to those rows: no query of their own, whatever the number of returns. A value the
form does not offer (an old link, a typed address) is reported with the field's name and ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from commentary.selectors import BOARD_STATES, Board, BoardGroup, ReturnRow
from cyp.enums import ReviewState
from indicators import rag

WARNINGS_CHOICES = (("yes", "Has warnings"), ("no", "No warnings"))
NO_RATING = ("none", "No rating")


def is_clean(row: ReturnRow) -> bool:
    """The one home of "a clean return": submitted, not locked, no failing check and no warning.

    Only clean returns may be approved together (``commentary.bulk.returns_bulk_approve``); any
    other return is opened and approved on its own, where the reviewer reads what is wrong.
    """
    return row.ret.state == ReviewState.SUBMITTED and not row.ret.locked and not row.problems and not row.warnings


def why_not_clean(row: ReturnRow) -> str:
    """Why a return cannot be approved together with others, in words ("" when it can)."""
    if row.ret.locked:
        return "it is in a published pack"
    if row.ret.state != ReviewState.SUBMITTED:
        return f"it is {ReviewState(row.ret.state).label.lower()}, not submitted"
    reasons = []
    if row.problems:
        reasons.append(f"{len(row.problems)} check{'s' if len(row.problems) != 1 else ''} to fix")
    if row.warnings:
        reasons.append(f"{len(row.warnings)} warning{'s' if len(row.warnings) != 1 else ''} to read")
    return " and ".join(reasons)


@dataclass
class BoardFilter:
    """What the person chose; empty strings mean "any"."""

    state: str = ""
    area: str = ""
    rag: str = ""
    warnings: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.state or self.area or self.rag or self.warnings)

    def matches(self, row: ReturnRow) -> bool:
        if self.state and row.ret.state != self.state:
            return False
        if self.area and row.indicator.service_area.slug != self.area:
            return False
        if self.rag and row.rag_slug != self.rag:
            return False
        if self.warnings == "yes" and not row.warnings:
            return False
        return not (self.warnings == "no" and row.warnings)

    def as_query(self) -> list[tuple[str, str]]:
        """The chosen values as (name, value) pairs, for links that keep the filters."""
        return [(name, value) for name in ("state", "area", "rag", "warnings") if (value := getattr(self, name))]


@dataclass
class FilterOptions:
    states: list[tuple[str, str]]
    areas: list[tuple[str, str]]
    rags: list[tuple[str, str]]
    warnings: tuple[tuple[str, str], ...] = WARNINGS_CHOICES


def filter_options(board: Board) -> FilterOptions:
    """The choices of each filter: every state, and the areas and ratings the quarter's returns have."""
    rows = [row for group in board.groups for row in group.rows]
    areas: dict[str, str] = {}
    for row in sorted(rows, key=lambda row: row.indicator.service_area.name):
        areas.setdefault(row.indicator.service_area.slug, row.indicator.service_area.name)
    present = {row.rag_slug for row in rows}
    rags = [
        (slug, status.value)
        for status in rag.REPORT_ORDER
        if (slug := status.value.lower().replace(" ", "-")) in present
    ]
    present_known = {slug for slug, _ in rags} | {NO_RATING[0]}
    # A rating outside the report's order (a status added later) is still offered, as the rows print it.
    rags += sorted({(row.rag_slug, row.rag_display) for row in rows if row.rag_slug not in present_known})
    if NO_RATING[0] in present:
        rags.append(NO_RATING)
    return FilterOptions(
        states=[(state.value, state.label) for state in BOARD_STATES], areas=list(areas.items()), rags=rags
    )


def board_filter_parse(query, options: FilterOptions) -> BoardFilter:
    """The filter from the request's GET parameters; an unknown value is dropped with a message naming the field."""
    chosen = BoardFilter()
    fields = (
        ("state", "State", options.states),
        ("area", "Service area", options.areas),
        ("rag", "RAG", options.rags),
        ("warnings", "Warnings", list(options.warnings)),
    )
    for name, label, choices in fields:
        value = (query.get(name) or "").strip()
        if not value:
            continue
        if value not in {choice for choice, _ in choices}:
            offered = ", ".join(f"“{text}”" for _, text in choices) or "none this quarter"
            chosen.errors.append(f"{label}: “{value[:40]}” is not one of the choices ({offered}); it was not applied.")
            continue
        setattr(chosen, name, value)
    return chosen


@dataclass
class FilteredBoard:
    groups: list[BoardGroup]
    shown: int
    total: int
    clean: list[ReturnRow]  # the shown returns that may be approved together

    @property
    def clean_ids(self) -> set[int]:
        return {row.ret.pk for row in self.clean}


def board_filtered(board: Board, chosen: BoardFilter) -> FilteredBoard:
    """The board's groups with only the rows ``chosen`` matches (groups left empty are dropped)."""
    groups = []
    for group in board.groups:
        rows = [row for row in group.rows if chosen.matches(row)]
        if rows:
            groups.append(BoardGroup(group.area_name, rows))
    shown = [row for group in groups for row in group.rows]
    return FilteredBoard(
        groups=groups, shown=len(shown), total=board.total, clean=[row for row in shown if is_clean(row)]
    )
