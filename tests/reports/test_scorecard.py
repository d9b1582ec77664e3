"""The scorecard's data (reports.scorecard) against hand-worked expectations on a small monthly body.

Measure 1: 88.6% (124 of 140) against 98, in points, above/below: 9.4 points below target; three bands,
Red beyond 10 points: Amber. July 91.0% → ↓ Declining. Its year to date (26.5%, 35 of 132) beside it.
Measure 2: rate 45.2 against 40.0, lower is better, relative: (40 − 45.2) / 40 = −13.0%: Red. July 44.0 → ↑
Declining. Statistical neighbours 48.0 (2022/23): (48 − 45.2) / 48 = +5.8% better; England's latest
(2022/23, not 2021/22) 70.0: +35.4% better; East of England 45.2 (2021/22): the same.
Measure 3: 400 days in May 2023, a monthly measure in August: stale. (426 − 400) / 426 = +6.1%: Green.
Measure 4: not available in August. Measure 5: 99.0 against 90: +10.0%, Green in three bands (Blue in four).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cyp.enums import RagBands
from reports.performance import performance_report_build
from reports.scorecard import scorecard_build
from tests.reports.scorecard_factories import HOSTILE, scorecard_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def scorecard():
    board, august = scorecard_body()
    return scorecard_build(committee=board, quarter=august)


def measure(scorecard, number):
    return next(m for m in scorecard.measures if m.entry.ref.number == number)


def test_scorecard_groups_measures_by_service_area_in_number_order(scorecard):
    assert [(group.service_area, [m.entry.ref.number for m in group.measures]) for group in scorecard.groups] == [
        ("Children in care", [1, 2, 3]),
        ("Care leavers", [4, 5]),
    ]
    assert scorecard.period_label == "August 2023"


def test_scorecard_prints_a_percentage_in_points_above_or_below_with_x_of_y_and_its_year_to_date(scorecard):
    health = measure(scorecard, 1)

    assert (health.current_display, health.parts, health.entry.current_label) == ("88.6%", "124 of 140", "August 2023")
    assert [(v.label, v.display, v.parts, v.reported) for v in health.values] == [
        ("August 2023", "88.6%", "124 of 140", True),
        ("August 2023, year to date", "26.5%", "35 of 132", False),
    ]
    assert health.entry.target_display == "98.0%"
    assert health.entry.deviation_display == "9.4 points below target"
    assert health.status_words == "Amber"
    assert (health.entry.previous_label, health.entry.previous_display) == ("July 2023", "91.0%")
    assert health.previous_words == "↓ Declining"
    assert health.entry.direction_words == "Higher is better"
    assert health.entry.commentary == HOSTILE
    assert health.entry.actions == "Chase the outstanding assessments."


def test_scorecard_prints_a_rate_relatively_with_benchmarks_of_their_own_years_breakdown_and_calculation(scorecard):
    rate = measure(scorecard, 2)

    assert (rate.current_display, rate.entry.current_label) == ("45.2", "August 2023, rolling 12 months")
    assert rate.entry.deviation_display == "−13.0%"
    assert rate.status_words == "Red"
    assert rate.previous_words == "↑ Declining"
    assert rate.entry.direction_words == "Lower is better"
    assert [(b.name, b.period, b.value_display, b.gap_phrase) for b in rate.benchmarks] == [
        ("Statistical neighbours", "2022/23", "48.0", "+5.8% (better)"),
        ("East of England", "2021/22", "45.2", "0.0% (the same)"),
        ("England", "2022/23", "70.0", "+35.4% (better)"),
    ]
    assert [(t.dimension, [(c.category, c.value_display) for c in t.categories]) for t in rate.breakdowns] == [
        ("Age band", [("Under 1", "20.0"), ("1 to 4", "55.0"), ("5 to 9", "80.0")])
    ]
    assert rate.calculation.startswith("277 over 12 months (")
    assert rate.calculation.endswith("= 45.2")
    assert "population 61,300" in rate.calculation


def test_scorecard_flags_a_stale_figure_and_rates_days_relatively(scorecard):
    adoption = measure(scorecard, 3)

    assert (adoption.current_display, adoption.entry.stale_flag) == ("400 days", "Data from May 2023")
    assert (adoption.entry.target_display, adoption.entry.deviation_display) == ("426 days", "+6.1%")
    assert adoption.status_words == "Green"
    assert adoption.previous_words == "↓ Improving"


def test_scorecard_says_not_available_with_the_reason_and_compares_nothing(scorecard):
    missing = measure(scorecard, 4)

    assert missing.not_available
    assert missing.current_display == "Not available"
    assert missing.status_words == "Not available"
    assert missing.entry.not_available_text == (
        "Not available: the source system could not produce this figure (The case management system was being "
        "migrated)."
    )
    assert missing.entry.deviation_display == "–"
    assert missing.previous_words == "Not compared"
    assert not missing.entry.not_updated
    assert scorecard.apart_note == "Not available: measure 4."
    assert scorecard.count_table.counted_total == 4


def test_scorecard_of_a_three_band_body_never_gives_blue(scorecard):
    education = measure(scorecard, 5)

    assert (education.entry.deviation_display, education.status_words) == ("+10.0%", "Green")
    assert education.previous_words == "→ Unchanged"
    assert "Blue" not in [status for status, _wording in scorecard.report.key]


def test_scorecard_of_a_four_band_body_gives_blue_for_the_same_figures():
    board, august = scorecard_body()
    board.rag_bands = RagBands.FOUR
    board.save()

    card = scorecard_build(committee=board, quarter=august)

    assert measure(card, 5).status_words == "Blue"


def test_scorecard_shows_no_value_side_by_side_for_a_measure_with_one_basis(scorecard):
    assert measure(scorecard, 2).values == []
    assert measure(scorecard, 5).parts == ""


@pytest.mark.parametrize("extra", [0, 12])
def test_scorecard_build_runs_a_fixed_number_of_queries(django_assert_num_queries, extra):
    board, august = scorecard_body(extra=extra)
    scorecard_build(committee=board, quarter=august)  # warm the caches a first build fills (content types)
    with CaptureQueriesContext(connection) as report_queries:
        performance_report_build(committee=board, quarter=august)

    with django_assert_num_queries(len(report_queries) + OWN_QUERIES):
        card = scorecard_build(committee=board, quarter=august)

    assert len(card.measures) == 5 + extra
    assert measure(card, 5 + extra).current_display == ("60.0%" if extra else "99.0%")
    if extra:
        assert measure(card, 6).parts == "6 of 10"
        assert measure(card, 6).entry.commentary == "Commentary 6."
        assert measure(card, 6).entry.current_value == Decimal("60")


#: The scorecard's own queries beside the performance report's (the current figures and every basis of their
#: period), whatever the number of measures.
OWN_QUERIES = 2
