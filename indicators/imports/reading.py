"""Turning an uploaded file into a table of rows, or saying in plain words why it cannot be read.

Decisions, so that the pages and the README can state them:

- **File types.** A name ending ``.csv`` (or ``.txt``) must hold text; ``.xlsx`` must be an Excel
  workbook. A file with no extension is judged by its content. Anything else (``.xls``, ``.ods``,
  ``.pdf``…) is refused with the way to save it as one of the two.
- **Encodings.** UTF-8, with or without Excel's byte order mark, and UTF-16 with its mark
  (Excel's "Unicode text"). A file that is not UTF-8 is read as Windows-1252, what Excel writes
  for "CSV (Comma delimited)" on a Windows PC, and the summary says so.
- **Separators.** Comma, semicolon (Excel in many European locales) or tab, chosen by which of
  them makes sense of the heading row.
- **Workbooks.** The sheet named like the import (``figures``, ``targets``, ``indicators``) is
  read; without one, the first visible sheet, with a warning naming the sheets left unread.
  A cell formatted as a percentage holds a fraction (0.789 shows as 78.9%): it is read as the
  percentage it shows (78.9).
- **Limits.** Every import has the same ones, in ``cyp.imports``: the file's size, a workbook's
  unpacked size, rows and columns. A file beyond one is refused whole, saying which and by how much.
  A sheet's rows are read as they are in the file, whatever dimension it declares.
- **Headings** are matched without regard to case, spaces or hyphens ("Period end" is
  ``period_end``). Line numbers count the heading row as line 1, as a spreadsheet numbers rows.
  Blank rows are skipped (and still counted).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from cyp.imports import (
    ImportFileRefused,
    column_letter,
    columns_check,
    import_size_check,
    rows_check,
    sheet_rows,
    workbook_check,
)
from indicators.imports.base import Column, ImportKind, ImportRejected, Problem

SAVE_AS_CSV = (
    "In Excel choose File, Save As, and pick \u201cCSV UTF-8 (Comma delimited)\u201d or "
    "\u201cExcel Workbook (.xlsx)\u201d."
)
TEXT_SUFFIXES = {".csv", ".txt"}
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
OTHER_SUFFIX_ADVICE = {
    ".xls": "is an old-style Excel file (.xls), which cannot be read.",
    ".ods": "is an OpenDocument spreadsheet (.ods), which cannot be read.",
    ".numbers": "is an Apple Numbers file, which cannot be read.",
}
ZIP_MAGIC = b"PK\x03\x04"
SEPARATORS = (",", ";", "\t")


@dataclass
class Row:
    """One data row: its line number and each known column's raw cell (text, number, date, bool or None)."""

    line: int
    cells: dict[str, object]


@dataclass
class Table:
    headings: list[str]
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)
    #: Problems with single rows found while reading; the import adds its own and reports them all.
    problems: list[Problem] = field(default_factory=list)


def normalise_heading(heading: object) -> str:
    """ "Period End" -> "period_end"; "SN mean*" -> "sn_mean"."""
    text = str(heading or "").strip().strip("*").strip().lower()
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def read_table(*, data: bytes, filename: str, kind: ImportKind, columns: list[Column]) -> Table:
    """The file's rows as cells keyed by column heading.

    Raises ImportRejected for a file that cannot be read at all, is beyond the import
    limits, or whose heading row lacks a required column or repeats one. Unknown columns
    are warnings.
    """
    name = PurePath(filename or "upload").name
    try:
        return _read_table(data=data, name=name, kind=kind, columns=columns)
    except ImportFileRefused as error:
        raise ImportRejected([Problem(str(error))]) from None


def _read_table(*, data: bytes, name: str, kind: ImportKind, columns: list[Column]) -> Table:
    import_size_check(name=name, size=len(data))
    if not data or not data.strip(b" \t\r\n\x00"):
        raise ImportRejected([Problem(f"The file {name} is empty: there is nothing to import.")])
    suffix = PurePath(name).suffix.lower()
    looks_like_zip = data.startswith(ZIP_MAGIC)
    if suffix in WORKBOOK_SUFFIXES or (not suffix and looks_like_zip):
        if not looks_like_zip:
            raise ImportRejected(
                [Problem(f"{name} is named as an Excel workbook but is not one (was it renamed?). {SAVE_AS_CSV}")]
            )
        warnings, records = _workbook_records(data, name, kind)
    elif suffix in TEXT_SUFFIXES or not suffix:
        if looks_like_zip:
            raise ImportRejected(
                [Problem(f"{name} is named as a CSV file but is an Excel workbook: rename it to end in .xlsx.")]
            )
        warnings, records = _text_records(data, name, columns)
    else:
        advice = OTHER_SUFFIX_ADVICE.get(suffix, f"is a {suffix} file, which cannot be read.")
        raise ImportRejected(
            [Problem(f"{name} {advice} Upload a CSV file (.csv) or an Excel workbook (.xlsx). {SAVE_AS_CSV}")]
        )
    return _table(records, name, columns, warnings)


# -- Text files ---------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), []
        except UnicodeDecodeError as error:
            line = _line_of(data, error.start + len(codecs.BOM_UTF8))
            raise ImportRejected(
                [Problem(f"{name} says it is UTF-8, but line {line} has characters that are not. {SAVE_AS_CSV}")]
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise ImportRejected([Problem(f"{name} is damaged Unicode text. {SAVE_AS_CSV}")]) from None
    if b"\x00" in data[:4096]:
        raise ImportRejected([Problem(f"{name} is not a text file, so it cannot be a CSV file. {SAVE_AS_CSV}")])
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportRejected(
            [Problem(f"{name} has characters that cannot be read on line {_line_of(data, error.start)}. {SAVE_AS_CSV}")]
        ) from None
    return text, [
        f"{name} is not UTF-8, so it was read as Windows (Excel) text; check that names with accents "
        "or curly quotes came through as you expect."
    ]


def _line_of(data: bytes, position: int) -> int:
    return data[:position].count(b"\n") + 1


def _separator(text: str, columns: list[Column]) -> str:
    """The separator that turns the first line into the most headings this import knows."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    known = {column.name for column in columns}

    def score(separator: str) -> int:
        cells = next(csv.reader([first_line], delimiter=separator), [])
        return sum(normalise_heading(cell) in known for cell in cells)

    return max(SEPARATORS, key=lambda separator: (score(separator), separator == ","))


def _text_records(data: bytes, name: str, columns: list[Column]) -> tuple[list[str], list[tuple[int, list]]]:
    text, warnings = _decode(data, name)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise ImportRejected([Problem(f"{name} is not a text file, so it cannot be a CSV file. {SAVE_AS_CSV}")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text, columns))
    records = []
    try:
        # Lines are numbered as a spreadsheet numbers rows: one per record, even if a cell spans lines.
        for line, cells in enumerate(reader, start=1):
            rows_check(rows=line, name=name)
            columns_check(cells=cells, line=line, name=name)
            records.append((line, cells))
    except csv.Error as error:
        raise ImportRejected(
            [Problem(f"the file cannot be read as CSV here ({error}).", line=len(records) + 1)]
        ) from None
    return warnings, records


# -- Workbooks ----------------------------------------------------------------------------------


def _workbook_records(data: bytes, name: str, kind: ImportKind) -> tuple[list[str], list[tuple[int, list]]]:
    import openpyxl

    try:
        workbook_check(data=data, name=name)
    except ImportFileRefused:
        raise
    except (zipfile.BadZipFile, ValueError):
        raise ImportRejected(
            [Problem(f"{name} cannot be opened as an Excel workbook: it may be damaged or not a workbook.")]
        ) from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign file can fail anywhere in the zip and XML readers
        raise ImportRejected(
            [Problem(f"{name} cannot be opened as an Excel workbook: it may be damaged or not a workbook.")]
        ) from None
    try:
        sheets = [sheet for sheet in workbook.worksheets if getattr(sheet, "sheet_state", "visible") == "visible"]
        if not sheets:
            raise ImportRejected([Problem(f"{name} has no visible sheet to read.")])
        wanted = {kind.value, kind.value.rstrip("s")}
        named = [sheet for sheet in sheets if sheet.title.strip().lower() in wanted]
        sheet = named[0] if named else sheets[0]
        warnings = []
        if not named and len(sheets) > 1:
            others = ", ".join(f"\u201c{other.title}\u201d" for other in sheets[1:])
            warnings.append(
                f"{name} has {len(sheets)} sheets: read the first, \u201c{sheet.title}\u201d, and left {others} "
                f"unread. To read another sheet, name it \u201c{kind.value}\u201d."
            )
        records = [(line, [_cell_value(cell) for cell in cells]) for line, cells in sheet_rows(sheet, name=name)]
    finally:
        workbook.close()
    return warnings, records


def _cell_value(cell) -> object:
    value = cell.value
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in (getattr(cell, "number_format", "") or ""):
            # A cell formatted as a percentage holds the fraction and shows the percentage.
            number = number * 100
        return number
    return value if isinstance(value, datetime.date) else str(value)


# -- Headings and rows --------------------------------------------------------------------------


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(records: list[tuple[int, list]], name: str, columns: list[Column], warnings: list[str]) -> Table:
    records = [(line, cells) for line, cells in records if not all(_is_blank(cell) for cell in cells)]
    if not records:
        raise ImportRejected([Problem(f"The file {name} is empty: there is nothing to import.")])
    heading_line, raw_headings = records[0]
    headings = [normalise_heading(cell) for cell in raw_headings]
    known = {column.name: column for column in columns}
    problems = []
    seen: dict[str, int] = {}
    positions: dict[str, int] = {}
    for position, heading in enumerate(headings):
        if not heading:
            continue
        if heading in seen:
            problems.append(
                Problem(
                    f"the heading \u201c{heading}\u201d appears twice (columns {column_letter(seen[heading])} and "
                    f"{column_letter(position)}); keep one.",
                    line=heading_line,
                )
            )
            continue
        seen[heading] = position
        if heading in known:
            positions[heading] = position
        else:
            guess = difflib.get_close_matches(heading, known, n=1)
            hint = f" Did you mean \u201c{guess[0]}\u201d?" if guess else ""
            warnings.append(f"Column \u201c{heading}\u201d is not one this import reads, so it was ignored.{hint}")
    missing = [column.name for column in columns if column.required and column.name not in positions]
    if missing:
        names = ", ".join(missing)
        problems.append(
            Problem(
                f"the heading row has no {names} column{'s' if len(missing) > 1 else ''}. The first row must "
                f"hold the column headings: download the template to see them.",
                line=heading_line,
            )
        )
    if problems:
        raise ImportRejected(problems, warnings)
    rows = []
    for line, cells in records[1:]:
        unnamed = [
            position
            for position, cell in enumerate(cells)
            if not _is_blank(cell) and (position >= len(headings) or not headings[position])
        ]
        if unnamed:
            problems.append(
                Problem(
                    f"there is something in column {column_letter(unnamed[0])}, which has no heading. Check for a "
                    "stray comma or a value typed in the wrong column.",
                    line=line,
                )
            )
        rows.append(
            Row(
                line=line,
                cells={
                    heading: cells[position] if position < len(cells) else None
                    for heading, position in positions.items()
                },
            )
        )
    if not rows:
        raise ImportRejected(
            [Problem(f"{name} has the column headings but no rows under them: there is nothing to import.")],
            warnings,
        )
    return Table(
        headings=[heading for heading in headings if heading in positions],
        rows=rows,
        warnings=warnings,
        problems=problems,
    )
