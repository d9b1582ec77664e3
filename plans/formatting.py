"""How plans print dates and people. No Django import."""

import datetime


def long_date(day: datetime.date | None) -> str:
    """ "30 September 2024", as the council prints dates; an empty string for no date."""
    return f"{day.day} {day:%B %Y}" if day is not None else ""
