"""The figures import: one row per indicator and period, upserted by (indicator, period_end).

- ``value`` may be left empty when ``numerator`` and ``denominator`` are given: it then
  follows from the indicator's formula (a count is its numerator). When all three are
  given they must agree at the indicator's decimal places.
- A percentage is 0 to 100 and its numerator is at most its denominator; rates and
  counts are never negative; a denominator is never zero.
- ``period_start`` defaults from the indicator's frequency: the first day of the month,
  of the three months, or the day after the year before, ending on ``period_end``. For a
  termly indicator the default is approximate (1 September, 1 January or 1 April): give
  the term's first day when it matters.
- ``not_updated`` (yes or empty) needs a reason in ``not_updated_reason``.
- "#N/A", "N/A", "n/a" or "-" in ``value`` (``NOT_AVAILABLE``) is a figure the source
  system could not produce, not a mistake: it is stored with no value, as not updated
  this quarter, with the reason in ``not_updated_reason`` or, when that is empty,
  "Not available in the source system". It is kept in the existing not-updated state
  rather than a new one because the report must treat it exactly so (listed apart
  with its reason, counted nowhere else, not compared; ``indicators.reporting``);
  the reason says why, and every count and check keeps its one rule.
- ``value``, ``numerator`` and ``denominator`` are set together: if the file has any of
  the three columns, a figure's missing ones are cleared. Other optional columns that
  are not in the file leave the stored figure as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cyp import limits
from cyp.models import Committee
from indicators import reporting
from indicators.enums import FigureSource, Frequency, PeriodBasis, Unit
from indicators.formatting import BASIS_WORDS
from indicators.imports.base import Column, ImportRejected, Problem
from indicators.imports.cells import STORED_PLACES, RowCells, show, unit_range_problem
from indicators.imports.reading import Table
from indicators.imports.targets import indicator_in, indicators_named
from indicators.models import Indicator

COLUMNS = [
    Column("indicator", True, "The indicator's number.", "117"),
    Column("period_end", True, "The last day of the period the value covers, written 2024-06-30.", "2024-06-30"),
    Column("period_label", True, "The period as printed.", "June 2024"),
    Column(
        "value",
        False,
        "The value (78.9 for 78.9%); may be empty when numerator and denominator are given. #N/A, N/A or - when "
        "the source system could not produce the figure: it is recorded as not available, with the reason in "
        "not_updated_reason (Not available in the source system when that is empty).",
        "78.9",
    ),
    Column("numerator", False, "X in the formula.", "450"),
    Column("denominator", False, "Y in the formula.", "570"),
    Column("sn_mean", False, "The statistical neighbour mean.", "76.2"),
    Column("england_mean", False, "The England mean.", "77.0"),
    Column("region_mean", False, "The regional mean.", ""),
    Column("period_start", False, "The first day of the period; worked out from the frequency when empty.", ""),
    Column("as_at", False, "The date the data is as at.", ""),
    Column("not_updated", False, "yes when the figure was not updated this quarter.", ""),
    Column("not_updated_reason", False, "Why it was not updated (needed with yes).", ""),
    Column("other_mean", False, "Another comparator's value (a local mean, for example).", ""),
    Column("other_mean_label", False, "That comparator's name.", ""),
    Column(
        "basis",
        False,
        "What the value covers: in_period, year_to_date (from 1 April), academic_year_to_date (from 1 September), "
        "rolling_12_months, snapshot or last_n_weeks. Empty: the figure the indicator reports. A month's value and "
        "its year-to-date value for the same date go on two rows.",
        "",
    ),
]
BASIS_ALIASES = {
    "month": PeriodBasis.IN_PERIOD,
    "in month": PeriodBasis.IN_PERIOD,
    "period": PeriodBasis.IN_PERIOD,
    "ytd": PeriodBasis.YEAR_TO_DATE,
    "rolling 12": PeriodBasis.ROLLING_12_MONTHS,
    "rolling": PeriodBasis.ROLLING_12_MONTHS,
    "r12": PeriodBasis.ROLLING_12_MONTHS,
    "at period end": PeriodBasis.SNAPSHOT,
}
MEANS = ["sn_mean", "england_mean", "region_mean", "other_mean"]
#: What a value cell says when the source system could not produce the figure (compared in lower case).
NOT_AVAILABLE = frozenset({"#n/a", "n/a", "-", "\u2013", "\u2014"})
NOT_AVAILABLE_REASON = "Not available in the source system"


def not_available(cells: RowCells) -> bool:
    """True when the row's value cell says the figure is not available ("#N/A", "N/A", "n/a", "-")."""
    value = cells.raw("value")
    return isinstance(value, str) and value.lower() in NOT_AVAILABLE


PARTS = ["value", "numerator", "denominator"]


@dataclass
class FigurePlan:
    line: int
    indicator: Indicator
    period_end: datetime.date
    fields: dict[str, object]
    basis: str | None = None  # None: the indicator's reporting basis


def basis_period_start(basis: str, period_end: datetime.date) -> datetime.date | None:
    """The first day a figure on this basis covers, or None when the indicator's frequency decides: 1 April
    (year to date), 1 September (academic year to date), 12 months back (rolling 12 months)."""
    if basis == PeriodBasis.YEAR_TO_DATE:
        return datetime.date(period_end.year if period_end.month >= 4 else period_end.year - 1, 4, 1)
    if basis == PeriodBasis.ACADEMIC_YEAR_TO_DATE:
        return datetime.date(period_end.year if period_end.month >= 9 else period_end.year - 1, 9, 1)
    if basis == PeriodBasis.ROLLING_12_MONTHS:
        months = period_end.year * 12 + period_end.month - 1 - 11
        return datetime.date(months // 12, months % 12 + 1, 1)
    return None


def default_period_start(frequency: str, period_end: datetime.date) -> datetime.date:
    """The first day of the period of the indicator's frequency that ends on ``period_end``."""
    if frequency == Frequency.MONTH:
        return period_end.replace(day=1)
    if frequency == Frequency.QUARTER:
        month = period_end.month - 2
        year = period_end.year - (1 if month < 1 else 0)
        return datetime.date(year, (month - 1) % 12 + 1, 1)
    if frequency == Frequency.TERM:
        if period_end.month >= 9:
            return datetime.date(period_end.year, 9, 1)
        if period_end.month <= 3:
            return datetime.date(period_end.year, 1, 1)
        return datetime.date(period_end.year, 4, 1)
    if (period_end.month, period_end.day) == (2, 29):
        return datetime.date(period_end.year - 1, 3, 1)
    return datetime.date(period_end.year - 1, period_end.month, period_end.day) + datetime.timedelta(days=1)


def plan(*, table: Table, committee: Committee) -> tuple[list[FigurePlan], list[str]]:
    """Every row checked: (plans, warnings). Raises ImportRejected listing every problem when any row is wrong."""
    if "value" not in table.headings and "numerator" not in table.headings:
        raise ImportRejected(
            [Problem("the heading row needs a value column, or numerator and denominator columns.", line=1)],
            table.warnings,
        )
    problems = list(table.problems)
    indicators = indicators_named(table, committee, "indicator")
    plans: list[FigurePlan] = []
    first_line: dict[tuple[int, str, datetime.date], int] = {}
    for row in table.rows:
        cells = RowCells(row, problems)
        indicator = indicator_in(cells, indicators)
        period_end = cells.date(
            "period_end", required=True, needed="write the last day of the period, like 2024-06-30."
        )
        basis = (
            cells.choice("basis", PeriodBasis, aliases=BASIS_ALIASES, what="basis") if cells.present("basis") else None
        )
        if indicator is not None and period_end is not None and "basis" not in cells.bad:
            key = (indicator.number, basis or indicator.reporting_basis, period_end)
            if key in first_line:
                covers = BASIS_WORDS.get(key[1]) or PeriodBasis(key[1]).label.lower()
                cells.fail(
                    "period_end",
                    f"indicator {indicator.number} already has a figure ({covers}) for the period ending "
                    f"{period_end.isoformat()} on line {first_line[key]}; give each period once for each basis.",
                )
            else:
                first_line[key] = row.line
        fields = _row_fields(cells, indicator, period_end, basis)
        if not cells.bad and indicator is not None and period_end is not None:
            plans.append(FigurePlan(row.line, indicator, period_end, fields, basis))
    if problems:
        raise ImportRejected(problems, table.warnings)
    return plans, list(table.warnings)


def _row_fields(
    cells: RowCells, indicator: Indicator | None, period_end: datetime.date | None, basis: str | None = None
) -> dict[str, object]:
    percent = indicator is not None and indicator.unit == Unit.PERCENT
    fields: dict[str, object] = {
        "period_label": cells.text(
            "period_label", required=True, max_length=60, needed="write the period as printed, like June 2024."
        ),
    }
    period_start = cells.date("period_start")
    if period_start is None and indicator is not None and period_end is not None:
        period_start = basis_period_start(basis or indicator.reporting_basis, period_end) or default_period_start(
            indicator.frequency, period_end
        )
    if period_start is not None and period_end is not None and period_start > period_end:
        cells.fail(
            "period_start",
            f"the period starts ({period_start.isoformat()}) after it ends ({period_end.isoformat()}).",
        )
    fields["period_start"] = period_start
    missing = not_available(cells)
    if missing:
        cells = cells.with_cell("value", None)
    numbers = {name: cells.number(name, percent_sign=percent) for name in ("value", *MEANS)}
    numbers["numerator"] = cells.number("numerator")
    numbers["denominator"] = cells.number("denominator")
    not_updated = cells.yes_no("not_updated")
    reason = cells.text("not_updated_reason", max_length=limits.REASON) or ""
    if missing:
        for name in ("numerator", "denominator"):
            if numbers[name] is not None:
                cells.fail(
                    name,
                    "the value says the figure is not available, but there is a "
                    f"{name}; clear the {name}, or write the value.",
                )
        not_updated = True
        reason = reason or NOT_AVAILABLE_REASON
    label = cells.text("other_mean_label", max_length=100) or ""
    parts_read = not set(PARTS) & cells.bad
    if indicator is not None:
        if parts_read:
            numbers["value"] = _value(cells, indicator, numbers)
        for name in ("value", *MEANS):
            if numbers[name] is not None and name not in cells.bad:
                what = "the value" if name == "value" else f"the {name.replace('_', ' ')}"
                problem = unit_range_problem(
                    value=numbers[name], unit=indicator.unit, what=what, number=indicator.number
                )
                if problem:
                    cells.fail(name, problem)
        still_read = not set(PARTS) & cells.bad
        if numbers["value"] is None and not not_updated and still_read and "not_updated" not in cells.bad:
            cells.fail(
                "value",
                "there is no value; write the value (or the numerator and denominator), or write yes in "
                "not_updated and say why in not_updated_reason.",
            )
    if not_updated and not reason:
        cells.fail("not_updated_reason", "the figure is marked not updated; say why, so the report can explain it.")
    if reason and not not_updated and "not_updated" not in cells.bad:
        cells.fail(
            "not_updated",
            "there is a reason in not_updated_reason but not_updated is not yes; write yes, or clear the reason.",
        )
    if any(cells.present(name) for name in PARTS):
        fields.update({name: numbers[name] for name in PARTS})
    for name in MEANS:
        if cells.present(name):
            fields[name] = numbers[name]
    if missing or cells.present("not_updated") or cells.present("not_updated_reason"):
        fields["not_updated"] = bool(not_updated)
        fields["not_updated_reason"] = reason
    if cells.present("as_at"):
        fields["as_at"] = cells.date("as_at")
    if cells.present("other_mean_label"):
        fields["other_mean_label"] = label
    return fields


def _value(cells: RowCells, indicator: Indicator, numbers: dict[str, Decimal | None]) -> Decimal | None:
    """The value given, or the one the numerator and denominator give; a problem when they disagree."""
    value, numerator, denominator = numbers["value"], numbers["numerator"], numbers["denominator"]
    is_count = indicator.unit in reporting.X_ITSELF_UNITS  # a count or money: the value is X itself
    if indicator.unit != Unit.SCORE:
        for name, part in (("numerator", numerator), ("denominator", denominator)):
            if part is not None and part < 0:
                cells.fail(name, f"the {name} cannot be negative (you entered {show(part)}).")
    if denominator is not None and denominator == 0:
        cells.fail("denominator", "the denominator cannot be zero: a value cannot be divided by nothing.")
    if (
        indicator.unit == Unit.PERCENT
        and numerator is not None
        and denominator is not None
        and denominator > 0
        and numerator > denominator
    ):
        cells.fail(
            "numerator",
            f"for a percentage the numerator cannot be more than the denominator ({show(numerator)} is more "
            f"than {show(denominator)}).",
        )
    if {"numerator", "denominator"} & cells.bad or numerator is None:
        return value
    if denominator is None and not is_count:
        if value is None:
            cells.fail(
                "denominator", "give the denominator too, so that the value can be worked out; or write the value."
            )
        return value
    worked_out = indicator.value_from_parts(numerator, denominator).quantize(STORED_PLACES, rounding=ROUND_HALF_UP)
    if value is None:
        return worked_out
    quantum = Decimal(1).scaleb(-indicator.decimals)
    shown = worked_out.quantize(quantum, rounding=ROUND_HALF_UP)
    if value.quantize(quantum, rounding=ROUND_HALF_UP) != shown:
        how = (
            show(numerator)
            if is_count
            else f"{indicator.formula or 'the formula'} with X={show(numerator)}, Y={show(denominator)}"
        )
        cells.fail(
            "value",
            f"{show(value)} does not match the numerator and denominator: {how} gives {show(shown)} "
            f"at {indicator.decimals} decimal place{'s' if indicator.decimals != 1 else ''}. Correct one of them, "
            "or leave the value empty.",
        )
    return value


def apply(
    *, plans: list[FigurePlan], committee: Committee, by=None, filename: str = ""
) -> tuple[int, int, int, list[str]]:
    """Create or update every planned figure through the one writer: (created, updated, unchanged, notes).

    A row that would change a period a published pack printed refuses the whole file
    (ImportRejected, one problem per such row with its line); nothing is written.
    """
    # Imported here: indicators.services imports this module.
    from indicators.services import FigureChange, FigureLocked, figures_write

    try:
        written = figures_write(
            changes=[FigureChange(item.indicator, item.period_end, item.fields, item.basis) for item in plans],
            by=by,
            reason=f"Imported from {filename}" if filename else "Imported",
            source=FigureSource.IMPORT,
        )
    except FigureLocked as locked:
        raise ImportRejected(
            [Problem(item.message, line=plans[item.index].line, column="period_end") for item in locked.locked]
        ) from None
    created = sum(1 for result in written if result.created)
    updated = sum(1 for result in written if result.changes and not result.created)
    return created, updated, len(written) - created - updated, []
