"""Reads: which figures and quarters a person may see, the RAG summary, and the indicator page's data."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from indicators import rag
from indicators.models import Indicator
from indicators.selectors import (
    IndicatorRow,
    figures_visible_until,
    history_from_figures,
    indicator_page,
    landing_quarter_for,
    quarter_rows,
    quarters_for,
    rag_counts,
)
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    FinancialYearFactory,
    IndicatorFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    TargetFactory,
)


def publish(quarter):
    QuarterPublicationFactory(committee=CommitteeFactory(), quarter=quarter)
    return quarter


@pytest.fixture
def year_2024(db):
    return FinancialYearFactory(start_year=2024)


@pytest.fixture
def quarters(year_2024):
    """The four quarters of 2024/25, none open or published."""
    return [QuarterFactory(year=year_2024, number=number, is_open=False) for number in range(1, 5)]


# --- figures_visible_until -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "other_lead", "governance", "administrator"])
def test_staff_see_figures_of_every_period(request, persona, quarters):
    assert (
        figures_visible_until(user=request.getfixturevalue(persona), committee=CommitteeFactory()) == datetime.date.max
    )


def test_a_member_sees_no_figures_while_nothing_is_published(member, quarters):
    assert figures_visible_until(user=member, committee=CommitteeFactory()) is None


def test_a_member_sees_figures_up_to_the_end_of_the_latest_published_quarter(member, quarters):
    publish(quarters[0])
    publish(quarters[1])

    assert figures_visible_until(user=member, committee=CommitteeFactory()) == datetime.date(2024, 9, 30)


# --- landing_quarter_for and quarters_for --------------------------------------------------------


def test_a_member_lands_on_the_latest_published_quarter_even_when_an_earlier_one_is_open(member, quarters):
    quarters[0].is_open = True
    publish(quarters[0])
    publish(quarters[1])

    assert landing_quarter_for(user=member, committee=CommitteeFactory()) == quarters[1]


def test_a_member_lands_nowhere_while_nothing_is_published(member, quarters):
    quarters[0].is_open = True
    quarters[0].save()

    assert landing_quarter_for(user=member, committee=CommitteeFactory()) is None


def test_staff_land_on_the_latest_open_quarter(governance, quarters):
    publish(quarters[0])
    for quarter in quarters[1:3]:
        quarter.is_open = True
        quarter.save()

    assert landing_quarter_for(user=governance, committee=CommitteeFactory()) == quarters[2]


def test_staff_land_on_the_latest_published_quarter_when_none_is_open(governance, quarters):
    publish(quarters[1])

    assert landing_quarter_for(user=governance, committee=CommitteeFactory()) == quarters[1]


@time_machine.travel(datetime.datetime(2024, 8, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_staff_land_on_the_latest_quarter_that_has_begun_when_none_is_open_or_published(lead, quarters):
    assert landing_quarter_for(user=lead, committee=CommitteeFactory()) == quarters[1]


@time_machine.travel(datetime.datetime(2023, 1, 15, 12, tzinfo=datetime.UTC), tick=False)
def test_staff_land_on_the_first_quarter_before_any_has_begun(lead, quarters):
    assert landing_quarter_for(user=lead, committee=CommitteeFactory()) == quarters[0]


def test_staff_land_nowhere_when_no_quarter_is_set_up(governance):
    assert landing_quarter_for(user=governance, committee=CommitteeFactory()) is None


def test_quarters_for_a_member_are_the_published_ones_latest_first(member, quarters):
    publish(quarters[0])
    publish(quarters[2])

    assert list(quarters_for(user=member, committee=CommitteeFactory())) == [quarters[2], quarters[0]]


# --- rag_counts ----------------------------------------------------------------------------------


def _row(status):
    return IndicatorRow(
        indicator=None,
        current=None,
        previous=None,
        target=None,
        rating=rag.Rating(status, None, ""),
        change=None,
    )


def test_rag_counts_lists_every_status_in_report_order_and_adds_up():
    rows = [_row(rag.Status.RED), _row(rag.Status.RED), _row(rag.Status.BLUE), _row(rag.Status.CONTEXTUAL)]

    counts = rag_counts(rows)

    assert counts == [
        ("Red", "red", 2),
        ("Amber", "amber", 0),
        ("Green", "green", 0),
        ("Blue", "blue", 1),
        ("Baseline", "baseline", 0),
        ("Contextual", "contextual", 1),
        ("In development", "in-development", 0),
        ("Suspended", "suspended", 0),
    ]
    assert sum(count for _, _, count in counts) == len(rows)


def test_rag_counts_adds_not_rated_when_a_row_has_no_status():
    counts = rag_counts([_row(None), _row(rag.Status.GREEN)])

    assert counts[-1] == ("Not rated", "none", 1)
    assert sum(count for _, _, count in counts) == 2


# --- history_from_figures ------------------------------------------------------------------------


def test_history_rates_each_figure_against_the_target_of_the_financial_year_it_ends_in(committee, area):
    indicator = IndicatorFactory(committee=committee, service_area=area)
    TargetFactory(indicator=indicator, year=FinancialYearFactory(start_year=2023), value=Decimal("80"))
    TargetFactory(indicator=indicator, year=FinancialYearFactory(start_year=2024), value=Decimal("70"))
    march = FigureFactory(indicator=indicator, period_end=datetime.date(2024, 3, 31), value=Decimal("75"))
    april = FigureFactory(indicator=indicator, period_end=datetime.date(2024, 4, 30), value=Decimal("75"))
    targets = {target.year.start_year: target for target in indicator.targets.all()}

    history = history_from_figures(indicator=indicator, figures=[march, april], targets=targets, wording="report_key")

    assert [(entry["target"].value, entry["rating"].status, entry["change"]) for entry in history] == [
        (Decimal("80"), rag.Status.AMBER, None),
        (Decimal("70"), rag.Status.BLUE, rag.Change.UNCHANGED),
    ]


# --- indicator_page ------------------------------------------------------------------------------


@pytest.fixture
def monthly(committee, area, quarters):
    """Monthly figures from April to December 2024 (80.0 to 88.0), target 85 in 2024/25 and 90 in 2025/26."""
    indicator = IndicatorFactory(committee=committee, number=7, service_area=area)
    TargetFactory(indicator=indicator, year=quarters[0].year, value=Decimal("85"))
    TargetFactory(indicator=indicator, year=FinancialYearFactory(start_year=2025), value=Decimal("90"))
    for month in range(4, 13):
        FigureFactory(indicator=indicator, period_end=datetime.date(2024, month, 28), value=Decimal(f"{76 + month}.0"))
    return indicator


def test_indicator_page_for_a_member_stops_at_the_latest_published_quarter(committee, member, quarters, monthly):
    publish(quarters[0])

    page = indicator_page(committee=committee, number=7, user=member, quarter=quarters[0])

    assert [entry["figure"].period_end.month for entry in page.history] == [4, 5, 6]
    assert [target.year.start_year for target in page.targets] == [2024]
    assert page.visible_until == datetime.date(2024, 6, 30)


def test_indicator_page_for_a_member_has_nothing_while_nothing_is_published(committee, member, quarters, monthly):
    page = indicator_page(committee=committee, number=7, user=member, quarter=None)

    assert (page.history, page.targets, page.reported, page.visible_until) == ([], [], None, None)


def test_indicator_page_for_staff_has_every_figure_and_target(committee, governance, quarters, monthly):
    page = indicator_page(committee=committee, number=7, user=governance, quarter=quarters[1])

    assert len(page.history) == 9
    assert [target.year.start_year for target in page.targets] == [2024, 2025]


def test_indicator_page_reports_the_quarter_as_the_dashboard_does(committee, governance, quarters, monthly):
    page = indicator_page(committee=committee, number=7, user=governance, quarter=quarters[1])
    dashboard_row = next(
        row for row in quarter_rows(committee=committee, quarter=quarters[1]) if row.indicator.number == 7
    )

    reported = page.reported
    assert (reported.current.value, reported.previous.value, reported.target.value, reported.rag, reported.change) == (
        Decimal("85.0"),
        Decimal("84.0"),
        Decimal("85"),
        "Green",
        rag.Change.IMPROVING,
    )
    assert (reported.current, reported.previous, reported.target, reported.rag, reported.change) == (
        dashboard_row.current,
        dashboard_row.previous,
        dashboard_row.target,
        dashboard_row.rag,
        dashboard_row.change,
    )


def test_indicator_page_does_not_find_another_committees_indicator(committee, governance, quarters):
    other = CommitteeFactory(name="Adults and Health Committee")
    IndicatorFactory(committee=other, number=99)

    with pytest.raises(Indicator.DoesNotExist):
        indicator_page(committee=committee, number=99, user=governance, quarter=None)


@pytest.mark.parametrize("size", [3, 30])
def test_indicator_page_runs_four_queries_for_staff_whatever_the_number_of_figures(
    committee, area, governance, quarters, django_assert_num_queries, size
):
    indicator = IndicatorFactory(committee=committee, number=5, service_area=area)
    for day in range(size):
        FigureFactory(indicator=indicator, period_end=datetime.date(2022, 1, 1) + datetime.timedelta(days=day))
    governance.has_perm("indicators.view_unpublished")  # rules answers; nothing to cache

    # Four, and the quarter's benchmarks and the current figure's breakdown (indicators.benchmarks, .breakdowns).
    with django_assert_num_queries(6):
        page = indicator_page(committee=committee, number=5, user=governance, quarter=quarters[0])

    assert len(page.history) == size
