"""Workbooks as other tools write them, built byte by byte: a wrong dimension, inline strings, zip bombs."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_CLOSE = "</sheetData></worksheet>"


def workbook_xml(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(title)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _cell(reference: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows: list[list]) -> str:
    body = "".join(
        f'<row r="{line}">'
        + "".join(_cell(f"{get_column_letter(column)}{line}", value) for column, value in enumerate(row, start=1))
        + "</row>"
        for line, row in enumerate(rows, start=1)
    )
    return SHEET_OPEN + body + SHEET_CLOSE


def zipped(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def inline_string_workbook(rows: list[list], *, title: str = "Sheet1") -> bytes:
    """A minimal workbook as LibreOffice exports and web tools write it: inline strings, no dimension
    element, no shared strings, no styles. Numbers are plain numbers; dates must be written as text."""
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": workbook_xml(title),
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet_xml(rows),
        }
    )


def openpyxl_workbook(rows: list[list], *, title: str = "Sheet1", before: list[list] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in [*before, *rows]:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_dimension(data: bytes, reference: str) -> bytes:
    """The workbook with sheet1's <dimension ref="…"/> rewritten, as a tool with a bug writes it."""
    members = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    rewritten, count = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{reference}"/>', sheet)
    assert count == 1, "the workbook has no dimension element to rewrite"
    members["xl/worksheets/sheet1.xml"] = rewritten
    return zipped(members)


def bomb_workbook(*, unpacked_mb: int, title: str = "Sheet1", header: list | None = None) -> bytes:
    """A workbook whose one sheet is ``unpacked_mb`` megabytes of one repeated row: well under 1 MB zipped."""
    row = "<row>" + "".join(f'<c t="inlineStr"><is><t>{"x" * 90}</t></is></c>' for _ in range(10)) + "</row>"
    count = unpacked_mb * 1024 * 1024 // len(row) + 1
    head = sheet_xml([header])[len(SHEET_OPEN) : -len(SHEET_CLOSE)] if header else ""
    sheet = SHEET_OPEN + head + row * count + SHEET_CLOSE
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": workbook_xml(title),
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def many_members_workbook(count: int) -> bytes:
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook_xml("Sheet1"),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml([["a"]]),
    }
    members.update({f"xl/media/image{number}.bin": b"" for number in range(count)})
    return zipped(members)


def iso(day: datetime.date) -> str:
    return day.isoformat()


def _single_sheet(sheet: str, title: str) -> bytes:
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": workbook_xml(title),
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def damaged_workbook(*, title: str = "Sheet1") -> bytes:
    """A sheet cut short after its dimension: openpyxl opens the workbook and fails on the rows."""
    sheet = SHEET_OPEN.replace("<sheetData>", '<dimension ref="A1:A2"/><sheetData>')
    return _single_sheet(
        sheet + '<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c></row><row r="2"><c', title
    )


def entity_bomb_workbook(*, title: str = "Sheet1") -> bytes:
    """A sheet whose one cell is a "billion laughs" entity, a few hundred bytes that expand to gigabytes."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/>'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return _single_sheet(sheet, title)
