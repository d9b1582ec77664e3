"""What makes an action SMART enough to track, and what a printed timescale means."""

import datetime

import pytest

from plans.smart import TimescaleError, criterion_is_measurable, smart_check, timescale_parse


@pytest.mark.parametrize(
    "criterion",
    [
        "Reduction in the number of agency staff to 15%",
        "Reduction in caseloads to a maximum of 25 in Assessment (upto 20 in other teams)",
        "Increase in the number of foster carers by 7 (subject to panel approval by October 24)",
        "All reviews held within 20 working days",
        "Protocol signed off by 31/03/2025",
        "Strategy agreed by the committee in November 2024",
        "Re-referrals below 22.5 per cent",
    ],
)
def test_criterion_with_a_figure_a_percentage_or_a_date_is_measurable(criterion):
    assert criterion_is_measurable(criterion) is True


@pytest.mark.parametrize(
    "criterion",
    [
        "Sufficient accommodation placements are available when required",
        "Better support in place to assist 16/17 years old who are homeless",
        "Appropriate capacity is in place to start support from 14+",
        "Reduction in the number of repeat referrals made into the service",
        "",
    ],
)
def test_criterion_without_a_level_to_reach_is_not_measurable(criterion):
    assert criterion_is_measurable(criterion) is False


def test_smart_check_names_every_gap():
    check = smart_check(has_owner=False, due_date=None, success_criteria=["Better support"], linked_indicators=0)

    assert check.is_smart is False
    assert check.gaps == ["no owner", "no due date", "no measurable success criterion"]


def test_a_linked_indicator_makes_an_action_measurable():
    check = smart_check(
        has_owner=True,
        due_date=datetime.date(2025, 3, 31),
        success_criteria=["Reduction in the number of repeat referrals"],
        linked_indicators=1,
    )

    assert (check.is_smart, check.gaps) == (True, [])


@pytest.mark.parametrize(
    ("printed", "due"),
    [
        ("March 2025", datetime.date(2025, 3, 31)),
        ("March 25", datetime.date(2025, 3, 31)),
        ("December 24", datetime.date(2024, 12, 31)),
        ("September 24", datetime.date(2024, 9, 30)),
        ("Sept 2024", datetime.date(2024, 9, 30)),
        ("February 2024", datetime.date(2024, 2, 29)),
        ("31/03/2025", datetime.date(2025, 3, 31)),
        ("2025-01-15", datetime.date(2025, 1, 15)),
    ],
)
def test_timescale_as_printed_gives_the_last_day_of_its_month_or_the_date(printed, due):
    parsed = timescale_parse(printed)

    assert (parsed.due_date, parsed.ongoing) == (due, False)


def test_ongoing_timescale_has_no_due_date():
    assert timescale_parse(" Ongoing ") == timescale_parse("ongoing")
    assert timescale_parse("ongoing").due_date is None
    assert timescale_parse("ongoing").ongoing is True


def test_unreadable_timescale_says_how_to_write_it():
    with pytest.raises(TimescaleError) as error:
        timescale_parse("Spring")

    assert str(error.value) == (
        "'Spring' is not a timescale cyp can read: write a month and year such as 'March 2025', "
        "a date such as 31/03/2025, or 'ongoing'"
    )
