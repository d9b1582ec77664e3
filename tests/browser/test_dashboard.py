"""A member and a lead in a real browser: the dashboard and an indicator page, accessibly."""

import datetime
from decimal import Decimal

import pytest

from cyp.enums import Role
from indicators.enums import Direction
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    QuarterPublicationFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_signs_in_and_sees_the_quarter_dashboard_with_rag_in_words(
    page, sign_in, assert_accessible, area, quarter
):
    UserFactory(username="lead", role=Role.SERVICE_LEAD, service_areas=[area])
    indicator = IndicatorFactory(number=11, name="Two-year-olds taking up their entitlement", service_area=area)
    TargetFactory(indicator=indicator, year=quarter.year)
    FigureFactory(indicator=indicator)

    sign_in(page, "lead")

    row = page.get_by_role("row", name="Two-year-olds taking up their entitlement")
    assert row.get_by_text("Blue").is_visible()
    assert row.get_by_text("78.9%").is_visible()
    assert_accessible(page)


def _published_quarter_with_indicators(quarter, area, other_area):
    QuarterPublicationFactory(committee=CommitteeFactory(), quarter=quarter)
    referrals = IndicatorFactory(
        number=1,
        name="Re-referrals within 12 months",
        service_area=area,
        direction=Direction.LOWER_IS_BETTER,
    )
    TargetFactory(indicator=referrals, year=quarter.year, value=Decimal("20.0"))
    for month, value in [(3, "30.0"), (4, "28.0"), (5, "25.0"), (6, "27.0")]:
        FigureFactory(
            indicator=referrals,
            period_end=datetime.date(2024, month, 28 if month != 6 else 30),
            value=Decimal(value),
            sn_mean=Decimal("21.3"),
            england_mean=Decimal("21.5"),
        )
    schools = IndicatorFactory(number=8, name="Primary schools judged good or outstanding", service_area=other_area)
    TargetFactory(indicator=schools, year=quarter.year, value=Decimal("90.0"))
    FigureFactory(indicator=schools, value=Decimal("91.9"))
    # A figure after the published quarter, which a member must not see.
    FigureFactory(indicator=referrals, period_end=datetime.date(2024, 7, 31), value=Decimal("99.9"))
    return referrals


def test_member_reads_a_published_quarter_filters_it_and_opens_an_indicator_with_its_chart(
    page, sign_in, assert_accessible, quarter, area, other_area
):
    _published_quarter_with_indicators(quarter, area, other_area)
    UserFactory(username="councillor", role=Role.MEMBER, committees=[CommitteeFactory()])

    sign_in(page, "councillor")

    assert page.get_by_role("heading", level=1).inner_text().endswith("Quarter 1 2024/25")
    row = page.get_by_role("row", name="Re-referrals within 12 months")
    assert row.get_by_text("Red", exact=True).is_visible()
    assert row.get_by_text("21.3%").is_visible()
    assert_accessible(page)

    page.get_by_label("RAG rating").select_option("green")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert page.get_by_role("row", name="Primary schools judged good or outstanding").is_visible()
    assert page.get_by_role("row", name="Re-referrals within 12 months").count() == 0

    page.get_by_label("RAG rating").select_option("")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Re-referrals within 12 months").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Indicator 1: Re-referrals within 12 months"
    chart = page.get_by_role("img", name="Trend of indicator 1: Re-referrals within 12 months")
    assert chart.is_visible()
    assert "it projects 24.5% for the next month" in page.locator("figcaption").inner_text()
    assert "99.9" not in page.content()
    assert_accessible(page)
