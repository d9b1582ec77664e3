"""A figure's breakdown: tables per dimension in order, shares of a count's total, and the chart."""

from decimal import Decimal

import pytest

from indicators.breakdowns import breakdown_chart_svg, breakdown_tables, breakdowns_by_figure, figure_breakdown_tables
from indicators.enums import Unit
from tests.factories import FigureFactory, IndicatorFactory
from tests.indicators.benchmark_factories import FigureBreakdownFactory


@pytest.fixture
def children_in_care(db):
    indicator = IndicatorFactory(unit=Unit.COUNT, decimals=0, name="Children in care")
    figure = FigureFactory(indicator=indicator, value=Decimal("240"))
    # Entered out of order: the position decides the order printed.
    for dimension, category, value, position in (
        ("Legal status", "Care order", "180", 1),
        ("Legal status", "Section 20", "60", 2),
        ("Age band", "10 to 15", "120", 3),
        ("Age band", "Under 1", "12", 1),
        ("Age band", "1 to 9", "108", 2),
    ):
        FigureBreakdownFactory(
            figure=figure, dimension=dimension, category=category, value=Decimal(value), position=position
        )
    return indicator, figure


def test_tables_per_dimension_in_entry_order_categories_by_position_with_shares(children_in_care):
    indicator, figure = children_in_care

    legal, age = figure_breakdown_tables(indicator=indicator, figure_id=figure.id)

    assert legal.dimension == "Legal status"
    assert [(c.category, c.value_display, c.share_display) for c in age.categories] == [
        ("Under 1", "12", "5.0%"),
        ("1 to 9", "108", "45.0%"),
        ("10 to 15", "120", "50.0%"),
    ]
    assert (age.total_display, legal.total_display) == ("240", "240")
    assert age.summary() == "Age band: Under 1 12 (5.0%); 1 to 9 108 (45.0%); 10 to 15 120 (50.0%). Total 240."


def test_a_percentage_breakdown_has_no_shares_nor_total(db):
    indicator = IndicatorFactory(unit=Unit.PERCENT)
    figure = FigureFactory(indicator=indicator)
    FigureBreakdownFactory(figure=figure, dimension="Gender", category="Girls", value=Decimal("81.25"))

    (table,) = figure_breakdown_tables(indicator=indicator, figure_id=figure.id)

    assert [(c.value_display, c.share) for c in table.categories] == [("81.3%", None)]
    assert (table.total, table.has_shares, table.summary()) == (None, False, "Gender: Girls 81.3%.")


def test_a_count_totalling_zero_has_no_shares(db):
    indicator = IndicatorFactory(unit=Unit.COUNT, decimals=0)
    figure = FigureFactory(indicator=indicator, value=Decimal("0"))
    FigureBreakdownFactory(figure=figure, category="None yet", value=Decimal("0"))

    (table,) = figure_breakdown_tables(indicator=indicator, figure_id=figure.id)

    assert (table.categories[0].share_display, table.total_display) == ("", "0")
    assert 'width="0"' in breakdown_chart_svg(table, indicator_number=indicator.number)


def test_chart_escapes_every_text_and_says_each_value_in_text(db):
    indicator = IndicatorFactory(unit=Unit.COUNT, decimals=0)
    figure = FigureFactory(indicator=indicator, value=Decimal("3"))
    FigureBreakdownFactory(figure=figure, dimension="<b>Band</b>", category="<script>alert(1)</script>", value=3)

    (table,) = figure_breakdown_tables(indicator=indicator, figure_id=figure.id)
    svg = breakdown_chart_svg(table, indicator_number=indicator.number)

    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert 'role="img"' in svg and ">3 (100.0%)</text>" in svg


def test_breakdowns_of_many_figures_in_one_query(children_in_care, django_assert_num_queries):
    indicator, figure = children_in_care
    other = FigureBreakdownFactory(figure__indicator=indicator, figure__period_end=figure.period_end.replace(month=5))

    with django_assert_num_queries(1):
        parts = breakdowns_by_figure([figure.id, other.figure_id])

    assert (len(parts[figure.id]), len(parts[other.figure_id])) == (5, 1)
    assert [t.dimension for t in breakdown_tables(indicator=indicator, parts=parts[figure.id])] == [
        "Legal status",
        "Age band",
    ]
