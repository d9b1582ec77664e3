"""What every import accepts, in one place: the indicators' imports and the plan import both use it.

A file is refused whole, before anything is read into a table, when it is larger than
``CYP_IMPORT_MAX_MB`` megabytes (5 unless set), or, for an Excel workbook (a zip of
XML), when it

- unpacks to more than ``MAX_UNPACKED_MB`` megabytes (the sum of its members' sizes,
  known before anything is unpacked),
- has more than ``MAX_MEMBERS`` members, or
- has a member larger than a megabyte that is compressed more than ``MAX_RATIO`` times,
  which real sheets never are and zip bombs always are;

and a sheet or a CSV file is refused when it has more than ``CYP_IMPORT_MAX_ROWS`` rows
(2,000 unless set) or something in a column beyond ``MAX_COLUMNS``. A quarter's figures
for a few hundred indicators, or a plan of a hundred actions, are far inside every limit.
The row limit is what a request can check and write well inside the web server's timeout
(``CYP_WEB_TIMEOUT``, 60 s): an import takes 12 to 15 ms a row on a small server, so
2,000 rows take about half a minute; raise it only with a faster server or a longer timeout.

A worksheet's rows are read without trusting its declared dimension (``<dimension
ref="A1:D2"/>``): openpyxl's read-only mode stops at the declared last row and column,
and some tools write a wrong one (or none at all), so the dimension is reset and the
rows are read as they are in the file.

Each check raises ``ImportTooLarge`` with a message naming the file, the size found and
the limit, and a sheet whose XML cannot be parsed raises ``WorkbookUnreadable``; both are
``ImportFileRefused``, which the callers turn into their own kind of refusal.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from django.conf import settings

MAX_UNPACKED_MB = 50
MAX_MEMBERS = 1_000
MAX_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
MAX_COLUMNS = 50
MEGABYTE = 1024 * 1024


class ImportFileRefused(ValueError):
    """The whole file is refused before any row is checked; the message names the file and the fix."""


class ImportTooLarge(ImportFileRefused):
    """The file is beyond a limit every import has; the message names the file, the size and the limit."""


class WorkbookUnreadable(ImportFileRefused):
    """A sheet's XML cannot be read: damaged, cut short, or built to exhaust the parser."""


def import_max_rows() -> int:
    """The most rows (the heading row included) any import reads: ``CYP_IMPORT_MAX_ROWS``."""
    return settings.CYP_IMPORT_MAX_ROWS


def import_max_bytes() -> int:
    """The largest file any import accepts: ``CYP_IMPORT_MAX_MB`` megabytes."""
    return settings.CYP_IMPORT_MAX_MB * MEGABYTE


def _megabytes(size: int) -> str:
    """Megabytes to one decimal place, rounded up, so a file just over a limit never shows as at it."""
    tenths = -(-size * 10 // MEGABYTE)
    return f"{tenths / 10:.1f}".removesuffix(".0") + " MB"


def import_size_problem(*, name: str, size: int) -> str | None:
    """The message for a file too large to import, or None. Checked before the file is read into memory."""
    limit = import_max_bytes()
    if size <= limit:
        return None
    return (
        f"{name} is {_megabytes(size)}; the largest file an import accepts is {_megabytes(limit)}. "
        "Split it into smaller files, or remove sheets and images the import does not read."
    )


def import_size_check(*, name: str, size: int) -> None:
    problem = import_size_problem(name=name, size=size)
    if problem:
        raise ImportTooLarge(problem)


def workbook_check(*, data: bytes, name: str) -> None:
    """Refuse a workbook beyond the limits from its zip directory alone, before openpyxl opens it.

    Raises ImportTooLarge; raises zipfile.BadZipFile for a file that is not a zip at all.
    """
    import_size_check(name=name, size=len(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportTooLarge(
            f"{name} holds {len(members):,} files inside it; an Excel workbook of this kind holds at most "
            f"{MAX_MEMBERS:,}. Save the sheet you want to import in a new workbook and import that."
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_MB * MEGABYTE:
        raise ImportTooLarge(
            f"{name} unpacks to {_megabytes(unpacked)}; the limit is {MAX_UNPACKED_MB} MB. A real workbook is far "
            "smaller: check for formatting or content far below or to the right of the data, copy the rows you "
            "want to import into a new workbook, or split the file."
        )
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM_BYTES and ratio > MAX_RATIO:
            raise ImportTooLarge(
                f"{name} has a part ({member.filename}) compressed {ratio:,} times; real workbooks are compressed "
                f"at most {MAX_RATIO} times. Copy the rows you want to import into a new workbook and import that."
            )


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def rows_check(*, rows: int, name: str, where: str = "") -> None:
    """Refuse a table of more than ``import_max_rows()`` rows (``where`` names the sheet, for a workbook)."""
    limit = import_max_rows()
    if rows > limit:
        place = f"{name}, {where}" if where else name
        raise ImportTooLarge(
            f"{place} has more than {limit:,} rows; the limit is {limit:,}. Split it into smaller files."
        )


def columns_check(*, cells: list, line: int, name: str, where: str = "") -> None:
    """Refuse a row with something in a column beyond MAX_COLUMNS."""
    beyond = [position for position in range(MAX_COLUMNS, len(cells)) if not _is_blank(_value(cells[position]))]
    if beyond:
        place = f"{name}, {where}" if where else name
        raise ImportTooLarge(
            f"{place}, row {line} has something in column {column_letter(beyond[0])}; an import reads at most "
            f"{MAX_COLUMNS} columns (A to {column_letter(MAX_COLUMNS - 1)}). Delete the columns to the right of "
            "the data."
        )


def _value(cell):
    return getattr(cell, "value", cell)


def column_letter(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column letter a spreadsheet shows."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def sheet_rows(sheet, *, name: str, values_only: bool = False) -> Iterator[tuple[int, tuple]]:
    """(row number, cells) for every row of a worksheet as it is in the file, whatever its declared dimension.

    Reads at most MAX_COLUMNS + 1 columns, so a sheet styled out to column XFD costs nothing
    (cells further right are never read: no import has a heading there), and raises
    ImportTooLarge for something in column MAX_COLUMNS + 1 or a non-blank row beyond ``import_max_rows()``.
    Blank rows after the last one (formatting only) are read past, not counted. A row's
    trailing empty cells are dropped, so rows are as long as the file makes them.
    """
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # read-only mode would otherwise stop at the declared last row and column
    where = f"sheet \u201c{sheet.title}\u201d"
    limit = import_max_rows()
    rows = iter(sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS + 1, values_only=values_only))
    line = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except Exception as error:  # the XML parser's, for a damaged sheet or an entity bomb
            raise WorkbookUnreadable(
                f"{name} cannot be read: {where} is damaged ({type(error).__name__}). Open it in Excel, "
                "save it again as an Excel Workbook (.xlsx) and import the new file."
            ) from None
        line += 1
        if line > limit:
            if any(not _is_blank(_value(cell)) for cell in cells):
                rows_check(rows=line, name=name, where=where)
            continue
        columns_check(cells=cells, line=line, name=name, where=where)
        width = len(cells)
        while width and _value(cells[width - 1]) is None:
            width -= 1
        yield line, tuple(cells[:width])
