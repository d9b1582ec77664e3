"""A series with no direction for improvement: shown above or below its target, not better or worse."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import rag
from indicators.enums import Direction, TargetComparator, Unit
from indicators.formatting import format_variance
from indicators.models import Indicator
from reports.performance import performance_report_build
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory
from tests.indicators.test_import_indicators import csv_file, run
from tests.indicators.test_views_dashboard import dashboard_url, table_rows

NONE = rag.Direction.NONE
JUNE, MAY = datetime.date(2024, 6, 30), datetime.date(2024, 5, 31)


def test_a_series_without_direction_is_contextual_and_shown_above_or_below_target():
    rating = rag.rating_for(current="45.0", target="40.0", target_status=None, direction=NONE)

    assert (rating.status, format_variance(rating), rating.reason) == (
        rag.Status.CONTEXTUAL,
        "12.5% above target",
        rag.NO_DIRECTION_RULE,
    )
    assert rag.change_for("45.0", "40.0", NONE) is None


def test_a_target_written_with_words_rates_a_series_without_direction_in_their_direction():
    below = rag.rating_for(current="45.0", target="40.0", target_status=None, direction=NONE, comparator="below")
    at_least = rag.rating_for(current="45.0", target="40.0", target_status=None, direction=NONE, comparator="at_least")

    assert (below.status, format_variance(below)) == (rag.Status.RED, "−12.5%")
    assert (at_least.status, format_variance(at_least)) == (rag.Status.BLUE, "+12.5%")
    assert rag.comparator_conflict("below", NONE) is False


@given(
    current=st.decimals(min_value=0, max_value=1000, places=2),
    target=st.decimals(min_value=1, max_value=1000, places=2),
    basis=st.sampled_from(list(rag.VarianceBasis)),
)
def test_without_direction_the_variance_is_always_current_minus_target(current, target, basis):
    rating = rag.rating_for(current=current, target=target, target_status=None, direction=NONE, basis=basis)

    assert rating.status == rag.Status.CONTEXTUAL
    assert rating.sign == rag.VarianceSign.ABOVE_BELOW
    assert (rating.variance > 0) == (current > target)


@pytest.fixture
def caseload(committee, area, quarter):
    indicator = IndicatorFactory(
        committee=committee, service_area=area, number=51, name="Average caseload", unit=Unit.PER_FTE, direction=NONE
    )
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("16"))
    FigureFactory(indicator=indicator, period_end=MAY, period_label="May 2024", value=Decimal("17.0"))
    FigureFactory(indicator=indicator, period_end=JUNE, period_label="June 2024", value=Decimal("18.4"))
    below = IndicatorFactory(
        committee=committee, service_area=area, number=52, name="Days to placement", unit=Unit.DAYS, direction=NONE
    )
    TargetFactory(indicator=below, year=quarter.year, value=Decimal("20"), comparator=TargetComparator.BELOW)
    FigureFactory(indicator=below, period_end=JUNE, period_label="June 2024", value=Decimal("19"))
    return indicator


def test_the_dashboard_and_the_pack_print_no_direction_in_words(as_persona, caseload, committee, quarter):
    response = as_persona("governance").get(dashboard_url(quarter))
    rows = {row[0]: row for row in table_rows(response, "dashboard")[1:]}
    entry = performance_report_build(committee=committee, quarter=quarter).entry(51)

    assert rows["51"][2:] == [
        "18.4 per FTE June 2024",
        "17.0 per FTE May 2024",
        "16.0 per FTE",
        "↕ No direction (monitored)",
        "–",
        "–",
        "–",
        "15.0% above target",
        "Contextual",
    ]
    assert (rows["52"][4], rows["52"][9], rows["52"][10]) == ("below 20.0 days", "+5.0%", "Green")
    assert (entry.direction_words, entry.change, entry.status, entry.deviation_phrase) == (
        "No direction (monitored)",
        "–",
        "Contextual",
        "15.0% above target",
    )


def test_the_indicator_page_chart_says_the_measure_has_no_direction(as_persona, caseload):
    # A trend is drawn from four values or more (rag.TREND_MIN_VALUES): two more months before May.
    for end, label, value in (
        (datetime.date(2024, 3, 31), "March 2024", "15.2"),
        (datetime.date(2024, 4, 30), "April 2024", "16.1"),
    ):
        FigureFactory(indicator=caseload, period_end=end, period_label=label, value=Decimal(value))
    response = as_persona("governance").get("/indicators/51/")

    assert "rising (the measure has no direction for improvement)" in response.content.decode()


def test_import_accepts_a_measure_with_no_direction(committee, tmp_path):
    path = csv_file(
        tmp_path,
        "number,name,unit,direction,frequency,service_area\n61,Average caseload,per FTE,none,monthly,Social Care\n",
    )

    run(path)

    assert Indicator.objects.values_list("unit", "direction").get(number=61) == (Unit.PER_FTE, Direction.NONE)
