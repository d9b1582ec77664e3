"""The one cell writer for every CSV and XLSX export: a cell never fails and never runs.

Every export (the quarter's figures, a plan workbook, the pack's figures, the import
templates) writes its cells here, so the rule has one home:

- **Text** is cleaned with ``cyp.text.text_clean`` (line breaks, Word's vertical tab
  among them, become ``\\n``; control characters, lone surrogates and bidi overrides go)
  and then with openpyxl's own ``ILLEGAL_CHARACTERS_RE``, so no approved text can make
  openpyxl raise ``IllegalCharacterError`` for everyone who exports.
- **The formula guard.** Text that starts (after any spaces) with ``=``, ``+``, ``-`` or
  ``@``, or with a tab, carriage return or line feed, could be run by a spreadsheet
  (``=HYPERLINK(...)``): in CSV it gets a leading apostrophe (the OWASP advice); in XLSX
  it is stored as a string cell (``data_type "s"``) with Excel's quote prefix, so it shows
  exactly as typed and is never evaluated. Every XLSX text cell is a string cell.
- **Numbers and dates** stay numbers and dates: a ``Decimal`` is shown at its own decimal
  places (78.90 as 78.90), a date as 31/03/2025. A number is never guarded: only text is.
- An XLSX cell holds at most 32,767 characters (Excel refuses to open a longer one):
  longer text is cut there with a note saying how long it was.

No Django import, apart from the local time of an aware datetime.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

from cyp.text import text_clean

FORMULA_STARTS = ("=", "+", "-", "@")
#: Characters a spreadsheet may skip or treat as the start of a formula when they lead a cell.
FORMULA_LEADS = ("\t", "\r", "\n")
XLSX_MAX_CHARACTERS = 32_767
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_text(value) -> str:
    """Text a spreadsheet cell can hold: ``text_clean``, then nothing openpyxl would refuse."""
    return ILLEGAL_CHARACTERS_RE.sub("", text_clean(value))


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet could run: it starts with a tab, CR or LF, or (after spaces) with = + - @."""
    return text.startswith(FORMULA_LEADS) or text.lstrip().startswith(FORMULA_STARTS)


def _naive(value: datetime.datetime) -> datetime.datetime:
    """Excel has no time zones: an aware moment is written as the council's local time."""
    if value.tzinfo is None:
        return value
    from django.utils import timezone

    return timezone.localtime(value).replace(tzinfo=None)


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


# -- CSV ----------------------------------------------------------------------------------------


def csv_value(value) -> str:
    """One CSV cell: numbers as written, dates as ISO 8601, text cleaned and guarded, None as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if _is_number(value):
        return str(value)
    if isinstance(value, datetime.datetime):
        return _naive(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = cell_text(value)
    return f"'{text}" if looks_like_formula(text) else text


def csv_text(rows: Iterable[Iterable], *, byte_order_mark: bool = False) -> str:
    """The rows (the heading row first) as CSV text with Windows line ends, as Excel writes it.

    With ``byte_order_mark`` the text starts with U+FEFF, so Excel reads it as UTF-8.
    """
    buffer = io.StringIO()
    if byte_order_mark:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    return buffer.getvalue()


# -- XLSX ---------------------------------------------------------------------------------------


def xlsx_cell(sheet, value, *, number_format: str | None = None) -> Cell:
    """One XLSX cell of ``sheet`` (a normal or a write-only worksheet), for ``xlsx_append``.

    Text is a string cell whatever it starts with; a Decimal is shown at its own places;
    a date as 31/03/2025. ``number_format`` overrides the format of a number or date.
    """
    if value is None or isinstance(value, bool):
        return Cell(sheet, row=1, column=1, value=value)
    if _is_number(value):
        cell = Cell(sheet, row=1, column=1, value=value)
        if number_format:
            cell.number_format = number_format
        elif isinstance(value, Decimal) and value.is_finite():
            places = max(0, -int(value.as_tuple().exponent))
            cell.number_format = "0." + "0" * places if places else "0"
        return cell
    if isinstance(value, datetime.datetime):
        cell = Cell(sheet, row=1, column=1, value=_naive(value))
        cell.number_format = number_format or DATETIME_FORMAT
        return cell
    if isinstance(value, datetime.date):
        cell = Cell(sheet, row=1, column=1, value=value)
        cell.number_format = number_format or DATE_FORMAT
        return cell
    text = cell_text(value)
    if len(text) > XLSX_MAX_CHARACTERS:
        note = f" [cut: a cell holds at most {XLSX_MAX_CHARACTERS:,} characters; the text has {len(text):,}]"
        text = text[: XLSX_MAX_CHARACTERS - len(note)] + note
    cell = Cell(sheet, row=1, column=1, value=text)
    cell.data_type = "s"  # a string, never a formula, whatever it starts with
    if looks_like_formula(text):
        cell.quotePrefix = True  # and Excel keeps it text when someone edits the cell
    if number_format:
        cell.number_format = number_format
    return cell


def xlsx_append(sheet, values: Iterable, *, font=None, number_formats: dict[int, str] | None = None) -> list[Cell]:
    """Append one row to ``sheet`` through ``xlsx_cell`` and return its cells (to style them further).

    ``number_formats`` maps a 0-based position to the format of that cell; ``font`` applies to every cell.
    """
    formats = number_formats or {}
    cells = []
    for position, value in enumerate(values):
        cell = xlsx_cell(sheet, value, number_format=formats.get(position))
        if font is not None:
            cell.font = font
        cells.append(cell)
    sheet.append(cells)
    return cells
