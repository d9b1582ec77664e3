"""A member and a lead in a real browser: the dashboard shows the quarter, accessibly."""

import pytest

from cyp.enums import Role
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory, UserFactory

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
