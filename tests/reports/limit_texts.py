"""Texts at their limits (cyp.limits) and packs and plan reports built in memory with every text at its limit.

Three kinds of text, each exactly as long as the limit allows:

- ``prose``: ordinary sentences in paragraphs of about 600 characters, some of them bullet lists;
- ``word``: one unbroken word (a pasted address, a run of characters with no space);
- ``scripts``: emoji, right-to-left (Arabic, Hebrew) and CJK text mixed, with spaces.

Each text ends with a marker (``END-<label>``) so a test can see that the whole text was printed.
Used by tests/reports/render/test_pdf_layout.py and bench/pack_limits.py.
"""

from __future__ import annotations

import dataclasses
import datetime

from cyp import limits
from plans.report import PlanReport, ReportAction, ReportIndicator, ReportRecommendation
from plans.selectors import Summary, SummaryRow
from reports.document import AgendaEntry, CoverSheet, ItemKind, PackInput
from tests.reports.pack_helpers import synthetic_report

KINDS = ("prose", "word", "scripts")

_SENTENCES = (
    "Caseloads in the assessment teams fell from 29 to 22 over the quarter, after four newly qualified "
    "social workers joined in May. ",
    "Supervision is now recorded within 20 working days for 87% of children, against a target of 95%. ",
    "The practice standards were relaunched with every team manager, with audits of 40 cases each month. ",
    "Agency staff fell to 18% of the workforce; two teams still depend on agency managers. ",
)
_SCRIPTS = "تقرير الأداء للربع الأول 👍🏽 דוח ביצועים רבעוני 😀 第一季度绩效报告 🚸 进展顺利 ✓ "


def _prose(length: int) -> str:
    paragraphs, size, count = [], 0, 0
    while size < length:
        count += 1
        if count % 4 == 0:
            paragraph = "\n".join(f"- {sentence.strip()}" for sentence in _SENTENCES[:3])
        else:
            paragraph = "".join(_SENTENCES[(count + step) % 4] for step in range(6)).strip()
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def limit_text(kind: str, length: int, label: str = "") -> str:
    """A text of ``kind`` exactly ``length`` characters long, ending with the marker ``END-<label>``."""
    marker = f" END-{label}" if kind != "word" else f"END-{label}"
    body_length = length - len(marker)
    if kind == "prose":
        body = _prose(body_length)[:body_length]
    elif kind == "word":
        body = ("Supercalifragilisticexpialidocious" * (body_length // 34 + 1))[:body_length]
    elif kind == "scripts":
        body = (_SCRIPTS * (body_length // len(_SCRIPTS) + 1))[:body_length]
    else:
        raise ValueError(f"No kind of text {kind!r}: use one of {', '.join(KINDS)}")
    text = body + marker
    assert len(text) == length
    return text


def limits_plan_report(kind: str, *, recommendations: int = 3, actions: int = 4) -> PlanReport:
    """A plan report in memory: every action's item and latest progress, every recommendation at its limit."""
    summary_rows = [SummaryRow(label=label, slug=label.lower()) for label in ("Complete", "On track", "Off track")]
    total = SummaryRow(label="Total", slug="total", actions=recommendations * actions)
    recs = []
    for rec_number in range(1, recommendations + 1):
        recs.append(
            ReportRecommendation(
                number=rec_number,
                theme="Workforce",
                text=limit_text(kind, limits.RECOMMENDATION, f"rec{rec_number}"),
                heading=f"Recommendation {rec_number}: Workforce",
                actions=[
                    ReportAction(
                        number=f"{rec_number}.{n}",
                        item=limit_text(kind, limits.ACTION_TEXT, f"item{rec_number}.{n}"),
                        responsible="Head of Service, Children in Care",
                        status="On track",
                        status_slug="on-track",
                        due="31 March 2025",
                        timescale="March 25",
                        progress=limit_text(kind, limits.PROGRESS, f"progress{rec_number}.{n}"),
                        progress_date=datetime.date(2024, 5, 14),
                        progress_note="",
                        flags=["Overdue"],
                    )
                    for n in range(1, actions + 1)
                ],
                indicators=[
                    ReportIndicator(
                        number=117,
                        name="Percentage of children in care with three or more placements",
                        rag="Red",
                        rag_slug="red",
                        current="12.0%",
                        period="June 2024",
                        target="10.0%",
                    )
                ],
            )
        )
    return PlanReport(
        plan_id=1,
        title="Children's Services Ofsted Action Plan July 2024",
        committee="Children and Young People Committee",
        source="Ofsted inspection",
        inspection="ILACS, March 2024",
        judgement="Requires improvement to be good",
        on=datetime.date(2024, 10, 8),
        stale_days=90,
        quarter="Quarter 1 2024/25",
        summary=Summary(rows=summary_rows, total=total),
        recommendations=recs,
        notes=["Only progress approved by the governance team is shown."],
    )


def limits_plan_characters(report: PlanReport) -> int:
    """How many characters of typed text the report prints."""
    typed = 0
    for rec in report.recommendations:
        typed += len(rec.text) + sum(len(action.item) + len(action.progress) for action in rec.actions)
    return typed


def limits_performance(kind: str, count: int):
    """A performance report of ``count`` indicators whose every typed text is at its limit."""
    report = synthetic_report(count)
    entries = []
    for entry in report.indicators:
        number = entry.ref.number
        entries.append(
            dataclasses.replace(
                entry,
                commentary=limit_text(kind, limits.COMMENTARY, f"commentary{number}"),
                actions=limit_text(kind, limits.ACTIONS, f"actions{number}"),
                description=limit_text(kind, limits.DEFINITION, f"description{number}"),
                calculation_note=limit_text(kind, limits.DEFINITION, f"calculation{number}"),
                target_note=limit_text(kind, limits.TARGET_NOTE, f"target{number}"),
                not_updated_reason=limit_text(kind, limits.REASON, f"reason{number}") if entry.not_updated else "",
            )
        )
    return dataclasses.replace(report, indicators=entries)


def limits_performance_characters(report) -> int:
    fields = ("commentary", "actions", "description", "calculation_note", "target_note", "not_updated_reason")
    return sum(len(getattr(entry, name)) for entry in report.indicators for name in fields)


def limits_pack(kind: str, count: int, *, with_plan: bool = True) -> PackInput:
    """A pack whose performance report has ``count`` indicators and whose plan report has 12 actions, every
    typed text at its limit (cover sheet and agenda note included)."""
    cover = CoverSheet(
        title="Corporate Performance Report",
        to="Children and Young People Committee",
        meeting_date=datetime.date(2024, 10, 8),
        from_="Executive Director",
        executive_summary=limit_text(kind, limits.EXECUTIVE_SUMMARY, "summary"),
        recommendation=limit_text(kind, limits.COVER_RECOMMENDATION, "recommendation"),
        officer_name="A Officer",
        officer_email="officer@example.org",
    )
    items = [
        AgendaEntry(
            1,
            "1",
            "Constitutional matters",
            "Apologies for absence",
            ItemKind.NO_PAPER,
            note=limit_text(kind, limits.AGENDA_NOTE, "note"),
        ),
        AgendaEntry(
            2,
            "2",
            "Decisions",
            "Performance report",
            ItemKind.PERFORMANCE_REPORT,
            cover=cover,
            performance=limits_performance(kind, count),
        ),
        AgendaEntry(
            3,
            "3",
            "Decisions",
            "Improvement plan",
            ItemKind.IMPROVEMENT_PLAN_REPORT,
            improvement_plan=limits_plan_report(kind) if with_plan else None,
        ),
    ]
    return PackInput(
        committee_name="Children and Young People Committee",
        council_name="Test County Council",
        meeting_date=datetime.date(2024, 10, 8),
        meeting_time="10:00am",
        venue="Council Chamber",
        clerk_name="A Clerk",
        clerk_email="clerk@example.org",
        clerk_telephone="01234 567890",
        membership=[f"Councillor {n}" for n in range(1, 13)],
        quarter_label="Quarter 1 2024/25",
        items=items,
        draft=True,
        title="Children and Young People Committee: agenda and reports, 8 October 2024 (DRAFT)",
        author="Test County Council",
    )
