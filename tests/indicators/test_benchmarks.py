"""The benchmark table: each comparator with its own period, and the gap in points or per cent, in words."""

import datetime
from decimal import Decimal

import pytest

from indicators.benchmarks import benchmark_table, benchmarks_by_indicator, indicator_benchmark_table
from indicators.enums import BenchmarkKind, Direction, Unit, VarianceBasis, VarianceSign
from indicators.formatting import format_gap, gap_words
from tests.factories import FigureFactory, IndicatorFactory
from tests.indicators.benchmark_factories import BenchmarkFactory


def test_format_gap_in_points_and_per_cent_with_a_real_minus():
    assert format_gap(Decimal("2.14"), "points") == "+2.1 points"
    assert format_gap(Decimal("-8.04"), "relative") == "−8.0%"
    assert format_gap(Decimal("0.04"), "relative") == "0.0%"
    assert format_gap(None, "relative") == "–"


def test_gap_words_follow_the_sign_and_the_direction():
    assert gap_words(Decimal("2"), sign="better_worse", direction="higher_is_better") == "better"
    assert gap_words(Decimal("-2"), sign="better_worse", direction="lower_is_better") == "worse"
    assert gap_words(Decimal("-2"), sign="above_below", direction="higher_is_better") == "below"
    assert gap_words(Decimal("2"), sign="better_worse", direction="none") == "above"
    assert gap_words(Decimal("0.04"), sign="better_worse", direction="higher_is_better") == "the same"
    assert gap_words(None, sign="better_worse", direction="higher_is_better") == ""


@pytest.mark.django_db
def test_gap_of_a_percentage_in_points_is_the_difference():
    indicator = IndicatorFactory(unit=Unit.PERCENT, variance_basis=VarianceBasis.POINTS)
    figure = FigureFactory(indicator=indicator, value=Decimal("88.6"), england_mean=Decimal("86.5"))

    (row,) = benchmark_table(indicator=indicator, figure=figure)

    assert (row.name, row.period, row.value_display) == ("England", "June 2024", "86.5%")
    assert row.gap == Decimal("2.1")
    assert row.gap_phrase == "+2.1 points (better)"
    assert row.gap_sentence == "2.1 points better than England (June 2024)"


@pytest.mark.django_db
def test_relative_gap_lower_is_better_is_signed_so_positive_is_better():
    indicator = IndicatorFactory(unit=Unit.RATE_PER_10000, direction=Direction.LOWER_IS_BETTER, decimals=1)
    figure = FigureFactory(indicator=indicator, value=Decimal("54.0"), sn_mean=Decimal("50.0"))

    (row,) = benchmark_table(indicator=indicator, figure=figure)

    # (50 - 54) / 50 = -8%: above the neighbours, which is worse when lower is better.
    assert row.gap == Decimal("-8.0")
    assert row.gap_phrase == "−8.0% (worse)"


@pytest.mark.django_db
def test_gap_printed_above_or_below_is_current_minus_benchmark():
    indicator = IndicatorFactory(
        unit=Unit.RATE_PER_10000, direction=Direction.LOWER_IS_BETTER, variance_sign=VarianceSign.ABOVE_BELOW
    )
    figure = FigureFactory(indicator=indicator, value=Decimal("54.0"), region_mean=Decimal("50.0"))

    (row,) = benchmark_table(indicator=indicator, figure=figure)

    assert row.gap_phrase == "+8.0% (above)"


@pytest.mark.django_db
def test_no_relative_gap_against_a_zero_benchmark_nor_a_missing_value():
    indicator = IndicatorFactory(unit=Unit.COUNT, decimals=0)
    figure = FigureFactory(indicator=indicator, value=Decimal("3"), england_mean=Decimal("0"))
    empty = FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 7, 31),
        value=None,
        not_available=True,
        sn_mean=Decimal("4"),
    )

    (zero,) = benchmark_table(indicator=indicator, figure=figure)
    (missing,) = benchmark_table(indicator=indicator, figure=empty)

    assert (zero.gap, zero.gap_phrase, zero.gap_sentence) == (None, "–", "")
    assert (missing.value_display, missing.gap_phrase) == ("4", "–")


@pytest.mark.django_db
def test_zero_benchmark_in_points_still_has_a_gap():
    indicator = IndicatorFactory(unit=Unit.PERCENT, variance_basis=VarianceBasis.POINTS)
    figure = FigureFactory(indicator=indicator, value=Decimal("3.5"), england_mean=Decimal("0"))

    (row,) = benchmark_table(indicator=indicator, figure=figure)

    assert row.gap_phrase == "+3.5 points (better)"


@pytest.mark.django_db
def test_latest_benchmark_per_kind_and_label_up_to_the_period():
    indicator = IndicatorFactory()
    for year in (2021, 2022, 2023):
        BenchmarkFactory(
            indicator=indicator,
            kind=BenchmarkKind.ENGLAND,
            period_label=f"{year}/{str(year + 1)[2:]}",
            period_end=datetime.date(year + 1, 3, 31),
            value=Decimal(60 + year - 2021),
        )
    BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.REGION, label="East of England", value=Decimal("65"))
    BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.REGION, label="Core cities", value=Decimal("66"))
    BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.OWN, period_label="2022/23", value=Decimal("71"))

    chosen = benchmarks_by_indicator([indicator.id], datetime.date(2024, 3, 30))[indicator.id]

    # The 2023/24 England figure ends after the period: the 2022/23 one is the latest shown.
    assert [(b.name, b.period_label) for b in chosen] == [
        ("Our last published figure", "2022/23"),
        ("Core cities", "2022/23"),
        ("East of England", "2022/23"),
        ("England", "2022/23"),
    ]
    assert benchmarks_by_indicator([indicator.id], datetime.date(2022, 1, 1)) == {}


@pytest.mark.django_db
def test_table_orders_kinds_figure_comparator_first_and_each_has_its_period():
    indicator = IndicatorFactory(unit=Unit.PERCENT, variance_basis=VarianceBasis.POINTS)
    figure = FigureFactory(
        indicator=indicator,
        value=Decimal("80.0"),
        england_mean=Decimal("79.0"),
        other_mean=Decimal("75.0"),
        other_mean_label="Core cities",
    )
    BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.ENGLAND, value=Decimal("77.0"))
    BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.STATISTICAL_NEIGHBOURS, value=Decimal("82.0"))

    rows = indicator_benchmark_table(indicator=indicator, figure=figure, until=datetime.date(2024, 6, 30))

    assert [(r.name, r.period, r.gap_phrase, r.source) for r in rows] == [
        ("Statistical neighbours", "2022/23", "−2.0 points (worse)", "DfE children looked after 2023"),
        ("England", "June 2024", "+1.0 points (better)", ""),
        ("England", "2022/23", "+3.0 points (better)", "DfE children looked after 2023"),
        ("Core cities", "June 2024", "+5.0 points (better)", ""),
    ]


@pytest.mark.django_db
def test_a_benchmark_for_the_figures_own_period_takes_the_place_of_its_comparator():
    indicator = IndicatorFactory()
    figure = FigureFactory(indicator=indicator, england_mean=Decimal("70.0"))
    BenchmarkFactory(indicator=indicator, period_end=figure.period_end, period_label="June 2024", value=Decimal("70.0"))

    rows = indicator_benchmark_table(indicator=indicator, figure=figure, until=figure.period_end)

    assert [(r.name, r.on_figure, r.source) for r in rows] == [("England", False, "DfE children looked after 2023")]


@pytest.mark.django_db
def test_benchmarks_of_many_indicators_in_one_query(django_assert_num_queries):
    indicators = [IndicatorFactory() for _ in range(3)]
    for indicator in indicators:
        BenchmarkFactory(indicator=indicator)
        BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.REGION, label="East of England")

    with django_assert_num_queries(1):
        chosen = benchmarks_by_indicator([i.id for i in indicators], datetime.date(2024, 6, 30))

    assert {key: len(value) for key, value in chosen.items()} == {i.id: 2 for i in indicators}
