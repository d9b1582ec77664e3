"""Measures as a scorecard states them, in a real browser: variance in points, targets as written, a second
target, a year-to-date figure and a measure with no direction, accessibly."""

import datetime
from decimal import Decimal

import pytest

from cyp.enums import Role
from indicators.enums import Direction, PeriodBasis, TargetComparator, Unit
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JUNE = datetime.date(2024, 6, 30)


def test_governance_reads_scorecard_measures_on_the_dashboard_and_a_measure_page(
    page, live_server, sign_in, assert_accessible, area, quarter
):
    UserFactory(username="governance", role=Role.GOVERNANCE)
    visits = IndicatorFactory(
        number=21,
        name="Visits within timescale",
        service_area=area,
        variance_basis="points",
        variance_sign="above_below",
        reporting_basis=PeriodBasis.YEAR_TO_DATE,
    )
    TargetFactory(
        indicator=visits,
        year=quarter.year,
        value=Decimal("98.0"),
        comparator=TargetComparator.AT_LEAST,
        second_value=Decimal("99.0"),
        second_label="Stretch",
    )
    FigureFactory(
        indicator=visits, period_end=JUNE, period_label="June 2024", value=Decimal("88.6"), basis="year_to_date"
    )
    FigureFactory(indicator=visits, period_end=JUNE, period_label="June 2024", value=Decimal("91.0"))
    caseload = IndicatorFactory(
        number=22, name="Average caseload", service_area=area, unit=Unit.PER_FTE, direction=Direction.NONE
    )
    TargetFactory(indicator=caseload, year=quarter.year, value=Decimal("16.0"))
    FigureFactory(indicator=caseload, period_end=JUNE, period_label="June 2024", value=Decimal("18.4"))

    sign_in(page, "governance")

    visits_row = page.get_by_role("row", name="Visits within timescale")
    assert visits_row.get_by_text("9.4 points below target").is_visible()
    assert visits_row.get_by_text("at least 98.0% (Stretch: 99.0%)").is_visible()
    assert visits_row.get_by_text("June 2024, year to date").is_visible()
    caseload_row = page.get_by_role("row", name="Average caseload")
    assert caseload_row.get_by_text("15.0% above target").is_visible()
    assert caseload_row.get_by_text("Contextual").is_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/indicators/21/")
    assert page.get_by_role("row", name="Second target (not rated)").is_visible()
    assert_accessible(page)
