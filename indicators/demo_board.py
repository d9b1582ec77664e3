"""The Corporate Parenting Board's own indicators in the demo: children in care measures (idempotent).

Only the children in care rate is published data: Cambridgeshire's indicator 3 as the Q1 2024/25
report printed it (``cyp/demo_data``). The other five are the measures corporate parenting boards
commonly follow, with **illustrative** figures that say so in their description and source: the
council has not published them in the documents the demo is built from.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.text import slugify

from cyp.demo import BOARD_SLUG
from cyp.models import Committee, FinancialYear, ServiceArea
from indicators.demo import PERIODS, read
from indicators.enums import Direction, FigureSource, Frequency, TargetStatus, Unit
from indicators.models import Figure, Indicator, Target
from indicators.services import FigureChange, figures_write

AREA = "Corporate Parenting"
ILLUSTRATIVE = "Illustrative demo figures: not published by Cambridgeshire County Council."
#: The board's indicator numbers: its own series, so they never read as the committee's.
CHILDREN_IN_CARE = 301

#: number, name, unit, direction, target, (previous, current) for May and June 2024, description, formula, X, Y.
ILLUSTRATIVE_INDICATORS = [
    (
        302,
        "Care leavers aged 19 to 21 in education, employment or training",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "60.0",
        ("55.8", "57.1"),
        "The share of care leavers aged 19, 20 and 21 the council is in touch with who are in education, "
        "employment or training.",
        "(X/Y)*100",
        "Care leavers aged 19 to 21 in education, employment or training.",
        "Care leavers aged 19 to 21 the council is in touch with.",
    ),
    (
        303,
        "Children in care with three or more placements in the last 12 months",
        Unit.PERCENT,
        Direction.LOWER_IS_BETTER,
        "10.0",
        ("9.8", "9.4"),
        "Short-term placement stability: the share of children in care at the month end who have had three "
        "or more placements in the last 12 months.",
        "(X/Y)*100",
        "Children in care at the month end with three or more placements in the last 12 months.",
        "Children in care at the month end.",
    ),
    (
        304,
        "Children in care for 2.5 years or more who have been in the same placement for 2 years",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "70.0",
        ("66.9", "67.5"),
        "Long-term placement stability: of the children under 16 in care for two and a half years or more, "
        "the share who have lived in the same placement for at least two years.",
        "(X/Y)*100",
        "Children under 16 in care for 2.5 years or more, in the same placement for 2 years or more.",
        "Children under 16 in care for 2.5 years or more.",
    ),
    (
        305,
        "Care leavers' pathway plans completed within timescale",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "90.0",
        ("71.2", "76.4"),
        "The share of care leavers' pathway plans completed or reviewed within timescale (action 5.1 of the "
        "Ofsted action plan aims to raise it).",
        "(X/Y)*100",
        "Pathway plans completed or reviewed within timescale in the month.",
        "Pathway plans due in the month.",
    ),
    (
        306,
        "Children in care with an up-to-date health assessment",
        Unit.PERCENT,
        Direction.HIGHER_IS_BETTER,
        "90.0",
        ("86.3", "88.2"),
        "The share of children in care for 12 months or more whose annual health assessment is up to date.",
        "(X/Y)*100",
        "Children in care for 12 months or more with an up-to-date health assessment.",
        "Children in care for 12 months or more.",
    ),
]


def board() -> Committee:
    """The demo's second body (``cyp.demo`` sets it up before the apps' parts load)."""
    return Committee.objects.get(slug=BOARD_SLUG)


def load(*, committee: Committee) -> dict[int, Indicator]:
    """The board's service area, six indicators, 2024/25 targets and May and June 2024 figures.

    ``committee`` is the demo's first body (every part is called with it); the board is found by its
    address. Figures go through the one writer, and only those not there yet.
    """
    body = board()
    area, _ = ServiceArea.objects.get_or_create(committee=body, name=AREA, defaults={"slug": slugify(AREA)})
    year = FinancialYear.objects.get(start_year=2024)
    (current_label, current_start, current_end), (previous_label, previous_start, previous_end) = PERIODS[
        Frequency.MONTH
    ]
    indicators: dict[int, Indicator] = {}
    figures: list[FigureChange] = []

    def add(number, defaults, target, previous, current, means=None):
        indicator, _ = Indicator.objects.update_or_create(
            committee=body,
            number=number,
            defaults={**defaults, "service_area": area, "frequency": Frequency.MONTH, "decimals": 1},
        )
        Target.objects.update_or_create(
            indicator=indicator,
            year=year,
            defaults={"value": Decimal(target), "status": TargetStatus.NUMERIC},
        )
        previous_fields = {"period_start": previous_start, "period_label": previous_label, "value": Decimal(previous)}
        figures.append(FigureChange(indicator, previous_end, previous_fields))
        figures.append(
            FigureChange(
                indicator,
                current_end,
                {
                    "period_start": current_start,
                    "period_label": current_label,
                    "value": Decimal(current),
                    **(means or {}),
                },
            )
        )
        indicators[number] = indicator

    published = next(record for record in read("cyp_indicators_q1_2024_25.json")["indicators"] if record["number"] == 3)
    calculation = published.get("calculation") or {}
    add(
        CHILDREN_IN_CARE,
        {
            "name": published["name"],
            "description": published["description"],
            "formula": calculation.get("formula") or "",
            "x_definition": calculation.get("x") or "",
            "y_definition": calculation.get("y") or "",
            "calculation_note": calculation.get("note") or "",
            "unit": Unit.RATE_PER_10000,
            "direction": published["direction"],
            "sources": published["sources"],
        },
        str(published["target"]),
        str(published["previous"]),
        str(published["current"]),
        {
            "sn_mean": _decimal(published["sn_mean"]),
            "england_mean": _decimal(published["england_mean"]),
        },
    )
    for number, name, unit, direction, target, (
        previous,
        current,
    ), description, formula, x, y in ILLUSTRATIVE_INDICATORS:
        add(
            number,
            {
                "name": name,
                "description": f"{description}\n\n{ILLUSTRATIVE}",
                "formula": formula,
                "x_definition": x,
                "y_definition": y,
                "unit": unit,
                "direction": direction,
                "sources": [ILLUSTRATIVE],
            },
            target,
            previous,
            current,
        )
    existing = set(Figure.objects.filter(indicator__in=indicators.values()).values_list("indicator_id", "period_end"))
    missing = [change for change in figures if (change.indicator.id, change.period_end) not in existing]
    figures_write(changes=missing, by=None, reason="Demo data", source=FigureSource.DEMO)
    return indicators


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))
