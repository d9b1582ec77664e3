"""performance_report_build: the Q1 2024/25 report from the demo, counted by the rule, from approved content only."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyp.enums import RagWording, ReviewState
from cyp.models import Quarter
from indicators import rag
from reports.performance import performance_report_build
from tests.factories import (
    FigureFactory,
    FinancialYearFactory,
    IndicatorFactory,
    PublishedStatusFactory,
    QuarterFactory,
    TargetFactory,
    UsefulLinkFactory,
)
from tests.reports.pack_helpers import approve_demo_commentary, demo_report, load_demo_indicators, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    load_demo_indicators()
    return demo_report()


def numbers(refs):
    return [ref.number for ref in refs]


def test_demo_report_counts_8_red_and_lists_128_apart_as_not_updated(report):
    counts = report.counts

    table = {row.status: row.count for row in counts.table}
    assert table == {
        "Red": 8,
        "Amber": 2,
        "Green": 4,
        "Blue": 3,
        "Baseline": 0,
        "Contextual": 2,
        "In development": 0,
        "Suspended": 0,
    }
    assert 128 not in numbers(counts.indicators_of("Red"))
    assert [item.ref.number for item in counts.not_updated] == [128]
    reason = read("q1_2024_25_cover.json")["not_updated"]["indicators"][0]["reason"]
    assert counts.not_updated[0].reason == reason
    assert counts.counted_total == 19 and counts.total == 20


def test_demo_report_moves_9_amber_to_green_and_11_green_to_blue_against_the_q4_statuses(report):
    counts = report.counts

    assert [(m.from_status, m.to_status, numbers(m.indicators)) for m in counts.improved] == [
        ("Amber", "Green", [9]),
        ("Green", "Blue", [11]),
    ]
    assert counts.declined == []
    assert numbers(counts.unchanged) == [1, 2, 3, 7, 8, 10, 116, 117, 118, 130, 131, 132, 133, 134, 135]
    assert {item.ref.number: item.reason for item in counts.not_comparable} == {
        6: "Contextual: no performance target in either quarter",
        128: "not updated this quarter",
        129: "Contextual: no performance target in either quarter",
    }
    assert counts.improved_count + counts.declined_count + len(counts.unchanged) + len(counts.not_comparable) == 20
    assert report.previous_quarter_label == "Quarter 4 2023/24"


def test_demo_report_carries_the_chosen_examples_with_their_approved_commentary(report):
    published = {record["number"]: record for record in read("cyp_indicators_q1_2024_25.json")["indicators"]}

    assert [(e.ref.number, e.status) for e in report.counts.examples_green_blue] == [(8, "Green"), (118, "Blue")]
    assert [(e.ref.number, e.status) for e in report.counts.examples_red] == [(3, "Red"), (133, "Red")]
    assert report.counts.examples_red[0].commentary == published[3]["commentary"]


def test_demo_report_entry_has_every_field_of_the_published_indicator_page(report):
    entry = report.entry(117)

    assert entry.ref.label.startswith("Indicator 117: Proportion of children subject to a Child Protection Plan")
    assert (entry.target_display, entry.current_display, entry.previous_display) == ("21.0%", "8.9%", "6.9%")
    assert (entry.status, entry.change, entry.direction_arrow, entry.period_word) == ("Blue", "Declining", "↓", "Month")
    assert (entry.current_label, entry.previous_label) == ("June 2024", "May 2024")
    assert [(c.label, c.display) for c in entry.comparators] == [
        ("Statistical Neighbour Mean", "24.6%"),
        ("England Mean", "23.3%"),
    ]
    assert entry.description and entry.formula and entry.sources and entry.useful_links
    published = next(r for r in read("cyp_indicators_q1_2024_25.json")["indicators"] if r["number"] == 117)
    assert entry.commentary == published["commentary"]
    assert [point.label for point in entry.chart.points] == ["May 2024", "June 2024"]
    # Two figures are no trend: the published pack drew one from them; cyp draws none under four.
    assert (entry.chart.trend, entry.chart.projection) == ((), None)


def test_demo_report_key_uses_the_committee_wording(report):
    assert report.key == [(status.value, text) for status, text in rag.key_text(rag.Wording.REPORT_KEY).items()]
    assert dict(report.key)["Red"] == "current performance is off target by more than 10%"


def test_the_key_follows_the_committee_when_it_chooses_the_cover_paper_wording():
    committee = load_demo_indicators()
    committee.rag_wording = RagWording.COVER_PAPER
    committee.save()

    quarter = Quarter.objects.quarters().get(year__start_year=2024, number=1)
    report = performance_report_build(committee=committee, quarter=quarter)

    assert dict(report.key)["Red"] == "current performance is 10% or more from target"


def test_commentary_not_yet_approved_is_not_printed():
    from commentary.models import Return

    committee = load_demo_indicators()
    quarter = Quarter.objects.quarters().get(year__start_year=2024, number=1)
    indicator = committee.indicators.get(number=1)
    Return.objects.create(indicator=indicator, quarter=quarter, state=ReviewState.SUBMITTED, commentary="Draft words")

    report = performance_report_build(committee=committee, quarter=quarter)

    assert report.entry(1).commentary == ""


def test_no_examples_chosen_leaves_the_examples_empty():
    committee = load_demo_indicators()
    approve_demo_commentary()

    quarter = Quarter.objects.quarters().get(year__start_year=2024, number=1)
    report = performance_report_build(committee=committee, quarter=quarter)

    assert report.counts.examples_green_blue == [] and report.counts.examples_red == []
    assert report.examples_chosen == []


def _committee_with(count, committee, quarter, before):
    for _ in range(count):
        indicator = IndicatorFactory(committee=committee)
        TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("50.0"))
        for month in (4, 5, 6):
            FigureFactory(indicator=indicator, period_end=datetime.date(2024, month, 28), value=Decimal(40 + month))
        UsefulLinkFactory(indicator=indicator)
        PublishedStatusFactory(indicator=indicator, quarter=before, rag="Red")


def _queries(committee, quarter):
    with CaptureQueriesContext(connection) as context:
        performance_report_build(committee=committee, quarter=quarter)
    return len(context.captured_queries)


def test_building_the_report_runs_the_same_queries_for_5_or_15_indicators(committee):
    quarter = QuarterFactory(year=FinancialYearFactory(start_year=2024), number=1)
    before = QuarterFactory(year=FinancialYearFactory(start_year=2023), number=4)
    _committee_with(5, committee, quarter, before)
    small = _queries(committee, quarter)
    _committee_with(10, committee, quarter, before)

    assert _queries(committee, quarter) == small
    assert small <= 12
