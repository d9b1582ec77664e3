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
  system could not produce, not a mistake: it is stored with no value as "not available"
  (``Figure.not_available``), its own state apart from "not updated this quarter" (listed
  apart with its reason, counted nowhere else, not compared; ``indicators.reporting``), with
  the reason in ``not_updated_reason`` or, when that is empty, "Not available in the source
  system". A row cannot be both not available and not updated.
- ``value``, ``numerator`` and ``denominator`` are set together: if the file has any of
  the three columns, a figure's missing ones are cleared. Other optional columns that
  are not in the file leave the stored figure as it is.
- ``period_end`` is a date or a month ("August 2023", "Aug-23", "2023-08", an Excel date
  shown as a month: its last day); a month needs no ``period_label`` (it prints "August 2023").
- ``basis`` says what the value covers, in words ("Month", "Year to date", "Rolling 12
  months", "Last 4 weeks") or codes: a month's value and its year-to-date value for the same
  date are two rows. A measure whose reported figure is worked out from its months
  (``Indicator.derivation``) refuses that figure typed in: the months are given, and the writer
  works every derived figure out again from them (``indicators.services_derive``).
- A workbook may add a ``benchmarks`` sheet (each comparator with its own period, upserted by
  indicator, comparator, name and period end) and a ``breakdowns`` sheet (a figure's categories:
  the file's categories of a dimension replace the stored ones), written by
  ``indicators.services_benchmarks``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import indicators.imports.columns as columns
from cyp import limits
from cyp.models import Committee
from indicators import reporting
from indicators.enums import BenchmarkKind, DenominatorRule, FigureSource, Frequency, PeriodBasis, Unit
from indicators.formatting import BASIS_WORDS
from indicators.imports.base import ImportRejected, Problem
from indicators.imports.cells import STORED_PLACES, RowCells, month_end, month_in, show, unit_range_problem
from indicators.imports.reading import Table
from indicators.imports.targets import YEAR, indicator_in
from indicators.models import Figure, Indicator
from indicators.services_benchmarks import (
    BenchmarkChange,
    BreakdownChange,
    benchmarks_write,
    breakdowns_refused,
    breakdowns_write,
)

COLUMNS = columns.FIGURES
BASIS_ACCEPTED = columns.FIGURE_COVERS.accepted
LAST_WEEKS = re.compile(r"^last\s*(\d+|n)\s*weeks?$")


def read_basis(cells: RowCells, column: str) -> str | None:
    """What a figure covers, in words ("Month", "Year to date", "Rolling 12 months", "Last 4 weeks") or as a code."""
    raw = cells.raw(column)
    if isinstance(raw, str) and LAST_WEEKS.match(raw.strip().lower()):
        return PeriodBasis.LAST_N_WEEKS
    return cells.choice(
        column,
        PeriodBasis,
        aliases=columns.BASIS_ALIASES,
        what="period the figure covers",
        listed=columns.BASIS_WORDS,
    )


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


@dataclass
class BenchmarkPlan:
    line: int
    indicator: Indicator
    kind: str
    label: str
    period_end: datetime.date
    fields: dict[str, object]


@dataclass
class BreakdownPlan:
    """One dimension of one figure's breakdown: its categories in the order the file gives them."""

    line: int
    indicator: Indicator
    period_end: datetime.date
    basis: str
    dimension: str
    categories: list[tuple[str, Decimal]] = field(default_factory=list)


@dataclass
class FigureFile:
    """Everything a figures file asks for: the figures, and a workbook's benchmarks and breakdowns."""

    figures: list[FigurePlan]
    benchmarks: list[BenchmarkPlan] = field(default_factory=list)
    breakdowns: list[BreakdownPlan] = field(default_factory=list)
    #: The figures sheet's headings as the file writes them, and its name when several sheets were read.
    names: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None

    def __len__(self) -> int:
        return len(self.figures)


def plan(*, table: Table, committee: Committee) -> tuple[FigureFile, list[str]]:
    """Every row of every sheet checked: (the file's plans, warnings). Raises ImportRejected listing every
    problem, with its sheet, line and column, when any row is wrong."""
    if "value" not in table.headings and "numerator" not in table.headings:
        raise ImportRejected(
            [
                Problem(
                    "the heading row needs a Value column, or X (numerator) and Y (denominator) columns.",
                    line=1,
                    sheet=table.sheet,
                )
            ],
            table.warnings,
        )
    from indicators.services import entered_basis  # imported here: indicators.services imports this module

    problems = list(table.problems)
    for sheet in table.sheets.values():
        problems.extend(sheet.problems)
    indicators = _indicators(table, committee)
    plans: list[FigurePlan] = []
    first_line: dict[tuple[int, str, datetime.date], int] = {}
    for row in table.rows:
        cells = RowCells(row, problems)
        indicator = indicator_in(cells, indicators)
        period_end, month = cells.period_end("period_end", required=True)
        basis = read_basis(cells, "basis") if cells.present("basis") else None
        if indicator is not None and period_end is not None and "basis" not in cells.bad:
            key = (indicator.number, basis or entered_basis(indicator), period_end)
            if key in first_line:
                cells.fail(
                    "period_end",
                    f"indicator {indicator.number} already has a figure ({_covers(key[1])}) for the period ending "
                    f"{period_end.isoformat()} on line {first_line[key]}; give each period once for each basis.",
                )
            else:
                first_line[key] = row.line
            _check_not_derived(cells, indicator, key[1])
        fields = _row_fields(
            cells, indicator, period_end, basis or (entered_basis(indicator) if indicator else None), month
        )
        if not cells.bad and indicator is not None and period_end is not None:
            plans.append(FigurePlan(row.line, indicator, period_end, fields, basis))
    benchmarks = _benchmarks(table.sheets.get("benchmarks"), indicators, problems)
    breakdowns = _breakdowns(table.sheets.get("breakdowns"), indicators, problems)
    if problems:
        named = table.named(problems)
        for sheet in table.sheets.values():
            named = sheet.named(named)
        raise ImportRejected(named, table.warnings)
    return FigureFile(plans, benchmarks, breakdowns, table.names, table.sheet), list(table.warnings)


def _covers(basis: str) -> str:
    return BASIS_WORDS.get(basis) or PeriodBasis(basis).label.lower()


def _indicators(table: Table, committee: Committee) -> dict[int, Indicator]:
    """The committee's indicators named on any sheet of the file (one query)."""
    numbers = set()
    for sheet in (table, *table.sheets.values()):
        for row in sheet.rows:
            number = RowCells(row, []).whole_number("indicator")
            if number is not None:
                numbers.add(number)
    return {
        indicator.number: indicator
        for indicator in Indicator.objects.filter(committee=committee, number__in=numbers).order_by()
    }


def _check_not_derived(cells: RowCells, indicator: Indicator, basis: str) -> None:
    """A figure the measure works out from its months (``Indicator.derivation``) is never typed in."""
    if indicator.derivation and basis == indicator.derivation:
        cells.fail(
            "basis" if cells.present("basis") else "period_end",
            f"indicator {indicator.number}'s {_covers(basis)} figure is worked out from its monthly figures, so it "
            "cannot be typed in. Give each month's X and Y on a row of its own with Figure covers: Month, and the "
            f"{_covers(basis)} figure follows.",
        )


def _row_fields(
    cells: RowCells,
    indicator: Indicator | None,
    period_end: datetime.date | None,
    basis: str | None = None,
    month=None,
) -> dict[str, object]:
    percent = indicator is not None and indicator.unit == Unit.PERCENT
    label = cells.text(
        "period_label",
        required=month is None and "period_end" not in cells.bad,
        max_length=60,
        needed="write the period as printed, like June 2024.",
    )
    fields: dict[str, object] = {"period_label": label or (str(month) if month is not None else None)}
    period_start = cells.date("period_start")
    if period_start is None and indicator is not None and period_end is not None:
        period_start = basis_period_start(basis, period_end) or default_period_start(indicator.frequency, period_end)
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
    if (
        indicator is not None
        and indicator.derivation
        and indicator.derivation_denominator == DenominatorRule.POPULATION
        and numbers["denominator"] is None
        and numbers["numerator"] is not None
        and indicator.population
    ):
        # A rate over the population: the month's Y is the measure's population unless the file gives it.
        numbers["denominator"] = indicator.population
    not_updated = cells.yes_no("not_updated")
    reason = cells.text("not_updated_reason", max_length=limits.REASON) or ""
    if missing:
        for name in ("numerator", "denominator"):
            if numbers[name] is not None:
                cells.fail(
                    name,
                    "the value says the figure is not available, but there is a "
                    f"{cells.called(name)}; clear the {cells.called(name)}, or write the value.",
                )
        if not_updated:
            cells.fail(
                "not_updated",
                "the value says the figure is not available (#N/A), so it cannot also be not updated; clear "
                f"{cells.called('not_updated')}, or write the value.",
            )
        # Not available is its own state (``Figure.not_available``); the reason column says why.
        available_reason, reason = (reason or NOT_AVAILABLE_REASON)[:300], ""
    other_label = cells.text("other_mean_label", max_length=100) or ""
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
        if (
            numbers["value"] is None
            and not not_updated
            and not missing
            and still_read
            and "not_updated" not in cells.bad
        ):
            cells.fail(
                "value",
                "there is no value; write the value (or the numerator and denominator), or write yes in "
                f"{cells.called('not_updated')} and say why in {cells.called('not_updated_reason')}.",
            )
    if not_updated and not reason:
        cells.fail("not_updated_reason", "the figure is marked not updated; say why, so the report can explain it.")
    if reason and not not_updated and "not_updated" not in cells.bad:
        cells.fail(
            "not_updated",
            f"there is a reason in {cells.called('not_updated_reason')} but {cells.called('not_updated')} is not "
            "yes; write yes, or clear the reason.",
        )
    if any(cells.present(name) for name in PARTS):
        fields.update({name: numbers[name] for name in PARTS})
    for name in MEANS:
        if cells.present(name):
            fields[name] = numbers[name]
    if missing:
        fields.update(
            not_available=True, not_available_reason=available_reason, not_updated=False, not_updated_reason=""
        )
    elif cells.present("not_updated") or cells.present("not_updated_reason"):
        fields["not_updated"] = bool(not_updated)
        fields["not_updated_reason"] = reason
    if cells.present("as_at"):
        fields["as_at"] = cells.date("as_at")
    if cells.present("other_mean_label"):
        fields["other_mean_label"] = other_label
    return fields


COMPARATOR_ALIASES = {
    "own": BenchmarkKind.OWN,
    "ours": BenchmarkKind.OWN,
    "our figure": BenchmarkKind.OWN,
    "our last published figure": BenchmarkKind.OWN,
    "local authority": BenchmarkKind.OWN,
    "la": BenchmarkKind.OWN,
    "sn": BenchmarkKind.STATISTICAL_NEIGHBOURS,
    "sn mean": BenchmarkKind.STATISTICAL_NEIGHBOURS,
    "statistical neighbour": BenchmarkKind.STATISTICAL_NEIGHBOURS,
    "statistical neighbour mean": BenchmarkKind.STATISTICAL_NEIGHBOURS,
    "regional": BenchmarkKind.REGION,
    "region mean": BenchmarkKind.REGION,
    "national": BenchmarkKind.ENGLAND,
    "england mean": BenchmarkKind.ENGLAND,
    "other": BenchmarkKind.OTHER,
}


def _benchmarks(table: Table | None, indicators: dict[int, Indicator], problems: list[Problem]) -> list[BenchmarkPlan]:
    """The benchmarks sheet's rows, checked: one per indicator, comparator, name and period end."""
    if table is None:
        return []
    plans = []
    first_line: dict[tuple, int] = {}
    for row in table.rows:
        cells = RowCells(row, problems)
        indicator = indicator_in(cells, indicators)
        kind = cells.choice(
            "comparator",
            BenchmarkKind,
            required=True,
            aliases=COMPARATOR_ALIASES,
            what="comparator",
            listed=columns.BENCHMARKS[1].accepted,
        )
        label = cells.text("label", max_length=100) or ""
        if kind == BenchmarkKind.OTHER and not label:
            cells.fail("label", "an Other comparator needs its name as printed, like Core cities.")
        period_label = cells.text(
            "period_label",
            required=True,
            max_length=60,
            needed="write the benchmark's period as printed, like 2022/23.",
        )
        period_end = _benchmark_period_end(cells, period_label)
        value = cells.number(
            "value",
            required=True,
            percent_sign=indicator is not None and indicator.unit == Unit.PERCENT,
            needed="write the benchmark's value.",
        )
        if value is not None and indicator is not None:
            problem = unit_range_problem(value=value, unit=indicator.unit, what="the value", number=indicator.number)
            if problem:
                cells.fail("value", problem)
        source = cells.text("source", max_length=200) or ""
        if indicator is not None and kind and period_end is not None:
            key = (indicator.number, kind, label.lower(), period_end)
            if key in first_line:
                cells.fail(
                    "period_label",
                    f"indicator {indicator.number} already has this comparator for {period_label} on line "
                    f"{first_line[key]}; give each comparator's period once.",
                )
            else:
                first_line[key] = row.line
        if not cells.bad and indicator is not None and kind and period_end is not None:
            fields = {"period_label": period_label, "value": value}
            if cells.present("source"):
                fields["source"] = source
            plans.append(BenchmarkPlan(row.line, indicator, kind, label, period_end, fields))
    return plans


def _benchmark_period_end(cells: RowCells, period_label: str | None) -> datetime.date | None:
    """The period end given, or the one a financial year (2022/23: 31 March 2023) or a month gives."""
    if not cells.is_blank("period_end"):
        return cells.date("period_end")
    if period_label is None:
        return None
    year = YEAR.match(period_label)
    if year and 2000 <= int(year.group(1)) <= 2099:
        return datetime.date(int(year.group(1)) + 1, 3, 31)
    month = month_in(period_label)
    if month is not None:
        return month_end(month.year, month.month)
    for written in ("%d %B %Y", "%d %b %Y"):
        try:
            return datetime.datetime.strptime(period_label.strip(), written).date()  # "31 March 2023"
        except ValueError:
            pass
    cells.fail(
        "period_end",
        f"the period \u2018{period_label}\u2019 is not a financial year or a month, so its last day cannot be worked "
        "out; write it in Period end, like 2023-03-31.",
    )
    return None


def _breakdowns(table: Table | None, indicators: dict[int, Indicator], problems: list[Problem]) -> list[BreakdownPlan]:
    """The breakdowns sheet's rows, checked and gathered into one plan per figure and dimension."""
    if table is None:
        return []
    plans: dict[tuple, BreakdownPlan] = {}
    first_line: dict[tuple, int] = {}
    for row in table.rows:
        cells = RowCells(row, problems)
        indicator = indicator_in(cells, indicators)
        period_end, _month = cells.period_end("period_end", required=True)
        basis = read_basis(cells, "basis") if cells.present("basis") else None
        dimension = cells.text("dimension", required=True, max_length=100, needed="write what it is broken down by.")
        category = cells.text("category", required=True, max_length=100, needed="write the category as printed.")
        value = cells.number(
            "value",
            required=True,
            percent_sign=indicator is not None and indicator.unit == Unit.PERCENT,
            needed="write the category's value.",
        )
        if cells.bad or indicator is None or period_end is None:
            continue
        basis = basis or indicator.reporting_basis
        key = (indicator.number, basis, period_end, dimension.lower())
        category_key = (*key, category.lower())
        if category_key in first_line:
            cells.fail(
                "category",
                f"{category} is already on line {first_line[category_key]} for this figure's {dimension}; list each "
                "category once.",
            )
            continue
        first_line[category_key] = row.line
        item = plans.setdefault(key, BreakdownPlan(row.line, indicator, period_end, basis, dimension))
        item.categories.append((category, value))
    return list(plans.values())


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


def apply(*, plans: FigureFile, committee: Committee, by=None, filename: str = "") -> tuple[int, int, int, list[str]]:
    """Write the file: figures through the one writer (which works out again every derived figure of the
    measures whose months changed, ``indicators.services_derive``), then benchmarks and breakdowns.
    (created, updated, unchanged, notes) count the figures the file gave; the notes say what else was written.

    A row that would change a period a published pack printed (a figure or its breakdown) refuses the
    whole file (ImportRejected, one problem per such row with its line); nothing is written.
    """
    # Imported here: indicators.services imports this module.
    from indicators.services import FigureChange, FigureDerived, FigureLocked, figures_write

    reason = f"Imported from {filename}" if filename else "Imported"
    figures = plans.figures
    try:
        written = figures_write(
            changes=[FigureChange(item.indicator, item.period_end, item.fields, item.basis) for item in figures],
            by=by,
            reason=reason,
            source=FigureSource.IMPORT,
        )
    except FigureLocked as locked:
        raise ImportRejected(
            [
                Problem(
                    item.message, line=figures[item.index].line, column=plans.names.get("period_end"), sheet=plans.sheet
                )
                for item in locked.locked
            ]
        ) from None
    except FigureDerived as derived:  # ``plan`` refuses these first, with the fix; this is the writer's own check
        raise ImportRejected(
            [
                Problem(message, line=figures[index].line, column=plans.names.get("basis"), sheet=plans.sheet)
                for index, message in derived.refused
            ]
        ) from None
    created = sum(1 for result in written if result.created)
    updated = sum(1 for result in written if result.changes and not result.created)
    notes = []
    if plans.benchmarks:
        counts = benchmarks_write(
            changes=[
                BenchmarkChange(item.indicator, item.kind, item.label, item.period_end, item.fields)
                for item in plans.benchmarks
            ],
            by=by,
            reason=reason,
        )
        notes.append(_counted("Benchmarks", counts))
    if plans.breakdowns:
        changes = _breakdown_changes(plans)
        refused = breakdowns_refused(changes=changes)
        if refused:
            raise ImportRejected(
                [
                    Problem(message, line=plans.breakdowns[index].line, column="Period end", sheet="breakdowns")
                    for index, message in refused
                ]
            )
        notes.append(_counted("Breakdown categories", breakdowns_write(changes=changes, by=by, reason=reason)))
    return created, updated, len(written) - created - updated, notes


def _breakdown_changes(plans: FigureFile):
    """The breakdowns with their figures (one query); a figure neither stored nor in the file is a problem."""
    wanted = plans.breakdowns
    figures = {
        (figure.indicator_id, figure.basis, figure.period_end): figure
        for figure in Figure.objects.select_related("indicator").filter(
            indicator_id__in={item.indicator.id for item in wanted},
            period_end__in={item.period_end for item in wanted},
        )
    }
    changes, problems = [], []
    for item in wanted:
        figure = figures.get((item.indicator.id, item.basis, item.period_end))
        if figure is None:
            problems.append(
                Problem(
                    f"indicator {item.indicator.number} has no figure ({_covers(item.basis)}) for the period "
                    f"ending {item.period_end.isoformat()} to break down; add it to the figures sheet.",
                    line=item.line,
                    column="Period end",
                    sheet="breakdowns",
                )
            )
            continue
        changes.append(BreakdownChange(figure, item.dimension, item.categories))
    if problems:
        raise ImportRejected(problems)
    return changes


def _counted(what: str, counts) -> str:
    """ "Benchmarks: 4 created, 1 updated, 0 unchanged." """
    removed = f", {counts.removed} removed" if counts.removed else ""
    return f"{what}: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged{removed}."
