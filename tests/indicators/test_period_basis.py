"""What each figure covers: a month's value and its year-to-date value side by side, the indicator's reported one
rated, charted and printed everywhere."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from indicators.enums import PeriodBasis
from indicators.exports import quarter_export
from indicators.formatting import period_covered
from indicators.imports.figures import basis_period_start
from indicators.models import Figure
from reports.performance import performance_report_build
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory
from tests.indicators.test_import_figures import csv_file, rejected, run
from tests.indicators.test_views_dashboard import dashboard_url, table_rows

JUNE, MAY = datetime.date(2024, 6, 30), datetime.date(2024, 5, 31)
YTD = PeriodBasis.YEAR_TO_DATE


@pytest.fixture
def conferences(committee, area, quarter):
    """Enquiries leading to a conference: the month's own percentage and the year to date, reported year to date."""
    indicator = IndicatorFactory(
        committee=committee, service_area=area, number=71, name="Enquiries leading to a conference", reporting_basis=YTD
    )
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("25.0"))
    for period_end, label, month, year_to_date in [
        (MAY, "May 2024", "30.0", "24.0"),
        (JUNE, "June 2024", "40.0", "26.5"),
    ]:
        FigureFactory(indicator=indicator, period_end=period_end, period_label=label, value=Decimal(month))
        FigureFactory(
            indicator=indicator, period_end=period_end, period_label=label, value=Decimal(year_to_date), basis=YTD
        )
    return indicator


def test_a_month_and_its_year_to_date_value_for_one_date_are_not_duplicates(conferences):
    assert Figure.objects.filter(indicator=conferences, period_end=JUNE).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        FigureFactory(indicator=conferences, period_end=JUNE, value=Decimal("1"), basis=YTD)


def test_every_reader_takes_the_indicator_s_reporting_basis(as_persona, conferences, committee, quarter):
    response = as_persona("governance").get(dashboard_url(quarter))
    row = table_rows(response, "dashboard")[1]
    entry = performance_report_build(committee=committee, quarter=quarter).entry(71)
    [line] = quarter_export(committee=committee, quarter=quarter)
    page = as_persona("governance").get("/indicators/71/")

    assert (row[2], row[3], row[10]) == ("26.5% June 2024, year to date", "24.0% May 2024, year to date", "Blue")
    assert (entry.current_display, entry.current_label, entry.previous_display) == (
        "26.5%",
        "June 2024, year to date",
        "24.0%",
    )
    assert (line["value"], line["basis"]) == (Decimal("26.5"), "year_to_date")
    assert [cells[1] for cells in table_rows(page, "history")[1:]] == ["26.5%", "24.0%"]


def test_an_indicator_reported_in_the_period_keeps_its_own_figures(conferences, committee, quarter):
    conferences.reporting_basis = PeriodBasis.IN_PERIOD
    conferences.save()

    entry = performance_report_build(committee=committee, quarter=quarter).entry(71)

    assert (entry.current_display, entry.current_label, entry.status) == ("40.0%", "June 2024", "Blue")


@pytest.mark.parametrize(
    ("basis", "period_end", "start"),
    [
        (PeriodBasis.YEAR_TO_DATE, datetime.date(2024, 8, 31), datetime.date(2024, 4, 1)),
        (PeriodBasis.YEAR_TO_DATE, datetime.date(2025, 2, 28), datetime.date(2024, 4, 1)),
        (PeriodBasis.ACADEMIC_YEAR_TO_DATE, datetime.date(2024, 8, 31), datetime.date(2023, 9, 1)),
        (PeriodBasis.ACADEMIC_YEAR_TO_DATE, datetime.date(2024, 9, 30), datetime.date(2024, 9, 1)),
        (PeriodBasis.ROLLING_12_MONTHS, datetime.date(2024, 8, 31), datetime.date(2023, 9, 1)),
        (PeriodBasis.ROLLING_12_MONTHS, datetime.date(2024, 12, 31), datetime.date(2024, 1, 1)),
        (PeriodBasis.SNAPSHOT, datetime.date(2024, 8, 31), None),
    ],
)
def test_a_basis_starts_its_period_where_the_council_counts_from(basis, period_end, start):
    assert basis_period_start(basis, period_end) == start


def test_a_figure_of_the_last_n_weeks_says_how_many():
    figure = Figure(
        period_label="June 2024",
        basis=PeriodBasis.LAST_N_WEEKS,
        period_start=datetime.date(2024, 6, 3),
        period_end=datetime.date(2024, 6, 30),
    )

    assert period_covered(figure) == "June 2024, last 4 weeks"


def test_the_import_holds_a_month_and_a_year_to_date_value_side_by_side(conferences, tmp_path):
    Figure.objects.all().delete()
    path = csv_file(
        tmp_path,
        "indicator,period_end,period_label,value,numerator,denominator,basis\n"
        "71,2024-08-31,August 2024,,12,30,in_period\n"
        "71,2024-08-31,August 2024,,35,132,ytd\n"
        "71,2024-07-31,July 2024,27.4,,,\n",
    )

    run(path)

    stored = Figure.objects.order_by("period_end", "basis").values_list("period_end", "basis", "period_start", "value")
    assert list(stored) == [
        (datetime.date(2024, 7, 31), "year_to_date", datetime.date(2024, 4, 1), Decimal("27.4000")),
        (datetime.date(2024, 8, 31), "in_period", datetime.date(2024, 8, 1), Decimal("40.0000")),
        (datetime.date(2024, 8, 31), "year_to_date", datetime.date(2024, 4, 1), Decimal("26.5152")),
    ]


def test_the_import_refuses_two_values_on_one_basis_for_one_date(conferences, tmp_path):
    path = csv_file(
        tmp_path,
        "indicator,period_end,period_label,value,basis\n"
        "71,2024-08-31,August 2024,20,year_to_date\n"
        "71,2024-08-31,August 2024,21,\n"
        "71,2024-08-31,August 2024,22,weekly\n",
    )

    lines = rejected(path)

    assert lines[1:] == [
        "Line 3, column period_end: indicator 71 already has a figure (year to date) for the period ending "
        "2024-08-31 on line 2; give each period once for each basis.",
        "Line 4, column basis: \u2018weekly\u2019 is not a period the figure covers; write Month (the period's own "
        "figure), Year to date (from 1 April), Academic year to date (from 1 September), Rolling 12 months, "
        "Snapshot (at the period's end) or Last 4 weeks (any number of weeks).",
    ]
