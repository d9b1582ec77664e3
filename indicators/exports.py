"""A quarter's figures as a spreadsheet: one row per indicator, as CSV or Excel.

Numbers are plain numbers at the indicator's decimal places (78.9, not 78.9%), so a
spreadsheet reads them as numbers; the ``unit`` column says what they measure.
Deviation is the signed relative deviation in per cent at one decimal place, positive
better than target. ``counted_as`` is where the dashboard and the pack count the row (its
status, "Not updated this quarter", "Not available" or "Not rated"; ``not_available`` says the source system
could not produce the figure) and ``actions_needed`` whether its status
calls for actions (``indicators.reporting``). Every cell is written by ``cyp.cells`` (cleaned text, the formula guard).

Benchmarks and breakdowns (``indicators.benchmarks``, ``indicators.breakdowns``): each indicator's line
carries its region and other comparator (with its label), and its benchmark table and breakdown in
words (``benchmarks``: "England, 2022/23: 70.0%, +2.1 points (better)"; ``breakdown``: "Age band: Under 1
12 (5.0%); ..."), so the one-line-per-indicator file stays one line per indicator. The same tables in
full, one line per benchmark or category, are the workbook's second and third sheets ("Benchmarks",
"Breakdowns") and, as CSV, separate files (``export_csv(rows, table="benchmarks")``, the export page's
``?table=benchmarks`` or ``?table=breakdowns``), never lines after the figures, which would break a file
read by its columns. Gaps are numbers at one place with their basis (``gap_basis``: relative or points)
and their words (better, worse, above, below, the same).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from cyp.cells import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_text, xlsx_append
from cyp.models import Committee, Quarter
from indicators import reporting
from indicators.benchmarks import BenchmarkRow, benchmark_table, benchmarks_by_indicator
from indicators.breakdowns import BreakdownTable, breakdown_tables, breakdowns_by_figure
from indicators.selectors import IndicatorRow, quarter_rows

COLUMNS = [
    "indicator",
    "name",
    "service_area",
    "unit",
    "direction",
    "frequency",
    "period_label",
    "value",
    "previous_period_label",
    "previous_value",
    "target",
    "target_status",
    "deviation_pct",
    "rag",
    "change",
    "sn_mean",
    "england_mean",
    "region_mean",
    "not_updated",
    "not_updated_reason",
    "not_available",
    "not_available_reason",
    "counted_as",
    "actions_needed",
    # Added after the columns people's spreadsheets already read by position.
    "basis",
    "variance",
    "variance_basis",
    "variance_sign",
    "other_mean",
    "other_mean_label",
    "benchmarks",
    "breakdown",
    # A range's top (the target is its bottom), and the target as printed: "between 10.0 and 15.0".
    "target_upper",
    "target_written",
]
#: The benchmark table, one line per comparator (the workbook's "Benchmarks" sheet, or ?table=benchmarks).
BENCHMARK_COLUMNS = [
    "indicator",
    "name",
    "period_label",
    "value",
    "comparator",
    "comparator_kind",
    "comparator_period",
    "comparator_value",
    "gap",
    "gap_basis",
    "gap_words",
    "source",
]
#: The breakdown, one line per category (the workbook's "Breakdowns" sheet, or ?table=breakdowns).
BREAKDOWN_COLUMNS = ["indicator", "name", "period_label", "dimension", "category", "value", "share_pct"]
TABLES = {"benchmarks": BENCHMARK_COLUMNS, "breakdowns": BREAKDOWN_COLUMNS}
__all__ = [
    "COLUMNS",
    "CSV_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "export_csv",
    "export_filename",
    "export_row",
    "export_xlsx",
    "quarter_export",
]


def _at(value, decimals: int) -> Decimal | None:
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def _benchmark_lines(row: IndicatorRow, table: Sequence[BenchmarkRow]) -> list[dict[str, object]]:
    indicator, current = row.indicator, row.current
    return [
        {
            "indicator": indicator.number,
            "name": indicator.name,
            "period_label": current.period_label if current else None,
            "value": _at(current.value, indicator.decimals) if current else None,
            "comparator": benchmark.name,
            "comparator_kind": benchmark.kind,
            "comparator_period": benchmark.period,
            "comparator_value": _at(benchmark.value, indicator.decimals),
            "gap": _at(benchmark.gap, 1),
            "gap_basis": indicator.variance_basis if benchmark.gap is not None else None,
            "gap_words": benchmark.gap_words or None,
            "source": benchmark.source or None,
        }
        for benchmark in table
    ]


def _breakdown_lines(row: IndicatorRow, tables: Sequence[BreakdownTable]) -> list[dict[str, object]]:
    indicator, current = row.indicator, row.current
    return [
        {
            "indicator": indicator.number,
            "name": indicator.name,
            "period_label": current.period_label if current else None,
            "dimension": table.dimension,
            "category": category.category,
            "value": _at(category.value, indicator.decimals),
            "share_pct": category.share,
        }
        for table in tables
        for category in table.categories
    ]


def export_row(
    row: IndicatorRow, *, benchmarks: Sequence[BenchmarkRow] = (), breakdown: Sequence[BreakdownTable] = ()
) -> dict[str, object]:
    """One indicator's line: numbers as Decimals at its decimals, text as text, empty as None.

    With its benchmark table and breakdown, the line says them in words, and carries their lines for the
    workbook's other sheets and the separate CSV files (under "benchmarks_lines" and "breakdowns_lines").
    """
    indicator, current, previous, target = row.indicator, row.current, row.previous, row.target
    decimals = indicator.decimals
    return {
        "indicator": indicator.number,
        "name": indicator.name,
        "service_area": indicator.service_area.name,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "period_label": current.period_label if current else None,
        "basis": current.basis if current else None,  # what the figure covers (indicators.enums.PeriodBasis)
        "value": _at(current.value, decimals) if current else None,
        "previous_period_label": previous.period_label if previous else None,
        "previous_value": _at(previous.value, decimals) if previous else None,
        "target": _at(row.target_value, decimals),
        "target_status": target.status if target else None,
        "deviation_pct": row.rating.deviation_percent,
        # As the indicator prints it: per cent of the target or percentage points, better-positive or above-positive.
        "variance": row.rating.variance_rounded,
        "variance_basis": indicator.variance_basis,
        "variance_sign": indicator.variance_sign,
        "rag": row.rag,
        "change": row.change.value if row.change else None,
        "sn_mean": _at(current.sn_mean, decimals) if current else None,
        "england_mean": _at(current.england_mean, decimals) if current else None,
        "region_mean": _at(current.region_mean, decimals) if current else None,
        "not_updated": "yes" if row.not_updated else "no",
        "not_updated_reason": current.not_updated_reason if current and current.not_updated else None,
        # Where the dashboard and the pack count the row, and whether it needs actions (indicators.reporting).
        "not_available": "yes" if row.not_available else "no",
        "not_available_reason": (current.not_available_reason or None) if row.not_available else None,
        "counted_as": reporting.group_of(
            status=row.rating.status, not_updated=row.not_updated, not_available=row.not_available
        ),
        "actions_needed": "yes" if reporting.actions_needed(status=row.rating.status) else "no",
        "other_mean": _at(current.other_mean, decimals) if current else None,
        "other_mean_label": (current.other_mean_label or None) if current and current.other_mean is not None else None,
        "benchmarks": "; ".join(
            f"{b.name}, {b.period}: {b.value_display}" + (f", {b.gap_phrase}" if b.gap is not None else "")
            for b in benchmarks
        )
        or None,
        "breakdown": " ".join(table.summary() for table in breakdown) or None,
        "target_upper": _at(target.range_upper, decimals) if target and target.is_numeric else None,
        "target_written": row.target_display if target else None,
        "benchmarks_lines": _benchmark_lines(row, benchmarks),
        "breakdowns_lines": _breakdown_lines(row, breakdown),
    }


def quarter_export(*, committee: Committee, quarter: Quarter, viewer=None) -> list[dict[str, object]]:
    """Every indicator of the committee as the quarter reports it (the queries of quarter_rows, no more).

    With ``viewer`` a member, corrected figures show as the published pack printed them. Two queries more
    for the benchmarks (latest up to the quarter's end) and the current figures' breakdowns.
    """
    rows = quarter_rows(committee=committee, quarter=quarter, viewer=viewer)
    benchmarks = benchmarks_by_indicator([row.indicator.id for row in rows], quarter.end)
    parts = breakdowns_by_figure([row.current.id for row in rows if row.current is not None])
    return [
        export_row(
            row,
            benchmarks=benchmark_table(
                indicator=row.indicator, figure=row.current, benchmarks=benchmarks.get(row.indicator.id, ())
            ),
            breakdown=breakdown_tables(indicator=row.indicator, parts=parts.get(row.current.id, ()))
            if row.current is not None
            else [],
        )
        for row in rows
    ]


def _table(rows: list[dict[str, object]], table: str) -> tuple[list[str], list[list[object]]]:
    columns = TABLES[table]
    lines = [line for row in rows for line in row.get(f"{table}_lines", ())]
    return columns, [[line[column] for column in columns] for line in lines]


def export_csv(rows: list[dict[str, object]], *, byte_order_mark: bool = False, table: str = "") -> str:
    """The rows as CSV text (Excel reads a file with the byte order mark as UTF-8); with ``table``
    ("benchmarks" or "breakdowns") that table of the rows instead, one line per comparator or category."""
    if table:
        columns, lines = _table(rows, table)
        return csv_text([columns, *lines], byte_order_mark=byte_order_mark)
    return csv_text([COLUMNS, *([row[column] for column in COLUMNS] for row in rows)], byte_order_mark=byte_order_mark)


def export_xlsx(rows: list[dict[str, object]], *, title: str) -> bytes:
    """The rows as an Excel workbook: numbers as numbers shown at their decimals, text as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    xlsx_append(sheet, COLUMNS, font=Font(bold=True))
    for row in rows:
        xlsx_append(sheet, [row[column] for column in COLUMNS])
    for table in TABLES:
        columns, lines = _table(rows, table)
        other = workbook.create_sheet(title=table.capitalize())
        xlsx_append(other, columns, font=Font(bold=True))
        for line in lines:
            xlsx_append(other, line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(quarter: Quarter, extension: str) -> str:
    return f"cyp-figures-{quarter.slug}.{extension}"  # "2024-25-Q1", or "2024-08" for a month
