"""Derived figures, the arithmetic: hand-calculated rolling 12 months and year to date, and properties."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import derive

D = Decimal


def months_from(first: datetime.date, numerators, denominators=None) -> dict:
    denominators = denominators or [None] * len(numerators)
    return {
        derive.add_months(first, index): derive.Month(
            derive.add_months(first, index),
            None if x is None else D(x),
            None if y is None else D(y),
        )
        for index, (x, y) in enumerate(zip(numerators, denominators, strict=True))
    }


# Twelve monthly counts July 2023 to June 2024 adding up to 412 (hand-added: 30+35+...).
ROLLING_COUNTS = [30, 35, 32, 38, 31, 36, 40, 33, 34, 37, 36, 30]
JUNE_2024 = datetime.date(2024, 6, 30)


def test_rolling_12_months_is_the_12_counts_over_the_indicators_population():
    assert sum(ROLLING_COUNTS) == 412
    months = months_from(datetime.date(2023, 7, 1), ROLLING_COUNTS)

    result = derive.derive(
        derivation="rolling_12_months",
        denominator_rule="population",
        unit="rate_per_10000",
        months=months,
        period_end=JUNE_2024,
        population=D(61200),
    )

    # 412 / 61,200 x 10,000 = 67.320261... kept at four places.
    assert result.value == D("67.3203")
    assert (result.numerator, result.denominator) == (D(412), D(61200))
    assert (result.period_start, result.period_end) == (datetime.date(2023, 7, 1), JUNE_2024)
    assert result.period_label == "July 2023 to June 2024"
    assert result.basis == "rolling_12_months"


def test_rolling_12_months_divides_by_the_latest_months_denominator_before_the_population():
    denominators = [61000] * 11 + [61500]
    months = months_from(datetime.date(2023, 7, 1), ROLLING_COUNTS, denominators)

    result = derive.derive(
        derivation="rolling_12_months",
        denominator_rule="population",
        unit="rate_per_10000",
        months=months,
        period_end=JUNE_2024,
        population=D(61200),
    )

    # 412 / 61,500 x 10,000 = 66.99186...
    assert result.denominator == D(61500)
    assert result.value == D("66.9919")


def test_rolling_12_months_with_a_month_missing_has_no_value_and_names_the_month():
    months = months_from(datetime.date(2023, 7, 1), ROLLING_COUNTS)
    del months[datetime.date(2024, 3, 1)]

    result = derive.derive(
        derivation="rolling_12_months",
        denominator_rule="population",
        unit="rate_per_10000",
        months=months,
        period_end=JUNE_2024,
        population=D(61200),
    )

    assert result.value is None
    assert result.missing == (datetime.date(2024, 3, 1),)
    assert result.reason == (
        "Not derived for July 2023 to June 2024: it needs 12 months, and the figure for March 2024 is missing or "
        "not available."
    )


def test_rolling_12_months_with_fewer_than_12_months_names_every_month_missing():
    months = months_from(datetime.date(2024, 4, 1), [30, 35, 32])

    result = derive.derive(
        derivation="rolling_12_months",
        denominator_rule="population",
        unit="rate_per_10000",
        months=months,
        period_end=JUNE_2024,
        population=D(61200),
    )

    assert result.value is None
    assert len(result.missing) == 9
    assert "July 2023, August 2023," in result.reason
    assert result.reason.endswith("and March 2024 are missing or not available.")


def test_a_month_not_available_is_missing():
    months = months_from(datetime.date(2023, 7, 1), ROLLING_COUNTS)
    months[datetime.date(2023, 12, 1)] = derive.Month(datetime.date(2023, 12, 1), None, None, available=False)

    result = derive.derive(
        derivation="rolling_12_months",
        denominator_rule="population",
        unit="count",
        months=months,
        period_end=JUNE_2024,
    )

    assert result.value is None
    assert result.missing == (datetime.date(2023, 12, 1),)


def test_rolling_12_months_without_a_population_says_what_to_give():
    months = months_from(datetime.date(2023, 7, 1), ROLLING_COUNTS)

    result = derive.derive(
        derivation="rolling_12_months",
        denominator_rule="population",
        unit="rate_per_10000",
        months=months,
        period_end=JUNE_2024,
    )

    assert result.value is None
    assert result.reason == (
        "Not derived for July 2023 to June 2024: there is no population to divide by. Give the indicator its "
        "population, or the denominator of June 2024."
    )


def test_year_to_date_is_the_months_numerators_over_their_denominators():
    # April to August 2024: 7+6+8+9+5 = 35 enquiries led to a conference, of 25+28+30+27+22 = 132.
    months = months_from(datetime.date(2024, 4, 1), [7, 6, 8, 9, 5], [25, 28, 30, 27, 22])

    result = derive.derive(
        derivation="year_to_date",
        denominator_rule="sum",
        unit="percent",
        months=months,
        period_end=datetime.date(2024, 8, 31),
    )

    # 35 / 132 x 100 = 26.51515...
    assert (result.numerator, result.denominator) == (D(35), D(132))
    assert result.value == D("26.5152")
    assert result.period_start == datetime.date(2024, 4, 1)
    assert result.period_label == "April to August 2024"


def test_year_to_date_starts_again_each_april():
    months = months_from(datetime.date(2024, 1, 1), [1, 1, 1, 4], [10, 10, 10, 8])

    march = derive.derive(
        derivation="year_to_date",
        denominator_rule="sum",
        unit="percent",
        months=months,
        period_end=datetime.date(2024, 3, 31),
    )
    april = derive.derive(
        derivation="year_to_date",
        denominator_rule="sum",
        unit="percent",
        months=months,
        period_end=datetime.date(2024, 4, 30),
    )

    # March 2024 belongs to 2023/24, whose April to December are not here.
    assert march.value is None and march.period_start == datetime.date(2023, 4, 1)
    assert (april.numerator, april.denominator, april.value) == (D(4), D(8), D("50.0000"))
    assert april.period_label == "April 2024"


def test_academic_year_to_date_starts_on_1_september():
    months = months_from(datetime.date(2024, 8, 1), [3, 2, 4, 6], [10, 10, 10, 10])

    result = derive.derive(
        derivation="academic_year_to_date",
        denominator_rule="sum",
        unit="percent",
        months=months,
        period_end=datetime.date(2024, 11, 30),
    )

    # September to November only: (2+4+6) / 30 = 40%; August belongs to the year before.
    assert result.period_start == datetime.date(2024, 9, 1)
    assert (result.numerator, result.denominator, result.value) == (D(12), D(30), D("40.0000"))
    assert result.period_label == "September to November 2024"


def test_academic_year_to_date_crosses_the_new_year():
    assert derive.window_start("academic_year_to_date", datetime.date(2025, 2, 28)) == datetime.date(2024, 9, 1)
    assert derive.window_label(datetime.date(2024, 9, 1), datetime.date(2025, 2, 28)) == (
        "September 2024 to February 2025"
    )


def test_a_year_to_date_month_without_its_denominator_is_missing():
    months = months_from(datetime.date(2024, 4, 1), [7, 6], [25, None])

    result = derive.derive(
        derivation="year_to_date",
        denominator_rule="sum",
        unit="percent",
        months=months,
        period_end=datetime.date(2024, 5, 31),
    )

    assert result.value is None
    assert result.missing == (datetime.date(2024, 5, 1),)


def test_a_count_derived_is_its_numerators_added_up():
    months = months_from(datetime.date(2024, 4, 1), [7, 6, 8])

    result = derive.derive(
        derivation="year_to_date",
        denominator_rule="sum",
        unit="count",
        months=months,
        period_end=datetime.date(2024, 6, 30),
    )

    assert result.value == D(21)


def test_an_unknown_derivation_is_refused_by_name():
    with pytest.raises(ValueError, match="'weekly' is not a derivation"):
        derive.derive(derivation="weekly", denominator_rule="sum", unit="count", months={}, period_end=JUNE_2024)


def test_derive_all_gives_a_figure_for_every_month_that_has_one():
    months = months_from(datetime.date(2024, 4, 1), [7, 6, 8], [25, 28, 30])

    results = derive.derive_all(derivation="year_to_date", denominator_rule="sum", unit="percent", months=months)

    assert [(r.period_end, r.numerator, r.denominator) for r in results] == [
        (datetime.date(2024, 4, 30), D(7), D(25)),
        (datetime.date(2024, 5, 31), D(13), D(53)),
        (datetime.date(2024, 6, 30), D(21), D(83)),
    ]


# --- The calculation in words -----------------------------------------------------------------------


def figure(**values):
    defaults = {"derived": True, "basis": "rolling_12_months", "not_available_reason": ""}
    return SimpleNamespace(**{**defaults, **values})


def indicator(**values):
    defaults = {"unit": "rate_per_10000", "decimals": 1, "derivation_denominator": "population"}
    return SimpleNamespace(**{**defaults, **values})


def test_calculation_text_of_a_rolling_rate():
    rolling = figure(
        period_start=datetime.date(2023, 7, 1),
        period_end=JUNE_2024,
        numerator=D("412.0000"),
        denominator=D("61200.0000"),
        value=D("67.3203"),
    )

    assert derive.calculation_text(rolling, indicator()) == (
        "412 over 12 months (July 2023 to June 2024) ÷ population 61,200 × 10,000 = 67.3"
    )


def test_calculation_text_of_a_year_to_date_percentage():
    ytd = figure(
        basis="year_to_date",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2024, 8, 31),
        numerator=D(35),
        denominator=D(132),
        value=D("26.5152"),
    )

    assert derive.calculation_text(ytd, indicator(unit="percent", derivation_denominator="sum")) == (
        "35 of 132 from April to August 2024 = 26.5%"
    )


def test_calculation_text_of_a_figure_not_derived_gives_its_reason_or_nothing():
    missing = figure(value=None, not_available_reason="Not derived for July 2023 to June 2024: …")

    assert derive.calculation_text(missing, indicator()) == "Not derived for July 2023 to June 2024: …"
    assert derive.calculation_text(figure(derived=False, value=D(1)), indicator()) == ""
    assert derive.calculation_text(None, indicator()) == ""


# --- Properties -------------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=100_000)
positive = st.integers(min_value=1, max_value=100_000)
first_months = st.builds(datetime.date, st.integers(2015, 2030), st.integers(1, 12), st.just(1))


@given(first=first_months, numerators=st.lists(counts, min_size=12, max_size=12), population=positive)
def test_a_rolling_figure_is_its_twelve_months_recomputed(first, numerators, population):
    months = months_from(first, numerators)
    end = derive.month_end(derive.add_months(first, 11))

    result = derive.derive(
        derivation="rolling_12_months",
        denominator_rule="population",
        unit="rate_per_10000",
        months=months,
        period_end=end,
        population=D(population),
    )

    expected = (D(sum(numerators)) / D(population) * 10000).quantize(D("0.0001"), rounding=ROUND_HALF_UP)
    assert result.numerator == sum(numerators)
    assert result.value == expected
    assert result.period_start == first


@given(
    first=first_months,
    parts=st.lists(st.tuples(counts, positive), min_size=1, max_size=24),
    derivation=st.sampled_from(["year_to_date", "academic_year_to_date"]),
)
def test_a_year_to_date_figure_is_the_sums_of_its_window_recomputed(first, parts, derivation):
    numerators, denominators = zip(*parts, strict=True)
    months = months_from(first, list(numerators), list(denominators))

    for result in derive.derive_all(derivation=derivation, denominator_rule="sum", unit="percent", months=months):
        window = [day for day in months if result.period_start <= day <= result.period_end]
        if len(window) < len(derive.window_months(derivation, result.period_end)):
            assert result.value is None and result.missing
            continue
        x = sum(months[day].numerator for day in window)
        y = sum(months[day].denominator for day in window)
        assert (result.numerator, result.denominator) == (x, y)
        assert result.value == (x / y * 100).quantize(D("0.0001"), rounding=ROUND_HALF_UP)
        assert result.period_start.month == derive.YEAR_START_MONTH[derivation]
