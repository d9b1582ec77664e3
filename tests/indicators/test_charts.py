"""Trend charts: the plain data the page and the pack draw, its text alternative, and the SVG."""

import datetime
from decimal import Decimal

import pytest

from indicators import rag
from indicators.charts import Axis, axis_for, nice_step, trend_chart_data, trend_chart_summary, trend_chart_svg
from indicators.enums import Direction, Frequency, TargetStatus, Unit
from indicators.models import Figure, Indicator, Target


def indicator(**fields):
    defaults = {
        "number": 1,
        "name": "Re-referrals",
        "unit": Unit.PERCENT,
        "decimals": 1,
        "direction": Direction.LOWER_IS_BETTER,
        "frequency": Frequency.MONTH,
    }
    return Indicator(**{**defaults, **fields})


def history(values, targets=None, not_updated=()):
    """Monthly history entries from January 2023, one per value, with the given targets (one per value)."""
    entries = []
    for index, value in enumerate(values):
        period_end = datetime.date(2023 + index // 12, index % 12 + 1, 28)
        target_value = (targets or [None] * len(values))[index]
        target = (
            Target(value=Decimal(str(target_value)), status=TargetStatus.NUMERIC) if target_value is not None else None
        )
        figure = Figure(
            period_end=period_end,
            period_label=f"{period_end:%B %Y}",
            value=None if value is None else Decimal(str(value)),
            not_updated=index in not_updated,
        )
        entries.append({"figure": figure, "target": target})
    return entries


# --- The data ------------------------------------------------------------------------------------


def test_chart_data_keeps_the_latest_twelve_values_oldest_first():
    chart = trend_chart_data(indicator=indicator(), history=history(range(20, 40)))

    assert [point.value for point in chart.points] == [float(v) for v in range(28, 40)]
    assert chart.points[0].label == "September 2023"
    assert chart.points[-1].label == "August 2024"


def test_chart_data_carries_each_points_target_and_leaves_out_figures_without_a_value():
    chart = trend_chart_data(
        indicator=indicator(), history=history([25, None, 27], targets=[22, 20, 20], not_updated={1})
    )

    assert [(point.label, point.value, point.target) for point in chart.points] == [
        ("January 2023", 25.0, 22.0),
        ("March 2023", 27.0, 20.0),
    ]
    assert chart.has_target


def test_chart_data_projection_and_trend_come_from_the_rag_engine():
    values = [30, 28, 25, 27]

    chart = trend_chart_data(indicator=indicator(), history=history(values))

    assert chart.projection == pytest.approx(rag.projection(values)) == pytest.approx(24.5)
    assert list(chart.trend) == pytest.approx(rag.trend_line(values))
    assert chart.projection_label == "Projected next month"


def test_chart_data_has_no_trend_or_projection_with_a_single_value():
    chart = trend_chart_data(indicator=indicator(), history=history([27]))

    assert (chart.trend, chart.projection) == ((), None)


def test_chart_axis_covers_values_targets_and_projection():
    chart = trend_chart_data(indicator=indicator(), history=history([30, 28, 25, 27], targets=[20, 20, 20, 20]))

    assert chart.axis == Axis(15.0, 35.0, (15.0, 20.0, 25.0, 30.0, 35.0))


def test_chart_data_is_plain_values_for_other_renderers():
    chart = trend_chart_data(indicator=indicator(), history=history([30, 28, 27, 25], targets=[20, 20, 20, 20]))

    point = chart.points[0]
    assert (type(point.value), type(point.target), type(chart.projection), type(chart.axis.minimum)) == (
        float,
        float,
        float,
        float,
    )


# --- The axis ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rough", "smallest", "step"),
    [(2.3, 0.1, 2.5), (0.07, 0.1, 0.1), (13, 1, 20), (4.5, 1, 5), (1, 1, 1), (0.012, 0.001, 0.02)],
)
def test_nice_step_rounds_up_to_one_two_two_and_a_half_or_five(rough, smallest, step):
    assert nice_step(rough, smallest) == pytest.approx(step)


def test_axis_starts_at_zero_rather_than_below_when_nothing_is_negative():
    assert axis_for([0.0, 3.0], unit="count", decimals=0) == Axis(0.0, 4.0, (0.0, 1.0, 2.0, 3.0, 4.0))


def test_axis_of_a_percentage_stops_at_one_hundred():
    assert axis_for([100.0, 100.0], unit="percent", decimals=1) == Axis(90.0, 100.0, (90.0, 95.0, 100.0))


def test_axis_goes_below_zero_for_negative_values():
    axis = axis_for([-3.0, 4.0], unit="count", decimals=0)

    assert (axis.minimum, axis.maximum) == (-4.0, 6.0)


def test_axis_of_counts_has_whole_number_ticks():
    axis = axis_for([1204.0, 1210.0], unit="count", decimals=0)

    assert all(tick == int(tick) for tick in axis.ticks)
    assert axis.minimum <= 1204 and axis.maximum >= 1210


# --- The text alternative ------------------------------------------------------------------------


def test_summary_describes_range_extremes_target_and_projection():
    chart = trend_chart_data(indicator=indicator(), history=history([30, 28, 25, 27], targets=[20, 20, 20, 20]))

    assert trend_chart_summary(chart) == (
        "Indicator 1, 4 values from January 2023 to April 2023: 30.0% in January 2023 and 27.0% in April 2023, "
        "highest 30.0% (January 2023), lowest 25.0% (March 2023). The target for April 2023 is 20.0% "
        "(lower is better). The least-squares trend is falling, an improvement as lower is better; it projects "
        "24.5% for the next month."
    )


def test_summary_calls_a_rising_trend_a_decline_when_lower_is_better():
    chart = trend_chart_data(indicator=indicator(), history=history([20, 22, 24, 26]))

    assert "The least-squares trend is rising, a decline as lower is better; it projects 28.0%" in (
        trend_chart_summary(chart)
    )
    assert "There is no numeric target for April 2023." in trend_chart_summary(chart)


def test_summary_calls_a_trend_flat_when_it_moves_less_than_the_printed_precision():
    chart = trend_chart_data(indicator=indicator(decimals=0), history=history([50, 50.2, 50.2, 50]))

    assert "The least-squares trend is flat; it projects 50%" in trend_chart_summary(chart)


def test_summary_of_one_value_says_a_trend_needs_four():
    chart = trend_chart_data(indicator=indicator(), history=history([27]))

    assert trend_chart_summary(chart) == (
        "Indicator 1 has one value so far: 27.0% for January 2023. A trend needs at least 4 values. "
        "There is no numeric target for January 2023."
    )


def test_no_trend_or_projection_is_drawn_from_fewer_than_four_values_and_the_summary_says_why():
    chart = trend_chart_data(indicator=indicator(), history=history([20, 22, 24]))

    assert (chart.trend, chart.projection) == ((), None)
    assert "No trend or projection is drawn: that needs at least 4 values, and there are 3." in (
        trend_chart_summary(chart)
    )
    assert "Projected" not in trend_chart_svg(chart)


def test_summary_of_no_values_says_so():
    chart = trend_chart_data(indicator=indicator(), history=[])

    assert trend_chart_summary(chart) == "Indicator 1 has no figures to chart yet."


# --- The SVG -------------------------------------------------------------------------------------


def test_svg_is_an_image_with_a_title_and_the_summary_as_description():
    chart = trend_chart_data(indicator=indicator(), history=history([30, 28, 25, 27], targets=[20, 20, 20, 20]))

    svg = trend_chart_svg(chart)

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 720 320" ')
    assert 'role="img" aria-labelledby="chart-1-title chart-1-desc"' in svg
    assert '<title id="chart-1-title">Trend of indicator 1: Re-referrals</title>' in svg
    assert f'<desc id="chart-1-desc">{trend_chart_summary(chart)}</desc>' in svg
    assert svg.endswith("</svg>")


def test_svg_draws_each_value_the_target_the_trend_and_the_projection():
    chart = trend_chart_data(indicator=indicator(), history=history([30, 28, 25, 27], targets=[20, 20, 20, 20]))

    svg = trend_chart_svg(chart)

    polyline = svg.split('<polyline points="')[1].split('"')[0]
    assert len(polyline.split()) == 4
    assert svg.count('<path d="M') == 1  # the target steps
    assert 'stroke-dasharray="2 4"' in svg  # the trend
    assert ">24.5%</text>" in svg  # the projected value
    assert ">Projected next month</text>" in svg
    for tick in ["15.0%", "20.0%", "35.0%"]:
        assert f">{tick}</text>" in svg


def test_svg_leaves_gaps_in_the_target_where_a_year_has_none():
    chart = trend_chart_data(indicator=indicator(), history=history([30, 28, 25, 27], targets=[20, None, 22, 22]))

    path = trend_chart_svg(chart).split('<path d="')[1].split('"')[0]

    assert path.count("M") == 2


def test_svg_has_no_target_line_or_legend_entry_without_a_target():
    svg = trend_chart_svg(trend_chart_data(indicator=indicator(), history=history([30, 28])))

    assert "<path" not in svg
    assert ">Target</text>" not in svg


def test_svg_marks_a_value_not_updated_with_a_hollow_point():
    chart = trend_chart_data(indicator=indicator(), history=history([30, 28], not_updated={1}))

    circles = [circle.split("/>")[0] for circle in trend_chart_svg(chart).split("<circle ")[2:]]

    assert ['fill="#0b0c0c"' in circle for circle in circles] == [True, False]


def test_svg_escapes_the_indicator_name_and_labels():
    chart = trend_chart_data(indicator=indicator(name='<b>"Care" & support</b>'), history=history([30, 28]))

    svg = trend_chart_svg(chart)

    assert "<b>" not in svg
    assert "&lt;b&gt;&quot;Care&quot; &amp; support&lt;/b&gt;" in svg


def test_svg_of_an_empty_chart_says_there_are_no_figures():
    svg = trend_chart_svg(trend_chart_data(indicator=indicator(), history=[]))

    assert ">No figures yet</text>" in svg
    assert "<polyline" not in svg
