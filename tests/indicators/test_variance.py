"""Variance as each measure needs it: relative or in percentage points, printed better/worse or above/below."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import rag
from indicators.formatting import format_deviation, format_variance, variance_phrase
from indicators.rag import Direction, Status, VarianceBasis, VarianceSign, Wording

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
POINTS, RELATIVE = VarianceBasis.POINTS, VarianceBasis.RELATIVE
ABOVE_BELOW, BETTER_WORSE = VarianceSign.ABOVE_BELOW, VarianceSign.BETTER_WORSE


def _printed(current, target, direction, basis=RELATIVE, sign=BETTER_WORSE) -> str:
    rating = rag.rating_for(
        current=current, target=target, target_status=None, direction=direction, basis=basis, sign=sign
    )
    return format_variance(rating)


# What a scorecard prints, by mode (the "88.6% against 98%: -9.4"), and the CYP report's own cases.
@pytest.mark.parametrize(
    ("current", "target", "direction", "basis", "sign", "printed"),
    [
        ("88.6", "98", HIGHER, POINTS, ABOVE_BELOW, "9.4 points below target"),
        ("88.6", "98", HIGHER, POINTS, BETTER_WORSE, "−9.4 points"),
        # Lower is better: above target is worse, so the two signs disagree.
        ("12.0", "10.0", LOWER, POINTS, BETTER_WORSE, "−2.0 points"),
        ("12.0", "10.0", LOWER, POINTS, ABOVE_BELOW, "2.0 points above target"),
        # A rate or a count: relative, as a per cent of the target.
        ("450.0", "400.0", LOWER, RELATIVE, ABOVE_BELOW, "12.5% above target"),
        ("450.0", "400.0", LOWER, RELATIVE, BETTER_WORSE, "−12.5%"),
        ("400.0", "400.0", LOWER, RELATIVE, ABOVE_BELOW, "on target"),
        # The CYP report as published: indicator 11 (+3.9 points, +5.2%), 130 and 132.
        ("78.9", "75.0", HIGHER, RELATIVE, BETTER_WORSE, "+5.2%"),
        ("57.9", "65.0", HIGHER, RELATIVE, BETTER_WORSE, "−10.9%"),
        ("18.5", "8.5", LOWER, RELATIVE, BETTER_WORSE, "−117.6%"),
        ("78.9", "75.0", HIGHER, POINTS, BETTER_WORSE, "+3.9 points"),
    ],
)
def test_the_variance_prints_as_the_measure_states_it(current, target, direction, basis, sign, printed):
    assert _printed(current, target, direction, basis, sign) == printed


def test_the_cyp_default_prints_exactly_what_it_printed_before():
    for current, target, direction in [("78.9", "75.0", HIGHER), ("57.9", "65.0", HIGHER), ("18.5", "8.5", LOWER)]:
        rating = rag.rating_for(current=current, target=target, target_status=None, direction=direction)

        assert (rating.basis, rating.sign) == (RELATIVE, BETTER_WORSE)
        assert format_variance(rating) == format_deviation(rating.deviation_percent)
        assert rating.variance_rounded == rating.deviation_percent


def test_the_pack_phrase_says_from_target_only_where_the_sign_is_better_or_worse():
    def phrase(sign, current="88.6"):
        return variance_phrase(
            rag.rating_for(current=current, target="98", target_status=None, direction=HIGHER, basis=POINTS, sign=sign)
        )

    assert phrase(BETTER_WORSE) == "−9.4 points from target"
    assert phrase(ABOVE_BELOW) == "9.4 points below target"
    contextual = rag.rating_for(current="5", target=None, target_status=Status.CONTEXTUAL, direction=HIGHER)
    assert variance_phrase(contextual) == ""


def test_a_relative_variance_against_a_zero_target_is_undefined_but_points_are_not():
    relative = rag.rating_for(current="2.0", target="0", target_status=None, direction=LOWER)
    points = rag.rating_for(current="2.0", target="0", target_status=None, direction=LOWER, basis=POINTS)

    assert (relative.status, format_variance(relative), relative.reason) == (Status.RED, "–", rag.ZERO_TARGET_RULE)
    assert (points.status, format_variance(points), points.reason) == (Status.AMBER, "−2.0 points", "")


# The boundaries read as points: -10 and +5 points, exact, moved by the wording as for the relative rule.
@pytest.mark.parametrize(
    ("current", "wording", "expected"),
    [
        ("88.0", Wording.REPORT_KEY, Status.AMBER),
        ("88.0", Wording.COVER_PAPER, Status.RED),
        ("87.9999", Wording.REPORT_KEY, Status.RED),
        ("88.0001", Wording.COVER_PAPER, Status.AMBER),
        ("97.9999", Wording.REPORT_KEY, Status.AMBER),
        ("98.0", Wording.REPORT_KEY, Status.GREEN),
        ("103.0", Wording.REPORT_KEY, Status.GREEN),
        ("103.0", Wording.COVER_PAPER, Status.BLUE),
        ("103.0001", Wording.REPORT_KEY, Status.BLUE),
        ("102.9999", Wording.COVER_PAPER, Status.GREEN),
    ],
)
def test_points_are_rated_on_the_boundaries_in_points(current, wording, expected):
    assert rag.rate(current, "98.0", HIGHER, wording, POINTS) == expected


def test_points_and_relative_can_rate_one_value_differently():
    # Indicators 130 and 11 as published: -7.1 points but -10.9%; +3.9 points but +5.2%.
    assert rag.rate("57.9", "65.0", HIGHER, Wording.REPORT_KEY, RELATIVE) == Status.RED
    assert rag.rate("57.9", "65.0", HIGHER, Wording.REPORT_KEY, POINTS) == Status.AMBER
    assert rag.rate("78.9", "75.0", HIGHER, Wording.REPORT_KEY, RELATIVE) == Status.BLUE
    assert rag.rate("78.9", "75.0", HIGHER, Wording.REPORT_KEY, POINTS) == Status.GREEN


percentages = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
directions = st.sampled_from([HIGHER, LOWER])
wordings = st.sampled_from(list(Wording))
bases = st.sampled_from(list(VarianceBasis))


@given(current=percentages, target=percentages, d=directions, basis=bases)
def test_the_sign_changes_the_printed_variance_never_the_rating(current, target, d, basis):
    better_worse = rag.rating_for(current=current, target=target, target_status=None, direction=d, basis=basis)
    above_below = rag.rating_for(
        current=current, target=target, target_status=None, direction=d, basis=basis, sign=ABOVE_BELOW
    )

    assert better_worse.status == above_below.status
    if better_worse.variance is not None:
        # Above/below is current minus target; better/worse flips it when lower is better.
        expected = above_below.variance if d == HIGHER else -above_below.variance
        assert better_worse.variance == expected
        assert (above_below.variance > 0) == (current > target)


@given(current=percentages, target=percentages, d=directions, w=wordings)
def test_a_points_rating_is_the_relative_rule_on_the_difference(current, target, d, w):
    points = rag.variance(current, target, d, POINTS)
    status = rag.rate(current, target, d, w, POINTS)
    red = points <= -10 if w == Wording.COVER_PAPER else points < -10
    blue = points >= 5 if w == Wording.COVER_PAPER else points > 5

    assert points == (current - target if d == HIGHER else target - current)
    if red:
        assert status == Status.RED
    elif points < 0:
        assert status == Status.AMBER
    elif blue:
        assert status == Status.BLUE
    else:
        assert status == Status.GREEN


@given(current=percentages, target=percentages.filter(lambda t: t != 0), d=directions)
def test_a_relative_variance_is_the_deviation_in_per_cent(current, target, d):
    assert rag.variance(current, target, d, RELATIVE) == rag.deviation(current, target, d) * 100
