"""Derived figures: a rolling 12 months or a year to date, computed from an indicator's monthly figures.

A plain module with no Django import (as ``indicators.reporting``): the arithmetic and the words.
The service that reads the months and writes the derived figures is
``indicators.services_derive.derive_for_indicator``.

The rules
---------
An indicator with a ``derivation`` is entered once, month by month (its figures on the basis
"in the period", each with X and Y); every derived figure follows from them, exactly:

- **Rolling 12 months** (``rolling_12_months``): for a month, the numerators of that month and
  the 11 before it added up, over the population (``DenominatorRule.POPULATION``: the latest
  month's denominator, else the indicator's ``population``), by the unit's formula
  (``reporting.value_from_parts``: a rate per 10,000 is X/Y x 10,000). 412 children over
  July 2023 to June 2024 over 61,200 is 67.3 per 10,000.
- **Year to date** (``year_to_date`` from 1 April, ``academic_year_to_date`` from 1 September):
  the months' numerators added up over the months' denominators added up
  (``DenominatorRule.SUM``): 35 of 132 from April to August 2024 is 26.5%.

Every month of the window is needed: a month with no figure, or with no numerator (or, when the
denominators are added up, no denominator), or not available, gives no derived value; the derived
figure is then "not available" with a reason that names the month(s) missing. The value is kept to
four decimal places (as a figure is stored), rounded half up, so that recomputing it from the
stored months always gives the stored value.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cyp.dates import MONTHS as MONTH_NAMES
from indicators import reporting
from indicators.formatting import format_value

ROLLING_12_MONTHS = "rolling_12_months"
YEAR_TO_DATE = "year_to_date"
ACADEMIC_YEAR_TO_DATE = "academic_year_to_date"
#: The derivations (``indicators.enums.Derivation``); each derived figure is stored on the basis of the same name.
DERIVATIONS = (ROLLING_12_MONTHS, YEAR_TO_DATE, ACADEMIC_YEAR_TO_DATE)
SUM = "sum"
POPULATION = "population"
#: The first month of the year a year to date counts from.
YEAR_START_MONTH = {YEAR_TO_DATE: 4, ACADEMIC_YEAR_TO_DATE: 9}
#: As a figure is stored (``Figure.value``: four decimal places).
STORED_QUANTUM = Decimal("0.0001")


DERIVED_TYPED_MESSAGE = "This figure is derived from the monthly figures: change the months instead."


@dataclass(frozen=True)
class Month:
    """What a month's figure gives the derivation: its first day, X and Y, and whether it is available."""

    start: datetime.date
    numerator: Decimal | None
    denominator: Decimal | None
    available: bool = True


@dataclass(frozen=True)
class Derived:
    """A derived figure as it is stored: on ``basis``, for the window ``period_start`` to ``period_end``.

    ``value`` is None when a month is missing; ``missing`` then lists the first days of the months
    that are, and ``reason`` says so in words.
    """

    basis: str
    period_start: datetime.date
    period_end: datetime.date
    period_label: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    missing: tuple[datetime.date, ...] = ()
    reason: str = ""


# --- Months and windows ---------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    following = add_months(month_start(day), 1)
    return following - datetime.timedelta(days=1)


def add_months(first_day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after (or before, when negative) the month of ``first_day``."""
    index = first_day.year * 12 + first_day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def is_calendar_month(start: datetime.date, end: datetime.date) -> bool:
    """True when the period is one whole calendar month (1 to 30 June): the figures a derivation reads."""
    return start.day == 1 and end == month_end(start)


def month_name(first_day: datetime.date) -> str:
    """ "June 2024"."""
    return f"{MONTH_NAMES[first_day.month - 1]} {first_day.year}"


def window_start(derivation: str, period_end: datetime.date) -> datetime.date:
    """The first day the derived figure for the month ending ``period_end`` covers.

    Rolling 12 months: the first day of the month eleven months before (1 July 2023 for June 2024).
    Year to date: the latest 1 April (academic: 1 September) on or before the month.
    """
    last = month_start(period_end)
    if derivation == ROLLING_12_MONTHS:
        return add_months(last, -11)
    first_month = YEAR_START_MONTH[derivation]
    year = last.year if last.month >= first_month else last.year - 1
    return datetime.date(year, first_month, 1)


def window_months(derivation: str, period_end: datetime.date) -> list[datetime.date]:
    """The first days of the months of the window, oldest first."""
    first, last = window_start(derivation, period_end), month_start(period_end)
    months = []
    while first <= last:
        months.append(first)
        first = add_months(first, 1)
    return months


def window_label(start: datetime.date, end: datetime.date) -> str:
    """ "July 2023 to June 2024"; "April to August 2024" within one calendar year; "April 2024" for one month."""
    first, last = month_start(start), month_start(end)
    if first == last:
        return month_name(first)
    if first.year == last.year:
        return f"{MONTH_NAMES[first.month - 1]} to {month_name(last)}"
    return f"{month_name(first)} to {month_name(last)}"


def _months_list(days: Iterable[datetime.date]) -> str:
    names = [month_name(day) for day in days]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# --- The arithmetic -------------------------------------------------------------------------------


def derive(
    *,
    derivation: str,
    denominator_rule: str,
    unit: str,
    months: Mapping[datetime.date, Month],
    period_end: datetime.date,
    population: Decimal | None = None,
) -> Derived:
    """The derived figure for the month ending ``period_end`` from ``months`` (keyed by their first day).

    See the module docstring for the rules; a missing month gives no value and a reason naming it.
    """
    if derivation not in DERIVATIONS:
        raise ValueError(f"'{derivation}' is not a derivation: use one of {', '.join(DERIVATIONS)}.")
    window = window_months(derivation, period_end)
    start, end = window[0], month_end(window[-1])
    label = window_label(start, end)
    population_rule = str(denominator_rule) == POPULATION
    counts_alone = str(unit) in reporting.X_ITSELF_UNITS

    def usable(month: Month | None) -> bool:
        if month is None or not month.available or month.numerator is None:
            return False
        return population_rule or counts_alone or month.denominator is not None

    missing = tuple(day for day in window if not usable(months.get(day)))
    if missing:
        what = "12 months" if derivation == ROLLING_12_MONTHS else "every month of the year to date"
        verb = "is" if len(missing) == 1 else "are"
        reason = (
            f"Not derived for {label}: it needs {what}, and the figure for {_months_list(missing)} {verb} "
            "missing or not available."
        )
        return Derived(derivation, start, end, label, None, None, None, missing, reason)

    numerator = sum((months[day].numerator for day in window), Decimal(0))
    if population_rule:
        latest = months[window[-1]].denominator
        denominator = latest if latest is not None else population
    elif counts_alone and any(months[day].denominator is None for day in window):
        denominator = None
    else:
        denominator = sum((months[day].denominator for day in window), Decimal(0))
    value = reporting.value_from_parts(numerator=numerator, denominator=denominator, unit=unit)
    if value is None:
        reason = (
            f"Not derived for {label}: there is no population to divide by. Give the indicator its population, "
            f"or the denominator of {month_name(window[-1])}."
            if population_rule
            else f"Not derived for {label}: the months' denominators add up to zero."
        )
        return Derived(derivation, start, end, label, numerator, denominator, None, (), reason)
    return Derived(derivation, start, end, label, numerator, denominator, stored(value))


def stored(value: Decimal) -> Decimal:
    """A value as ``Figure.value`` keeps it: four decimal places, rounded half up."""
    return value.quantize(STORED_QUANTUM, rounding=ROUND_HALF_UP)


def derive_all(
    *,
    derivation: str,
    denominator_rule: str,
    unit: str,
    months: Mapping[datetime.date, Month],
    population: Decimal | None = None,
) -> list[Derived]:
    """A derived figure for every month that has a figure, oldest first."""
    return [
        derive(
            derivation=derivation,
            denominator_rule=denominator_rule,
            unit=unit,
            months=months,
            period_end=month_end(day),
            population=population,
        )
        for day in sorted(months)
    ]


# --- The calculation in words ---------------------------------------------------------------------

MULTIPLIER_WORDS = {"percent": " × 100", "rate_per_10000": " × 10,000"}


def _number(value: Decimal) -> str:
    """A count as printed: 412, 61,200; 12.5 when it has a fraction."""
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return f"{normal:,.0f}"
    return f"{normal:,f}"


def calculation_text(figure, indicator) -> str:
    """How a derived figure was computed, in words ("" for a figure that was entered).

    "412 over 12 months (July 2023 to June 2024) ÷ population 61,200 × 10,000 = 67.3";
    "35 of 132 from April to August 2024 = 26.5%". A derived figure with no value gives its reason.
    Reads the figure's ``derived``, ``basis``, ``period_start``, ``period_end``, ``numerator``,
    ``denominator``, ``value`` (and ``not_available_reason``) and the indicator's unit, decimals and, when
    it has one, ``derivation_denominator``: the pack, the scorecard and the indicator page all call it
    (with the model or with ``indicators.facts`` values).
    """
    if figure is None or not getattr(figure, "derived", False):
        return ""
    if figure.value is None:
        return getattr(figure, "not_available_reason", "") or ""
    unit, decimals = str(indicator.unit), indicator.decimals
    label = window_label(figure.period_start, figure.period_end)
    result = format_value(figure.value, unit, decimals)
    numerator = _number(figure.numerator) if figure.numerator is not None else "–"
    if unit in reporting.X_ITSELF_UNITS:
        months = "12 months" if figure.basis == ROLLING_12_MONTHS else "the year to date"
        return f"{numerator} over {months} ({label}) = {result}"
    denominator = _number(figure.denominator) if figure.denominator is not None else "–"
    multiplier = MULTIPLIER_WORDS.get(unit, "")
    # A quarter's rows carry plain facts without the rule: a rolling figure is over a population, a year to
    # date the months' Y added up, as the derivations are set up unless said otherwise.
    rule = getattr(indicator, "derivation_denominator", None) or (
        POPULATION if figure.basis == ROLLING_12_MONTHS else SUM
    )
    divisor = f"population {denominator}" if str(rule) == POPULATION else denominator
    if figure.basis == ROLLING_12_MONTHS:
        return f"{numerator} over 12 months ({label}) ÷ {divisor}{multiplier} = {result}"
    if unit == "percent" and str(rule) != POPULATION:
        return f"{numerator} of {denominator} from {label} = {result}"
    return f"{numerator} ÷ {divisor}{multiplier} from {label} = {result}"
