"""Factories of a measure's benchmarks and a figure's breakdown (``indicators.models.Benchmark``,
``FigureBreakdown``), beside the shared ones in ``tests.factories``."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from indicators.enums import BenchmarkKind
from indicators.models import Benchmark, FigureBreakdown
from tests.factories import FigureFactory, IndicatorFactory


class BenchmarkFactory(DjangoModelFactory):
    class Meta:
        model = Benchmark

    indicator = factory.SubFactory(IndicatorFactory)
    kind = BenchmarkKind.ENGLAND
    label = ""
    period_label = "2022/23"
    period_end = datetime.date(2023, 3, 31)
    value = Decimal("70.0")
    source = "DfE children looked after 2023"


class FigureBreakdownFactory(DjangoModelFactory):
    class Meta:
        model = FigureBreakdown

    figure = factory.SubFactory(FigureFactory)
    dimension = "Age band"
    category = factory.Sequence(lambda n: f"Category {n}")
    value = Decimal("10")
    position = factory.Sequence(lambda n: n)
