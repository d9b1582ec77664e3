"""A quarter's figures as a spreadsheet: one row per indicator, as CSV or Excel.

Numbers are plain numbers at the indicator's decimal places (78.9, not 78.9%), so a
spreadsheet reads them as numbers; the ``unit`` column says what they measure.
Deviation is the signed relative deviation in per cent at one decimal place, positive
better than target. Text that people typed (names, labels, reasons) is guarded against
formula injection: a cell starting with = + - @ (or a tab or carriage return) gets a
leading apostrophe, in CSV and in Excel alike.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from cyp.models import Committee, Quarter
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
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def guard_text(text: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _at(value, decimals: int) -> Decimal | None:
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def export_row(row: IndicatorRow) -> dict[str, object]:
    """One indicator's line: numbers as Decimals at its decimals, text as text, empty as None."""
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
        "value": _at(current.value, decimals) if current else None,
        "previous_period_label": previous.period_label if previous else None,
        "previous_value": _at(previous.value, decimals) if previous else None,
        "target": _at(row.target_value, decimals),
        "target_status": target.status if target else None,
        "deviation_pct": row.rating.deviation_percent,
        "rag": row.rag,
        "change": row.change.value if row.change else None,
        "sn_mean": _at(current.sn_mean, decimals) if current else None,
        "england_mean": _at(current.england_mean, decimals) if current else None,
        "region_mean": _at(current.region_mean, decimals) if current else None,
        "not_updated": "yes" if row.not_updated else "no",
        "not_updated_reason": current.not_updated_reason if current and current.not_updated else None,
    }


def quarter_export(*, committee: Committee, quarter: Quarter) -> list[dict[str, object]]:
    """Every indicator of the committee as the quarter reports it (the queries of quarter_rows, no more)."""
    return [export_row(row) for row in quarter_rows(committee=committee, quarter=quarter)]


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, int):
        return str(value)
    return guard_text(str(value))


def export_csv(rows: list[dict[str, object]], *, byte_order_mark: bool = False) -> str:
    """The rows as CSV text (Excel reads a file with the byte order mark as UTF-8)."""
    buffer = io.StringIO()
    if byte_order_mark:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row[column]) for column in COLUMNS])
    return buffer.getvalue()


def export_xlsx(rows: list[dict[str, object]], *, title: str) -> bytes:
    """The rows as an Excel workbook: numbers as numbers shown at their decimals, text as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    bold = Font(bold=True)
    headings = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = bold
        headings.append(cell)
    sheet.append(headings)
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column]
            if isinstance(value, Decimal):
                cell = WriteOnlyCell(sheet, value=value)
                places = max(0, -value.as_tuple().exponent)
                cell.number_format = "0." + "0" * places if places else "0"
            elif value is None or isinstance(value, int):
                cell = WriteOnlyCell(sheet, value=value)
            else:
                cell = WriteOnlyCell(sheet, value=guard_text(str(value)))
                # A string cell, so Excel never evaluates it whatever it starts with.
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(quarter: Quarter, extension: str) -> str:
    return f"cyp-figures-{quarter.label.replace('/', '-')}.{extension}"
