"""The improvement plan report: an agenda item of the committee pack, in PDF and HTML.

``plan_report_build(plan=None, on=...)`` reads the database once and returns a
``PlanReport`` (plain dataclasses, no model instances), so the pack renderer
works without the database:

- ``plan_report_story(report)``: reportlab flowables for the PDF;
- ``templates/plans/report_body.html`` (context ``report``): the HTML fragment.

Heading levels: the pack prints the paper's title as h2; this report's
sections are h3 (the summary, each recommendation) and h4 (the indicators of a
recommendation). The PDF uses the same levels (styles ``PlanH3``, ``PlanH4``).

What the report shows (see plans.selectors for the rules):

- a summary table: one row per status (complete, on track, at risk, off track,
  not started) and a total, so the counts add up to the number of actions;
  columns for how many of each status are overdue, have no approved progress,
  have had none for the stale period, or are not SMART; those flags overlap the
  statuses (an overdue action is also counted under its status);
- per recommendation, a table of actions: number, item, responsible officer,
  status, due date, latest approved progress with its date, flags;
- the indicators linked to the recommendation's actions with their RAG for the
  latest quarter reported by ``on``.

Only approved progress appears.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from plans.enums import PlanSource
from plans.formatting import long_date
from plans.models import Plan
from plans.selectors import Summary, current_ofsted_plan, plan_view


@dataclass
class ReportAction:
    number: str
    item: str
    responsible: str
    status: str  # the status in words: "On track"
    status_slug: str
    due: str  # "31 March 2025", "Ongoing", "No due date"
    timescale: str  # as printed when it says more than the due date ("March 25"), else ""
    progress: str  # the latest approved progress, "" when none
    progress_date: datetime.date | None
    progress_note: str  # why the date is what it is, when it was not given
    flags: list[str] = field(default_factory=list)
    overdue: bool = False

    @property
    def progress_date_display(self) -> str:
        return long_date(self.progress_date)


@dataclass
class ReportIndicator:
    number: int
    name: str
    rag: str  # in words: "Red", "Not rated"
    rag_slug: str
    current: str  # "27.0%"
    period: str  # "June 2024"
    target: str


@dataclass
class ReportRecommendation:
    number: int
    theme: str
    text: str
    actions: list[ReportAction]
    indicators: list[ReportIndicator]

    heading: str = ""  # "Recommendation 1: Workforce"


@dataclass
class PlanReport:
    plan_id: int
    title: str
    committee: str
    source: str
    inspection: str  # "ILACS, March 2024" or ""
    judgement: str  # as printed, or ""
    on: datetime.date
    stale_days: int
    quarter: str  # the quarter whose RAG is shown, or "" when none has ended
    summary: Summary
    recommendations: list[ReportRecommendation]
    notes: list[str]

    @property
    def on_display(self) -> str:
        return long_date(self.on)

    @property
    def overdue_numbers(self) -> list[str]:
        return [a.number for r in self.recommendations for a in r.actions if a.overdue]


def plan_report_build(*, plan: Plan | None = None, on: datetime.date) -> PlanReport:
    """The report of ``plan`` (default: the committee's current Ofsted plan) as it stands on ``on``.

    Raises Plan.DoesNotExist when there is no plan to report. A fixed number of queries.
    """
    if plan is None:
        plan = current_ofsted_plan()
        if plan is None:
            raise Plan.DoesNotExist("There is no current Ofsted plan to report.")
    view = plan_view(plan=plan, on=on)
    recommendations = []
    for block in view.blocks:
        recommendations.append(
            ReportRecommendation(
                number=block.recommendation.number,
                theme=block.recommendation.theme,
                text=block.recommendation.text,
                heading=block.recommendation.heading,
                actions=[
                    ReportAction(
                        number=state.action.number,
                        item=state.action.item,
                        responsible=state.action.responsible_display or "No owner",
                        status=state.status.label,
                        status_slug=state.status_slug,
                        due=state.action.due_display,
                        timescale=state.action.timescale_note,
                        progress=state.latest.text if state.latest else "",
                        progress_date=state.latest.date if state.latest else None,
                        progress_note=state.latest.date_note if state.latest else "",
                        flags=[words for _, words in state.flags],
                        overdue=state.overdue,
                    )
                    for state in block.states
                ],
                indicators=[
                    ReportIndicator(
                        number=row.indicator.number,
                        name=row.indicator.name,
                        rag=row.rag or "Not rated",
                        rag_slug=row.rag_slug,
                        current=row.current_display,
                        period=row.current.period_label if row.current else "",
                        target=row.target_display,
                    )
                    for row in block.indicator_rows
                ],
            )
        )
    inspection = ""
    if plan.source == PlanSource.OFSTED_INSPECTION:
        inspection = ", ".join(part for part in (plan.inspection_type, plan.inspection_dates) if part)
    quarter = view.quarter.display if view.quarter else ""
    notes = [
        f"Each action is counted once, under its status on {long_date(on)}. The flags overlap the statuses: "
        "an overdue action is also counted under its status. A complete action carries no flag.",
        f"Overdue: the due date had passed on {long_date(on)} and the action was not complete. "
        f"No recent approved progress: none in the {view.stale_after} days before {long_date(on)}. "
        "Not SMART: no owner, no due date, or no success criterion that states a figure, a percentage or "
        "a date (and no linked indicator).",
        "Only progress approved by the governance team is shown, with the date it is reported as at.",
    ]
    dated_notes = sorted({a.progress_note for r in recommendations for a in r.actions if a.progress_note})
    notes += [f"Progress dates: {note}" for note in dated_notes]
    if quarter:
        notes.append(f"Indicator ratings are those of {quarter}, the latest quarter reported by {long_date(on)}.")
    return PlanReport(
        plan_id=plan.pk,
        title=plan.title,
        committee=plan.committee.name,
        source=plan.get_source_display(),
        inspection=inspection,
        judgement=plan.judgement,
        on=on,
        stale_days=view.stale_after,
        quarter=quarter,
        summary=view.summary,
        recommendations=recommendations,
        notes=notes,
    )


# --- PDF ------------------------------------------------------------------------------------------------

#: A4 portrait with 2 cm margins, in points.
DEFAULT_WIDTH = (21.0 - 4.0) * 72 / 2.54


def _styles():
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    base = getSampleStyleSheet()
    body = ParagraphStyle("PlanBody", parent=base["BodyText"], fontSize=9.5, leading=12, splitLongWords=True)
    return {
        "h3": ParagraphStyle(
            "PlanH3", parent=base["Heading3"], fontSize=12, leading=15, spaceBefore=10, keepWithNext=1
        ),
        "h4": ParagraphStyle(
            "PlanH4", parent=base["Heading4"], fontSize=10.5, leading=13, spaceBefore=6, keepWithNext=1
        ),
        "body": body,
        "cell": ParagraphStyle("PlanCell", parent=body, fontSize=8, leading=9.6, spaceBefore=0, spaceAfter=0),
        "head": ParagraphStyle("PlanHead", parent=body, fontSize=8, leading=9.6, fontName="Helvetica-Bold"),
        "caption": ParagraphStyle("PlanCaption", parent=body, fontSize=8.5, textColor=colors.HexColor("#505a5f")),
        "note": ParagraphStyle("PlanNote", parent=body, fontSize=8, leading=10),
    }


def _text(value) -> str:
    """User text made safe for a Paragraph: escaped, with its line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


def _table(rows, widths, styles):
    from reportlab.lib import colors
    from reportlab.platypus import LongTable, Paragraph, TableStyle

    cells = [[Paragraph(_text(cell), styles["head"]) for cell in rows[0]]]
    cells += [[Paragraph(_text(cell), styles["cell"]) for cell in row] for row in rows[1:]]
    table = LongTable(cells, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#505a5f")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def plan_report_story(report: PlanReport, *, width: float = DEFAULT_WIDTH) -> list:
    """The report as reportlab flowables for a frame ``width`` points wide (A4 portrait by default).

    Every user text is escaped; long words wrap; tables repeat their header row
    and split across pages.
    """
    from reportlab.platypus import Paragraph, Spacer, TableStyle

    styles = _styles()
    story: list = []
    heading_line = " · ".join(part for part in (report.source, report.inspection) if part)
    story.append(Paragraph(_text(report.title), styles["h3"]))
    if heading_line:
        story.append(Paragraph(_text(heading_line), styles["body"]))
    if report.judgement:
        story.append(Paragraph(f"Judgement: {_text(report.judgement)}", styles["body"]))
    story.append(Paragraph(f"Position on {_text(report.on_display)}.", styles["body"]))

    story.append(Paragraph("Summary", styles["h3"]))
    story.append(
        Paragraph(f"Actions by status on {_text(report.on_display)}, and how many carry each flag.", styles["caption"])
    )
    header = ["Status", "Actions", "Overdue", "No approved progress", f"None for {report.stale_days} days", "Not SMART"]
    rows = [header] + [
        [row.label, row.actions, row.overdue, row.no_progress, row.stale, row.not_smart]
        for row in [*report.summary.rows, report.summary.total]
    ]
    summary = _table(rows, [width * f for f in (0.22, 0.13, 0.13, 0.2, 0.18, 0.14)], styles)
    summary.setStyle(TableStyle([("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold")]))
    story.append(summary)

    action_widths = [width * f for f in (0.06, 0.22, 0.15, 0.09, 0.11, 0.22, 0.15)]
    for rec in report.recommendations:
        story.append(Paragraph(_text(rec.heading), styles["h3"]))
        story.append(Paragraph(_text(rec.text), styles["body"]))
        story.append(Paragraph(f"Actions for recommendation {rec.number}", styles["caption"]))
        rows = [["No", "Item", "Responsible officer", "Status", "Due", "Latest approved progress", "Flags"]]
        for action in rec.actions:
            progress = "No approved progress"
            if action.progress:
                progress = f"{action.progress}\n(as at {action.progress_date_display})"
            rows.append(
                [
                    action.number,
                    action.item,
                    action.responsible,
                    action.status,
                    f"{action.due}\n(printed: {action.timescale})" if action.timescale else action.due,
                    progress,
                    "\n".join(action.flags) or "None",
                ]
            )
        story.append(_table(rows, action_widths, styles))
        if rec.indicators:
            story.append(Paragraph(f"Indicators for recommendation {rec.number}", styles["h4"]))
            rows = [["No", "Indicator", "Current", "Target", "RAG"]]
            rows += [[i.number, i.name, f"{i.current}\n{i.period}".strip(), i.target, i.rag] for i in rec.indicators]
            story.append(_table(rows, [width * f for f in (0.07, 0.5, 0.15, 0.14, 0.14)], styles))
    story.append(Spacer(1, 6))
    story.append(Paragraph("Notes", styles["h4"]))
    story += [Paragraph(_text(note), styles["note"]) for note in report.notes]
    return story


def plan_report_pdf(report: PlanReport) -> bytes:
    """The report alone as an A4 PDF (the preview; the pack renders the story itself)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=report.title,
        author=report.committee,
        lang="en-GB",
    )
    document.build(plan_report_story(report))
    return buffer.getvalue()
