"""A small monthly scorecard body for the scorecard's tests: five measures that between them carry every
thing a scorecard prints (points and relative variances, above/below, X of Y, month and year to date side by
side, benchmarks with their own years, a breakdown, a stale figure, a figure not available, a three-band
scheme), with hand-worked expectations in the tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from commentary.models import Return
from cyp.enums import PeriodKind, RagBands, ReportLayout, ReviewState
from cyp.models import Committee, FinancialYear, Quarter, QuarterPublication
from indicators.enums import (
    BenchmarkKind,
    DenominatorRule,
    Derivation,
    Direction,
    Frequency,
    PeriodBasis,
    Unit,
    VarianceBasis,
    VarianceSign,
)
from indicators.models import Benchmark, Figure, FigureBreakdown
from tests.factories import CommitteeFactory, FigureFactory, IndicatorFactory, ServiceAreaFactory, TargetFactory

HOSTILE = "<script>alert('scorecard')</script> & more"
AUGUST = datetime.date(2023, 8, 31)
JULY = datetime.date(2023, 7, 31)


def month(start_year: int, number: int, *, is_open: bool = False) -> Quarter:
    year, _ = FinancialYear.objects.get_or_create(start_year=start_year)
    period, _ = Quarter.objects.get_or_create(
        year=year, kind=PeriodKind.MONTH, number=number, defaults={"is_open": is_open}
    )
    return period


def _figure(indicator, end: datetime.date, value, **fields) -> Figure:
    return FigureFactory(
        indicator=indicator,
        period_end=end,
        period_start=fields.pop("period_start", end.replace(day=1)),
        period_label=end.strftime("%B %Y"),
        value=value,
        **fields,
    )


def _approved(indicator, period: Quarter, *, value, commentary: str, actions: str = "") -> Return:
    return Return.objects.create(
        indicator=indicator,
        quarter=period,
        state=ReviewState.APPROVED,
        value=value,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        commentary=commentary,
        actions=actions,
    )


def scorecard_body(*, extra: int = 0) -> tuple[Committee, Quarter]:
    """The Corporate Parenting Board (monthly, scorecard layout, three bands) and its August 2023 period.

    ``extra`` adds that many plain measures (for the query-count guards at two sizes).
    """
    board = CommitteeFactory(
        name="Corporate Parenting Board",
        report_period=PeriodKind.MONTH,
        report_layout=ReportLayout.SCORECARD,
        rag_bands=RagBands.THREE,
    )
    in_care = ServiceAreaFactory(committee=board, name="Children in care", slug="children-in-care")
    leavers = ServiceAreaFactory(committee=board, name="Care leavers", slug="care-leavers")
    month(2023, 4)
    august = month(2023, 5, is_open=True)
    year = august.year

    health = IndicatorFactory(
        committee=board,
        service_area=in_care,
        number=1,
        name="Children in care with an up-to-date health assessment",
        variance_basis=VarianceBasis.POINTS,
        variance_sign=VarianceSign.ABOVE_BELOW,
    )
    TargetFactory(indicator=health, year=year, value=Decimal("98"))
    _figure(health, JULY, Decimal("91.0"), numerator=Decimal("127"), denominator=Decimal("139.6"))
    _figure(health, AUGUST, Decimal("88.6"), numerator=Decimal("124"), denominator=Decimal("140"))
    _figure(
        health,
        AUGUST,
        Decimal("26.5"),
        basis=PeriodBasis.YEAR_TO_DATE,
        period_start=datetime.date(2023, 4, 1),
        numerator=Decimal("35"),
        denominator=Decimal("132"),
    )
    _approved(health, august, value=Decimal("88.6"), commentary=HOSTILE, actions="Chase the outstanding assessments.")

    rate = IndicatorFactory(
        committee=board,
        service_area=in_care,
        number=2,
        name="Children in care per 10,000 children",
        unit=Unit.RATE_PER_10000,
        direction=Direction.LOWER_IS_BETTER,
        reporting_basis=PeriodBasis.ROLLING_12_MONTHS,
        derivation=Derivation.ROLLING_12_MONTHS,
        derivation_denominator=DenominatorRule.POPULATION,
    )
    TargetFactory(indicator=rate, year=year, value=Decimal("40.0"))
    _figure(rate, JULY, Decimal("44.0"), basis=PeriodBasis.ROLLING_12_MONTHS)
    current = _figure(
        rate,
        AUGUST,
        Decimal("45.2"),
        basis=PeriodBasis.ROLLING_12_MONTHS,
        period_start=datetime.date(2022, 9, 1),
        numerator=Decimal("277"),
        denominator=Decimal("61300"),
        derived=True,
    )
    for position, (category, value) in enumerate([("Under 1", 20), ("1 to 4", 55), ("5 to 9", 80)]):
        FigureBreakdown.objects.create(
            figure=current, dimension="Age band", category=category, value=Decimal(value), position=position
        )
    for kind, label, period, end, value in [
        (BenchmarkKind.STATISTICAL_NEIGHBOURS, "", "2022/23", datetime.date(2023, 3, 31), "48.0"),
        (BenchmarkKind.ENGLAND, "", "2022/23", datetime.date(2023, 3, 31), "70.0"),
        (BenchmarkKind.ENGLAND, "", "2021/22", datetime.date(2022, 3, 31), "67.0"),
        (BenchmarkKind.REGION, "East of England", "2021/22", datetime.date(2022, 3, 31), "45.2"),
    ]:
        Benchmark.objects.create(
            indicator=rate, kind=kind, label=label, period_label=period, period_end=end, value=Decimal(value)
        )

    adoption = IndicatorFactory(
        committee=board,
        service_area=in_care,
        number=3,
        name="Average days from entering care to moving in with an adoptive family",
        unit=Unit.DAYS,
        decimals=0,
        direction=Direction.LOWER_IS_BETTER,
        frequency=Frequency.MONTH,
    )
    TargetFactory(indicator=adoption, year=year, value=Decimal("426"))
    _figure(adoption, datetime.date(2023, 4, 30), Decimal("410"))
    _figure(adoption, datetime.date(2023, 5, 31), Decimal("400"))

    missing = IndicatorFactory(
        committee=board, service_area=leavers, number=4, name="Care leavers in suitable accommodation"
    )
    TargetFactory(indicator=missing, year=year, value=Decimal("90"))
    _figure(missing, JULY, Decimal("92.0"))
    _figure(
        missing,
        AUGUST,
        None,
        not_available=True,
        not_available_reason="The case management system was being migrated.",
    )

    education = IndicatorFactory(
        committee=board, service_area=leavers, number=5, name="Care leavers in education, employment or training"
    )
    TargetFactory(indicator=education, year=year, value=Decimal("90"))
    _figure(education, JULY, Decimal("99.0"))
    _figure(education, AUGUST, Decimal("99.0"))

    for number in range(6, 6 + extra):
        indicator = IndicatorFactory(committee=board, service_area=leavers, number=number)
        TargetFactory(indicator=indicator, year=year, value=Decimal("50"))
        _figure(indicator, JULY, Decimal("40"))
        _figure(indicator, AUGUST, Decimal("60"), numerator=Decimal("6"), denominator=Decimal("10"))
        _approved(indicator, august, value=Decimal("60"), commentary=f"Commentary {number}.")
    return board, august


def publish(board: Committee, period: Quarter) -> None:
    QuarterPublication.objects.get_or_create(committee=board, quarter=period)
