"""The pack's figures as CSV and XLSX, for people who analyse them: safe to open in a spreadsheet.

One row per indicator of every performance report in the pack, with raw
numbers (not formatted) beside the printed status; the XLSX adds the count
table, the movements and the chart data. Text from people can start with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return, which a spreadsheet
would run as a formula: in the CSV such a cell gets a leading apostrophe (the
OWASP advice); in the XLSX every text cell is stored as a string with Excel's
quote prefix, so it is never evaluated and shows as typed.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from reports.document import ItemKind, PackInput
from reports.performance import IndicatorEntry, PerformanceReport
from reports.render.text import plain

FORMULA_STARTS = ("=", "+", "-", "@")

INDICATOR_COLUMNS = [
    "Quarter",
    "Indicator",
    "Name",
    "Service area",
    "Unit",
    "Direction for improvement",
    "Target",
    "Target (as printed)",
    "Current period",
    "Current value",
    "Previous period",
    "Previous value",
    "Change in performance",
    "Statistical neighbour mean",
    "England mean",
    "Other comparators",
    "RAG status",
    "Deviation from target (%)",
    "Not updated this quarter",
    "Reason not updated",
    "Movement since the previous quarter",
]


def looks_like_formula(value) -> bool:
    """True for text a spreadsheet could run: it starts (after any spaces) with =, +, - or @, or with a tab or CR."""
    raw = "" if value is None else str(value)
    return raw.startswith(("\t", "\r")) or plain(raw).lstrip().startswith(FORMULA_STARTS)


def safe_text(value) -> str:
    """Text that a spreadsheet shows as typed and never runs as a formula (for CSV)."""
    text = plain(value)
    return "'" + text if looks_like_formula(value) else text


def _number(value: Decimal | None, decimals: int):
    """The value to the indicator's printed decimals, or to its own precision when it has more."""
    if value is None:
        return None
    printed = value.quantize(Decimal(1).scaleb(-decimals))
    return printed if printed == value else value.normalize()


def _reports(pack: PackInput) -> list[PerformanceReport]:
    return [
        entry.performance
        for entry in pack.items
        if entry.kind == ItemKind.PERFORMANCE_REPORT and entry.performance is not None
    ]


def _movements(report: PerformanceReport) -> dict[int, str]:
    counts = report.counts
    described: dict[int, str] = {}
    for movement in counts.improved + counts.declined:
        word = "Improved" if movement.improved else "Declined"
        for ref in movement.indicators:
            described[ref.number] = f"{word}: {movement.from_status} to {movement.to_status}"
    for ref in counts.unchanged:
        described[ref.number] = "Unchanged"
    for item in counts.not_comparable:
        described[item.ref.number] = f"Not comparable: {item.reason}"
    return described


def _indicator_row(report: PerformanceReport, entry: IndicatorEntry, movement: str) -> list:
    comparators = [c for c in entry.comparators if c.label not in ("Statistical Neighbour Mean", "England Mean")]
    by_label = {c.label: c.value for c in entry.comparators}
    return [
        report.quarter_code,
        entry.ref.number,
        entry.ref.name,
        entry.service_area,
        entry.unit_label,
        entry.direction_words,
        _number(entry.target_value, entry.decimals),
        entry.target_display,
        entry.current_label,
        _number(entry.current_value, entry.decimals),
        entry.previous_label,
        _number(entry.previous_value, entry.decimals),
        entry.change,
        _number(by_label.get("Statistical Neighbour Mean"), entry.decimals),
        _number(by_label.get("England Mean"), entry.decimals),
        "; ".join(f"{c.label}: {c.display}" for c in comparators),
        entry.status_display,
        _number(entry.deviation_percent, 1),
        "Yes" if entry.not_updated else "No",
        entry.not_updated_reason,
        movement,
    ]


def _indicator_rows(pack: PackInput) -> list[list]:
    rows = []
    for report in _reports(pack):
        movements = _movements(report)
        rows += [_indicator_row(report, entry, movements.get(entry.ref.number, "")) for entry in report.indicators]
    return rows


def figures_csv(pack: PackInput) -> str:
    """One row per indicator, with a header row; UTF-8 text (the caller adds a BOM if Excel needs one)."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(INDICATOR_COLUMNS)
    for row in _indicator_rows(pack):
        writer.writerow(
            ["" if value is None else safe_text(value) if isinstance(value, str) else value for value in row]
        )
    return output.getvalue()


def _append(sheet, row_number: int, row: list) -> None:
    for column, value in enumerate(row, start=1):
        if isinstance(value, str):
            text = ILLEGAL_CHARACTERS_RE.sub("", plain(value))
            cell = sheet.cell(row=row_number, column=column, value=text)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if looks_like_formula(value):
                cell.quotePrefix = True
        elif value is not None:
            sheet.cell(row=row_number, column=column, value=value)


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list], widths: dict[int, int] | None = None):
    sheet = workbook.create_sheet(title)
    _append(sheet, 1, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        _append(sheet, row_number, row)
    sheet.freeze_panes = "A2"
    for index, width in (widths or {}).items():
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def figures_xlsx(pack: PackInput) -> bytes:
    """Indicators, RAG counts, movements and chart data, one sheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = plain(pack.title or f"{pack.committee_name}: figures")
    workbook.properties.creator = plain(pack.author or pack.council_name)
    moment = datetime.datetime.combine(pack.meeting_date, datetime.time())
    workbook.properties.created = workbook.properties.modified = moment
    _sheet(workbook, "Indicators", INDICATOR_COLUMNS, _indicator_rows(pack), {2: 10, 3: 60, 4: 24, 20: 50, 21: 40})
    counts_rows, movement_rows, chart_rows = [], [], []
    for report in _reports(pack):
        counts = report.counts
        for row in counts.table:
            counts_rows.append([report.quarter_code, row.status, row.count, row.percentage])
        counts_rows.append([report.quarter_code, "Total counted", counts.counted_total, None])
        for item in counts.not_updated:
            counts_rows.append([report.quarter_code, f"Not counted: {item.ref.label} (not updated)", None, None])
        for item in counts.not_rated:
            counts_rows.append([report.quarter_code, f"Not counted: {item.ref.label} ({item.reason})", None, None])
        counts_rows.append([report.quarter_code, report.rounding_note, None, None])
        movements = _movements(report)
        movement_rows += [
            [report.quarter_code, entry.ref.number, entry.ref.name, movements.get(entry.ref.number, "")]
            for entry in report.indicators
        ]
        for entry in report.indicators:
            chart = entry.chart
            for point in chart.points:
                chart_rows.append([report.quarter_code, entry.ref.number, point.label, point.value, point.target, None])
            if chart.projection is not None:
                chart_rows.append(
                    [report.quarter_code, entry.ref.number, chart.projection_label, None, None, chart.projection]
                )
    _sheet(workbook, "RAG counts", ["Quarter", "Status", "Number of KPIs", "Percentage of KPIs"], counts_rows, {2: 60})
    _sheet(workbook, "Movements", ["Quarter", "Indicator", "Name", "Movement"], movement_rows, {3: 60, 4: 50})
    _sheet(
        workbook,
        "Chart data",
        ["Quarter", "Indicator", "Period", "Value", "Target", "Projected (linear trend)"],
        chart_rows,
        {3: 28},
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
