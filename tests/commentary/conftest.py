"""A committee's indicator in the lead's area with a target, last period's figure and a draft return."""

import datetime
from decimal import Decimal

import pytest

from tests.commentary.factories import ReturnFactory
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory


@pytest.fixture
def indicator(committee, area):
    """Indicator 11 in the lead's area: a percentage, higher is better, target 75.0%, May's value 74.6%."""
    indicator = IndicatorFactory(
        committee=committee, number=11, name="Two-year-olds taking up their entitlement", service_area=area
    )
    return indicator


@pytest.fixture
def target(indicator, quarter):
    return TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))


@pytest.fixture
def previous_figure(indicator):
    return FigureFactory(
        indicator=indicator, period_end=datetime.date(2024, 5, 31), period_label="May 2024", value=Decimal("74.6")
    )


@pytest.fixture
def ret(indicator, quarter, target, previous_figure):
    """A draft return of the lead's area: 78.9% against 75.0% (Blue), with commentary."""
    return ReturnFactory(indicator=indicator, quarter=quarter)


@pytest.fixture
def other_ret(committee, other_area, quarter):
    """A draft return of the other lead's area."""
    indicator = IndicatorFactory(committee=committee, number=130, name="Key stage 2 results", service_area=other_area)
    return ReturnFactory(indicator=indicator, quarter=quarter)
