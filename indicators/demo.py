"""Loads the Q1 2024/25 indicators of Cambridgeshire's CYP Committee (idempotent)."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

from cyp.models import Committee, FinancialYear, Quarter, ServiceArea
from indicators.enums import FigureSource, Frequency, StatusSource, TargetStatus
from indicators.models import Figure, Indicator, PublishedStatus, Target, UsefulLink
from indicators.services import FigureChange, figures_write

DATA = Path(__file__).resolve().parent.parent / "cyp" / "demo_data"

# Derived period labels and dates for the current and previous figure (see demo_data/README.md).
PERIODS = {
    Frequency.MONTH: (
        ("June 2024", datetime.date(2024, 6, 1), datetime.date(2024, 6, 30)),
        ("May 2024", datetime.date(2024, 5, 1), datetime.date(2024, 5, 31)),
    ),
    Frequency.QUARTER: (
        ("April to June 2024", datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)),
        ("January to March 2024", datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)),
    ),
    Frequency.TERM: (
        ("Summer term 2024", datetime.date(2024, 4, 15), datetime.date(2024, 5, 16)),
        ("Spring term 2024", datetime.date(2024, 1, 3), datetime.date(2024, 1, 18)),
    ),
    Frequency.YEAR: (
        ("2022/23", datetime.date(2022, 9, 1), datetime.date(2023, 8, 31)),
        ("2021/22", datetime.date(2021, 9, 1), datetime.date(2022, 8, 31)),
    ),
}
UNITS = {"percent": "percent", "rate_per_10000": "rate_per_10000", "score": "score", "count": "count"}


def read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load(*, committee: Committee) -> dict[int, Indicator]:
    """Indicators, useful links, 2024/25 targets, Q1 figures and the Q4 2023/24 statuses."""
    data = read("cyp_indicators_q1_2024_25.json")
    cover = read("q1_2024_25_cover.json")
    not_updated = {item["number"]: item["reason"] for item in cover["not_updated"]["indicators"]}
    year = FinancialYear.objects.get(start_year=2024)
    indicators = {}
    figures: list[FigureChange] = []
    for record in data["indicators"]:
        area, _ = ServiceArea.objects.get_or_create(
            committee=committee, name=record["service_area"], defaults={"slug": slugify(record["service_area"])}
        )
        calculation = record.get("calculation") or {}
        indicator, _ = Indicator.objects.update_or_create(
            committee=committee,
            number=record["number"],
            defaults={
                "name": record["name"],
                "description": record["description"],
                "formula": calculation.get("formula") or "",
                "x_definition": calculation.get("x") or "",
                "y_definition": calculation.get("y") or "",
                "calculation_note": calculation.get("note") or "",
                "unit": UNITS[record["unit"]],
                "decimals": record["decimals_by_field"].get("current", record["decimals"]),
                "direction": record["direction"],
                "frequency": record["period_type"],
                "service_area": area,
                "sources": record["sources"],
            },
        )
        indicator.useful_links.all().delete()
        UsefulLink.objects.bulk_create(
            UsefulLink(indicator=indicator, title=title, position=position)
            for position, title in enumerate(record["useful_links"])
        )
        if record["target_status"] == "numeric":
            target_defaults = {"value": _decimal(record["target"]), "status": TargetStatus.NUMERIC}
        else:
            target_defaults = {"value": None, "status": TargetStatus(record["target_status"])}
        Target.objects.update_or_create(indicator=indicator, year=year, defaults=target_defaults)
        (current_label, current_start, current_end), (previous_label, previous_start, previous_end) = PERIODS[
            record["period_type"]
        ]
        extra = record["extra_comparators"][0] if record["extra_comparators"] else None
        figures.append(
            FigureChange(
                indicator,
                previous_end,
                {"period_start": previous_start, "period_label": previous_label, "value": _decimal(record["previous"])},
            )
        )
        figures.append(
            FigureChange(
                indicator,
                current_end,
                {
                    "period_start": current_start,
                    "period_label": current_label,
                    "value": _decimal(record["current"]),
                    "sn_mean": _decimal(record["sn_mean"]),
                    "england_mean": _decimal(record["england_mean"]),
                    "other_mean": _decimal(extra["value"]) if extra else None,
                    "other_mean_label": extra["label"] if extra else "",
                    "not_updated": record["number"] in not_updated,
                    "not_updated_reason": not_updated.get(record["number"], ""),
                },
            )
        )
        indicators[indicator.number] = indicator
    # Through the one writer, and only the figures not there yet: loading the demo again never puts its
    # values back over figures that were imported, approved or corrected since (or that a pack published).
    existing = set(Figure.objects.filter(indicator__in=indicators.values()).values_list("indicator_id", "period_end"))
    missing = [change for change in figures if (change.indicator.id, change.period_end) not in existing]
    figures_write(changes=missing, by=None, reason="Demo data", source=FigureSource.DEMO)
    _load_q4_statuses(indicators)
    return indicators


def _load_q4_statuses(indicators: dict[int, Indicator]) -> None:
    derived = read("q4_2023_24_cover.json")["derived_status_at_q4"]
    quarter = Quarter.objects.quarters().get(year__start_year=2023, number=4)
    for rag, numbers in derived.items():
        if not isinstance(numbers, list):
            continue
        for number in numbers:
            PublishedStatus.objects.update_or_create(
                indicator=indicators[number],
                quarter=quarter,
                committee_id=indicators[number].committee_id,
                defaults={"rag": rag, "source": StatusSource.DERIVED},
            )
