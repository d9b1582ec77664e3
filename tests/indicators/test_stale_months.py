"""The stale rule in a monthly report (``indicators.reporting.is_stale``): the window a figure must end in is
its frequency's or the reported period's length, whichever is longer, counted back from the period's end."""

import datetime

import pytest

from indicators import reporting
from indicators.enums import Frequency

# The month reported: August 2024.
AUGUST = {"quarter_start": datetime.date(2024, 8, 1), "quarter_end": datetime.date(2024, 8, 31)}
# The quarter reported: 1 April to 30 June 2024.
Q1 = {"quarter_start": datetime.date(2024, 4, 1), "quarter_end": datetime.date(2024, 6, 30)}


@pytest.mark.parametrize(
    ("frequency", "period_end", "stale"),
    [
        # A monthly figure must end within the month reported: July's is stale in August.
        (Frequency.MONTH, datetime.date(2024, 8, 31), False),
        (Frequency.MONTH, datetime.date(2024, 8, 1), False),
        (Frequency.MONTH, datetime.date(2024, 7, 31), True),
        # A quarterly figure is current while it ends within the last three months (June, July, August).
        (Frequency.QUARTER, datetime.date(2024, 6, 30), False),
        (Frequency.QUARTER, datetime.date(2024, 6, 1), False),
        (Frequency.QUARTER, datetime.date(2024, 5, 31), True),
        (Frequency.QUARTER, datetime.date(2024, 3, 31), True),
        # Termly and yearly as in a quarter: up to one year before the month's last day.
        (Frequency.YEAR, datetime.date(2023, 8, 31), False),
        (Frequency.YEAR, datetime.date(2023, 8, 30), True),
        (Frequency.TERM, datetime.date(2024, 4, 30), False),
        (Frequency.TERM, datetime.date(2023, 7, 31), True),
    ],
)
def test_a_figure_in_a_monthly_report_is_stale_when_older_than_its_frequency_allows(frequency, period_end, stale):
    assert reporting.is_stale(frequency=frequency, period_end=period_end, **AUGUST) is stale


@pytest.mark.parametrize(
    ("frequency", "period_end", "stale"),
    [
        (Frequency.MONTH, datetime.date(2024, 4, 30), False),
        (Frequency.MONTH, datetime.date(2024, 3, 31), True),
        (Frequency.QUARTER, datetime.date(2024, 4, 1), False),
        (Frequency.QUARTER, datetime.date(2024, 3, 31), True),
    ],
)
def test_in_a_quarterly_report_monthly_and_quarterly_figures_must_end_within_the_quarter(frequency, period_end, stale):
    assert reporting.is_stale(frequency=frequency, period_end=period_end, **Q1) is stale


def test_the_window_crosses_the_turn_of_the_year():
    january = {"quarter_start": datetime.date(2025, 1, 1), "quarter_end": datetime.date(2025, 1, 31)}

    assert reporting.is_stale(frequency=Frequency.QUARTER, period_end=datetime.date(2024, 11, 1), **january) is False
    assert reporting.is_stale(frequency=Frequency.QUARTER, period_end=datetime.date(2024, 10, 31), **january) is True
    assert reporting.is_stale(frequency=Frequency.MONTH, period_end=datetime.date(2024, 12, 31), **january) is True
