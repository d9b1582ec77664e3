"""The import templates and the column lists, written from ``indicators.imports.columns`` alone.

- ``template_csv``: the import's own sheet as CSV: the heading row in the performance team's words,
  then the example rows (marked "Example – delete this row", which the import skips).
- ``template_xlsx``: a workbook with the import's sheet (and, for figures, the benchmarks and
  breakdowns sheets), each with its example rows, and a "Read me" sheet documenting every column.
- ``columns_markdown``: the same column lists as Markdown, for the README (a test keeps it in step).

Every cell goes through ``cyp.cells`` (the one cell writer).
"""

from __future__ import annotations

import io

from cyp.cells import csv_text, xlsx_append
from indicators.imports.base import Column, ImportKind, Sheet
from indicators.imports.columns import EXAMPLE, EXAMPLE_MARK, SHEETS, sheets_for

READ_ME_TITLE = "Read me"
READ_ME_HEADINGS = ["Sheet", "Column", "Needed", "What it means", "Accepted values", "Example"]


def template_columns(sheet: Sheet) -> list[Column]:
    """The columns a template prints: the example marker first, then the sheet's own."""
    return [EXAMPLE, *sheet.columns]


def template_rows(sheet: Sheet) -> list[list[object]]:
    """The heading row in words, then the sheet's example rows."""
    columns = template_columns(sheet)
    rows: list[list[object]] = [[column.title for column in columns]]
    for example in sheet.examples:
        rows.append([EXAMPLE_MARK, *(example.get(column.name) for column in sheet.columns)])
    return rows


def template_csv(kind: ImportKind | str) -> str:
    """The import's own sheet as CSV, with its example rows."""
    return csv_text(template_rows(sheets_for(kind)[0]))


def read_me_rows(kind: ImportKind | str) -> list[list[str]]:
    """One row per column of every sheet of the import: what it means, what it takes, an example."""
    rows = []
    for sheet in sheets_for(kind):
        for column in template_columns(sheet):
            rows.append(
                [
                    sheet.name,
                    column.title,
                    "Yes" if column.required else "No",
                    column.help,
                    _accepted(column),
                    column.example,
                ]
            )
    return rows


def _accepted(column: Column) -> str:
    also = [column.name, *column.aliases]
    others = [name for name in also if name.lower() != column.title.lower()]
    heading = f" The column may also be headed {', '.join(others)}." if others else ""
    return f"{column.accepted or 'Text'}.{heading}"


def template_xlsx(kind: ImportKind | str) -> bytes:
    """A workbook: the import's sheets with their example rows, and a Read me sheet on every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets_for(kind):
        worksheet = workbook.create_sheet(sheet.name)
        for position, row in enumerate(template_rows(sheet)):
            xlsx_append(worksheet, row, font=bold if position == 0 else None)
        worksheet.freeze_panes = "A2"
        for letter_index, column in enumerate(template_columns(sheet)):
            worksheet.column_dimensions[_letter(letter_index)].width = max(14, min(40, len(column.title) + 4))
    read_me = workbook.create_sheet(READ_ME_TITLE)
    xlsx_append(read_me, [f"How to fill in the {ImportKind(kind).label.lower()} file"], font=Font(bold=True, size=14))
    for sheet in sheets_for(kind):
        xlsx_append(read_me, [f"Sheet \u201c{sheet.name}\u201d: {sheet.about}"])
    xlsx_append(
        read_me,
        [
            f"Rows whose Example column says \u201c{EXAMPLE_MARK}\u201d are skipped: delete them, or leave them. "
            "Headings may be these words or the short codes in Accepted values; a column left out keeps what is "
            "stored. This sheet is never read."
        ],
    )
    xlsx_append(read_me, [])
    xlsx_append(read_me, READ_ME_HEADINGS, font=bold)
    for row in read_me_rows(kind):
        for cell in xlsx_append(read_me, row):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (12, 26, 8, 60, 60, 30), strict=True):
        read_me.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def columns_markdown() -> str:
    """Every import's columns as Markdown tables, for the README's "Import columns" section."""
    lines = []
    for kind, sheets in SHEETS.items():
        for sheet in sheets:
            title = kind.label if sheet.main else f"{kind.label}: the {sheet.name} sheet"
            lines += [f"#### {title}", "", sheet.about, ""]
            lines += [
                "| column | code | needed | what it means | accepted values | example |",
                "|---|---|---|---|---|---|",
            ]
            for column in template_columns(sheet):
                cells = [
                    column.title,
                    f"`{column.name}`",
                    "yes" if column.required else "no",
                    column.help,
                    column.accepted or "Text",
                    column.example or "",
                ]
                lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


README_START = "<!-- import columns: written by indicators.imports.templates.columns_markdown -->"
README_END = "<!-- end of import columns -->"


def readme_with_columns(text: str) -> str:
    """The README with its import column lists replaced by ``columns_markdown`` (between the two markers)."""
    start = text.index(README_START) + len(README_START)
    end = text.index(README_END)
    return text[:start] + "\n\n" + columns_markdown() + "\n" + text[end:]
