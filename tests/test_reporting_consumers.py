"""Every consumer of the reporting rules (indicators.reporting) gives the same verdict for the same rows.

Each indicator measures its variance relatively or in percentage points, printed better/worse or
above/below (``indicators.rag``): every consumer rates and prints it the same way. Each reports its
figure in the period or year to date, with a value for the same date on the other basis beside it:
every consumer takes the reported one (``FigureQuerySet.reported``).

Random indicators (RAG, not updated or not, actions or none, the status published for the previous
quarter, values and their parts) are stored as figures, targets and approved returns, then read back
through each consumer as the product does: the return check (commentary), the pack's readiness, the
performance report and its PDF and HTML pages (reports), the dashboard and the export (indicators).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.template.loader import render_to_string
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from commentary.services import return_problems
from cyp.enums import ReviewState
from indicators import rag, reporting
from indicators.enums import Direction, IndicatorStatus, PeriodBasis, TargetStatus, Unit
from indicators.exports import quarter_export
from indicators.formatting import format_variance, variance_phrase
from indicators.models import Figure
from indicators.selectors import quarter_rows, rag_counts
from reports.enums import AgendaItemKind, BlockerKind
from reports.performance import performance_report_build
from reports.render.html import _indicator as html_indicator
from reports.render.pdf_performance import indicator_page as pdf_indicator_page
from reports.selectors import pack_readiness
from tests.commentary.factories import ReturnFactory
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    PublishedStatusFactory,
    QuarterFactory,
    ServiceAreaFactory,
    TargetFactory,
)
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

NO_ACTIONS_TEXT = "No actions have been approved for this Red indicator."
ACTIONS = "- Review every case by July (Head of Service)."
JUNE, MAY = datetime.date(2024, 6, 30), datetime.date(2024, 5, 31)

percent = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)
target_value = st.decimals(min_value=1, max_value=100, places=1, allow_nan=False, allow_infinity=False)

rows = st.fixed_dictionaries(
    {
        "target": st.one_of(target_value, st.sampled_from(["contextual", "baseline", "none"])),
        "direction": st.sampled_from([Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER]),
        "value": st.one_of(st.none(), percent),
        "parts": st.one_of(
            st.none(), st.tuples(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=500))
        ),
        "not_updated": st.booleans(),
        "actions": st.sampled_from(["", "   \n ", ACTIONS]),
        "previous_status": st.sampled_from([None, "Red", "Amber", "Green", "Blue", "Contextual"]),
        "suspended": st.booleans(),
        "variance_basis": st.sampled_from(list(rag.VarianceBasis)),
        "variance_sign": st.sampled_from(list(rag.VarianceSign)),
        "reporting_basis": st.sampled_from([PeriodBasis.IN_PERIOD, PeriodBasis.YEAR_TO_DATE]),
    }
)


def _stored_value(row) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(value, numerator, denominator) as stored: a value given with its parts is what the parts give."""
    value = row["value"]
    if row["parts"] is not None:
        numerator, denominator = (Decimal(part) for part in row["parts"])
        numerator = min(numerator, denominator)  # a percentage's X is never above its Y
        value = reporting.value_from_parts(numerator=numerator, denominator=denominator, unit=Unit.PERCENT)
        return value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), numerator, denominator
    if value is None and not row["not_updated"]:
        value = Decimal("50.0")  # a figure that was updated always has a value
    return value, None, None


def _arrange(table: list[dict]):
    committee = CommitteeFactory()
    area = ServiceAreaFactory(committee=committee, name="Children's Social Care", slug="childrens-social-care")
    quarter = QuarterFactory(year__start_year=2024, number=1)
    before = QuarterFactory(year__start_year=2023, number=4)
    for number, row in enumerate(table, start=1):
        indicator = IndicatorFactory(
            committee=committee,
            service_area=area,
            number=number,
            name=f"Measure {number}",
            direction=row["direction"],
            status=IndicatorStatus.SUSPENDED if row["suspended"] else IndicatorStatus.ACTIVE,
            variance_basis=row.get("variance_basis", rag.VarianceBasis.RELATIVE),
            variance_sign=row.get("variance_sign", rag.VarianceSign.BETTER_WORSE),
            reporting_basis=row.get("reporting_basis", PeriodBasis.IN_PERIOD),
        )
        reported = row.get("reporting_basis", PeriodBasis.IN_PERIOD)
        other = PeriodBasis.YEAR_TO_DATE if reported == PeriodBasis.IN_PERIOD else PeriodBasis.IN_PERIOD
        # The same date on the other basis, with a value no consumer may take for the reported one.
        FigureFactory(indicator=indicator, period_end=JUNE, value=Decimal("99.9"), basis=other)
        if isinstance(row["target"], Decimal):
            TargetFactory(indicator=indicator, year=quarter.year, value=row["target"])
        elif row["target"] != "none":
            TargetFactory(indicator=indicator, year=quarter.year, value=None, status=TargetStatus(row["target"]))
        value, numerator, denominator = _stored_value(row)
        FigureFactory(indicator=indicator, period_end=MAY, value=Decimal("40.0"), basis=reported)
        FigureFactory(
            indicator=indicator,
            basis=reported,
            period_end=JUNE,
            value=value,
            numerator=numerator,
            denominator=denominator,
            not_updated=row["not_updated"],
            not_updated_reason="The case system was migrated." if row["not_updated"] else "",
        )
        ReturnFactory(
            indicator=indicator,
            quarter=quarter,
            state=ReviewState.APPROVED,
            value=value,
            numerator=numerator,
            denominator=denominator,
            not_updated=row["not_updated"],
            not_updated_reason="The case system was migrated." if row["not_updated"] else "",
            actions=row["actions"],
        )
        if row["previous_status"]:
            PublishedStatusFactory(indicator=indicator, quarter=before, rag=row["previous_status"])
    meeting = MeetingFactory(committee=committee, quarter=quarter)
    AgendaItemFactory(meeting=meeting, number=8, kind=AgendaItemKind.PERFORMANCE_REPORT)
    return committee, quarter, meeting


def _expected_rating(row) -> rag.Rating:
    """The rating by the RAG rule (indicators.rag), worked out from the arranged values alone."""
    value, _, _ = _stored_value(row)
    target = row["target"]
    return rag.rating_for(
        current=value,
        target=target if isinstance(target, Decimal) else None,
        target_status=target.title() if target in ("contextual", "baseline") else None,
        direction=row["direction"],
        suspended=row["suspended"],
        basis=row.get("variance_basis", rag.VarianceBasis.RELATIVE),
        sign=row.get("variance_sign", rag.VarianceSign.BETTER_WORSE),
    )


def _expected_status(row) -> str | None:
    rating = _expected_rating(row)
    return rating.status.value if rating.status else None


def _pdf_texts(flowables) -> list[str]:
    texts = []
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            texts.append(flowable.text)
        for attribute in ("_content", "_flowables"):
            texts += _pdf_texts(getattr(flowable, attribute, None) or [])
        for cells in getattr(flowable, "_cellvalues", None) or []:
            for cell in cells:
                texts += _pdf_texts(cell if isinstance(cell, list | tuple) else [cell])
    return texts


def _verdicts(committee, quarter, meeting) -> dict[str, dict[int, bool]]:
    """Per consumer: indicator number -> "needs actions it does not have"."""
    returns = {ret.indicator.number: ret for ret in meeting.quarter.returns.select_related("indicator")}
    report = performance_report_build(committee=committee, quarter=quarter)
    red_without = [b.message for b in pack_readiness(meeting=meeting) if b.kind == BlockerKind.RED_WITHOUT_ACTIONS]
    html = {
        entry.ref.number: render_to_string(
            "reports/pack/_indicator.html", {"indicator": html_indicator(entry, 8), "item": {"anchor": "item-8"}}
        )
        for entry in report.indicators
    }
    pdf = {entry.ref.number: _pdf_texts(pdf_indicator_page(entry, 480, "item-8")) for entry in report.indicators}
    return {
        "return check": {
            number: any(problem.field == "actions" for problem in return_problems(ret=ret))
            for number, ret in returns.items()
        },
        "readiness": {
            number: any(message.startswith(f"Indicator {number} (") for message in red_without) for number in returns
        },
        "pack": {entry.ref.number: entry.actions_missing for entry in report.indicators},
        "pack HTML": {number: NO_ACTIONS_TEXT in text for number, text in html.items()},
        "pack PDF": {number: NO_ACTIONS_TEXT in texts for number, texts in pdf.items()},
    }


def _counts(committee, quarter) -> dict[str, dict[str, int]]:
    """Per consumer: group ("Red" ... "Not updated this quarter", "Not rated") -> count, without the zeros."""
    dashboard = {status: count for status, _, count in rag_counts(quarter_rows(committee=committee, quarter=quarter))}
    counts = performance_report_build(committee=committee, quarter=quarter).counts
    pack = {row.status: row.count for row in counts.table}
    pack |= {reporting.NOT_UPDATED: len(counts.not_updated), reporting.NOT_RATED: len(counts.not_rated)}
    export: dict[str, int] = {}
    for line in quarter_export(committee=committee, quarter=quarter):
        export[line["counted_as"]] = export.get(line["counted_as"], 0) + 1
    found = {"dashboard": dashboard, "pack": pack, "export": export}
    return {consumer: {group: n for group, n in counts.items() if n} for consumer, counts in found.items()}


def _variances(committee, quarter) -> dict[str, dict[int, object]]:
    """Per consumer: indicator number -> the variance it prints (the export: its number, rounded)."""
    report = performance_report_build(committee=committee, quarter=quarter)
    html = {
        entry.ref.number: render_to_string(
            "reports/pack/_indicator.html", {"indicator": html_indicator(entry, 8), "item": {"anchor": "item-8"}}
        )
        for entry in report.indicators
    }
    return {
        "dashboard": {
            row.indicator.number: row.deviation_display for row in quarter_rows(committee=committee, quarter=quarter)
        },
        "pack": {entry.ref.number: entry.deviation_display for entry in report.indicators},
        "pack phrase": {entry.ref.number: entry.deviation_phrase for entry in report.indicators},
        "pack HTML": html,
        "export": {
            line["indicator"]: line["variance"] for line in quarter_export(committee=committee, quarter=quarter)
        },
    }


RED_128 = {
    "target": Decimal("70.0"),
    "direction": Direction.HIGHER_IS_BETTER,
    "value": Decimal("58.2"),
    "parts": None,
    "not_updated": True,
    "actions": "",
    "previous_status": "Red",
    "suspended": False,
}


@settings(max_examples=25)
@given(st.lists(rows, min_size=1, max_size=5))
@example([RED_128])
@example([{**RED_128, "not_updated": False, "actions": ACTIONS}, {**RED_128, "value": None}])
# Points at the exact Red boundary (-10 points: Amber under the report key) and above/below for lower-is-better.
@example(
    [
        {**RED_128, "value": Decimal("60.0"), "not_updated": False, "variance_basis": "points"},
        {
            **RED_128,
            "direction": Direction.LOWER_IS_BETTER,
            "target": Decimal("8.5"),
            "value": Decimal("18.5"),
            "not_updated": False,
            "variance_sign": "above_below",
            "actions": ACTIONS,
        },
    ]
)
def test_every_consumer_gives_the_same_verdict_and_the_same_counts(table):
    with transaction.atomic():
        committee, quarter, meeting = _arrange(table)

        expected = {
            number: reporting.actions_missing(status=_expected_status(row), actions=row["actions"])
            for number, row in enumerate(table, start=1)
        }
        verdicts = _verdicts(committee, quarter, meeting)
        counts = _counts(committee, quarter)
        variances = _variances(committee, quarter)
        ratings = {number: _expected_rating(row) for number, row in enumerate(table, start=1)}

        assert verdicts == dict.fromkeys(verdicts, expected)
        assert counts["dashboard"] == counts["pack"] == counts["export"]
        assert sum(counts["dashboard"].values()) == len(table)
        not_updated = sum(row["not_updated"] for row in table)
        assert counts["dashboard"].get(reporting.NOT_UPDATED, 0) == not_updated
        printed = {number: format_variance(rating) for number, rating in ratings.items()}
        assert variances["dashboard"] == variances["pack"] == printed
        assert variances["pack phrase"] == {number: variance_phrase(rating) for number, rating in ratings.items()}
        assert variances["export"] == {number: rating.variance_rounded for number, rating in ratings.items()}
        for number, phrase in variances["pack phrase"].items():
            assert (f"({phrase})" in variances["pack HTML"][number]) == bool(phrase)
        transaction.set_rollback(True)


def test_a_red_not_updated_indicator_without_actions_gets_one_verdict_everywhere(db):
    committee, quarter, meeting = _arrange([RED_128])
    ret = meeting.quarter.returns.get()

    problems = return_problems(ret=ret)
    blockers = [b for b in pack_readiness(meeting=meeting) if b.kind == BlockerKind.RED_WITHOUT_ACTIONS]
    report = performance_report_build(committee=committee, quarter=quarter)
    entry = report.entry(1)
    html = render_to_string(
        "reports/pack/_indicator.html", {"indicator": html_indicator(entry, 8), "item": {"anchor": "item-8"}}
    )

    assert [problem.field for problem in problems] == ["actions"]
    assert problems[0].message.startswith("Indicator 1: the indicator is Red (58.2% against a target of 70.0%)")
    assert [b.message for b in blockers] == ["Indicator 1 (Measure 1) is Red and its return has no actions."]
    assert (entry.status, entry.not_updated, entry.actions_missing) == ("Red", True, True)
    assert NO_ACTIONS_TEXT in html
    assert NO_ACTIONS_TEXT in _pdf_texts(pdf_indicator_page(entry, 480, "item-8"))
    # Listed apart, counted nowhere else: not Red in the table, not "unchanged" against last quarter's Red.
    assert report.counts.red_count == 0
    assert [listed.ref.number for listed in report.counts.not_updated] == [1]
    assert report.counts.unchanged == []
    assert rag_counts(quarter_rows(committee=committee, quarter=quarter))[0] == ("Red", "red", 0)
    assert rag_counts(quarter_rows(committee=committee, quarter=quarter))[-1] == (
        "Not updated this quarter",
        "not-updated",
        1,
    )


def test_the_same_indicator_with_actions_passes_every_consumer(db):
    committee, quarter, meeting = _arrange([{**RED_128, "actions": ACTIONS}])

    assert return_problems(ret=meeting.quarter.returns.get()) == []
    assert BlockerKind.RED_WITHOUT_ACTIONS not in [b.kind for b in pack_readiness(meeting=meeting)]
    assert performance_report_build(committee=committee, quarter=quarter).entry(1).actions_missing is False


def test_a_figure_from_its_parts_agrees_with_the_return_check_and_the_model(db):
    *_, meeting = _arrange([{**RED_128, "parts": (27, 120), "not_updated": False, "actions": ACTIONS}])
    figure = Figure.objects.reported().get(indicator__number=1, period_end=JUNE)

    assert figure.value == Decimal("22.5000")
    assert figure.indicator.value_from_parts(Decimal(27), Decimal(120)) == Decimal("22.5")
    assert figure.indicator.value_from_parts(Decimal(27), Decimal(0)) is None
    assert return_problems(ret=meeting.quarter.returns.get()) == []
