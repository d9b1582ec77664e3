"""The lead's return (indicator 11, a percentage against a target of 75%), as in tests/commentary."""

import datetime
from decimal import Decimal

import pytest

from tests.commentary.factories import ReturnFactory
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory


@pytest.fixture
def indicator(committee, area):
    return IndicatorFactory(
        committee=committee, number=11, name="Two-year-olds taking up their entitlement", service_area=area
    )


@pytest.fixture
def ret(indicator, quarter):
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(
        indicator=indicator, period_end=datetime.date(2024, 5, 31), period_label="May 2024", value=Decimal("74.6")
    )
    return ReturnFactory(indicator=indicator, quarter=quarter)
