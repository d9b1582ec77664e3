"""A target within a range, end to end: the database keeps it whole, the targets import and the admin read
each written form, and the dashboard, indicator page, pack and export print "between 10.0 and 15.0"."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cyp.enums import AuditAction
from cyp.models import AuditEvent
from indicators.enums import Direction, TargetComparator, Unit, VarianceBasis
from indicators.exports import quarter_export
from indicators.models import IndicatorShare, Target
from indicators.selectors import quarter_rows
from indicators.services_sharing import body_target_set
from reports.performance import performance_report_build
from reports.render.html import _indicator as html_indicator
from reports.render.pdf_performance import indicator_page as pdf_indicator_page
from tests.factories import FigureFactory, FinancialYearFactory, IndicatorFactory, TargetFactory
from tests.indicators.test_admin_sharing import form_values
from tests.indicators.test_import_targets import csv_file, rejected, run
from tests.indicators.test_sharing import panel, shared  # noqa: F401 (fixtures)
from tests.indicators.test_views_dashboard import dashboard_url, table_rows
from tests.test_reporting_consumers import _pdf_texts

JUNE = datetime.date(2024, 6, 30)
BETWEEN = TargetComparator.BETWEEN


def ranged(committee, area, quarter, number, value="16.5", **indicator):
    """An indicator with a target of between 10 and 15 this year and a June figure."""
    defaults = {"unit": Unit.RATE_PER_10000, "direction": Direction.NONE, "name": f"Caseload {number}"}
    made = IndicatorFactory(committee=committee, service_area=area, number=number, **(defaults | indicator))
    TargetFactory(indicator=made, year=quarter.year, value=Decimal("10"), comparator=BETWEEN, range_upper=Decimal("15"))
    FigureFactory(indicator=made, period_end=JUNE, period_label="June 2024", value=Decimal(value))
    return made


# --- The model ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "terms",
    [
        {"comparator": BETWEEN},  # no top
        {"comparator": BETWEEN, "range_upper": Decimal("10")},  # top not above the bottom
        {"comparator": BETWEEN, "range_upper": Decimal("5")},
        {"comparator": TargetComparator.AT_LEAST, "range_upper": Decimal("15")},  # a top without a range
        {"second_value": Decimal("12"), "second_comparator": BETWEEN},  # a second target is one number
    ],
)
def test_the_database_refuses_a_range_that_is_not_whole(committee, area, quarter, terms):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=60)

    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(indicator=indicator, year=quarter.year, value=Decimal("10"), **terms)


@pytest.mark.parametrize(
    ("terms", "field", "message"),
    [
        (
            {"comparator": BETWEEN},
            "range_upper",
            "Give the top of the range (the target is its bottom), like between 10 and 15.",
        ),
        (
            {"comparator": BETWEEN, "range_upper": Decimal("5")},
            "range_upper",
            "Not a range: its bottom (10) is above its top (5); write the bottom first, like between 5 and 10.",
        ),
        (
            {"comparator": TargetComparator.ABOVE, "range_upper": Decimal("15")},
            "range_upper",
            "Only a target written as between has a top of the range: clear it, or choose between.",
        ),
    ],
)
def test_a_range_that_is_not_whole_is_refused_naming_the_field_and_the_fix(
    committee, area, quarter, terms, field, message
):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=61)
    target = Target(indicator=indicator, year=quarter.year, value=Decimal("10"), **terms)

    with pytest.raises(ValidationError) as error:
        target.full_clean()
    assert error.value.message_dict[field] == [message]


def test_a_range_has_no_direction_to_conflict_with(committee, area, quarter):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=62, direction=Direction.LOWER_IS_BETTER)
    target = Target(
        indicator=indicator, year=quarter.year, value=Decimal("10"), comparator=BETWEEN, range_upper=Decimal("15")
    )

    target.full_clean()  # no "points the other way"


# --- The targets import ---------------------------------------------------------------------------------


@pytest.fixture
def csv_file_at(tmp_path):
    return lambda text: csv_file(tmp_path, text)


def test_import_reads_a_range_in_each_written_form(committee, area, csv_file_at):
    for number in (70, 71, 72, 73):
        IndicatorFactory(committee=committee, service_area=area, number=number, unit=Unit.PERCENT)
    FinancialYearFactory(start_year=2024)
    csv = (
        "indicator,year,target\n"
        "70,2024/25,between 10 and 15\n"
        "71,2024/25,10\u201315\n"
        "72,2024/25,10 to 15\n"
        "73,2024/25,10-15%\n"
    )

    run(csv_file_at(csv))

    assert (
        list(Target.objects.order_by("indicator__number").values_list("comparator", "value", "range_upper"))
        == [
            (BETWEEN, Decimal("10.0000"), Decimal("15.0000")),
        ]
        * 4
    )


def test_import_refuses_a_range_the_wrong_way_round_or_with_one_end(committee, area, csv_file_at):
    IndicatorFactory(committee=committee, service_area=area, number=74, unit=Unit.PERCENT)
    path = csv_file_at(
        "indicator,year,target,second_target\n"
        "74,2024/25,between 15 and 10,\n"
        "74,2025/26,between 10,\n"
        "74,2026/27,10 to 150%,\n"
        "74,2027/28,10,between 12 and 14\n"
    )

    lines = rejected(path)

    assert lines[1:] == [
        "Line 2, column target: \u2018between 15 and 10\u2019 is not a range: its bottom (15) is above its top (10); "
        "write the bottom first, like between 10 and 15.",
        "Line 3, column target: \u2018between 10\u2019 needs both ends of the range; write it like between 10 and 15.",
        lines[3],  # the unit's own check of the top (named below)
        "Line 5, column second_target: a second target is one number, not a range; write it like 98.",
    ]
    assert lines[3].startswith("Line 4, column target:") and "top of the range" in lines[3]
    assert Target.objects.count() == 0


def test_import_replaces_a_range_with_a_plain_target_and_clears_its_top(committee, area, quarter, csv_file_at):
    ranged(committee, area, quarter, 75)

    run(csv_file_at("indicator,year,target\n75,2024/25,at least 12\n"))

    target = Target.objects.get(indicator__number=75)
    assert (target.comparator, target.value, target.range_upper) == ("at_least", Decimal("12.0000"), None)


# --- The admin ------------------------------------------------------------------------------------------


def test_the_admin_reads_a_range_as_written_and_keeps_it_on_a_second_save(client, administrator, committee, area):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=76, unit=Unit.COUNT)
    TargetFactory(indicator=indicator, year=FinancialYearFactory(start_year=2024), value=Decimal("12"))
    client.force_login(administrator)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    data = form_values(client.get(url))

    saved = client.post(url, data | {"targets-0-value": "between 10 and 15"})
    again = client.post(url, form_values(client.get(url)))

    assert (saved.status_code, again.status_code) == (302, 302)
    target = indicator.targets.get()
    assert (target.comparator, target.value, target.range_upper) == (BETWEEN, Decimal("10"), Decimal("15"))
    shown = form_values(client.get(url))
    assert (shown["targets-0-value"], shown["targets-0-comparator"], shown["targets-0-range_upper"]) == (
        "10",
        "between",
        "15.0000",
    )


def test_the_admin_refuses_a_range_the_wrong_way_round_with_the_fix(client, administrator, committee, area):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=77, unit=Unit.COUNT)
    TargetFactory(indicator=indicator, year=FinancialYearFactory(start_year=2024), value=Decimal("12"))
    client.force_login(administrator)
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])

    refused = client.post(url, form_values(client.get(url)) | {"targets-0-value": "between 15 and 10"})

    assert refused.status_code == 200
    assert (
        "\u201cbetween 15 and 10\u201d is not a range: its bottom (15) is above its top (10); write the bottom "
        "first, like between 10 and 15." in refused.content.decode()
    )
    assert indicator.targets.get().comparator == ""


def test_someone_not_staff_cannot_set_a_range_in_the_admin(as_persona, committee, area):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=78, unit=Unit.COUNT)
    TargetFactory(indicator=indicator, year=FinancialYearFactory(start_year=2024), value=Decimal("12"))
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])

    response = as_persona("governance").post(url, {"targets-0-value": "between 10 and 15"})

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert indicator.targets.get().comparator == ""


# --- What people see ------------------------------------------------------------------------------------


def test_the_dashboard_prints_the_range_and_rates_outside_it(as_persona, committee, area, quarter):
    ranged(committee, area, quarter, 80, value="16.5")  # 10% over the top: Amber by the report key
    ranged(committee, area, quarter, 81, value="12.0")

    response = as_persona("governance").get(dashboard_url(quarter))

    rows = {row[0]: row for row in table_rows(response, "dashboard")[1:]}
    assert (rows["80"][4], rows["80"][10]) == ("between 10.0 and 15.0", "Amber")
    assert (rows["81"][4], rows["81"][10]) == ("between 10.0 and 15.0", "Green")


def test_the_dashboards_queries_do_not_grow_with_ranged_targets(as_persona, committee, area, quarter):
    client = as_persona("governance")
    ranged(committee, area, quarter, 82)
    with CaptureQueriesContext(connection) as one:
        client.get(dashboard_url(quarter))
    for number in range(83, 88):
        ranged(committee, area, quarter, number)
    with CaptureQueriesContext(connection) as six:
        client.get(dashboard_url(quarter))

    assert len(six) == len(one)


def test_the_indicator_page_prints_the_range_and_the_variance_from_it(as_persona, committee, area, quarter):
    ranged(committee, area, quarter, 84, value="8.0", unit=Unit.PERCENT, variance_basis=VarianceBasis.POINTS)

    response = as_persona("governance").get("/indicators/84/?quarter=2024-25-Q1")

    reported = dict(table_rows(response, "reported"))
    assert reported["Target"] == "between 10.0% and 15.0%"
    assert "2.0 points below the range" in response.content.decode()
    assert table_rows(response, "targets")[1][1] == "between 10.0% and 15.0%"


def test_the_pack_prints_the_range_in_html_and_pdf(committee, area, quarter):
    ranged(committee, area, quarter, 85, value="17.0")

    entry = performance_report_build(committee=committee, quarter=quarter).entry(85)
    html = render_to_string(
        "reports/pack/_indicator.html", {"indicator": html_indicator(entry, 8), "item": {"anchor": "item-8"}}
    )

    assert (entry.target_display, entry.status) == ("between 10.0 and 15.0", "Red")
    assert "between 10.0 and 15.0" in html
    assert any("between 10.0 and 15.0" in text for text in _pdf_texts(pdf_indicator_page(entry, 480, "x")))


def test_the_export_carries_the_ranges_top_and_the_target_as_written(committee, area, quarter):
    ranged(committee, area, quarter, 86, value="12.0")

    [row] = [row for row in quarter_export(committee=committee, quarter=quarter) if row["indicator"] == 86]

    assert (row["target"], row["target_upper"], row["target_written"], row["rag"], row["variance"]) == (
        Decimal("10.0"),
        Decimal("15.0"),
        "between 10.0 and 15.0",
        "Green",
        Decimal("0.0"),
    )


# --- A body's own target --------------------------------------------------------------------------------


def test_a_body_sets_its_own_range_with_an_audit_row_and_rates_against_it(panel, quarter, governance, shared):  # noqa: F811
    share = IndicatorShare.objects.get(indicator=shared, committee=panel)

    body_target_set(
        share=share,
        year=quarter.year,
        value=Decimal("70"),
        comparator=BETWEEN,
        range_upper=Decimal("75"),
        by=governance,
    )

    event = AuditEvent.objects.filter(action=AuditAction.BODY_TARGET_CHANGE).latest("pk")
    assert event.changes["range_upper"] == [None, "75"]
    (row,) = quarter_rows(committee=panel, quarter=quarter)
    assert (row.target_display, row.rag, row.deviation_display) == (
        "between 70.0% and 75.0%",
        "Amber",  # 78.9 is 5.2% over the top
        "5.2% above the range",
    )


def test_a_body_cannot_set_a_range_the_wrong_way_round(panel, quarter, governance, shared):  # noqa: F811
    share = IndicatorShare.objects.get(indicator=shared, committee=panel)

    with pytest.raises(ValidationError) as refused:
        body_target_set(
            share=share,
            year=quarter.year,
            value=Decimal("75"),
            comparator=BETWEEN,
            range_upper=Decimal("70"),
            by=governance,
        )

    assert refused.value.message_dict["range_upper"] == [
        "Not a range: its bottom (75) is above its top (70); write the bottom first, like between 70 and 75."
    ]
