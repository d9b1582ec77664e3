"""Dates as the council writes them, in words: "8 October 2024", "Thursday 26 September 2024".

Pure (no Django), locale-independent: the PDF, the HTML pack, deadlines and messages all print
dates through these, so a date reads the same everywhere. Templates use Django's ``date:"j F Y"``.
"""

from __future__ import annotations

import datetime

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: datetime.date | None) -> str:
    """ "8 October 2024"; an empty string for no date."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: datetime.date | None) -> str:
    """ "Tuesday, 8 October 2024", as the pack's front sheet prints the meeting."""
    if day is None:
        return ""
    return f"{WEEKDAYS[day.weekday()]}, {long_date(day)}"


def weekday_long_date(day: datetime.date) -> str:
    """ "Thursday 26 September 2024", as deadlines print."""
    return f"{WEEKDAYS[day.weekday()]} {long_date(day)}"
