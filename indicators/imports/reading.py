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
- **Headings** are the performance team's words ("Period end", "X (numerator)") or today's codes
  (``period_end``, ``numerator``) or an alias ("Month", "X"), matched without regard to case, spaces
  or punctuation (``indicators.imports.columns``). A problem names the column as the file heads it.
  Line numbers count the heading row as line 1, as a spreadsheet numbers rows. Blank rows are skipped
  (and still counted), and so are the templates' example rows ("Example – delete this row").
- **More sheets.** The figures workbook may also carry a ``benchmarks`` and a ``breakdowns`` sheet,
  read beside the figures; a ``Read me`` sheet is never read. When several sheets are read, every
  problem names its sheet.
- **Months.** A date cell Excel shows as a month (``Aug-23``, ``August 2023``: a format with no day)
  is read as that month, not as its first day.
"""

from __future__ import annotations

import calendar
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
from indicators.imports.columns import EXAMPLE, EXAMPLE_MARK, extra_sheets

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
READ_ME = "read_me"


@dataclass(frozen=True)
class Month:
    """A cell that holds a month, not a day: an Excel date shown as Aug-23 or August 2023."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"


@dataclass
class Row:
    """One data row: its line number and each known column's raw cell (text, number, date, month, bool or None).

    ``names`` are the column headings as the file writes them (for messages); ``sheet`` is named when a
    workbook's several sheets were read."""

    line: int
    cells: dict[str, object]
    names: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None


@dataclass
class Table:
    headings: list[str]
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)
    #: Problems with single rows found while reading; the import adds its own and reports them all.
    problems: list[Problem] = field(default_factory=list)
    #: Each column's heading as the file writes it ("Period end" or "period_end"), by code.
    names: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    #: The other sheets of the workbook this import reads (figures: benchmarks, breakdowns), by sheet name.
    sheets: dict[str, Table] = field(default_factory=dict)
    #: The lines of the template's example rows, skipped.
    examples: list[int] = field(default_factory=list)

    def problem(self, message: str, *, line: int | None, column: str | None) -> Problem:
        """A problem on this table's sheet, naming the column as the file heads it."""
        return Problem(message, line=line, column=self.names.get(column, column) if column else None, sheet=self.sheet)

    def named(self, problems: list[Problem]) -> list[Problem]:
        """Problems made with a column's code, naming it as the file heads it instead (the rest unchanged)."""
        return [
            Problem(problem.message, problem.line, self.names[problem.column], problem.sheet or self.sheet)
            if problem.column in self.names
            else problem
            for problem in problems
        ]


def normalise_heading(heading: object) -> str:
    """ "Period End" -> "period_end"; "SN mean*" -> "sn_mean"; "X (numerator)" -> "x_numerator"."""
    text = str(heading or "").strip().strip("*").strip().lower()
    return re.sub(r"[^0-9a-z£]+", "_", text).strip("_")


def heading_keys(columns: list[Column]) -> dict[str, str]:
    """Every way a file may head each column (normalised) -> the column's code."""
    keys: dict[str, str] = {}
    for column in [*columns, EXAMPLE]:
        for written in (*column.aliases, column.heading, column.name):
            if written:
                keys[normalise_heading(written)] = column.name
    return keys


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
    extras: dict[str, list[tuple[int, list]]] = {}
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
        warnings, records, main_title, extras = _workbook_records(data, name, kind)
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
    if not extras:
        return _table(records, name, columns, warnings)
    # Every sheet is checked before any problem is reported, so one upload lists them all.
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    sheets = [(main_title, columns, records, True)] + [
        (sheet.name, sheet.columns, extras[sheet.name], False) for sheet in extra_sheets(kind) if sheet.name in extras
    ]
    for title, sheet_columns, sheet_records, main in sheets:
        try:
            # The import's own sheet may be empty when another has rows (a year's benchmarks, alone).
            tables[title] = _table(sheet_records, name, sheet_columns, warnings, sheet=title, main=main, empty_ok=main)
        except ImportRejected as rejected:
            problems.extend(rejected.problems)
    if not problems and not any(table.rows for table in tables.values()):
        if any(table.examples for table in tables.values()):
            message = (
                f"{name} has only the template's example rows: add your own rows under the headings, and delete "
                "the examples."
            )
        else:
            message = f"{name} has no rows under the headings of any of its sheets: there is nothing to import."
        problems.append(Problem(message))
    if problems:
        raise ImportRejected(problems, warnings)
    table = tables.pop(main_title)
    table.sheets = tables
    return table


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
    known = heading_keys(columns)

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


def _workbook_records(data: bytes, name: str, kind: ImportKind):
    """(warnings, the import's sheet's records, that sheet's title, {other sheet read: its records})."""
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
        visible = [sheet for sheet in workbook.worksheets if getattr(sheet, "sheet_state", "visible") == "visible"]
        extra_names = {sheet.name for sheet in extra_sheets(kind)}
        by_title = {normalise_heading(sheet.title): sheet for sheet in visible}
        extras = {title: by_title[title] for title in extra_names if title in by_title}
        # The Read me sheet and the other sheets this import reads are never taken for the import's own.
        sheets = [sheet for sheet in visible if normalise_heading(sheet.title) not in {READ_ME, *extras}]
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
        records = _sheet_records(sheet, name)
        extra_records = {title: _sheet_records(other, name) for title, other in extras.items()}
    finally:
        workbook.close()
    return warnings, records, sheet.title, extra_records


def _sheet_records(sheet, name: str) -> list[tuple[int, list]]:
    return [(line, [_cell_value(cell) for cell in cells]) for line, cells in sheet_rows(sheet, name=name)]


def _cell_value(cell) -> object:
    value = cell.value
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime.date):
        number_format = re.sub(r"\[[^\]]*\]|\"[^\"]*\"", "", getattr(cell, "number_format", "") or "").lower()
        if "y" in number_format and "m" in number_format and "d" not in number_format:
            return Month(value.year, value.month)  # shown as Aug-23: the month, not its first day
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


def _table(
    records: list[tuple[int, list]],
    name: str,
    columns: list[Column],
    warnings: list[str],
    *,
    sheet: str | None = None,
    main: bool = True,
    empty_ok: bool = False,
) -> Table:
    """The rows under the heading row. ``sheet`` names the sheet in every problem; a sheet that is not the
    import's own (``main``) may be empty."""
    records = [(line, cells) for line, cells in records if not all(_is_blank(cell) for cell in cells)]
    where = f"The sheet \u201c{sheet}\u201d of {name}" if sheet and not main else f"The file {name}"
    if not records:
        if not main:
            return Table(headings=[], rows=[], sheet=sheet)
        raise ImportRejected([Problem(f"{where} is empty: there is nothing to import.")])
    heading_line, raw_headings = records[0]
    keys = heading_keys(columns)
    # How each key is spelled in a suggestion: as the column's code when it is one, else as written.
    spelled = {
        normalise_heading(written): written
        for column in [*columns, EXAMPLE]
        for written in (*column.aliases, column.heading, column.name)
        if written
    }
    problems = []
    seen: dict[str, int] = {}
    positions: dict[str, int] = {}
    names: dict[str, str] = {}
    for position, raw in enumerate(raw_headings):
        heading = normalise_heading(raw)
        if not heading:
            continue
        code = keys.get(heading)
        if code in seen or (code is None and heading in seen):
            problems.append(
                Problem(
                    f"the heading \u201c{show_heading(raw)}\u201d appears twice (columns "
                    f"{column_letter(seen[code or heading])} and {column_letter(position)}); keep one.",
                    line=heading_line,
                    sheet=sheet,
                )
            )
            continue
        seen[code or heading] = position
        if code is not None:
            positions[code] = position
            names[code] = show_heading(raw)
        else:
            guess = difflib.get_close_matches(heading, keys, n=1)
            hint = f" Did you mean \u201c{spelled[guess[0]]}\u201d?" if guess else ""
            on_sheet = f" of the sheet \u201c{sheet}\u201d" if sheet and not main else ""
            warnings.append(
                f"Column \u201c{show_heading(raw)}\u201d{on_sheet} is not one this import reads, so it was "
                f"ignored.{hint}"
            )
    missing = [column.title for column in columns if column.required and column.name not in positions]
    if missing:
        listed = ", ".join(missing)
        problems.append(
            Problem(
                f"the heading row has no {listed} column{'s' if len(missing) > 1 else ''}. The first row must "
                f"hold the column headings: download the template to see them.",
                line=heading_line,
                sheet=sheet,
            )
        )
    if problems:
        raise ImportRejected(problems, warnings)
    rows = []
    examples = []
    for line, cells in records[1:]:
        unnamed = [
            position
            for position, cell in enumerate(cells)
            if not _is_blank(cell) and (position >= len(raw_headings) or not normalise_heading(raw_headings[position]))
        ]
        if unnamed:
            problems.append(
                Problem(
                    f"there is something in column {column_letter(unnamed[0])}, which has no heading. Check for a "
                    "stray comma or a value typed in the wrong column.",
                    line=line,
                    sheet=sheet,
                )
            )
        row_cells = {
            code: cells[position] if position < len(cells) else None
            for code, position in positions.items()
            if code != EXAMPLE.name
        }
        if EXAMPLE.name in positions:
            mark = cells[positions[EXAMPLE.name]] if positions[EXAMPLE.name] < len(cells) else None
            if isinstance(mark, str) and mark.strip().lower().startswith("example"):
                examples.append(line)
                continue
            if not _is_blank(mark):
                problems.append(
                    Problem(
                        f"only the template's example rows have something here (\u201c{EXAMPLE_MARK}\u201d); "
                        "clear this cell for a row of your own, or delete the row.",
                        line=line,
                        column=names[EXAMPLE.name],
                        sheet=sheet,
                    )
                )
        rows.append(Row(line=line, cells=row_cells, names=names, sheet=sheet))
    if examples:
        listed = _lines(examples)
        warnings.append(
            f"{listed} {'is an example row' if len(examples) == 1 else 'are example rows'} of the template "
            f"(\u201c{EXAMPLE_MARK}\u201d){' on the sheet ' + chr(0x201C) + sheet + chr(0x201D) if sheet else ''}, "
            "so skipped."
        )
    if not rows and main and not empty_ok:
        if examples:
            message = (
                f"{name} has only the template's example rows: add your own rows under the headings, and delete "
                "the examples."
            )
        else:
            message = f"{name} has the column headings but no rows under them: there is nothing to import."
        raise ImportRejected([Problem(message, sheet=sheet)], warnings)
    return Table(
        headings=[code for code in positions if code != EXAMPLE.name],
        rows=rows,
        warnings=warnings,
        problems=problems,
        names=names,
        sheet=sheet,
        examples=examples,
    )


def show_heading(raw: object) -> str:
    """A heading cell as the file writes it, for messages."""
    return str(raw).strip().strip("*").strip()


def _lines(lines: list[int]) -> str:
    """ "Line 2", "Lines 2 and 3", "Lines 2, 3 and 5"."""
    if len(lines) == 1:
        return f"Line {lines[0]}"
    return "Lines " + ", ".join(str(line) for line in lines[:-1]) + f" and {lines[-1]}"
