"""The self-assessment as an A4 PDF in the pack's typography (``selfassessment.selectors.document_outline``).

The pack's fonts, styles and escaping (``reports.render.pdf_styles``): every text a person typed
goes through ``inline`` or ``rich``, so "<b>" or "&" in a box prints as typed. Tables repeat their
header and split within a row (``reports.render.pdf_plans._table``), so a five-page box lays out.
The order and numbering are the template's, as in the DOCX.
"""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from reports.render.pdf_layout import NamedLayoutErrors, labelled
from reports.render.pdf_plans import _footer, _header, _table
from reports.render.pdf_styles import (
    PAGE_MARGIN_BOTTOM,
    PAGE_MARGIN_TOP,
    PAGE_MARGIN_X,
    bullets,
    clean,
    inline,
    markup,
    pack_styles,
    rich,
)
from selfassessment.render.layout import statement_label, text_parts

WIDTH = A4[0] - 2 * PAGE_MARGIN_X


@cache
def styles() -> dict[str, ParagraphStyle]:
    pack = pack_styles()
    return {
        "title": pack["front_title"],
        "council": pack["council"],
        "h1": ParagraphStyle("sa_h1", parent=pack["h1"], keepWithNext=1, spaceBefore=12),
        "h2": ParagraphStyle("sa_h2", parent=pack["h2"], keepWithNext=1),
        "h3": ParagraphStyle("sa_h3", parent=pack["h3"], keepWithNext=1),
        "h4": ParagraphStyle("sa_h4", parent=pack["section_head"], keepWithNext=1),
        "statement": ParagraphStyle("sa_statement", parent=pack["body"], leftIndent=12, keepWithNext=1),
        "body": pack["body"],
        "muted": pack["muted"],
        "cell": pack["cell"],
    }


def _cell(value) -> list[Flowable]:
    return rich(value, styles()["cell"]) or [Paragraph("", styles()["cell"])]


def _grid(columns: list[str], rows: list[list[str]], widths: list[float] | None = None):
    width = max([len(columns)] + [len(row) for row in rows]) or 1
    columns = list(columns) + [""] * (width - len(columns))
    data = [_header(columns)] + [[_cell(row[i] if i < len(row) else "") for i in range(width)] for row in rows]
    return _table(data, widths or [WIDTH / width] * width)


def _text(text: str) -> list[Flowable]:
    story: list[Flowable] = []
    for part in text_parts(text):
        if part.kind == "table":
            story.append(_grid(list(part.rows[0]), [list(r) for r in part.rows[1:]]))
            story.append(Spacer(1, 6))
        elif part.kind == "bullets":
            story += bullets([markup(line) for line in part.lines])
        else:
            story += rich("\n".join(part.lines), styles()["body"])
    return story


def _h(text: str, level: str, where: str) -> Flowable:
    return labelled(Paragraph(inline(text), styles()[level]), where)


def _summary_rows(kind: str, items) -> tuple[list[str], list[list[str]]]:
    if kind in ("progress", "regional"):
        return ["Area for Improvement", "Outcome", "Reference to further information"], [
            [v.item.text, "\n\n".join(t for t in (v.item.outcome, v.became) if t.strip()), v.item.reference]
            for v in items
        ]
    if kind == "strength":
        return ["Strength or Outcome", "Reference to further information"], [
            [v.item.text, v.item.reference] for v in items
        ]
    if kind == "improve":
        return ["Area for Improvement", "Reference to further information", "Plan action"], [
            [v.item.text, v.item.reference, v.became] for v in items
        ]
    if kind == "risk":
        return ["Risk", "Reference to further information"], [
            [v.item.text, v.item.risk_register_ref or v.item.reference] for v in items
        ]
    return ["Title and Description", "Date"], [[v.item.text, v.item.date_as_printed] for v in items]


def self_assessment_story(outline) -> list[Flowable]:
    document = outline.document
    s = styles()
    where = str(document)
    story: list[Flowable] = [
        Paragraph(inline(document.template.programme.upper()), s["council"]),
        Paragraph(inline(document.template.title.upper()), s["title"]),
        Paragraph(inline(document.date_as_printed), s["body"]),
        _grid(
            ["", ""],
            [
                ["Local Authority", document.local_authority],
                ["Self-Assessment Contact name", document.contact_name],
                ["Telephone", document.contact_phone],
                ["Email", document.contact_email],
            ],
            [WIDTH * 0.35, WIDTH * 0.65],
        ),
    ]
    if document.introduction.strip():
        story += [_h("INTRODUCTION", "h1", where), *_text(document.introduction)]
    story.append(_h("PART A: CONTEXTUAL INFORMATION", "h1", where))
    story.append(_h("1. Key Personnel in post", "h2", where))
    story.append(
        _grid(
            ["Job Title", "Name", "Start date in current role"],
            [[p.post, p.name, p.start_as_printed] for p in outline.key_people],
            [WIDTH * 0.45, WIDTH * 0.25, WIDTH * 0.3],
        )
    )
    story.append(_h("2. Key Documents", "h2", where))
    story += _text(document.key_documents_note)
    story.append(
        _grid(
            ["Document", "Date", "Link to website or document"],
            [[d.title, d.date_as_printed, d.link] for d in outline.key_documents],
            [WIDTH * 0.45, WIDTH * 0.15, WIDTH * 0.4],
        )
    )
    story.append(_h("3. About The Local Area and Services for Children", "h2", where))
    story += _text(document.local_area)
    for table in outline.tables:
        story.append(_h(table.title, "h3", f"{where}, table {table.title}"))
        if table.source_note:
            story.append(Paragraph(inline(table.source_note), s["muted"]))
        story.append(_grid(table.columns, table.rows) if table.rows else Paragraph("No figures yet.", s["muted"]))

    story.append(_h("PART B: SUMMARY", "h1", where))
    period = f" ({document.review_period})" if document.review_period else ""
    story.append(_h(f"1. Review of the last year{period}", "h2", where))
    for kind, heading, items in outline.summary_lists:
        if kind == "improve":
            story.append(_h(f"2. Looking Forward To {document.year.label}", "h2", where))
        if kind == "innovation":
            story.append(_h("3. Innovation, Pilots and Good Practice", "h2", where))
        else:
            story.append(_h(heading, "h3", where))
        columns, rows = _summary_rows(kind, items)
        story.append(_grid(columns, rows) if rows else Paragraph("None recorded.", s["muted"]))
        if kind == "strength":
            story.append(_h("1.4 Summary of Reviews, Evaluations and Inspections", "h3", where))
            story.append(
                _grid(
                    ["Title", "Date", "Outcome and judgements"],
                    [[i.title, i.date_as_printed, i.outcome] for i in outline.inspections],
                    [WIDTH * 0.3, WIDTH * 0.15, WIDTH * 0.55],
                )
            )

    story.append(_h("PART C: CURRENT SELF-ASSESSMENT", "h1", where))
    for group, views in outline.groups:
        if group:
            story.append(Paragraph(inline(f"{group}:"), s["h4"]))
        for view in views:
            story += _section(view, where)
    return story


def _section(view, where: str) -> list[Flowable]:
    s = styles()
    section_where = f"{where}, section {view.section.number}"
    template_section = view.section.template_section
    optional = " (optional section)" if template_section.optional else ""
    story: list[Flowable] = [_h(f"{view.heading.upper()}{optional}", "h2", section_where)]
    story += _text(template_section.note)
    if view.section.author:
        story.append(Paragraph(inline(f"Author: {view.section.author}"), s["muted"]))
    for block in view.blocks:
        for statement in block.statements:
            story.append(
                Paragraph(
                    inline(statement_label(statement.number, statement.text, statement.mandatory)), s["statement"]
                )
            )
        block_where = f"{section_where}, statements {block.numbers or 'none'}"
        story.append(_h("Summary and evidence", "h3", block_where))
        if block.block.grade:
            story.append(Paragraph(inline(f"Grade: {block.block.get_grade_display()}"), s["body"]))
        story.append(_h("Summary", "h4", block_where))
        story += _text(block.block.summary or "No summary written.")
        if block.block.evidence.strip():
            story.append(_h("Evidence", "h4", block_where))
            story += _text(block.block.evidence)
        links = (
            [f"Indicator {i.number}: {i.name}" for i in block.indicators]
            + [f"{a.plan.title}, action {a.number}" for a in block.actions]
            + [f"{f.title} (PDF, {f.pages} page{'s' if f.pages != 1 else ''})" for f in block.files]
        )
        if links:
            story.append(_h("Linked evidence", "h4", block_where))
            story += bullets([markup(link) for link in links])
    for table in view.tables:
        story.append(_h(table.title, "h3", section_where))
        story.append(_grid(table.columns, table.rows) if table.rows else Paragraph("No figures yet.", s["muted"]))
    return story


class SelfAssessmentDocTemplate(NamedLayoutErrors, SimpleDocTemplate):
    what = "Self-assessment"


def self_assessment_pdf(outline) -> bytes:
    """The whole document as an A4 PDF. Raises ``reports.render.pdf_layout.PackRenderError`` naming the part."""
    buffer = io.BytesIO()
    document = outline.document
    pdf = SelfAssessmentDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN_X,
        rightMargin=PAGE_MARGIN_X,
        topMargin=PAGE_MARGIN_TOP,
        bottomMargin=PAGE_MARGIN_BOTTOM,
        title=clean(str(document)),
        author=clean(document.local_authority),
        subject=clean(f"{document.template.title}, {document.date_as_printed}"),
        creator="cyp",
        lang="en-GB",
    )
    pdf.footer_left = clean(f"{document.local_authority}: {document} ({document.date_as_printed})")
    pdf.build(self_assessment_story(outline), onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
