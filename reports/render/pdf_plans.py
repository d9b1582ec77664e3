"""The improvement plan report in the PDF, in the pack's typography (``plans.report`` builds its data).

The same fonts (DejaVu Sans, with Symbola for the characters DejaVu lacks), styles
and escaping as the rest of the pack (``reports.render.pdf_styles``): every text a
person typed goes through ``inline`` or ``rich``, so "<b>", "&" or "<font>" in a
progress update print as typed and are never read as markup.

Any text within the limits lays out:

- every table repeats its header row and splits within the row that reaches the
  foot of the page (``splitInRow``; between rows when less than three lines of it
  would fit): each cell is a list of paragraphs, which reportlab can divide between
  pages;
- an action's item or progress update longer than ``LONG_CELL`` characters would
  make its row a narrow column pages long: the table shows its opening words and
  says it continues, and the whole text follows the table under a heading such as
  "Action 3.2: latest approved progress as at 14 May 2024 (continued)".

Each part is ``labelled`` ("Item 5, improvement plan report, action 3.2 (progress
update of 14 May 2024)"), so a text that still cannot be laid out fails the build
with a message that says which one to fix.

Heading levels follow the pack: the pack prints the paper's title (h1); the
report's title is h2, its sections (the summary, each recommendation) h3 and the
indicators of a recommendation h4.
"""

from __future__ import annotations

import io
from functools import cache

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from plans.report import PlanReport, ReportAction, ReportRecommendation
from reports.render.pdf_layout import NamedLayoutErrors, labelled
from reports.render.pdf_styles import (
    ACCENT,
    MUTED,
    PAGE_MARGIN_BOTTOM,
    PAGE_MARGIN_TOP,
    PAGE_MARGIN_X,
    PALE,
    RULE,
    clean,
    fonts,
    inline,
    pack_styles,
    rich,
)
from reports.render.text import plain

#: The width of the pack's body frame: A4 portrait less the pack's margins.
DEFAULT_WIDTH = A4[0] - 2 * PAGE_MARGIN_X

#: An item or progress longer than this (characters) prints in full after its table; the cell shows its opening.
LONG_CELL = 1200
EXCERPT = 300

#: A table splits within the row that reaches the foot of the page when at least this much of it fits
#: (points: about three lines), else between rows: one split a page, the header repeated at the top of
#: the next (reportlab 4 and later). 0: rows never split within, as reportlab laid tables out before.
SPLIT_IN_ROW = 36

ACTION_COLUMNS = (0.06, 0.21, 0.15, 0.09, 0.11, 0.24, 0.14)


@cache
def plan_styles() -> dict[str, ParagraphStyle]:
    """The pack's styles, with the headings kept with what follows them."""
    pack = pack_styles()
    return {
        "title": ParagraphStyle("plan_title", parent=pack["h2"], keepWithNext=1),
        "h3": ParagraphStyle("plan_h3", parent=pack["h3"], fontSize=12, leading=15, spaceBefore=10, keepWithNext=1),
        "h4": ParagraphStyle("plan_h4", parent=pack["h3"], fontSize=10.5, leading=13.5, keepWithNext=1),
        "body": pack["body"],
        "caption": ParagraphStyle("plan_caption", parent=pack["muted"], keepWithNext=1),
        "note": pack["small"],
        "cell": pack["cell"],
        "cell_bold": pack["cell_bold"],
        "cell_head": pack["cell_head"],
        "cell_muted": ParagraphStyle("plan_cell_muted", parent=pack["cell"], textColor=MUTED),
    }


def _cell(value, style: str = "cell") -> list[Flowable]:
    """A cell of user text: a list of paragraphs (never one Paragraph), so that the row can split between pages."""
    styles = plan_styles()
    return rich(value, styles[style]) or [Paragraph("", styles[style])]


def _fixed(markup: str, style: str = "cell") -> list[Flowable]:
    return [Paragraph(markup, plan_styles()[style])]


def _table(rows: list[list[list[Flowable]]], widths: list[float], *, bold_last: bool = False) -> LongTable:
    """A grid in the pack's look whose header repeats and whose rows split between pages and within a row."""
    table = LongTable(
        rows,
        colWidths=widths,
        repeatRows=1,
        splitByRow=0 if SPLIT_IN_ROW else 1,
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
    if bold_last:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), PALE))
    table.setStyle(TableStyle(commands))
    return table


def _header(labels: list[str]) -> list[list[Flowable]]:
    return [_fixed(inline(label), "cell_head") for label in labels]


def _excerpt(text: str) -> str:
    """The opening of a long text, cut at a space when there is one near the end."""
    opening = text[:EXCERPT]
    space = opening.rfind(" ")
    return (opening[:space] if space > EXCERPT // 2 else opening).rstrip() + "…"


def _progress_where(where: str, action: ReportAction) -> str:
    if action.progress_date:
        return f"{where}, action {plain(action.number)} (progress update of {action.progress_date_display})"
    return f"{where}, action {plain(action.number)} (latest approved progress)"


def _progress_cell(action: ReportAction) -> list[Flowable]:
    if not action.progress:
        return _fixed("No approved progress", "cell_muted")
    as_at = _fixed(f"(as at {inline(action.progress_date_display)})", "cell_muted")
    return [*_long_cell(action.progress), *as_at]


def _long_cell(text: str) -> list[Flowable]:
    """A cell of user text, or for a text longer than ``LONG_CELL`` its opening and where the rest is."""
    if len(text) > LONG_CELL:
        return [*_cell(_excerpt(text)), *_fixed("<i>Continued after this table.</i>", "cell_muted")]
    return _cell(text)


def _action_row(action: ReportAction, where: str) -> list[list[Flowable]]:
    action_where = f"{where}, action {plain(action.number)}"
    due = _cell(action.due)
    if action.timescale:
        due += _fixed(f"(printed: {inline(action.timescale)})", "cell_muted")
    return [
        labelled(_cell(action.number), action_where),
        labelled(_long_cell(action.item), f"{action_where} (item)"),
        labelled(_cell(action.responsible), f"{action_where} (responsible officer)"),
        labelled(_cell(action.status), f"{action_where} (status)"),
        labelled(due, f"{action_where} (due date)"),
        labelled(_progress_cell(action), _progress_where(where, action)),
        labelled(_cell("\n".join(action.flags) or "None"), f"{action_where} (flags)"),
    ]


def _continued(action: ReportAction, where: str) -> list[Flowable]:
    """The item and the progress of an action too long for the table, in full, each under its heading."""
    styles = plan_styles()
    story: list[Flowable] = []
    if len(action.item) > LONG_CELL:
        part = [Paragraph(f"Action {inline(action.number)}: item (continued)", styles["h4"])]
        part += rich(action.item, styles["body"])
        story += labelled(part, f"{where}, action {plain(action.number)} (item)")
    if len(action.progress) > LONG_CELL:
        heading = f"Action {inline(action.number)}: latest approved progress"
        if action.progress_date:
            heading += f" as at {inline(action.progress_date_display)}"
        part = [Paragraph(f"{heading} (continued)", styles["h4"]), *rich(action.progress, styles["body"])]
        story += labelled(part, _progress_where(where, action))
    return story


def _recommendation(rec: ReportRecommendation, width: float, where: str) -> list[Flowable]:
    styles = plan_styles()
    rec_where = f"{where}, recommendation {rec.number}"
    story: list[Flowable] = [
        labelled(Paragraph(inline(rec.heading), styles["h3"]), rec_where),
        *labelled(rich(rec.text, styles["body"]), f"{rec_where} (text)"),
        labelled(Paragraph(f"Actions for recommendation {rec.number}", styles["caption"]), rec_where),
    ]
    rows = [_header(["No", "Item", "Responsible officer", "Status", "Due", "Latest approved progress", "Flags"])]
    rows += [_action_row(action, where) for action in rec.actions]
    story.append(labelled(_table(rows, [width * part for part in ACTION_COLUMNS]), f"{rec_where} (actions)"))
    for action in rec.actions:
        story += _continued(action, where)
    if rec.indicators:
        story.append(labelled(Paragraph(f"Indicators for recommendation {rec.number}", styles["h4"]), rec_where))
        rows = [_header(["No", "Indicator", "Current", "Target", "RAG"])]
        for indicator in rec.indicators:
            indicator_where = f"{rec_where}, indicator {indicator.number}"
            rows.append(
                [
                    _cell(str(indicator.number)),
                    labelled(_cell(indicator.name), f"{indicator_where} (name)"),
                    _cell(f"{indicator.current}\n{indicator.period}".strip()),
                    labelled(_cell(indicator.target), f"{indicator_where} (target)"),
                    _cell(indicator.rag),
                ]
            )
        widths = [width * part for part in (0.07, 0.5, 0.15, 0.14, 0.14)]
        story.append(labelled(_table(rows, widths), f"{rec_where} (indicators)"))
    return story


def plan_report_story(report: PlanReport, *, width: float = DEFAULT_WIDTH, where: str = "Improvement plan report"):
    """The report as flowables for a frame ``width`` points wide (the pack's body by default).

    ``where`` begins the name of each part in the message when one cannot be laid out.
    """
    styles = plan_styles()
    story: list[Flowable] = [labelled(Paragraph(inline(report.title), styles["title"]), f"{where} (title)")]
    heading_line = " · ".join(part for part in (report.source, report.inspection) if part)
    if heading_line:
        story.append(Paragraph(inline(heading_line), styles["body"]))
    if report.judgement:
        story.append(
            labelled(Paragraph(f"Judgement: {inline(report.judgement)}", styles["body"]), f"{where} (judgement)")
        )
    story.append(Paragraph(f"Position on {inline(report.on_display)}.", styles["body"]))

    story.append(labelled(Paragraph("Summary", styles["h3"]), f"{where}, summary"))
    story.append(
        Paragraph(f"Actions by status on {inline(report.on_display)}, and how many carry each flag.", styles["caption"])
    )
    header = ["Status", "Actions", "Overdue", "No approved progress", f"None for {report.stale_days} days", "Not SMART"]
    rows = [_header(header)]
    for row in report.summary.rows:
        rows.append([_cell(row.label), *(_cell(str(n)) for n in (row.actions, row.overdue, row.no_progress))])
        rows[-1] += [_cell(str(row.stale)), _cell(str(row.not_smart))]
    total = report.summary.total
    rows.append(
        [
            _cell(total.label, "cell_bold"),
            *(_cell(str(n), "cell_bold") for n in (total.actions, total.overdue, total.no_progress, total.stale)),
            _cell(str(total.not_smart), "cell_bold"),
        ]
    )
    widths = [width * part for part in (0.22, 0.13, 0.13, 0.2, 0.18, 0.14)]
    story.append(_table(rows, widths, bold_last=True))

    for rec in report.recommendations:
        story += _recommendation(rec, width, where)
    story.append(Spacer(1, 6))
    story.append(labelled(Paragraph("Notes", styles["h4"]), f"{where}, notes"))
    story += [Paragraph(inline(note), styles["note"]) for note in report.notes]
    return story


class PlanReportDocTemplate(NamedLayoutErrors, SimpleDocTemplate):
    what = "Improvement plan report"


def _footer(canvas: Canvas, doc) -> None:
    font = fonts()
    canvas.saveState()
    canvas.setFont(font.regular, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(PAGE_MARGIN_X, PAGE_MARGIN_BOTTOM / 2, doc.footer_left)
    canvas.drawRightString(A4[0] - PAGE_MARGIN_X, PAGE_MARGIN_BOTTOM / 2, f"Page {canvas.getPageNumber()}")
    canvas.restoreState()


def plan_report_pdf(report: PlanReport) -> bytes:
    """The report alone as an A4 PDF laid out as in the pack (the preview; the pack places the story itself).

    Raises ``reports.render.pdf_layout.PackRenderError`` naming the action and the field when a text
    cannot be laid out.
    """
    buffer = io.BytesIO()
    document = PlanReportDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN_X,
        rightMargin=PAGE_MARGIN_X,
        topMargin=PAGE_MARGIN_TOP,
        bottomMargin=PAGE_MARGIN_BOTTOM,
        title=clean(report.title),
        author=clean(report.committee),
        subject=clean(f"Improvement plan report, position on {report.on_display}"),
        creator="cyp",
        lang="en-GB",
    )
    document.footer_left = clean(f"{report.title} – position on {report.on_display}")
    document.build(plan_report_story(report), onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
