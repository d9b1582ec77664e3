"""The self-assessment as a Word document (python-docx), in the template's order and numbering.

Headings use Word's own heading styles, so the navigation pane, a screen reader and LibreOffice
read the structure; tables have a header row marked to repeat. All text is cleaned
(``cyp.text.text_clean``): Word refuses control characters.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from cyp.text import text_clean
from selfassessment.render.layout import statement_label, text_parts
from selfassessment.selectors import Outline, TableView


def _clean(value) -> str:
    return text_clean(value).replace("\t", " ")


def _table(doc, columns: list[str], rows: list[list[str]]) -> None:
    width = max([len(columns)] + [len(row) for row in rows]) or 1
    table = doc.add_table(rows=1, cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = table.rows[0]
    header_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for index in range(width):
        cell = header.cells[index]
        cell.text = ""
        run = cell.paragraphs[0].add_run(_clean(columns[index]) if index < len(columns) else "")
        run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for index in range(width):
            cells[index].text = _clean(row[index]) if index < len(row) else ""
    doc.add_paragraph()


def _text(doc, text: str) -> None:
    for part in text_parts(text_clean(text)):
        if part.kind == "table":
            _table(doc, list(part.rows[0]), [list(row) for row in part.rows[1:]])
        elif part.kind == "bullets":
            for line in part.lines:
                doc.add_paragraph(_clean(line), style="List Bullet")
        else:
            doc.add_paragraph(_clean("\n".join(part.lines)))


def _labelled(doc, label: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label} ").bold = True
    paragraph.add_run(_clean(value))


def _table_view(doc, view: TableView) -> None:
    doc.add_heading(_clean(view.title), level=3)
    if view.source_note:
        doc.add_paragraph(_clean(view.source_note)).runs[0].italic = True
    if view.rows:
        _table(doc, view.columns, view.rows)
    else:
        doc.add_paragraph("No figures yet.")


def document_docx(outline: Outline) -> bytes:
    document = outline.document
    doc = Document()
    doc.core_properties.title = _clean(str(document))
    doc.core_properties.author = _clean(document.local_authority)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)

    doc.add_paragraph(_clean(document.template.programme.upper())).runs[0].bold = True
    doc.add_heading(_clean(document.template.title.upper()), level=0)
    doc.add_paragraph(_clean(document.date_as_printed))
    _labelled(doc, "Local Authority:", document.local_authority)
    _labelled(doc, "Self-Assessment Contact name:", document.contact_name)
    _labelled(doc, "Telephone:", document.contact_phone)
    _labelled(doc, "Email:", document.contact_email)

    doc.add_heading("Contents", level=1)
    for line in (
        "INTRODUCTION",
        "PART A: CONTEXTUAL INFORMATION",
        "PART B: SUMMARY",
        "PART C: CURRENT SELF ASSESSMENT",
    ):
        doc.add_paragraph(line)
    for view in outline.sections:
        optional = " (optional section)" if view.section.template_section.optional else ""
        doc.add_paragraph(_clean(f"{view.heading}{optional}"), style="List Bullet")

    if document.introduction.strip():
        doc.add_heading("INTRODUCTION", level=1)
        _text(doc, document.introduction)

    doc.add_heading("PART A: CONTEXTUAL INFORMATION", level=1)
    doc.add_heading("1. Key Personnel in post", level=2)
    _table(
        doc,
        ["Job Title", "Name", "Start date in current role"],
        [[p.post, p.name, p.start_as_printed] for p in outline.key_people],
    )
    doc.add_heading("2. Key Documents", level=2)
    if document.key_documents_note:
        _text(doc, document.key_documents_note)
    _table(
        doc,
        ["Document", "Date", "Link to website or document where appropriate"],
        [[d.title, d.date_as_printed, d.link] for d in outline.key_documents],
    )
    doc.add_heading("3. About The Local Area and Services for Children", level=2)
    _text(doc, document.local_area)
    for view in outline.tables:
        _table_view(doc, view)

    doc.add_heading("PART B: SUMMARY", level=1)
    period = f" ({document.review_period})" if document.review_period else ""
    doc.add_heading(f"1. Review of the last year{period}", level=2)
    for kind, heading, items in outline.summary_lists:
        if kind == "improve":
            doc.add_heading(f"2. Looking Forward To {document.year.label}", level=2)
        if kind == "innovation":
            doc.add_heading("3. Innovation, Pilots and Good Practice", level=2)
        else:
            doc.add_heading(heading, level=3)
        _summary_table(doc, kind, items)
        if kind == "strength":
            doc.add_heading("1.4 Summary of Reviews, Evaluations and Inspections", level=3)
            _table(
                doc,
                ["Title", "Date", "Outcome and judgements"],
                [[i.title, i.date_as_printed, i.outcome] for i in outline.inspections],
            )

    doc.add_heading("PART C: CURRENT SELF-ASSESSMENT", level=1)
    for group, views in outline.groups:
        if group:
            doc.add_paragraph(_clean(f"{group}:")).runs[0].bold = True
        for view in views:
            _section(doc, view)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _summary_table(doc, kind: str, items) -> None:
    if kind in ("progress", "regional"):
        columns = ["Area for Improvement", "Outcome", "Reference to further information"]
        rows = [[v.item.text, _joined(v.item.outcome, v.became), v.item.reference] for v in items]
    elif kind == "strength":
        columns, rows = (
            ["Strength or Outcome", "Reference to further information"],
            [[v.item.text, v.item.reference] for v in items],
        )
    elif kind == "improve":
        columns = ["Area for Improvement", "Reference to further information", "Plan action"]
        rows = [[v.item.text, v.item.reference, v.became] for v in items]
    elif kind == "risk":
        columns = ["Risk", "Reference to further information"]
        rows = [[v.item.text, v.item.risk_register_ref or v.item.reference] for v in items]
    else:
        columns, rows = ["Title and Description", "Date"], [[v.item.text, v.item.date_as_printed] for v in items]
    if rows:
        _table(doc, columns, rows)
    else:
        doc.add_paragraph("None recorded.")


def _joined(*texts: str) -> str:
    return "\n\n".join(t for t in texts if t and t.strip())


def _section(doc, view) -> None:
    template_section = view.section.template_section
    optional = " (optional section)" if template_section.optional else ""
    doc.add_heading(_clean(f"{view.heading.upper()}{optional}"), level=2)
    if template_section.note:
        _text(doc, template_section.note)
    if view.section.author:
        _labelled(doc, "Author:", str(view.section.author))
    for block in view.blocks:
        for statement in block.statements:
            doc.add_paragraph(_clean(statement_label(statement.number, statement.text, statement.mandatory)))
        doc.add_heading("Summary and evidence", level=3)
        if block.block.grade:
            _labelled(doc, "Grade:", block.block.get_grade_display())
        doc.add_heading("Summary", level=4)
        _text(doc, block.block.summary or "No summary written.")
        if block.block.evidence.strip():
            doc.add_heading("Evidence", level=4)
            _text(doc, block.block.evidence)
        links = (
            [f"Indicator {i.number}: {i.name}" for i in block.indicators]
            + [f"{a.plan.title}, action {a.number}" for a in block.actions]
            + [f"{f.title} (PDF, {f.pages} page{'s' if f.pages != 1 else ''})" for f in block.files]
        )
        if links:
            doc.add_heading("Linked evidence", level=4)
            for link in links:
                doc.add_paragraph(_clean(link), style="List Bullet")
    for table in view.tables:
        _table_view(doc, table)
