"""Factories for returns: one factory per model."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from commentary.models import Return
from cyp.enums import ReviewState
from tests.factories import IndicatorFactory, QuarterFactory


class ReturnFactory(DjangoModelFactory):
    class Meta:
        model = Return

    indicator = factory.SubFactory(IndicatorFactory)
    quarter = factory.SubFactory(QuarterFactory)
    state = ReviewState.DRAFT
    period_label = "June 2024"
    period_start = datetime.date(2024, 6, 1)
    period_end = datetime.date(2024, 6, 30)
    value = Decimal("78.9")
    commentary = "Take-up rose to 78.9%, above the target of 75.0%."
    actions = ""
