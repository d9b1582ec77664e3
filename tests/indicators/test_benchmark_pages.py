"""Benchmarks and breakdowns on the indicator page, the dashboard and the export."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from indicators.enums import BenchmarkKind, Unit, VarianceBasis
from indicators.exports import BENCHMARK_COLUMNS, BREAKDOWN_COLUMNS, COLUMNS
from tests.factories import (
    FigureFactory,
    IndicatorFactory,
    QuarterFactory,
    QuarterPublicationFactory,
    TargetFactory,
)
from tests.indicators.benchmark_factories import BenchmarkFactory, FigureBreakdownFactory
from tests.indicators.test_views_dashboard import dashboard_url, table_rows


@pytest.fixture
def published(quarter, committee):
    QuarterPublicationFactory(committee=committee, quarter=quarter)
    return quarter


def care_leavers(committee, area, quarter, *, number=1):
    """A percentage in points with a region comparator, benchmarks of several years and a breakdown."""
    indicator = IndicatorFactory(
        committee=committee,
        number=number,
        service_area=area,
        unit=Unit.PERCENT,
        variance_basis=VarianceBasis.POINTS,
        name=f"Care leavers in education, employment or training {number}",
    )
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("60.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 5, 31), value=Decimal("57.0"))
    figure = FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 6, 30),
        value=Decimal("58.4"),
        sn_mean=Decimal("55.0"),
        england_mean=Decimal("56.0"),
        region_mean=Decimal("59.0"),
    )
    for year, value in ((2021, "50.0"), (2022, "54.2")):
        BenchmarkFactory(
            indicator=indicator,
            kind=BenchmarkKind.ENGLAND,
            period_label=f"{year}/{(year + 1) % 100}",
            period_end=datetime.date(year + 1, 3, 31),
            value=Decimal(value),
        )
    # Published after the quarter: never in its report.
    BenchmarkFactory(
        indicator=indicator, period_label="2024/25", period_end=datetime.date(2025, 3, 31), value=Decimal("99")
    )
    for position, (category, value) in enumerate((("Aged 19 to 21", "40"), ("<script>alert(1)</script>", "8"))):
        FigureBreakdownFactory(
            figure=figure, dimension="Age", category=category, value=Decimal(value), position=position
        )
    return indicator


def test_indicator_page_shows_each_benchmark_with_its_period_and_gap(as_persona, committee, area, published):
    care_leavers(committee, area, published)

    response = as_persona("member").get(f"/indicators/1/?quarter={published.slug}")

    assert table_rows(response, "benchmarks") == [
        ["Comparator", "Period", "Value", "Gap", "Source"],
        ["Statistical neighbours", "June 2024", "55.0%", "+3.4 points (better)", "–"],
        ["Region", "June 2024", "59.0%", "−0.6 points (worse)", "–"],
        ["England", "June 2024", "56.0%", "+2.4 points (better)", "–"],
        ["England", "2022/23", "54.2%", "+4.2 points (better)", "DfE children looked after 2023"],
    ]
    assert "99.0%" not in response.content.decode()


def test_indicator_page_shows_the_breakdown_table_and_chart_escaped(as_persona, committee, area, published):
    care_leavers(committee, area, published)

    response = as_persona("governance").get(f"/indicators/1/?quarter={published.slug}")
    page = response.content.decode()

    assert table_rows(response, "breakdown-table-1") == [
        ["Age", "Value"],
        ["Aged 19 to 21", "40.0%"],
        ["<script>alert(1)</script>", "8.0%"],
    ]
    assert "<script>alert(1)" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3  # the table, the chart's label and its text
    assert '<h2 id="breakdown-heading">Breakdown</h2>' in page and 'class="breakdown-chart"' in page


def test_indicator_page_without_benchmarks_or_breakdown_has_neither_section(as_persona, committee, area, published):
    indicator = IndicatorFactory(committee=committee, number=1, service_area=area)
    FigureFactory(indicator=indicator)

    page = as_persona("governance").get(f"/indicators/1/?quarter={published.slug}").content.decode()

    assert 'id="benchmarks"' not in page and 'id="breakdown-heading"' not in page


def test_member_cannot_see_the_benchmarks_of_an_unpublished_quarter(as_persona, committee, area, published):
    care_leavers(committee, area, published)
    later = QuarterFactory(year=published.year, number=2)

    response = as_persona("member").get(f"/indicators/1/?quarter={later.slug}")

    assert response.status_code == 403
    assert "54.2%" not in response.content.decode()


def test_dashboard_shows_region_and_other_columns_only_when_a_row_has_one(as_persona, committee, area, published):
    care_leavers(committee, area, published)
    plain = IndicatorFactory(committee=committee, number=2, service_area=area)
    FigureFactory(indicator=plain, other_mean=Decimal("12.5"), other_mean_label="Core <b>cities</b>")

    response = as_persona("governance").get(dashboard_url(published))
    header, first, second = table_rows(response, "dashboard")

    assert header[7:11] == ["Statistical neighbours", "England", "Region", "Other comparator"]
    assert first[9:11] == ["59.0%", "–"]
    assert second[9:11] == ["–", "12.5% Core <b>cities</b>"]
    assert "Core <b>" not in response.content.decode()


def test_dashboard_without_region_or_other_keeps_its_columns(as_persona, committee, area, published):
    indicator = IndicatorFactory(committee=committee, number=1, service_area=area)
    FigureFactory(indicator=indicator, sn_mean=Decimal("1"))

    header, row = table_rows(as_persona("governance").get(dashboard_url(published)), "dashboard")

    assert "Region" not in header and len(header) == len(row) == 11


@pytest.mark.parametrize("size", [2, 20])
def test_indicator_page_queries_do_not_grow_with_benchmarks_or_breakdown(
    as_persona, django_assert_num_queries, committee, area, published, size
):
    indicator = care_leavers(committee, area, published)
    figure = indicator.figures.get(period_end=datetime.date(2024, 6, 30))
    for index in range(size):
        BenchmarkFactory(indicator=indicator, kind=BenchmarkKind.OTHER, label=f"Group {index}", value=Decimal(50))
        FigureBreakdownFactory(figure=figure, dimension="Placement", category=f"Type {index}", position=index)
    client = as_persona("member")

    # As tests/indicators/test_views_indicator.py (14), and the quarter named in the address: one query for
    # the benchmarks and one for the breakdown, however many there are.
    with django_assert_num_queries(15):
        response = client.get(f"/indicators/1/?quarter={published.slug}")

    assert len(table_rows(response, "benchmarks")) == 1 + 4 + size
    assert len(table_rows(response, "breakdown-table-2")) == 1 + size


@pytest.mark.parametrize("size", [3, 30])
def test_dashboard_queries_do_not_grow_with_comparator_columns(
    as_persona, django_assert_num_queries, committee, area, published, size
):
    for number in range(1, size + 1):
        care_leavers(committee, area, published, number=number)
    client = as_persona("member")

    # As tests/indicators/test_views_dashboard.py: the optional columns come with the rows' figures.
    with django_assert_num_queries(13):
        response = client.get(dashboard_url(published))

    assert len(table_rows(response, "dashboard")) == size + 1


def test_export_carries_region_other_benchmarks_and_breakdown(as_persona, committee, area, published):
    care_leavers(committee, area, published)
    client = as_persona("governance")
    base = f"/quarters/{published.slug}/export/"

    figures = list(csv.reader(io.StringIO(client.get(base).content.decode("utf-8-sig"))))
    benchmarks = list(csv.reader(io.StringIO(client.get(f"{base}?table=benchmarks").content.decode("utf-8-sig"))))
    breakdowns = client.get(f"{base}?table=breakdowns")
    workbook = load_workbook(io.BytesIO(client.get(f"{base}?format=xlsx").content))

    line = dict(zip(COLUMNS, figures[1], strict=True))
    assert (line["region_mean"], line["other_mean"]) == ("59.0", "")
    assert line["benchmarks"].startswith("Statistical neighbours, June 2024: 55.0%, +3.4 points (better); ")
    assert line["breakdown"] == "Age: Aged 19 to 21 40.0%; <script>alert(1)</script> 8.0%."
    assert benchmarks[0] == BENCHMARK_COLUMNS
    assert benchmarks[4] == [
        "1",
        indicator_name(1),
        "June 2024",
        "58.4",
        "England",
        "england",
        "2022/23",
        "54.2",
        "4.2",
        "points",
        "better",
        "DfE children looked after 2023",
    ]
    assert breakdowns["Content-Disposition"] == f'attachment; filename="cyp-breakdowns-{published.slug}.csv"'
    assert workbook.sheetnames == [published.slug, "Benchmarks", "Breakdowns"]
    assert [cell.value for cell in next(workbook["Breakdowns"].iter_rows())] == BREAKDOWN_COLUMNS
    assert workbook["Breakdowns"].max_row == 3


def indicator_name(number):
    return f"Care leavers in education, employment or training {number}"


def test_export_refuses_an_unknown_table_naming_the_choices(as_persona, committee, area, published):
    response = as_persona("governance").get(f"/quarters/{published.slug}/export/?table=people")

    assert response.status_code == 400
    assert "table=benchmarks or table=breakdowns" in response.content.decode()
