"""The improvement plan report: an agenda item of the committee pack, in PDF and HTML.

``plan_report_build(plan=None, on=...)`` reads the database once and returns a
``PlanReport`` (plain dataclasses, no model instances), so the pack renderer
works without the database. This module keeps only the data; it is drawn by

- ``reports.render.pdf_plans``: the PDF, in the pack's fonts, styles and escaping
  (``plan_report_story`` for the pack, ``plan_report_pdf`` for the preview);
- ``templates/plans/report_body.html`` (context ``report``): the HTML fragment.

Heading levels: the pack prints the paper's title as h2; this report's
sections are h3 (the summary, each recommendation) and h4 (the indicators of a
recommendation). The PDF uses the same levels.

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

from cyp.dates import long_date
from plans.enums import PlanSource
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
