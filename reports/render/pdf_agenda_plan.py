"""The agenda plan paper in the PDF (``reports.document.AgendaPlanPaper``), in the pack's typography.

As the council prints it (seed 002): the notes, then one table of every future meeting
(Committee date | Agenda item | Lead officer | Reference if key decision | Deadline for
draft reports | Agenda despatch date), the dates on each meeting's first row. Every text
a person typed goes through ``inline`` or ``rich`` (``reports.render.pdf_styles``), so
markup in a title prints as typed. The header repeats on every page and rows split
within a row; a title or note longer than ``LONG_CELL`` characters shows its opening in
the table and follows it in full under its own heading, so no row is pages long.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from cyp.dates import long_date
from reports.document import AgendaEntry, AgendaPlanPaper, AgendaPlanRow
from reports.render.pdf_layout import labelled
from reports.render.pdf_styles import ACCENT, MUTED, PALE, RULE, inline, pack_styles, para, rich
from reports.render.text import plain

COLUMNS = (0.14, 0.34, 0.14, 0.13, 0.125, 0.125)
HEADER = (
    "Committee date",
    "Agenda item",
    "Lead officer",
    "Reference if key decision",
    "Deadline for draft reports",
    "Agenda despatch date",
)
#: A title and note together longer than this (characters) print in full after the table.
LONG_CELL = 1200
EXCERPT = 300
#: As the pack's other tables: split within a row when about three lines of it fit.
SPLIT_IN_ROW = 36


@cache
def _styles() -> dict[str, ParagraphStyle]:
    pack = pack_styles()
    return {
        "h2": ParagraphStyle("agenda_plan_h2", parent=pack["h2"], keepWithNext=1),
        "h3": ParagraphStyle("agenda_plan_h3", parent=pack["h3"], keepWithNext=1),
        "body": pack["body"],
        "note": pack["small"],
        "cell": pack["cell"],
        "cell_bold": pack["cell_bold"],
        "cell_head": pack["cell_head"],
        "cell_muted": ParagraphStyle("agenda_plan_cell_muted", parent=pack["cell"], textColor=MUTED),
    }


def _cell(value, style: str = "cell") -> list[Flowable]:
    """A list of paragraphs (never one Paragraph), so that the row can split between pages."""
    styles = _styles()
    return rich(value, styles[style]) or [Paragraph("", styles[style])]


def _excerpt(text: str) -> str:
    opening = text[:EXCERPT]
    space = opening.rfind(" ")
    return (opening[:space] if space > EXCERPT // 2 else opening).rstrip() + "…"


def _is_long(row: AgendaPlanRow) -> bool:
    return len(row.title) + len(row.note) > LONG_CELL


def _item_cell(row: AgendaPlanRow) -> list[Flowable]:
    marks = f" {row.marks}" if row.marks else ""
    if _is_long(row):
        cell = _cell(_excerpt(row.title) + marks, "cell_bold")
        return [*cell, Paragraph("<i>Continued after this table.</i>", _styles()["cell_muted"])]
    cell = _cell(row.title + marks, "cell_bold")
    if row.note:
        cell += _cell(row.note, "cell_muted")
    return cell


def _table(paper: AgendaPlanPaper, width: float, where: str) -> LongTable:
    styles = _styles()
    rows: list[list] = [[[Paragraph(inline(label), styles["cell_head"])] for label in HEADER]]
    for meeting in paper.meetings:
        for position, row in enumerate(meeting.rows):
            first = position == 0
            row_where = f"{where}, meeting of {long_date(meeting.date)}, “{plain(row.title)[:60]}”"
            rows.append(
                [
                    _cell(long_date(meeting.date) if first else "", "cell_bold"),
                    labelled(_item_cell(row), row_where),
                    _cell(row.lead_officer),
                    _cell(row.key_decision_reference),
                    _cell(long_date(meeting.draft_reports_due) if first else ""),
                    _cell(long_date(meeting.agenda_despatch) if first else ""),
                ]
            )
    table = LongTable(
        rows,
        colWidths=[width * part for part in COLUMNS],
        repeatRows=1,
        splitByRow=0,
        splitInRow=SPLIT_IN_ROW,
        hAlign="LEFT",
    )
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    # Each meeting's first row is shaded, so a reader sees where the next meeting starts (the date says it too).
    index = 1
    for meeting in paper.meetings:
        if meeting.rows:
            commands.append(("BACKGROUND", (0, index), (-1, index), PALE))
        index += len(meeting.rows)
    table.setStyle(TableStyle(commands))
    return table


def _continued(paper: AgendaPlanPaper, where: str) -> list[Flowable]:
    styles = _styles()
    story: list[Flowable] = []
    for meeting in paper.meetings:
        for row in meeting.rows:
            if not _is_long(row):
                continue
            heading = Paragraph(f"Meeting of {inline(long_date(meeting.date))}: agenda item in full", styles["h3"])
            part = [heading, *rich(row.title + (f" {row.marks}" if row.marks else ""), styles["body"])]
            if row.note:
                part += rich(row.note, styles["body"])
            story += labelled(part, f"{where}, meeting of {long_date(meeting.date)} (item in full)")
    return story


def agenda_plan_story(entry: AgendaEntry, width: float) -> list[Flowable]:
    """The paper under the item's title: notes, the table, then any long item in full."""
    where = f"Item {entry.number}, agenda plan"
    story: list[Flowable] = [para(inline(entry.title), "h1")]
    paper: AgendaPlanPaper | None = entry.paper
    if paper is None:
        return [*story, para("The agenda plan is not available.", "empty")]
    styles = _styles()
    story.append(Paragraph(f"{inline(paper.committee_name)} Agenda Plan", styles["h2"]))
    if paper.published_on is not None:
        story.append(Paragraph(f"Published on {inline(long_date(paper.published_on))}", styles["body"]))
    story.append(Paragraph("Notes", styles["h3"]))
    story += [Paragraph(inline(note), styles["note"]) for note in paper.notes]
    if not paper.meetings:
        return [*story, para("No items are planned for future meetings.", "empty")]
    story.append(labelled(_table(paper, width, where), where))
    story += _continued(paper, where)
    return story
