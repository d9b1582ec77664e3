"""cyp.calendar: England and Wales bank holidays by rule, and clear days before a meeting."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cyp.calendar import (
    ClosedDays,
    bank_holidays,
    bank_holidays_between,
    bank_holidays_named,
    clear_days_before,
    clear_days_between,
    easter_sunday,
    working_day_on_or_before,
)
from cyp.dates import weekday_long_date

D = datetime.date

#: As published by GOV.UK for England and Wales.
PUBLISHED = {
    2022: [D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 6, 2), D(2022, 8, 29),
           D(2022, 12, 26), D(2022, 12, 27)],
    2023: [D(2023, 1, 2), D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 1), D(2023, 5, 29), D(2023, 8, 28),
           D(2023, 12, 25), D(2023, 12, 26)],
    2024: [D(2024, 1, 1), D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 6), D(2024, 5, 27), D(2024, 8, 26),
           D(2024, 12, 25), D(2024, 12, 26)],
    2025: [D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26), D(2025, 8, 25),
           D(2025, 12, 25), D(2025, 12, 26)],
    2026: [D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25), D(2026, 8, 31),
           D(2026, 12, 25), D(2026, 12, 28)],
    2027: [D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30),
           D(2027, 12, 27), D(2027, 12, 28)],
}  # fmt: skip

WORKING_WEEK = {"exclude_weekends": True}
years = st.integers(min_value=1980, max_value=2100)
dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))
rules = st.sampled_from([(True, True), (True, False), (False, True), (False, False)])


def _closed(bank: bool) -> ClosedDays:
    return ClosedDays(extra={D(2022, 9, 19): "State funeral"}, bank_holidays=bank)


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_bank_holidays_match_the_published_list(year):
    assert sorted(bank_holidays(year)) == PUBLISHED[year]


def test_substitute_days_are_named_as_such():
    assert bank_holidays_named(2022)[D(2022, 12, 26)] == "Boxing Day"
    assert bank_holidays_named(2022)[D(2022, 12, 27)] == "Christmas Day (substitute day)"
    assert bank_holidays_named(2021)[D(2021, 12, 27)] == "Christmas Day (substitute day)"
    assert bank_holidays_named(2021)[D(2021, 12, 28)] == "Boxing Day (substitute day)"
    assert bank_holidays_named(2023)[D(2023, 1, 2)] == "New Year’s Day (substitute day)"


def test_the_moved_may_days_of_ve_day_and_the_jubilees():
    assert D(2020, 5, 8) in bank_holidays(2020) and D(2020, 5, 4) not in bank_holidays(2020)
    assert D(2022, 6, 2) in bank_holidays(2022) and D(2022, 5, 30) not in bank_holidays(2022)


def test_one_off_days_are_not_standing_bank_holidays():
    # The 2022 state funeral and the 2023 coronation are the council's NonWorkingDay rows.
    assert D(2022, 9, 19) not in bank_holidays(2022)
    assert D(2023, 5, 8) not in bank_holidays(2023)


@pytest.mark.parametrize(
    ("year", "easter"), [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2038, D(2038, 4, 25)), (2285, D(2285, 3, 22))]
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


@given(years)
def test_every_year_has_eight_bank_holidays_on_weekdays(year):
    days = bank_holidays(year)
    assert len(days) == 8
    assert all(day.weekday() < 5 and day.year == year for day in days)


@given(years)
def test_easter_is_a_sunday_between_22_march_and_25_april(year):
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert D(year, 3, 22) <= easter <= D(year, 4, 25)


@given(dates, st.integers(min_value=1, max_value=60), rules)
def test_clear_days_before_leaves_exactly_enough_clear_days(meeting, n, rule):
    exclude_weekends, bank = rule
    closed = _closed(bank)
    last = clear_days_before(meeting, n, exclude_weekends=exclude_weekends, closed_days=closed)
    assert clear_days_between(last, meeting, exclude_weekends=exclude_weekends, closed_days=closed) == n
    # The day after would leave one too few: it is the last day that works.
    after = last + datetime.timedelta(days=1)
    assert clear_days_between(after, meeting, exclude_weekends=exclude_weekends, closed_days=closed) == n - 1


@given(dates, st.integers(min_value=0, max_value=60))
def test_counting_every_day_is_calendar_arithmetic(meeting, n):
    last = clear_days_before(meeting, n, exclude_weekends=False, closed_days=())
    assert last == meeting - datetime.timedelta(days=n + 1)


@given(dates, dates, dates, rules)
def test_clear_days_between_never_grows_as_the_start_moves_later(a, b, meeting, rule):
    exclude_weekends, bank = rule
    earlier, later = sorted([a, b])
    closed = _closed(bank)
    assert clear_days_between(earlier, meeting, exclude_weekends=exclude_weekends, closed_days=closed) >= (
        clear_days_between(later, meeting, exclude_weekends=exclude_weekends, closed_days=closed)
    )


@given(dates)
def test_the_day_itself_and_the_next_day_have_no_clear_day_between(day):
    assert clear_days_between(day, day, **WORKING_WEEK, closed_days=()) == 0
    assert clear_days_between(day, day + datetime.timedelta(days=1), **WORKING_WEEK, closed_days=()) == 0


def test_negative_clear_days_are_refused():
    with pytest.raises(ValueError, match="0 or more"):
        clear_days_before(D(2024, 10, 8), -1, exclude_weekends=True, closed_days=())


@pytest.mark.parametrize(
    ("meeting", "published_by"),
    [
        # Seed 002's agenda plan: each Tuesday meeting's agenda despatched on the Monday 8 days before.
        (D(2024, 10, 8), D(2024, 9, 30)),
        (D(2024, 11, 26), D(2024, 11, 18)),
        (D(2025, 1, 14), D(2025, 1, 6)),
        (D(2025, 2, 25), D(2025, 2, 17)),
        # 26 May 2025 leaves five clear days too, but is the spring bank holiday.
        (D(2025, 6, 3), D(2025, 5, 26)),
    ],
)
def test_five_clear_days_before_the_seed_002_meetings(meeting, published_by):
    closed = ClosedDays()
    assert clear_days_before(meeting, 5, exclude_weekends=True, closed_days=closed) == published_by
    assert clear_days_between(published_by, meeting, exclude_weekends=True, closed_days=closed) == 5


def test_a_bank_holiday_deadline_moves_to_the_working_day_before():
    closed = ClosedDays()
    assert working_day_on_or_before(D(2025, 5, 26), exclude_weekends=True, closed_days=closed) == D(2025, 5, 23)


def test_christmas_and_new_year_are_left_out_of_28_clear_days():
    # 14 January 2025: 28 working days back skip 25 and 26 December and 1 January.
    # The last day is Sunday 1 December 2024; the last working day, Friday 29 November.
    closed = ClosedDays()
    last = clear_days_before(D(2025, 1, 14), 28, exclude_weekends=True, closed_days=closed)
    assert last == D(2024, 12, 1)
    assert working_day_on_or_before(last, exclude_weekends=True, closed_days=closed) == D(2024, 11, 29)
    assert clear_days_between(D(2024, 11, 29), D(2025, 1, 14), exclude_weekends=True, closed_days=closed) == 28


def test_the_council_closure_days_count_as_closed():
    closed = ClosedDays(extra={D(2022, 9, 19): "State funeral of Queen Elizabeth II"})
    assert closed.name(D(2022, 9, 19)) == "State funeral of Queen Elizabeth II"
    assert clear_days_between(D(2022, 9, 16), D(2022, 9, 21), exclude_weekends=True, closed_days=closed) == 1
    assert ClosedDays(bank_holidays=False).name(D(2024, 12, 25)) is None


def test_bank_holidays_between_spans_years():
    assert bank_holidays_between(D(2024, 12, 20), D(2025, 1, 5)) == {D(2024, 12, 25), D(2024, 12, 26), D(2025, 1, 1)}


def test_weekday_long_date():
    assert weekday_long_date(D(2024, 9, 26)) == "Thursday 26 September 2024"
