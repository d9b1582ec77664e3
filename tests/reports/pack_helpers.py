"""Builds the Q1 2024/25 pack input from the demo, as the workflow would, for the renderer's tests and bench.

D2's ``reports.services`` builds the real ``PackInput`` from the meeting's
models; these helpers build the same shape directly, so the renderers can be
tested on their own. Commentary comes from approved returns when the demo has
them, otherwise from the published texts in ``cyp/demo_data`` (as if approved).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from cyp.models import Committee, Quarter
from reports.document import AgendaEntry, CoverSheet, ItemKind, PackInput
from reports.performance import PerformanceReport, performance_report_build

DATA = Path(__file__).resolve().parents[2] / "cyp" / "demo_data"
MEETING = datetime.date(2024, 10, 8)
#: The examples the published Q1 paper chose: Green/Blue 8 and 118, Red 3 and 133.
PUBLISHED_EXAMPLES = [8, 118, 3, 133]
MEMBERS = [
    "Councillor Bryony Goodliffe (Chair)",
    "Councillor Michael Atkins (Vice-Chair)",
    "Councillor David Ambrose Smith",
    "Councillor Anna Bradnam",
    "Dr Andy Stone (Appointee)",
    "Jon Young (Appointee)",
]


def read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def approve_demo_commentary() -> None:
    """Approved Q1 returns carrying the published commentary and actions, unless the demo already has them."""
    from commentary.models import Return
    from cyp.enums import ReviewState
    from indicators.models import Figure

    quarter = Quarter.objects.quarters().get(year__start_year=2024, number=1)
    published = {record["number"]: record for record in read("cyp_indicators_q1_2024_25.json")["indicators"]}
    figures = Figure.objects.filter(period_end__lte=quarter.end).select_related("indicator").order_by("period_end")
    current = {figure.indicator.number: figure for figure in figures}
    for number, figure in current.items():
        record = published.get(number)
        if record is None:
            continue
        Return.objects.get_or_create(
            indicator=figure.indicator,
            quarter=quarter,
            defaults={
                "state": ReviewState.APPROVED,
                "period_label": figure.period_label,
                "period_start": figure.period_start,
                "period_end": figure.period_end,
                "value": figure.value,
                "not_updated": figure.not_updated,
                "not_updated_reason": figure.not_updated_reason,
                "commentary": record["commentary"],
                "actions": record["actions"],
            },
        )


def demo_report(*, examples=PUBLISHED_EXAMPLES) -> PerformanceReport:
    """The Q1 2024/25 performance report of the demo, with the published commentary approved."""
    approve_demo_commentary()
    committee = Committee.objects.get(name="Children and Young People Committee")
    quarter = Quarter.objects.quarters().get(year__start_year=2024, number=1)
    return performance_report_build(
        committee=committee, quarter=quarter, examples=examples, produced_on=datetime.date(2024, 9, 18)
    )


def performance_cover() -> CoverSheet:
    meeting = read("q1_2024_25_cover.json")["meeting"]
    contact = meeting["officer_contact"]
    return CoverSheet(
        title=meeting["title"],
        to=meeting["to"],
        meeting_date=MEETING,
        from_=meeting["from"],
        electoral_divisions=meeting["electoral_divisions"],
        key_decision=meeting["key_decision"],
        forward_plan_reference=meeting["forward_plan_ref"],
        executive_summary=meeting["executive_summary"],
        recommendation=meeting["recommendation"],
        officer_name=contact["name"],
        officer_post=contact["post"],
        officer_email=contact["email"],
    )


def paper_pdf(path: Path, *, title: str, pages: int = 2, size=A4, rotate: int = 0) -> str:
    """A small uploaded paper: each page says its title and its own page number.

    With ``rotate`` the pages are then turned by a /Rotate entry, as scanners and
    office suites write landscape pages.
    """
    canvas = Canvas(str(path), pagesize=size)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(72, size[1] - 90, title)
        canvas.setFont("Helvetica", 11)
        canvas.drawString(72, size[1] - 120, f"Uploaded paper page {number} of {pages}")
        canvas.showPage()
    canvas.save()
    if rotate:
        from pypdf import PdfWriter

        writer = PdfWriter(clone_from=str(path))
        for page in writer.pages:
            page.rotate(rotate)
        with open(path, "wb") as output:
            writer.write(output)
    return str(path)


def demo_pack_input(*, report: PerformanceReport, folder: Path | None = None, draft: bool = True) -> PackInput:
    """The agenda of 8 October 2024; with ``folder``, the other teams' papers are small uploaded PDFs."""
    items = [
        AgendaEntry(
            1,
            "1",
            "Constitutional matters",
            "Apologies for absence and declarations of interest",
            ItemKind.NO_PAPER,
            note="Guidance on declaring interests is in the Members' Code of Conduct.",
        ),
        AgendaEntry(3, "3", "Constitutional matters", "Petitions and Public Questions", ItemKind.NO_PAPER),
    ]
    if folder is not None:
        items.insert(
            1,
            AgendaEntry(
                2,
                "2",
                "Constitutional matters",
                "Children and Young People Committee Minutes – 10 September 2024",
                ItemKind.UPLOADED_PAPER,
                pdf_path=paper_pdf(folder / "minutes.pdf", title="Minutes", pages=3),
            ),
        )
        items.append(
            AgendaEntry(
                7,
                "7",
                "Decisions",
                "Finance Monitoring Report – August 2024",
                ItemKind.UPLOADED_PAPER,
                cover=CoverSheet(
                    title="Finance Monitoring Report – August 2024",
                    to="Children and Young People Committee",
                    meeting_date=MEETING,
                    from_="Executive Director: Finance and Resources",
                    executive_summary="The August 2024 finance monitoring report.",
                    recommendation="The Committee is asked to note the report.",
                    officer_name="Martin Wade",
                ),
                pdf_path=paper_pdf(folder / "finance.pdf", title="Finance", pages=2, size=landscape(A4)),
            ),
        )
    items.append(
        AgendaEntry(
            6,
            "6",
            "Decisions",
            "Ofsted Action plan and update on Sector Led Improvement Programme",
            ItemKind.IMPROVEMENT_PLAN_REPORT,
        )
    )
    items.append(
        AgendaEntry(
            8,
            "8",
            "Decisions",
            "Children and Young People's Corporate Performance Report",
            ItemKind.PERFORMANCE_REPORT,
            cover=performance_cover(),
            performance=report,
        )
    )
    order = {"Constitutional matters": 0, "Key decisions": 1, "Decisions": 2}
    items.sort(key=lambda entry: (order[entry.section], int(entry.number)))
    return PackInput(
        committee_name="Children and Young People Committee",
        council_name="Cambridgeshire County Council",
        meeting_date=MEETING,
        meeting_time="14:00",
        venue="Red Kite Room, New Shire Hall, Alconbury Weald, Huntingdon PE28 4YE",
        clerk_name="Tamar Oviatt-Ham",
        clerk_email="tamar.oviatt-ham@cambridgeshire.gov.uk",
        clerk_telephone="01223 715668",
        membership=MEMBERS,
        quarter_label="Quarter 1 2024/25",
        items=items,
        draft=draft,
        title="Children and Young People Committee: 8 October 2024",
        author="Cambridgeshire County Council",
    )


def load_demo_indicators() -> Committee:
    """The demo's committee, years, quarters, indicators, figures and Q4 statuses (``load_demo``'s indicator part).

    The renderer's tests load only what the pack's figures need, so they do not depend on the
    meetings, plans and accounts the rest of ``load_demo`` adds.
    """
    from cyp.enums import RagWording
    from cyp.models import FinancialYear
    from indicators import demo as indicators_demo

    committee, _ = Committee.objects.update_or_create(
        council="Cambridgeshire County Council",
        name="Children and Young People Committee",
        defaults={"rag_wording": RagWording.REPORT_KEY, "email": "governanceandperformance@cambridgeshire.gov.uk"},
    )
    for start_year in (2023, 2024):
        year, _ = FinancialYear.objects.get_or_create(start_year=start_year)
        for number in range(1, 5):
            Quarter.objects.get_or_create(year=year, number=number)
    indicators_demo.load(committee=committee)
    return committee


# --- Synthetic packs without the database (hypothesis tests and the benchmark) -------------------

LOREM = (
    "Performance this quarter reflects continued demand across the service. The team has reviewed every case "
    "open for more than twelve weeks and agreed next steps with partners. Audits completed in the quarter show "
    "threshold decisions are more consistent, and the service will report on the effect of the new front door "
    "arrangements in the next quarter. "
)
SYNTHETIC_STATUSES = ["Red", "Amber", "Green", "Blue", "Red", "Green", "Contextual", "Blue", "Amber", "Baseline"]


def synthetic_entry(number: int, *, text: str | None = None, not_updated: bool = False, points: int = 8):
    """One indicator entry built in memory, with a chart of ``points`` monthly values."""
    import types
    from decimal import Decimal

    from indicators import rag
    from indicators.charts import trend_chart_data
    from indicators.formatting import format_deviation, format_value
    from reports.performance import Comparator, IndicatorEntry
    from reports.performance_counts import IndicatorRef

    status = SYNTHETIC_STATUSES[number % len(SYNTHETIC_STATUSES)]
    target = None if status in ("Contextual", "Baseline") else Decimal("50.0")
    values = [Decimal(40 + (number * 7 + step * 3) % 25) for step in range(points)]
    indicator = types.SimpleNamespace(
        number=number,
        name=f"Synthetic indicator {number}",
        unit="percent",
        decimals=1,
        direction=rag.Direction.HIGHER_IS_BETTER,
        frequency="month",
    )
    history = []
    for step, value in enumerate(values):
        month = (step % 12) + 1
        figure = types.SimpleNamespace(
            period_label=f"{datetime.date(2024, month, 1):%B} {2023 + step // 12}",
            period_end=datetime.date(2023 + step // 12, month, 28),
            value=value,
            not_updated=not_updated and step == points - 1,
        )
        target_object = types.SimpleNamespace(value=target, is_numeric=target is not None) if target else None
        history.append({"figure": figure, "target": target_object})
    chart = trend_chart_data(indicator=indicator, history=history)
    commentary = text if text is not None else LOREM * (1 + number % 3)
    current, previous = values[-1], values[-2]
    return IndicatorEntry(
        ref=IndicatorRef(number, number, indicator.name if text is None else f"{indicator.name} {text[:80]}"),
        service_area="Children's Social Care",
        unit="percent",
        unit_label="Percentage",
        decimals=1,
        status=status,
        rating_reason="",
        deviation_display=format_deviation(Decimal("-12.5")) if status == "Red" else "–",
        deviation_percent=Decimal("-12.5") if status == "Red" else None,
        target_display=format_value(target, "percent", 1) if target else status,
        target_value=target,
        target_note="",
        direction=rag.Direction.HIGHER_IS_BETTER,
        direction_arrow="↑",
        direction_words="Higher is better",
        period_word="Month",
        current_label=history[-1]["figure"].period_label,
        current_display=format_value(current, "percent", 1),
        current_value=current,
        previous_label=history[-2]["figure"].period_label,
        previous_display=format_value(previous, "percent", 1),
        previous_value=previous,
        change="Improving" if current > previous else "Declining" if current < previous else "Unchanged",
        comparators=[
            Comparator("Statistical Neighbour Mean", "48.2%", Decimal("48.2")),
            Comparator("England Mean", "47.9%", Decimal("47.9")),
        ],
        not_updated=not_updated,
        not_updated_reason=(text or "The data system is being replaced.") if not_updated else "",
        as_at=None,
        description=text if text is not None else "This indicator shows the share of cases. " * 6,
        formula="(X/Y)*100",
        x_definition="The number of cases meeting the standard.",
        y_definition="The number of cases.",
        calculation_note="",
        sources=["Department for Education", "Local data"],
        useful_links=[("Local Authority Interactive Tool (LAIT)", "https://example.org/lait")],
        commentary=commentary,
        actions=(text if text is not None else "- Review every case.\n- Report back next quarter.")
        if status == "Red"
        else "",
        chart=chart,
    )


def synthetic_report(count: int, *, text: str | None = None, examples=(1, 2, 3)) -> PerformanceReport:
    """A performance report of ``count`` indicators, built in memory; ``text`` goes in every user field."""
    from indicators import rag
    from reports.performance_counts import CountedRow, performance_counts_derive

    entries = [synthetic_entry(number, text=text, not_updated=number % 17 == 5) for number in range(1, count + 1)]
    previous = ["Amber", "Red", "Green", "Blue", None, "Red"]
    rows = [
        CountedRow(
            ref=entry.ref,
            status=entry.status,
            previous_status=previous[entry.ref.number % len(previous)],
            not_updated=entry.not_updated,
            not_updated_reason=entry.not_updated_reason,
            commentary=entry.commentary,
        )
        for entry in entries
    ]
    return PerformanceReport(
        committee_name="Children and Young People Committee",
        council_name="Test County Council",
        governance_email="performance@example.org",
        quarter_label="Quarter 1 2024/25",
        quarter_code="2024/25-Q1",
        financial_year="2024/25",
        quarter_number=1,
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2024, 6, 30),
        previous_quarter_label="Quarter 4 2023/24",
        produced_on=datetime.date(2024, 9, 18),
        wording=rag.Wording.REPORT_KEY.value,
        key=[(status.value, wording) for status, wording in rag.key_text(rag.Wording.REPORT_KEY).items()],
        indicators=entries,
        counts=performance_counts_derive(rows, examples=examples),
        examples_chosen=list(examples),
    )


def synthetic_pack(count: int, *, text: str | None = None, draft: bool = True, uploads: list[str] = ()) -> PackInput:
    """A pack with one performance report of ``count`` indicators; ``text`` goes in every field a person types."""
    typed = text if text is not None else None
    report = synthetic_report(count, text=typed)
    cover = CoverSheet(
        title=f"Corporate Performance Report {typed or ''}".strip(),
        to="Children and Young People Committee",
        meeting_date=MEETING,
        from_=typed or "Executive Director",
        executive_summary=typed or "This report provides an update on performance.",
        recommendation=typed or "The Committee is asked to note the report.",
        officer_name=typed or "A Officer",
        officer_email="officer@example.org",
    )
    items = [
        AgendaEntry(
            1, "1", "Constitutional matters", typed or "Apologies for absence", ItemKind.NO_PAPER, note=typed or ""
        ),
        AgendaEntry(
            2,
            "2",
            "Decisions",
            typed or "Performance report",
            ItemKind.PERFORMANCE_REPORT,
            cover=cover,
            performance=report,
        ),
        AgendaEntry(3, "3", "Decisions", typed or "Improvement plan", ItemKind.IMPROVEMENT_PLAN_REPORT),
    ]
    for position, path in enumerate(uploads, start=4):
        items.append(
            AgendaEntry(
                position,
                str(position),
                "Decisions",
                f"Uploaded paper {position}",
                ItemKind.UPLOADED_PAPER,
                pdf_path=path,
            )
        )
    return PackInput(
        committee_name=typed or "Children and Young People Committee",
        council_name="Test County Council",
        meeting_date=MEETING,
        meeting_time="14:00",
        venue=typed or "New Shire Hall",
        clerk_name=typed or "A Clerk",
        clerk_email="clerk@example.org",
        membership=[typed or "Councillor A", "Councillor B"],
        quarter_label="Quarter 1 2024/25",
        items=items,
        draft=draft,
        title="Synthetic pack",
        author="Test County Council",
    )
