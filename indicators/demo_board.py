"""The Corporate Parenting Board's own measures in the demo: a monthly scorecard, April to August 2024 (idempotent).

The board reports monthly as a scorecard (``cyp.demo``): its measures are the kinds such scorecards
carry (DOMAIN, "Beyond the quarterly report"), one or more of each:

- a count in the month (313), and a snapshot count at the month end with a breakdown by age band (307);
- a rate per 10,000 children over a rolling 12 months, derived from monthly counts over the population
  (308: ``Derivation.ROLLING_12_MONTHS``, ``DenominatorRule.POPULATION``);
- a year-to-date percentage printed as "X of Y", derived from the months' X and Y (309: ``YEAR_TO_DATE``,
  ``DenominatorRule.SUM``);
- an average in days with a second (stretch) target (310), a caseload per full-time equivalent worker (311);
- a percentage whose variance is in percentage points against "above 95%", signed above or below (306);
- one with no direction, monitored for context (307); one with a stale figure (301: its latest figure is
  June's); one whose August figure the source system could not produce (312, "not available");
- benchmarks, each with its own year (``Benchmark`` rows on 302, 303, 306 and 308).

Only the children in care rate (301) is published data: Cambridgeshire's indicator 3 as the Q1 2024/25
report printed it for May and June 2024 (``cyp/demo_data``), and nothing later, which is why it is stale
in the August scorecard. Every other figure, benchmark and breakdown is **illustrative** and says so in
its description and source (``ILLUSTRATIVE``): the council has not published them in the documents the
demo is built from.

The derived figures (308, 309) are never typed: the months go through the one writer of figures
(``indicators.services.figures_write``), which derives the rolling and year-to-date figures from them
(``indicators.services_derive``), with the calculation shown.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from cyp.demo import BOARD_SLUG
from cyp.models import Committee, FinancialYear, ServiceArea
from indicators import reporting
from indicators.demo import read
from indicators.derive import month_end
from indicators.enums import (
    BenchmarkKind,
    DenominatorRule,
    Derivation,
    Direction,
    FigureSource,
    Frequency,
    PeriodBasis,
    TargetComparator,
    TargetStatus,
    Unit,
    VarianceBasis,
    VarianceSign,
)
from indicators.models import Benchmark, Figure, FigureBreakdown, Indicator, Target
from indicators.services import FigureChange, entered_basis, figures_write

AREA = "Corporate Parenting"
ILLUSTRATIVE = "Illustrative figures for the demo, not the council's published data."
#: The board's indicator numbers: its own series, so they never read as the committee's.
CHILDREN_IN_CARE = 301
#: The scorecard's months: April to August 2024 (the first days).
MONTHS = tuple(datetime.date(2024, month, 1) for month in range(4, 9))
#: The 0 to 17 population the rolling rate (308) is per 10,000 of: an illustrative round figure.
POPULATION = Decimal("144300")


@dataclass(frozen=True)
class Measure:
    """One illustrative measure: its definition, its 2024/25 target and its monthly figures."""

    number: int
    name: str
    unit: str
    direction: str
    description: str
    formula: str = ""
    x: str = ""
    y: str = ""
    #: April to August 2024 (``MONTHS``): a value, None for no figure, or (X, Y) when the month's parts are given.
    months: tuple = ()
    target: str | None = None
    target_status: str = TargetStatus.NUMERIC
    comparator: str = ""
    second: tuple[str, str, str] | None = None  # (value, comparator, label): a stretch target, never rated
    decimals: int = 1
    variance_basis: str = VarianceBasis.RELATIVE
    variance_sign: str = VarianceSign.BETTER_WORSE
    reporting_basis: str = PeriodBasis.IN_PERIOD
    derivation: str = Derivation.NONE
    derivation_denominator: str = DenominatorRule.SUM
    population: Decimal | None = None
    population_note: str = ""
    #: Months before April 2024 (first day -> value or (X, Y)), for a derivation that needs them.
    earlier: dict = field(default_factory=dict)
    not_available: dict = field(default_factory=dict)  # first day of the month -> why the system could not say


#: Rolling 12 months needs the 11 months before April 2024: May 2023 to March 2024 (counts of children who
#: started to be looked after in the month).
STARTS_EARLIER = dict(
    zip(
        (datetime.date(2023, month, 1) for month in range(5, 13)),
        (21, 24, 19, 22, 25, 20, 23, 18),
        strict=True,
    )
) | dict(zip((datetime.date(2024, month, 1) for month in range(1, 4)), (22, 21, 19), strict=True))

MEASURES = [
    Measure(
        302,
        "Care leavers aged 19 to 21 in education, employment or training",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "The share of care leavers aged 19, 20 and 21 the council is in touch with who are in education, "
        "employment or training.",
        "(X/Y)*100",
        "Care leavers aged 19 to 21 in education, employment or training.",
        "Care leavers aged 19 to 21 the council is in touch with.",
        months=("54.9", "55.8", "57.1", "57.6", "58.3"),
        target="60.0",
    ),
    Measure(
        303,
        "Children in care with three or more placements in the last 12 months",
        Unit.PERCENT,
        Direction.LOWER_IS_BETTER,
        "Short-term placement stability: the share of children in care at the month end who have had three "
        "or more placements in the last 12 months.",
        "(X/Y)*100",
        "Children in care at the month end with three or more placements in the last 12 months.",
        "Children in care at the month end.",
        months=("10.1", "9.8", "9.4", "9.6", "9.9"),
        target="10.0",
    ),
    Measure(
        304,
        "Children in care for 2.5 years or more who have been in the same placement for 2 years",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "Long-term placement stability: of the children under 16 in care for two and a half years or more, "
        "the share who have lived in the same placement for at least two years.",
        "(X/Y)*100",
        "Children under 16 in care for 2.5 years or more, in the same placement for 2 years or more.",
        "Children under 16 in care for 2.5 years or more.",
        months=("66.5", "66.9", "67.5", "68.0", "68.4"),
        target="70.0",
    ),
    Measure(
        305,
        "Care leavers' pathway plans completed within timescale",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "The share of care leavers' pathway plans completed or reviewed within timescale (action 5.1 of the "
        "Ofsted action plan aims to raise it).",
        "(X/Y)*100",
        "Pathway plans completed or reviewed within timescale in the month.",
        "Pathway plans due in the month.",
        months=("69.8", "71.2", "76.4", "79.0", "81.5"),
        target="90.0",
    ),
    Measure(
        306,
        "Children in care with an up-to-date health assessment",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "The share of children in care for 12 months or more whose annual health assessment is up to date. "
        "The scorecard states its variance in percentage points, above or below the target.",
        "(X/Y)*100",
        "Children in care for 12 months or more with an up-to-date health assessment.",
        "Children in care for 12 months or more.",
        months=(("404", "475"), ("411", "476"), ("423", "480"), ("427", "480"), ("425", "480")),
        target="95.0",
        comparator=TargetComparator.ABOVE,
        variance_basis=VarianceBasis.POINTS,
        variance_sign=VarianceSign.ABOVE_BELOW,
    ),
    Measure(
        307,
        "Children in care at the month end",
        Unit.COUNT,
        Direction.NONE,
        "How many children the council looks after on the last day of the month, by age band: monitored for "
        "context, with no target and no direction.",
        "X",
        "Children in care on the last day of the month.",
        months=("684", "679", "690", "693", "688"),
        target_status=TargetStatus.CONTEXTUAL,
        decimals=0,
        reporting_basis=PeriodBasis.SNAPSHOT,
    ),
    Measure(
        308,
        "Children who started to be looked after in the last 12 months, every 10,000 children",
        Unit.RATE_PER_10000,
        Direction.LOWER_IS_BETTER,
        "The children who started to be looked after over the 12 months to the month end, every 10,000 "
        "children aged 0 to 17: derived each month from the months' counts over the population.",
        "(X/Y)*10,000",
        "Children who started to be looked after in the 12 months to the month end.",
        "The population of 0 to 17 year old children.",
        months=tuple((str(count), str(POPULATION)) for count in (24, 20, 23, 22, 21)),
        target="18.0",
        reporting_basis=PeriodBasis.ROLLING_12_MONTHS,
        derivation=Derivation.ROLLING_12_MONTHS,
        derivation_denominator=DenominatorRule.POPULATION,
        population=POPULATION,
        population_note="Illustrative: a round figure for the demo, not an ONS estimate.",
        earlier={day: (str(count), str(POPULATION)) for day, count in STARTS_EARLIER.items()},
    ),
    Measure(
        309,
        "Children in care reviews held within timescale, year to date",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "Of the children in care reviews due since 1 April, the share held within timescale, printed as "
        "X of Y: derived each month from the months' reviews held and due.",
        "(X/Y)*100",
        "Reviews held within timescale since 1 April.",
        "Reviews due since 1 April.",
        months=(("52", "55"), ("60", "63"), ("49", "52"), ("58", "61"), ("47", "50")),
        target="95.0",
        reporting_basis=PeriodBasis.YEAR_TO_DATE,
        derivation=Derivation.YEAR_TO_DATE,
        derivation_denominator=DenominatorRule.SUM,
    ),
    Measure(
        310,
        "Average days between a child entering care and moving in with their adoptive family",
        Unit.DAYS,
        Direction.LOWER_IS_BETTER,
        "For the children adopted in the last three years, the average number of days between entering care "
        "and moving in with their adoptive family. The year's target is the national threshold; the stretch "
        "target is the board's own.",
        "X/Y",
        "Days between entering care and moving in with the adoptive family, for the children adopted.",
        "Children adopted in the last three years.",
        months=("472", "465", "451", "448", "439"),
        target="426",
        comparator=TargetComparator.AT_MOST,
        second=("365", TargetComparator.AT_MOST, "Stretch"),
        decimals=0,
    ),
    Measure(
        311,
        "Average caseload of a social worker in the children in care teams",
        Unit.PER_FTE,
        Direction.LOWER_IS_BETTER,
        "The children in care allocated to the children in care teams' social workers, per full-time "
        "equivalent worker, at the month end.",
        "X/Y",
        "Children in care allocated to the teams' social workers.",
        "Social workers in the teams, full-time equivalent.",
        months=(("690", "40.8"), ("686", "39.9"), ("697", "41.5"), ("701", "42.2"), ("688", "41.5")),
        target="16.0",
        comparator=TargetComparator.AT_MOST,
    ),
    Measure(
        312,
        "Children in care with a dental check in the last 12 months",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "The share of children in care for 12 months or more who have had a dental check in the last 12 months.",
        "(X/Y)*100",
        "Children in care for 12 months or more with a dental check in the last 12 months.",
        "Children in care for 12 months or more.",
        months=("71.4", "72.0", "73.1", "73.5", None),
        target="80.0",
        not_available={
            datetime.date(2024, 8, 1): "The health provider's system could not produce the August 2024 figure "
            "(#N/A in the scorecard)."
        },
    ),
    Measure(
        313,
        "Children who went missing from care in the month",
        Unit.COUNT,
        Direction.LOWER_IS_BETTER,
        "Children in care reported missing from their placement at least once in the month: a count, with no "
        "target while the board sets a baseline.",
        "X",
        "Children in care reported missing at least once in the month.",
        months=("31", "27", "34", "29", "26"),
        target_status=TargetStatus.BASELINE,
        decimals=0,
    ),
]

#: (indicator, kind, label, period as printed, period end, value): each benchmark with its own year.
BENCHMARKS = [
    (302, BenchmarkKind.OWN, "", "2023/24", datetime.date(2024, 3, 31), "55.2"),
    (302, BenchmarkKind.STATISTICAL_NEIGHBOURS, "", "2022/23", datetime.date(2023, 3, 31), "54.0"),
    (302, BenchmarkKind.REGION, "East of England", "2022/23", datetime.date(2023, 3, 31), "53.0"),
    (302, BenchmarkKind.ENGLAND, "", "2022/23", datetime.date(2023, 3, 31), "56.0"),
    (303, BenchmarkKind.STATISTICAL_NEIGHBOURS, "", "2022/23", datetime.date(2023, 3, 31), "10.0"),
    (303, BenchmarkKind.ENGLAND, "", "2021/22", datetime.date(2022, 3, 31), "10.0"),
    (306, BenchmarkKind.OWN, "", "2023/24", datetime.date(2024, 3, 31), "87.0"),
    (306, BenchmarkKind.ENGLAND, "", "2022/23", datetime.date(2023, 3, 31), "89.0"),
    (308, BenchmarkKind.STATISTICAL_NEIGHBOURS, "", "2022/23", datetime.date(2023, 3, 31), "21.0"),
    (308, BenchmarkKind.ENGLAND, "", "2022/23", datetime.date(2023, 3, 31), "23.0"),
]
#: Children in care at the end of August 2024 (307) by age band, as the scorecard prints them.
AGE_BANDS = [("Under 1", 38), ("1 to 4", 92), ("5 to 9", 131), ("10 to 15", 262), ("16 and over", 165)]
AUGUST = datetime.date(2024, 8, 31)


def board() -> Committee:
    """The demo's second body (``cyp.demo`` sets it up before the apps' parts load)."""
    return Committee.objects.get(slug=BOARD_SLUG)


def load(*, committee: Committee) -> dict[int, Indicator]:
    """The board's service area, measures, 2024/25 targets, figures, benchmarks and breakdown.

    ``committee`` is the demo's first body (every part is called with it); the board is found by its
    address. Figures go through the one writer, and only those not there yet, so loading twice writes
    nothing twice.
    """
    body = board()
    area, _ = ServiceArea.objects.get_or_create(committee=body, name=AREA, defaults={"slug": slugify(AREA)})
    year = FinancialYear.objects.get(start_year=2024)
    indicators: dict[int, Indicator] = {}
    figures: list[FigureChange] = []

    indicators[CHILDREN_IN_CARE], published_figures = _children_in_care(body=body, area=area, year=year)
    figures += published_figures
    for measure in MEASURES:
        indicator, _ = Indicator.objects.update_or_create(
            committee=body,
            number=measure.number,
            defaults={
                "name": measure.name,
                "description": f"{measure.description}\n\n{ILLUSTRATIVE}",
                "formula": measure.formula,
                "x_definition": measure.x,
                "y_definition": measure.y,
                "unit": measure.unit,
                "direction": measure.direction,
                "sources": [ILLUSTRATIVE],
                "service_area": area,
                "frequency": Frequency.MONTH,
                "decimals": measure.decimals,
                "variance_basis": measure.variance_basis,
                "variance_sign": measure.variance_sign,
                "reporting_basis": measure.reporting_basis,
                "derivation": measure.derivation,
                "derivation_denominator": measure.derivation_denominator,
                "population": measure.population,
                "population_note": measure.population_note,
            },
        )
        indicators[measure.number] = indicator
        numeric = measure.target_status == TargetStatus.NUMERIC
        second_value, second_comparator, second_label = measure.second or (None, "", "")
        Target.objects.update_or_create(
            indicator=indicator,
            year=year,
            defaults={
                "value": Decimal(measure.target) if numeric else None,
                "status": measure.target_status,
                "comparator": measure.comparator,
                "second_value": Decimal(second_value) if second_value else None,
                "second_comparator": second_comparator,
                "second_label": second_label,
            },
        )
        months = {**measure.earlier, **dict(zip(MONTHS, measure.months, strict=True))}
        for first_day, given in months.items():
            figures.append(_month_figure(indicator, first_day, given, measure.not_available.get(first_day, "")))
    existing = set(
        Figure.objects.filter(indicator__in=indicators.values()).values_list("indicator_id", "basis", "period_end")
    )
    missing = [
        change for change in figures if (change.indicator.id, change.figure_basis, change.period_end) not in existing
    ]
    figures_write(changes=missing, by=None, reason="Demo data", source=FigureSource.DEMO)
    _benchmarks(indicators)
    _breakdown(indicators[307])
    return indicators


def _children_in_care(*, body: Committee, area: ServiceArea, year: FinancialYear):
    """301, the children in care rate as published for May and June 2024: (indicator, its figures to write)."""
    published = next(record for record in read("cyp_indicators_q1_2024_25.json")["indicators"] if record["number"] == 3)
    calculation = published.get("calculation") or {}
    indicator, _ = Indicator.objects.update_or_create(
        committee=body,
        number=CHILDREN_IN_CARE,
        defaults={
            "name": published["name"],
            "description": published["description"],
            "formula": calculation.get("formula") or "",
            "x_definition": calculation.get("x") or "",
            "y_definition": calculation.get("y") or "",
            "calculation_note": calculation.get("note") or "",
            "unit": Unit.RATE_PER_10000,
            "direction": published["direction"],
            "sources": published["sources"],
            "service_area": area,
            "frequency": Frequency.MONTH,
            "decimals": 1,
        },
    )
    Target.objects.update_or_create(
        indicator=indicator,
        year=year,
        defaults={"value": Decimal(str(published["target"])), "status": TargetStatus.NUMERIC},
    )
    may, june = datetime.date(2024, 5, 1), datetime.date(2024, 6, 1)
    changes = [
        FigureChange(
            indicator,
            month_end(may),
            {"period_start": may, "period_label": "May 2024", "value": Decimal(str(published["previous"]))},
        ),
        FigureChange(
            indicator,
            month_end(june),
            {
                "period_start": june,
                "period_label": "June 2024",
                "value": Decimal(str(published["current"])),
                "sn_mean": _decimal(published["sn_mean"]),
                "england_mean": _decimal(published["england_mean"]),
            },
        ),
    ]
    return indicator, changes


def _month_figure(indicator: Indicator, first_day: datetime.date, given, not_available: str) -> FigureChange:
    """A month's figure as entered: a value, or X and Y (the value is what the formula gives), or not available."""
    fields = {"period_start": first_day, "period_label": f"{first_day:%B %Y}"}
    if not_available:
        fields.update({"value": None, "not_available": True, "not_available_reason": not_available})
    elif isinstance(given, tuple):
        numerator, denominator = Decimal(given[0]), Decimal(given[1])
        value = reporting.value_from_parts(numerator=numerator, denominator=denominator, unit=indicator.unit)
        fields.update({"numerator": numerator, "denominator": denominator, "value": value.quantize(Decimal("0.0001"))})
    else:
        fields["value"] = Decimal(given)
    return FigureChange(indicator, month_end(first_day), fields, entered_basis(indicator))


def _benchmarks(indicators: dict[int, Indicator]) -> None:
    for number, kind, label, period_label, period_end, value in BENCHMARKS:
        Benchmark.objects.update_or_create(
            indicator=indicators[number],
            kind=kind,
            label=label,
            period_end=period_end,
            defaults={"period_label": period_label, "value": Decimal(value), "source": ILLUSTRATIVE},
        )


def _breakdown(indicator: Indicator) -> None:
    figure = Figure.objects.get(indicator=indicator, basis=indicator.reporting_basis, period_end=AUGUST)
    for position, (category, value) in enumerate(AGE_BANDS):
        FigureBreakdown.objects.update_or_create(
            figure=figure,
            dimension="Age band",
            category=category,
            defaults={"value": Decimal(value), "position": position},
        )


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))
