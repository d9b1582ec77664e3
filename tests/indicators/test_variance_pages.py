"""An indicator's variance setting, end to end: the model, the import, the pages, the export and the pack."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from indicators.enums import Direction, Unit, VarianceBasis, VarianceSign
from indicators.exports import quarter_export
from indicators.models import Indicator
from reports.performance import performance_report_build
from reports.render.html import _indicator as html_indicator
from reports.render.pdf_performance import indicator_page as pdf_indicator_page
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory
from tests.indicators.test_import_indicators import csv_file, rejected, run
from tests.indicators.test_views_dashboard import dashboard_url, table_rows
from tests.test_reporting_consumers import _pdf_texts

JUNE, MAY = datetime.date(2024, 6, 30), datetime.date(2024, 5, 31)


@pytest.fixture
def scorecard(committee, area, quarter):
    """Three measures as a monthly scorecard states them: a percentage in points printed above/below, a
    lower-is-better rate printed above/below, and the CYP default."""
    made = {}
    for number, unit, direction, basis, sign, target, value in [
        (21, Unit.PERCENT, Direction.HIGHER_IS_BETTER, "points", "above_below", "98.0", "88.6"),
        (22, Unit.RATE_PER_10000, Direction.LOWER_IS_BETTER, "relative", "above_below", "40.0", "45.0"),
        (23, Unit.PERCENT, Direction.HIGHER_IS_BETTER, "relative", "better_worse", "75.0", "78.9"),
    ]:
        indicator = IndicatorFactory(
            committee=committee,
            service_area=area,
            number=number,
            unit=unit,
            direction=direction,
            variance_basis=basis,
            variance_sign=sign,
        )
        TargetFactory(indicator=indicator, year=quarter.year, value=Decimal(target))
        FigureFactory(indicator=indicator, period_end=MAY, period_label="May 2024", value=Decimal(value))
        FigureFactory(indicator=indicator, period_end=JUNE, period_label="June 2024", value=Decimal(value))
        made[number] = indicator
    return made


def test_only_a_percentage_can_be_measured_in_points(committee, area):
    indicator = IndicatorFactory.build(
        committee=committee, service_area=area, number=5, unit=Unit.COUNT, variance_basis=VarianceBasis.POINTS
    )

    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert error.value.message_dict["variance_basis"] == [
        "Only a percentage's variance can be measured in percentage points: choose per cent of the target, "
        "or change the unit to percentage."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator.save()


def test_existing_indicators_keep_the_cyp_rule(committee, area):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=6)

    assert (indicator.variance_basis, indicator.variance_sign) == (VarianceBasis.RELATIVE, VarianceSign.BETTER_WORSE)


def test_dashboard_prints_each_variance_as_its_measure_states_it(as_persona, scorecard, quarter):
    response = as_persona("governance").get(dashboard_url(quarter))

    rows = {row[0]: row for row in table_rows(response, "dashboard")[1:]}
    assert [(rows[n][9], rows[n][10]) for n in ("21", "22", "23")] == [
        ("9.4 points below target", "Amber"),
        ("12.5% above target", "Red"),
        ("+5.2%", "Blue"),
    ]


def test_indicator_page_prints_the_variance_in_points_in_the_summary_and_the_history(as_persona, scorecard):
    response = as_persona("governance").get("/indicators/21/?quarter=2024-25-Q1")

    assert dict(table_rows(response, "reported"))["Deviation from target"] == "9.4 points below target"
    assert [row[5] for row in table_rows(response, "history")[1:]] == ["9.4 points below target"] * 2


def test_the_export_carries_the_variance_as_printed_beside_the_relative_deviation(scorecard, committee, quarter):
    rows = {line["indicator"]: line for line in quarter_export(committee=committee, quarter=quarter)}

    assert [
        (rows[n]["deviation_pct"], rows[n]["variance"], rows[n]["variance_basis"], rows[n]["variance_sign"])
        for n in (21, 22, 23)
    ] == [
        (Decimal("-9.6"), Decimal("-9.4"), "points", "above_below"),
        (Decimal("-12.5"), Decimal("12.5"), "relative", "above_below"),
        (Decimal("5.2"), Decimal("5.2"), "relative", "better_worse"),
    ]


def test_the_pack_prints_the_variance_beside_the_rag_in_html_and_pdf(scorecard, committee, quarter):
    report = performance_report_build(committee=committee, quarter=quarter)

    for number, phrase in [(21, "9.4 points below target"), (23, "+5.2% from target")]:
        entry = report.entry(number)
        html = render_to_string(
            "reports/pack/_indicator.html", {"indicator": html_indicator(entry, 8), "item": {"anchor": "item-8"}}
        )
        assert f"({phrase})" in html
        assert any(phrase in text for text in _pdf_texts(pdf_indicator_page(entry, 480, "item-8")))


def test_import_sets_the_variance_basis_and_sign(committee, tmp_path):
    path = csv_file(
        tmp_path,
        "number,name,unit,direction,frequency,service_area,variance,variance_sign\n"
        "31,Visits on time,percent,higher,monthly,Children in Care,percentage points,above/below\n"
        "32,Children in care rate,rate,lower,monthly,Children in Care,,\n",
    )

    run(path)

    assert list(Indicator.objects.order_by("number").values_list("number", "variance_basis", "variance_sign")) == [
        (31, "points", "above_below"),
        (32, "relative", "better_worse"),
    ]


def test_import_refuses_points_for_a_rate_naming_the_column_and_the_fix(committee, tmp_path):
    path = csv_file(
        tmp_path,
        "number,name,unit,direction,frequency,service_area,variance\n"
        "33,Children in care rate,rate_per_10000,lower,monthly,Children in Care,points\n"
        "34,Visits,percent,higher,monthly,Children in Care,halves\n",
    )

    problems = "\n".join(rejected(path))

    assert (
        "only a percentage's variance can be measured in points; write Per cent, or make the unit Percentage."
        in problems
    )
    assert (
        "\u2018halves\u2019 is not a way to measure variance; write Per cent (of the target, if empty) or Points "
        "(percentage points, for a percentage only: 88.6% against 98% is \u22129.4)." in problems
    )
    assert not Indicator.objects.filter(number__in=[33, 34]).exists()


def test_import_refuses_to_change_the_unit_of_a_points_measure_unless_the_variance_changes(committee, area, tmp_path):
    IndicatorFactory(committee=committee, service_area=area, number=35, variance_basis=VarianceBasis.POINTS)
    headings = "number,name,unit,direction,frequency,service_area"

    problems = "\n".join(rejected(csv_file(tmp_path, f"{headings}\n35,Visits,count,higher,monthly,{area.name}\n")))
    run(csv_file(tmp_path, f"{headings},variance\n35,Visits,count,higher,monthly,{area.name},relative\n", "b.csv"))

    assert "indicator 35's variance is measured in percentage points, so its unit must stay percent" in problems
    assert Indicator.objects.values_list("unit", "variance_basis").get(number=35) == ("count", "relative")
