"""The pack's figures as CSV and XLSX, for people who analyse them: safe to open in a spreadsheet.

One row per indicator of every performance report in the pack, with raw
numbers (not formatted) beside the printed status; the XLSX adds the count
table, the movements and the chart data. Every cell is written by ``cyp.cells``:
text cleaned, and text that a spreadsheet could run as a formula guarded (an
apostrophe in the CSV, a string cell with Excel's quote prefix in the XLSX).
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cyp.cells import cell_text, csv_text, xlsx_append
from reports.document import ItemKind, PackInput
from reports.performance import IndicatorEntry, PerformanceReport

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
    "Variance from target (as printed)",
]


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
        entry.deviation_display,
    ]


def _indicator_rows(pack: PackInput) -> list[list]:
    rows = []
    for report in _reports(pack):
        movements = _movements(report)
        rows += [_indicator_row(report, entry, movements.get(entry.ref.number, "")) for entry in report.indicators]
    return rows


def figures_csv(pack: PackInput) -> str:
    """One row per indicator, with a header row; UTF-8 text (the caller adds a BOM if Excel needs one)."""
    return csv_text([INDICATOR_COLUMNS, *_indicator_rows(pack)])


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list], widths: dict[int, int] | None = None):
    sheet = workbook.create_sheet(title)
    xlsx_append(sheet, header, font=Font(bold=True))
    for row in rows:
        xlsx_append(sheet, row)
    sheet.freeze_panes = "A2"
    for index, width in (widths or {}).items():
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def figures_xlsx(pack: PackInput) -> bytes:
    """Indicators, RAG counts, movements and chart data, one sheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = cell_text(pack.title or f"{pack.committee_name}: figures")
    workbook.properties.creator = cell_text(pack.author or pack.council_name)
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
        for item in counts.not_available:
            counts_rows.append([report.quarter_code, f"Not counted: {item.ref.label} (not available)", None, None])
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
