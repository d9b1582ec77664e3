"""A quarter's figures as a spreadsheet: one row per indicator, as CSV or Excel.

Numbers are plain numbers at the indicator's decimal places (78.9, not 78.9%), so a
spreadsheet reads them as numbers; the ``unit`` column says what they measure.
Deviation is the signed relative deviation in per cent at one decimal place, positive
better than target. ``counted_as`` is where the dashboard and the pack count the row (its
status, "Not updated this quarter" or "Not rated") and ``actions_needed`` whether its status
calls for actions (``indicators.reporting``). Every cell is written by ``cyp.cells`` (cleaned text, the formula guard).
"""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

from cyp.cells import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_text, xlsx_append
from cyp.models import Committee, Quarter
from indicators import reporting
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
    "counted_as",
    "actions_needed",
    # Added after the columns people's spreadsheets already read by position.
    "basis",
    "variance",
    "variance_basis",
    "variance_sign",
]
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
        "counted_as": reporting.group_of(status=row.rating.status, not_updated=row.not_updated),
        "actions_needed": "yes" if reporting.actions_needed(status=row.rating.status) else "no",
    }


def quarter_export(*, committee: Committee, quarter: Quarter, viewer=None) -> list[dict[str, object]]:
    """Every indicator of the committee as the quarter reports it (the queries of quarter_rows, no more).

    With ``viewer`` a member, corrected figures show as the published pack printed them.
    """
    return [export_row(row) for row in quarter_rows(committee=committee, quarter=quarter, viewer=viewer)]


def export_csv(rows: list[dict[str, object]], *, byte_order_mark: bool = False) -> str:
    """The rows as CSV text (Excel reads a file with the byte order mark as UTF-8)."""
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
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(quarter: Quarter, extension: str) -> str:
    return f"cyp-figures-{quarter.label.replace('/', '-')}.{extension}"
