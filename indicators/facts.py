"""A quarter's rows as plain values: what the dashboard, the export, readiness and the pack read.

The dashboard lists every indicator (200 and more): model instances for each indicator, its two
figures and its target cost more processor time than the rest of the page. ``quarter_rows``
(``indicators.selectors``) reads them with values_list() into these frozen dataclasses instead;
they carry the fields (and the two display methods) that the dashboard, the export, readiness and
the pack read of an Indicator, a Figure and a Target, under the same names.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from indicators.enums import Direction, IndicatorStatus, TargetStatus
from indicators.models import Figure, Target

DIRECTION_LABEL = dict(Direction.choices)
TARGET_STATUS_LABEL = dict(TargetStatus.choices)


@dataclass(frozen=True, slots=True)
class AreaFacts:
    id: int
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class IndicatorFacts:
    """An indicator as a quarter's rows read it."""

    id: int
    number: int
    name: str
    unit: str
    decimals: int
    direction: str
    frequency: str
    status: str
    variance_basis: str
    variance_sign: str
    description: str
    formula: str
    x_definition: str
    y_definition: str
    calculation_note: str
    sources: list
    service_area: AreaFacts
    #: Set when the indicator is shared with the body whose rows these are (``IndicatorShare``): ``number``
    #: is then the number that body prints it under, these its number and body at home.
    home_number: int | None = None
    home_body: str = ""

    @property
    def service_area_id(self) -> int:
        return self.service_area.id

    @property
    def is_shared(self) -> bool:
        return self.home_number is not None

    @property
    def is_suspended(self) -> bool:
        return self.status == IndicatorStatus.SUSPENDED

    def get_direction_display(self) -> str:
        return DIRECTION_LABEL[self.direction]

    def __str__(self) -> str:
        return f"Indicator {self.number}: {self.name}"


@dataclass(frozen=True, slots=True)
class FigureFacts:
    """A figure as a quarter's rows read it."""

    id: int
    indicator_id: int
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    basis: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    sn_mean: Decimal | None
    england_mean: Decimal | None
    region_mean: Decimal | None
    other_mean: Decimal | None
    other_mean_label: str
    as_at: datetime.date | None
    not_updated: bool
    not_updated_reason: str
    not_available: bool = False
    not_available_reason: str = ""
    derived: bool = False

    @classmethod
    def of(cls, figure: Figure | None) -> FigureFacts | None:
        return None if figure is None else cls(*(getattr(figure, name) for name in FIGURE_FACTS))


@dataclass(frozen=True, slots=True)
class TargetFacts:
    """A target as a quarter's rows read it."""

    id: int
    indicator_id: int
    year_id: int
    value: Decimal | None
    status: str
    note: str
    comparator: str
    second_value: Decimal | None
    second_comparator: str
    second_label: str
    range_upper: Decimal | None = None

    @property
    def is_numeric(self) -> bool:
        return self.status == TargetStatus.NUMERIC

    def get_status_display(self) -> str:
        return TARGET_STATUS_LABEL[self.status]

    @classmethod
    def of(cls, target: Target | None) -> TargetFacts | None:
        return None if target is None else cls(*(getattr(target, name) for name in TARGET_FACTS))


#: The values_list() columns of each, in field order (an indicator's service area is read by a join).
INDICATOR_FACTS = list(IndicatorFacts.__dataclass_fields__)[
    : list(IndicatorFacts.__dataclass_fields__).index("service_area")
]
FIGURE_FACTS = list(FigureFacts.__dataclass_fields__)
TARGET_FACTS = list(TargetFacts.__dataclass_fields__)
#: The same columns of a body's own target (``BodyTarget``), for a union with the indicators' own.
BODY_TARGET_FACTS = ["id", "share__indicator_id", *TARGET_FACTS[2:]]
