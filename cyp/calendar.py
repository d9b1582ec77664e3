"""Working days and clear days before a meeting: England and Wales bank holidays by rule. No Django.

A *clear day* is a whole day between two events, counting neither: not the day
something is published, not the day of the meeting (Local Government Act 1972,
s.100B, "at least five clear days"). The council's constitution also leaves out
Saturdays and Sundays, bank holidays and the days it is closed, unless a body's
rules say otherwise (``cyp.models.Committee``): callers pass ``exclude_weekends``
and ``closed_days`` (the bank holidays from ``bank_holidays`` plus the council's
``NonWorkingDay`` rows, or nothing when a body counts every day).

Bank holidays follow the standing rules of the Banking and Financial Dealings
Act 1971 and the royal proclamations that fix the May and August days: New
Year's Day, Good Friday, Easter Monday, the first and last Mondays of May, the
last Monday of August, Christmas Day and Boxing Day, a day at a weekend moved
to the next weekday not already a holiday. Years when a May day was moved by
proclamation (VE Day 2020, the jubilees of 2012 and 2022) are kept here because
they replace a standing day; one-off extra days (a state funeral, a coronation)
are the council's ``NonWorkingDay`` rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Container, Mapping
from functools import cache

ONE_DAY = datetime.timedelta(days=1)

#: Years when a standing bank holiday was moved by proclamation: (standing day's name, the day it moved to).
MOVED_DAYS = {
    1995: {"Early May bank holiday": datetime.date(1995, 5, 8)},  # VE Day, 50 years
    2002: {"Spring bank holiday": datetime.date(2002, 6, 4)},  # Golden Jubilee
    2012: {"Spring bank holiday": datetime.date(2012, 6, 4)},  # Diamond Jubilee
    2020: {"Early May bank holiday": datetime.date(2020, 5, 8)},  # VE Day, 75 years
    2022: {"Spring bank holiday": datetime.date(2022, 6, 2)},  # Platinum Jubilee
}


def easter_sunday(year: int) -> datetime.date:
    """Easter Day in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    week = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * week) // 451
    month, day = divmod(h + week - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> datetime.date:
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last = following - ONE_DAY
    return last - datetime.timedelta(days=last.weekday())


def _next_weekday(day: datetime.date, taken: Container[datetime.date]) -> datetime.date:
    while day.weekday() >= 5 or day in taken:
        day += ONE_DAY
    return day


@cache
def bank_holidays_named(year: int) -> dict[datetime.date, str]:
    """England and Wales bank holidays of ``year``: date -> name, substitute days named as such."""
    easter = easter_sunday(year)
    days: dict[datetime.date, str] = {}
    # Fixed-date days first, in order, so that a substitute day never lands on another holiday.
    new_year = datetime.date(year, 1, 1)
    days[_next_weekday(new_year, days)] = "New Year’s Day" + (" (substitute day)" if new_year.weekday() >= 5 else "")
    days[easter - 2 * ONE_DAY] = "Good Friday"
    days[easter + ONE_DAY] = "Easter Monday"
    moved = MOVED_DAYS.get(year, {})
    days[moved.get("Early May bank holiday", _first_monday(year, 5))] = "Early May bank holiday"
    days[moved.get("Spring bank holiday", _last_monday(year, 5))] = "Spring bank holiday"
    days[_last_monday(year, 8)] = "Summer bank holiday"
    christmas, boxing = datetime.date(year, 12, 25), datetime.date(year, 12, 26)
    # A weekday Boxing Day stays put and Christmas moves past it (2022: 26 and 27); at a weekend both move
    # to the next weekdays, Christmas first (2021: 27 and 28).
    if boxing.weekday() < 5:
        days[boxing] = "Boxing Day"
    christmas_on = _next_weekday(christmas, days)
    days[christmas_on] = "Christmas Day" + (" (substitute day)" if christmas_on != christmas else "")
    if boxing.weekday() >= 5:
        days[_next_weekday(boxing, days)] = "Boxing Day (substitute day)"
    return dict(sorted(days.items()))


def bank_holidays(year: int) -> frozenset[datetime.date]:
    """The dates of ``bank_holidays_named(year)``."""
    return frozenset(bank_holidays_named(year))


def bank_holidays_between(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    """Every bank holiday from ``start`` to ``end``, both included."""
    years = range(start.year, end.year + 1)
    return frozenset(day for year in years for day in bank_holidays(year) if start <= day <= end)


class ClosedDays:
    """The days a body's clear days leave out besides weekends: bank holidays (when its rules say so)
    and the council's own closure days, each with its name. Works for any year, computing as asked."""

    def __init__(self, *, extra: Mapping[datetime.date, str] | None = None, bank_holidays: bool = True):
        self.extra = dict(extra or {})
        self.bank_holidays = bank_holidays

    def __contains__(self, day: object) -> bool:
        return self.name(day) is not None if isinstance(day, datetime.date) else False

    def name(self, day: datetime.date) -> str | None:
        """ "Spring bank holiday", the closure day's name, or None when the council is open."""
        if day in self.extra:
            return self.extra[day]
        if self.bank_holidays:
            return bank_holidays_named(day.year).get(day)
        return None


def is_working_day(day: datetime.date, *, exclude_weekends: bool, closed_days: Container[datetime.date]) -> bool:
    """A day that counts as a clear day under the rules given."""
    return not ((exclude_weekends and day.weekday() >= 5) or day in closed_days)


def clear_days_between(
    earlier: datetime.date, later: datetime.date, *, exclude_weekends: bool, closed_days: Container[datetime.date]
) -> int:
    """How many clear days lie strictly between ``earlier`` and ``later`` (neither counted); 0 when none do."""
    count, day = 0, earlier + ONE_DAY
    while day < later:
        count += is_working_day(day, exclude_weekends=exclude_weekends, closed_days=closed_days)
        day += ONE_DAY
    return count


def clear_days_before(
    meeting_date: datetime.date, n: int, *, exclude_weekends: bool, closed_days: Container[datetime.date]
) -> datetime.date:
    """The last day something can be done so that ``n`` clear days lie between it and the meeting.

    Counts back ``n`` days that count from the day before the meeting; the day before the
    earliest of them is the answer (a weekend or holiday itself, when the rules allow it:
    publishing on a Saturday is still five clear days before a Friday).
    """
    if n < 0:
        raise ValueError(f"clear days must be 0 or more (you gave {n})")
    day, counted = meeting_date, 0
    while counted < n:
        day -= ONE_DAY
        counted += is_working_day(day, exclude_weekends=exclude_weekends, closed_days=closed_days)
    return day - ONE_DAY


def working_day_on_or_before(
    day: datetime.date, *, exclude_weekends: bool, closed_days: Container[datetime.date]
) -> datetime.date:
    """``day``, or the last day before it that counts, when the office is closed on ``day``."""
    while not is_working_day(day, exclude_weekends=exclude_weekends, closed_days=closed_days):
        day -= ONE_DAY
    return day
