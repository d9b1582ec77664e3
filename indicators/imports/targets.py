"""The targets import: one row per indicator and financial year, upserted by (indicator, year).

A row holds a number in ``target`` or a status in ``status`` (contextual, baseline or
in_development), never both and never neither. A year that does not exist yet is
created with its four quarters, and the summary says so. A zero target is accepted
with a warning, because the RAG rule treats it separately.

A target is written as the council writes it: ``95``, ``above 95%``, ``at least 90``,
``below 10``, ``< 10`` (``indicators.rag.split_comparator``); the words are kept and
printed. A range, bounds included, is ``between 10 and 15``, ``10–15``, ``10 to 15`` or
``10-15%`` (``indicators.rag.split_range``): the target is its bottom, ``range_upper`` its
top. ``second_target`` (written the same way, but never a range) and ``second_target_name``
add a stretch or national target printed beside the year's, never rated. A file without
these columns leaves them as they are.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

import indicators.imports.columns as columns
from cyp import limits
from cyp.enums import PeriodKind
from cyp.models import Committee, FinancialYear, Quarter
from indicators import rag
from indicators.enums import TargetStatus, Unit
from indicators.imports.base import ImportRejected, Problem
from indicators.imports.cells import RowCells, show, unit_range_problem
from indicators.imports.reading import Table
from indicators.models import Indicator, Target

COLUMNS = columns.TARGETS
STATUSES_WITHOUT_NUMBER = [status for status in TargetStatus if status != TargetStatus.NUMERIC]
STATUS_WORDS = "Contextual, Baseline or In development"
STATUS_ALIASES = {"in development": TargetStatus.IN_DEVELOPMENT, "no target": TargetStatus.CONTEXTUAL}
YEAR = re.compile(r"^(\d{4})\s*[/\-\u2013]\s*(\d{2}|\d{4})$")


@dataclass
class TargetPlan:
    line: int
    indicator: Indicator
    start_year: int
    value: Decimal | None
    status: str
    note: str | None
    #: comparator, range_upper, second_value, second_comparator, second_label: only those whose columns are in the
    #: file.
    terms: dict[str, object] = field(default_factory=dict)


def indicators_named(table: Table, committee: Committee, column: str) -> dict[int, Indicator]:
    """The committee's indicators whose numbers appear in a column (one query)."""
    numbers = set()
    for row in table.rows:
        number = RowCells(row, []).whole_number(column)
        if number is not None:
            numbers.add(number)
    return {
        indicator.number: indicator
        for indicator in Indicator.objects.filter(committee=committee, number__in=numbers).order_by()
    }


def indicator_in(cells: RowCells, indicators: dict[int, Indicator], column: str = "indicator") -> Indicator | None:
    number = cells.whole_number(column, required=True, minimum=1, maximum=2_147_483_647)
    if number is None:
        return None
    indicator = indicators.get(number)
    if indicator is None:
        cells.fail(
            column,
            f"there is no indicator {number} in the catalogue; check the number, or add the indicator "
            "first with the indicators import.",
        )
    return indicator


def financial_year(cells: RowCells, column: str = "year") -> int | None:
    """ "2024/25" (or 2024-25, 2024/2025) -> 2024."""
    value = cells.raw(column)
    if value is None:
        cells.fail(column, "this cell is empty; write the financial year like 2024/25.")
        return None
    if isinstance(value, datetime.date):
        cells.fail(column, "the spreadsheet turned this into a date; format the column as text and write 2024/25.")
        return None
    match = YEAR.match(show(value))
    if match:
        start, end = int(match.group(1)), int(match.group(2))
        if end in (start + 1, (start + 1) % 100) and 2000 <= start <= 2099:
            return start
    cells.fail(column, f"\u2018{show(value)}\u2019 is not a financial year; write it like 2024/25.")
    return None


def plan(*, table: Table, committee: Committee) -> tuple[list[TargetPlan], list[str]]:
    """Every row checked: (plans, warnings). Raises ImportRejected listing every problem when any row is wrong."""
    if "target" not in table.headings and "status" not in table.headings:
        raise ImportRejected(
            [Problem("the heading row needs a Target column, a Target status column, or both.", line=1)],
            table.warnings,
        )
    problems = list(table.problems)
    warnings = list(table.warnings)
    indicators = indicators_named(table, committee, "indicator")
    plans: list[TargetPlan] = []
    first_line: dict[tuple[int, int], int] = {}
    for row in table.rows:
        cells = RowCells(row, problems)
        indicator = indicator_in(cells, indicators)
        start_year = financial_year(cells)
        percent = indicator is not None and indicator.unit == Unit.PERCENT
        comparator, value, upper = target_written(cells, "target", percent_sign=percent)
        terms: dict[str, object] = {"comparator": comparator, "range_upper": upper} if cells.present("target") else {}
        if cells.present("second_target"):
            terms["second_comparator"], terms["second_value"], _second_upper = target_written(
                cells, "second_target", percent_sign=percent
            )
            if terms["second_comparator"] == rag.Comparator.BETWEEN and "second_target" not in cells.bad:
                cells.fail("second_target", "a second target is one number, not a range; write it like 98.")
        if cells.present("second_target_name"):
            terms["second_label"] = cells.text("second_target_name", max_length=60) or ""
        status = cells.choice(
            "status", STATUSES_WITHOUT_NUMBER, what="target status", listed=STATUS_WORDS, aliases=STATUS_ALIASES
        )
        note = cells.text("note", max_length=limits.TARGET_NOTE) if cells.present("note") else None
        if indicator is not None and start_year is not None:
            key = (indicator.number, start_year)
            if key in first_line:
                cells.fail(
                    "year",
                    f"indicator {indicator.number} already has a target for {_label(start_year)} on line "
                    f"{first_line[key]}; give each indicator one target a year.",
                )
            else:
                first_line[key] = row.line
        if status and terms.get("second_value") is not None:
            cells.fail(
                "second_target",
                f"a {status} target has no second target; clear {cells.called('second_target')}, or give the "
                "year's target a number.",
            )
        if {"target", "status"} & cells.bad:
            continue
        if value is not None and status:
            cells.fail(
                "target",
                f"there is both a target ({show(value)}) and a status ({status}); keep the number, or the status "
                "for an indicator without a target.",
            )
        elif value is None and not status:
            cells.fail(
                "target",
                f"there is neither a target nor a status; write a number in {cells.called('target')}, or "
                f"{STATUS_WORDS} in {cells.called('status')}.",
            )
        elif value is not None and indicator is not None:
            problem = unit_range_problem(value=value, unit=indicator.unit, what="the target", number=indicator.number)
            if not problem and upper is not None:
                problem = unit_range_problem(
                    value=upper, unit=indicator.unit, what="the top of the range", number=indicator.number
                )
            if problem:
                cells.fail("target", problem)
            elif value == 0 and upper is None:
                warnings.append(
                    f"Line {row.line}: indicator {indicator.number}'s target for {_label(start_year)} is zero, so it "
                    "is rated by the zero-target rule: equal is Green, better is Blue, worse is Red."
                )
            _check_terms(cells, indicator, terms)
        if not cells.bad and indicator is not None and start_year is not None:
            plans.append(
                TargetPlan(
                    line=row.line,
                    indicator=indicator,
                    start_year=start_year,
                    value=value,
                    status=status or TargetStatus.NUMERIC,
                    note=note,
                    terms=terms,
                )
            )
    if problems:
        raise ImportRejected(table.named(problems), warnings)
    return plans, warnings


def target_written(cells: RowCells, column: str, *, percent_sign: bool) -> tuple[str, Decimal | None, Decimal | None]:
    """A target cell as written, with a range's top: "above 95%" -> ("above", 95, None); "95" -> ("", 95, None);
    "between 10 and 15" -> ("between", 10, 15); empty -> ("", None, None)."""
    raw = cells.raw(column)
    if not isinstance(raw, str):
        return "", cells.number(column, percent_sign=percent_sign), None
    bounds = rag.split_range(raw)
    if bounds is not None:
        return (rag.Comparator.BETWEEN.value, *_range_written(cells, column, raw, bounds, percent_sign=percent_sign))
    comparator, rest = rag.split_comparator(raw)
    if not comparator:
        return "", cells.number(column, percent_sign=percent_sign), None
    if not rest:
        cells.fail(column, f"\u2018{raw}\u2019 has no number; write the target like {comparator.words} 95.")
        return comparator.value, None, None
    return comparator.value, cells.with_cell(column, rest).number(column, percent_sign=percent_sign), None


def _range_written(
    cells: RowCells, column: str, raw: str, bounds: tuple[str, str], *, percent_sign: bool
) -> tuple[Decimal | None, Decimal | None]:
    """A range's bottom and top, each a number and the bottom first; (None, None) and a problem otherwise."""
    if not all(bounds):
        cells.fail(column, f"\u2018{raw}\u2019 needs both ends of the range; write it like between 10 and 15.")
        return None, None
    lower, upper = (cells.with_cell(column, bound).number(column, percent_sign=percent_sign) for bound in bounds)
    if lower is None or upper is None:
        return None, None
    problem = rag.range_problem(lower, upper)
    if problem:
        cells.fail(column, f"\u2018{raw}\u2019 is not a range: {problem}")
        return None, None
    return lower, upper


def _check_terms(cells: RowCells, indicator: Indicator, terms: dict[str, object]) -> None:
    """The words fit the direction for improvement, and a second target is in range and has a number."""
    for column, key in (("target", "comparator"), ("second_target", "second_comparator")):
        comparator = terms.get(key)
        if comparator and rag.comparator_conflict(comparator, indicator.direction):
            lower = indicator.direction == rag.Direction.LOWER_IS_BETTER
            cells.fail(
                column,
                f"\u2018{rag.Comparator(comparator).words}\u2019 points the other way from indicator "
                f"{indicator.number} ({indicator.get_direction_display().lower()}); write "
                f"{'at most or below' if lower else 'at least or above'}, or the number alone.",
            )
    second = terms.get("second_value")
    if second is not None:
        problem = unit_range_problem(
            value=second, unit=indicator.unit, what="the second target", number=indicator.number
        )
        if problem:
            cells.fail("second_target", problem)
    elif terms.get("second_label"):
        cells.fail("second_target", "there is a second target's name but no second target; write it, like 98.")


def _label(start_year: int | None) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}" if start_year else "that year"


def apply(*, plans: list[TargetPlan], committee: Committee) -> tuple[int, int, int, list[str]]:
    """Create or update every planned target, creating missing years: (created, updated, unchanged, notes)."""
    notes = []
    years = {
        year.start_year: year for year in FinancialYear.objects.filter(start_year__in={p.start_year for p in plans})
    }
    for start_year in sorted({item.start_year for item in plans} - set(years)):
        year = FinancialYear.objects.create(start_year=start_year)
        Quarter.objects.bulk_create(Quarter(year=year, number=number) for number in range(1, 5))
        monthly = committee.report_period == PeriodKind.MONTH
        if monthly:  # a body that reports monthly reports on the year's months
            Quarter.objects.bulk_create(
                Quarter(year=year, kind=PeriodKind.MONTH, number=number) for number in range(1, 13)
            )
        years[start_year] = year
        months = " and twelve months" if monthly else ""
        notes.append(f"New financial year created: {year.label}, with its four quarters{months}.")
    existing = {
        (target.indicator_id, target.year_id): target
        for target in Target.objects.filter(
            indicator_id__in={item.indicator.id for item in plans}, year_id__in=[year.id for year in years.values()]
        )
    }
    created = updated = unchanged = 0
    for item in plans:
        year = years[item.start_year]
        fields = {"value": item.value, "status": item.status, **item.terms}
        if item.note is not None:
            fields["note"] = item.note
        target = existing.get((item.indicator.id, year.id))
        if target is None:
            Target.objects.create(indicator=item.indicator, year=year, **fields)
            created += 1
            continue
        changed = [name for name, value in fields.items() if getattr(target, name) != value]
        if changed:
            for name in changed:
                setattr(target, name, fields[name])
            target.save()
            updated += 1
        else:
            unchanged += 1
    return created, updated, unchanged, notes
