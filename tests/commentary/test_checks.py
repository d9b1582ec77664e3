"""The blocking checks at submission name the field and the fix."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from commentary.checks import submission_problems


@dataclass
class Content:
    period_label: str = "June 2024"
    period_start: datetime.date | None = datetime.date(2024, 6, 1)
    period_end: datetime.date | None = datetime.date(2024, 6, 30)
    value: Decimal | None = Decimal("78.9")
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    sn_mean: Decimal | None = None
    england_mean: Decimal | None = None
    region_mean: Decimal | None = None
    other_mean: Decimal | None = None
    not_updated: bool = False
    not_updated_reason: str = ""
    commentary: str = "Take-up rose."
    actions: str = ""


def problems(content, unit="percent", rag_status="Blue", decimals=1):
    return [
        (problem.field, problem.message)
        for problem in submission_problems(
            content=content, number=117, unit=unit, decimals=decimals, rag_status=rag_status, target_display="21.0%"
        )
    ]


def test_a_complete_return_has_no_problems():
    assert problems(Content()) == []


def test_a_percentage_above_100_names_the_field_and_what_was_entered():
    assert problems(Content(value=Decimal("117.5"))) == [
        ("value", "Indicator 117: the current value must be between 0 and 100 for a percentage (you entered 117.5).")
    ]


def test_a_negative_rate_or_count_is_refused():
    assert problems(Content(value=Decimal("-3")), unit="rate_per_10000") == [
        ("value", "Indicator 117: the current value cannot be negative for a rate per 10,000 (you entered -3).")
    ]
    assert [field for field, _ in problems(Content(value=Decimal("-1")), unit="count")] == ["value"]


def test_a_count_must_be_whole():
    assert problems(Content(value=Decimal("12.5")), unit="count") == [
        ("value", "Indicator 117: a count must be a whole number (you entered 12.5).")
    ]


def test_a_numerator_above_the_denominator_of_a_percentage_is_refused():
    found = problems(Content(value=Decimal("50"), numerator=Decimal("63"), denominator=Decimal("50")))
    assert found[0] == (
        "numerator",
        "Indicator 117: the numerator (X) 63 is above the denominator (Y) 50, and a percentage cannot exceed 100: "
        "check X and Y.",
    )


def test_a_value_that_disagrees_with_x_and_y_is_refused():
    assert problems(Content(value=Decimal("78.9"), numerator=Decimal("80"), denominator=Decimal("100"))) == [
        (
            "value",
            "Indicator 117: the value 78.9% does not match X/Y (80 / 100 gives 80.0%): correct the value, X or Y.",
        )
    ]


def test_x_and_y_that_round_to_the_value_are_accepted():
    assert problems(Content(value=Decimal("78.9"), numerator=Decimal("789"), denominator=Decimal("1000"))) == []


def test_red_without_actions_is_refused_but_red_with_actions_is_not():
    assert problems(Content(value=Decimal("27.0")), rag_status="Red") == [
        (
            "actions",
            "Indicator 117: the indicator is Red (27.0% against a target of 21.0%), so actions are required: "
            "write what will be done to bring it back on target, by whom and by when.",
        )
    ]
    assert problems(Content(value=Decimal("27.0"), actions="Audit re-referrals."), rag_status="Red") == []


def test_missing_commentary_is_refused():
    assert problems(Content(commentary="  \n")) == [
        ("commentary", "Indicator 117: the commentary is empty: say what the figures show, why, and how they compare.")
    ]


def test_not_updated_needs_a_reason_instead_of_a_value():
    assert problems(Content(value=None, not_updated=True)) == [
        (
            "not_updated_reason",
            "Indicator 117: say why the figures were not updated this quarter, or untick “not updated”.",
        )
    ]
    assert problems(Content(value=None, not_updated=True, not_updated_reason="System migration.")) == []
    assert [field for field, _ in problems(Content(value=None))] == ["value"]


def test_a_period_is_required_and_must_be_in_order():
    assert [field for field, _ in problems(Content(period_label="", period_start=None, period_end=None))] == [
        "period_label",
        "period_start",
        "period_end",
    ]
    assert [field for field, _ in problems(Content(period_start=datetime.date(2024, 7, 1)))] == ["period_end"]


def test_comparators_are_checked_for_the_unit_too():
    assert [field for field, _ in problems(Content(england_mean=Decimal("101")))] == ["england_mean"]
