"""Units the scorecards print, and targets as the council writes them: "above 95%", a second target."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from indicators import rag
from indicators.enums import Direction, TargetComparator, TargetStatus, Unit
from indicators.formatting import format_target, format_value
from indicators.models import Target
from indicators.reporting import value_from_parts
from reports.performance import performance_report_build
from reports.render.html import _indicator as html_indicator
from reports.render.pdf_performance import indicator_page as pdf_indicator_page
from tests.factories import FigureFactory, FinancialYearFactory, IndicatorFactory, TargetFactory
from tests.indicators.test_admin_sharing import form_values
from tests.indicators.test_import_targets import csv_file, rejected, run
from tests.indicators.test_views_dashboard import dashboard_url, table_rows
from tests.test_reporting_consumers import _pdf_texts

JUNE, MAY = datetime.date(2024, 6, 30), datetime.date(2024, 5, 31)


# --- Units ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "printed"),
    [
        ("12.46", Unit.DAYS, 1, "12.5 days"),
        ("1204", Unit.CURRENCY, 0, "£1,204"),
        ("-85000.5", Unit.CURRENCY, 0, "−£85,001"),
        ("1.5", Unit.RATIO, 2, "1.50"),
        ("18.24", Unit.PER_FTE, 1, "18.2 per FTE"),
        ("27", Unit.PERCENT, 1, "27.0%"),
        ("1204", Unit.COUNT, 0, "1,204"),
    ],
)
def test_each_unit_prints_with_its_sign(value, unit, decimals, printed):
    assert format_value(Decimal(value), unit, decimals) == printed


@pytest.mark.parametrize(
    ("unit", "numerator", "denominator", "value"),
    [
        (Unit.DAYS, "1860", "62", Decimal("30")),  # days over cases: an average of 30 days
        (Unit.PER_FTE, "365", "20", Decimal("18.25")),  # cases over workers
        (Unit.RATIO, "3", "2", Decimal("1.5")),
        (Unit.CURRENCY, "1204", None, Decimal("1204")),  # money is X itself
    ],
)
def test_each_unit_is_worked_out_from_its_parts(unit, numerator, denominator, value):
    worked = value_from_parts(
        numerator=Decimal(numerator), denominator=Decimal(denominator) if denominator else None, unit=unit
    )

    assert worked == value


# --- Targets as written ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "comparator", "rest"),
    [
        ("above 95%", rag.Comparator.ABOVE, "95%"),
        ("At least 90", rag.Comparator.AT_LEAST, "90"),
        ("below 10", rag.Comparator.BELOW, "10"),
        ("< 10", rag.Comparator.BELOW, "10"),
        ("\u2265 98%", rag.Comparator.AT_LEAST, "98%"),
        ("more than 5", rag.Comparator.MORE_THAN, "5"),
        ("no more than 12", rag.Comparator.AT_MOST, "12"),
        ("95", rag.Comparator.NONE, "95"),
        ("overall 95", rag.Comparator.NONE, "overall 95"),
    ],
)
def test_a_target_is_split_into_its_words_and_its_number(text, comparator, rest):
    assert rag.split_comparator(text) == (comparator, rest)


def test_a_target_prints_as_written():
    assert format_target(Decimal("95"), "above", Unit.PERCENT, 1) == "above 95.0%"
    assert format_target(Decimal("10"), "at_most", Unit.DAYS, 0) == "at most 10 days"
    assert format_target(Decimal("75"), "", Unit.PERCENT, 1) == "75.0%"


def test_a_strict_target_is_not_met_by_the_target_itself():
    assert rag.rate("95", "95", Direction.HIGHER_IS_BETTER) == rag.Status.GREEN
    assert rag.rate("95", "95", Direction.HIGHER_IS_BETTER, strict=True) == rag.Status.AMBER
    assert rag.rate("95.0001", "95", Direction.HIGHER_IS_BETTER, strict=True) == rag.Status.GREEN
    rating = rag.rating_for(
        current="95", target="95", target_status=None, direction=Direction.HIGHER_IS_BETTER, comparator="at_least"
    )
    assert rating.status == rag.Status.GREEN


@pytest.fixture
def visits(committee, area, quarter):
    """Visits within timescale, "above 95%" this year with a national target of 98% beside it."""
    indicator = IndicatorFactory(committee=committee, service_area=area, number=41, name="Visits within timescale")
    TargetFactory(
        indicator=indicator,
        year=quarter.year,
        value=Decimal("95"),
        comparator=TargetComparator.ABOVE,
        second_value=Decimal("98"),
        second_comparator=TargetComparator.AT_LEAST,
        second_label="National <b>",
    )
    FigureFactory(indicator=indicator, period_end=MAY, period_label="May 2024", value=Decimal("94.0"))
    FigureFactory(indicator=indicator, period_end=JUNE, period_label="June 2024", value=Decimal("95.0"))
    return indicator


def test_the_dashboard_prints_both_targets_and_rates_on_the_main_one(as_persona, visits, quarter):
    response = as_persona("governance").get(dashboard_url(quarter))

    row = table_rows(response, "dashboard")[1]
    assert (row[4], row[10]) == ("above 95.0% (National <b>: at least 98.0%)", "Amber")
    assert "National &lt;b&gt;" in response.content.decode()


def test_the_indicator_page_prints_the_second_target_apart_and_in_the_year_table(as_persona, visits):
    response = as_persona("governance").get("/indicators/41/?quarter=2024-25-Q1")

    reported = dict(table_rows(response, "reported"))
    assert (reported["Target"], reported["Second target (not rated)"]) == (
        "above 95.0%",
        "National <b>: at least 98.0%",
    )
    assert table_rows(response, "targets")[1][1] == "above 95.0%; National <b>: at least 98.0%"


def test_the_pack_prints_the_target_as_written_and_the_second_one(visits, committee, quarter):
    entry = performance_report_build(committee=committee, quarter=quarter).entry(41)
    html = render_to_string(
        "reports/pack/_indicator.html", {"indicator": html_indicator(entry, 8), "item": {"anchor": "item-8"}}
    )

    assert (entry.target_display, entry.second_target_display, entry.status) == (
        "above 95.0%",
        "National <b>: at least 98.0%",
        "Amber",
    )
    assert "National &lt;b&gt;: at least 98.0%" in html
    assert any("National &lt;b&gt;: at least 98.0%" in text for text in _pdf_texts(pdf_indicator_page(entry, 480, "x")))


def test_a_target_pointing_the_other_way_from_the_direction_is_refused_with_the_fix(committee, area, quarter):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=42, direction=Direction.LOWER_IS_BETTER)
    target = Target(indicator=indicator, year=quarter.year, value=Decimal("10"), comparator=TargetComparator.ABOVE)

    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert error.value.message_dict["comparator"] == [
        "\u201cabove\u201d points the other way from the indicator (lower is better): choose at most or below."
    ]


def test_a_status_target_has_no_words_and_no_second_target(committee, area, quarter):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=43)

    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            indicator=indicator, year=quarter.year, status=TargetStatus.CONTEXTUAL, second_value=Decimal("5")
        )


# --- The targets import ----------------------------------------------------------------------------


def test_import_reads_targets_as_written_with_a_second_target(committee, area, tmp_path):
    IndicatorFactory(committee=committee, service_area=area, number=44, unit=Unit.PERCENT)
    IndicatorFactory(
        committee=committee, service_area=area, number=45, unit=Unit.DAYS, direction=Direction.LOWER_IS_BETTER
    )
    FinancialYearFactory(start_year=2024)
    path = csv_file(
        tmp_path,
        "indicator,year,target,status,note,second_target,second_target_name\n"
        "44,2024/25,above 95%,,,at least 98%,National\n"
        "45,2024/25,below 20,,,,\n",
    )

    run(path)

    targets = Target.objects.order_by("indicator__number")
    assert [
        (t.indicator.number, t.value, t.comparator, t.second_value, t.second_comparator, t.second_label)
        for t in targets
    ] == [
        (44, Decimal("95.0000"), "above", Decimal("98.0000"), "at_least", "National"),
        (45, Decimal("20.0000"), "below", None, "", ""),
    ]


def test_import_refuses_words_against_the_direction_and_a_second_target_without_a_number(committee, area, tmp_path):
    IndicatorFactory(committee=committee, service_area=area, number=46, direction=Direction.LOWER_IS_BETTER)
    IndicatorFactory(committee=committee, service_area=area, number=47)
    path = csv_file(
        tmp_path,
        "indicator,year,target,status,note,second_target,second_target_name\n"
        "46,2024/25,above 10,,,,\n"
        "47,2024/25,at least,,,,\n"
        "47,2025/26,90,,,,Stretch\n"
        "46,2025/26,,contextual,,5,\n",
    )

    lines = rejected(path)

    assert lines[1:] == [
        "Line 2, column target: \u2018above\u2019 points the other way from indicator 46 (lower is better); write "
        "at most or below, or the number alone.",
        "Line 3, column target: \u2018at least\u2019 has no number; write the target like at least 95.",
        "Line 4, column second_target: there is a second target's name but no second target; write it, like 98.",
        "Line 5, column second_target: a contextual target has no second target; clear second_target, or give "
        "the year's target a number.",
    ]
    assert Target.objects.count() == 0


# --- The admin ---------------------------------------------------------------------------------------


def test_the_admin_reads_a_target_as_written_and_refuses_one_without_a_number(client, administrator, visits):
    client.force_login(administrator)
    url = reverse("admin:indicators_indicator_change", args=[visits.pk])
    data = form_values(client.get(url))
    assert (data["targets-0-value"], data["targets-0-second_value"]) == ("95", "98")

    refused = client.post(url, data | {"targets-0-value": "at least", "targets-0-comparator": ""})
    saved = client.post(url, data | {"targets-0-value": "at least 96%", "targets-0-comparator": ""})

    assert refused.status_code == 200
    assert "Write the number after \u201cat least\u201d, like at least 95." in refused.content.decode()
    assert saved.status_code == 302
    target = visits.targets.get()
    assert (target.value, target.comparator, target.second_value) == (Decimal("96.0000"), "at_least", Decimal("98"))
