"""The RAG rule, change in performance and projection, from the published cases to their properties."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import rag
from indicators.rag import Change, Direction, Status, Wording

PUBLISHED = json.loads(
    (Path(__file__).resolve().parents[2] / "cyp" / "demo_data" / "cyp_indicators_q1_2024_25.json").read_text()
)["indicators"]
WITH_TARGET = [record for record in PUBLISHED if record["target_status"] == "numeric"]


@pytest.mark.parametrize("record", WITH_TARGET, ids=lambda r: f"indicator-{r['number']}")
def test_rate_reproduces_every_published_rating_with_a_target(record):
    status = rag.rate(record["current"], record["target"], record["direction"])

    assert status.value == record["rag_published"]


@pytest.mark.parametrize("record", PUBLISHED, ids=lambda r: f"indicator-{r['number']}")
def test_change_for_reproduces_every_published_change_label(record):
    change = rag.change_for(record["current"], record["previous"], record["direction"], decimals=record["decimals"])

    assert change.value == record["change_in_performance_published"]


def test_rate_uses_relative_deviation_not_percentage_points():
    # 78.9% against 75.0% is +3.9 points but +5.2%: Blue, as published for indicator 11.
    assert rag.rate("78.9", "75.0", Direction.HIGHER_IS_BETTER) == Status.BLUE
    # 57.9% against 65.0% is -7.1 points but -10.9%: Red, as published for indicator 130.
    assert rag.rate("57.9", "65.0", Direction.HIGHER_IS_BETTER) == Status.RED


def test_deviation_is_never_clamped():
    # Indicator 132: 18.5% against 8.5%, lower is better.
    assert round(rag.deviation("18.5", "8.5", Direction.LOWER_IS_BETTER) * 100, 1) == Decimal("-117.6")


@pytest.mark.parametrize(
    ("current", "wording", "expected"),
    [
        # Exactly -10%: Amber under the report key ("more than 10%"), Red under the cover paper ("10% or more").
        ("90", Wording.REPORT_KEY, Status.AMBER),
        ("90", Wording.COVER_PAPER, Status.RED),
        # Exactly +5%: Green under the report key ("up to 5% over"), Blue under the cover paper ("5% or more").
        ("105", Wording.REPORT_KEY, Status.GREEN),
        ("105", Wording.COVER_PAPER, Status.BLUE),
        # Exactly on target is Green under both.
        ("100", Wording.REPORT_KEY, Status.GREEN),
        ("100", Wording.COVER_PAPER, Status.GREEN),
        # Just either side of the boundaries agree under both wordings.
        ("89.99", Wording.REPORT_KEY, Status.RED),
        ("89.99", Wording.COVER_PAPER, Status.RED),
        ("90.01", Wording.COVER_PAPER, Status.AMBER),
        ("99.99", Wording.REPORT_KEY, Status.AMBER),
        ("105.01", Wording.REPORT_KEY, Status.BLUE),
        ("104.99", Wording.COVER_PAPER, Status.GREEN),
    ],
)
def test_rate_boundaries_follow_the_committee_wording(current, wording, expected):
    assert rag.rate(current, "100", Direction.HIGHER_IS_BETTER, wording) == expected


@pytest.mark.parametrize(
    ("current", "wording", "expected"),
    [
        ("22", Wording.REPORT_KEY, Status.AMBER),  # 10% worse when lower is better
        ("22", Wording.COVER_PAPER, Status.RED),
        ("19", Wording.REPORT_KEY, Status.GREEN),  # 5% better
        ("19", Wording.COVER_PAPER, Status.BLUE),
    ],
)
def test_rate_boundaries_when_lower_is_better(current, wording, expected):
    assert rag.rate(current, "20", Direction.LOWER_IS_BETTER, wording) == expected


def test_rate_boundary_is_exact_for_values_typed_as_floats():
    # 0.9 * 3.3 is 2.9699999999999998 in binary floating point; typed values are decimals.
    assert rag.rate(2.97, 3.3, Direction.HIGHER_IS_BETTER) == Status.AMBER


@pytest.mark.parametrize(
    ("current", "direction", "expected"),
    [
        ("0", Direction.LOWER_IS_BETTER, Status.GREEN),
        ("1", Direction.LOWER_IS_BETTER, Status.RED),
        ("1", Direction.HIGHER_IS_BETTER, Status.BLUE),
        ("-1", Direction.HIGHER_IS_BETTER, Status.RED),
    ],
)
def test_rate_with_a_zero_target_follows_the_stated_rule(current, direction, expected):
    rating = rag.rating_for(current=current, target="0", target_status=None, direction=direction)

    assert rating.status == expected
    assert rating.deviation is None
    assert rating.reason == rag.ZERO_TARGET_RULE


@pytest.mark.parametrize("status", [Status.CONTEXTUAL, Status.BASELINE, Status.IN_DEVELOPMENT], ids=lambda s: s.value)
def test_rating_for_an_indicator_without_a_target_is_its_target_status(status):
    rating = rag.rating_for(current="46", target=None, target_status=status, direction=Direction.LOWER_IS_BETTER)

    assert rating.status == status
    assert rating.deviation is None


def test_rating_for_a_suspended_indicator_is_suspended_whatever_its_figures():
    rating = rag.rating_for(
        current="1", target="100", target_status=None, direction=Direction.HIGHER_IS_BETTER, suspended=True
    )

    assert rating.status == Status.SUSPENDED


def test_rating_for_a_missing_value_has_no_status_and_says_why():
    rating = rag.rating_for(current=None, target="10", target_status=None, direction=Direction.HIGHER_IS_BETTER)

    assert rating.status is None
    assert rating.reason == "No current value."


def test_change_compares_values_as_printed():
    assert rag.change_for("91.94", "91.92", Direction.HIGHER_IS_BETTER, decimals=1) == Change.UNCHANGED
    assert rag.change_for("91.94", "91.92", Direction.HIGHER_IS_BETTER) == Change.IMPROVING


def test_rag_and_change_are_independent():
    # Indicator 117: 8.9% against a 21.0% target (lower is better), previous 6.9%: Blue and Declining.
    assert rag.rate("8.9", "21.0", Direction.LOWER_IS_BETTER) == Status.BLUE
    assert rag.change_for("8.9", "6.9", Direction.LOWER_IS_BETTER) == Change.DECLINING


def test_projection_extends_the_least_squares_line():
    assert rag.projection([1, 2, 3, 4]) == pytest.approx(5.0)
    assert rag.projection([10, 12, 11, 13]) == pytest.approx(13.5)
    assert rag.projection([5]) is None
    assert rag.projection([1, 2, 3]) is None  # fewer than TREND_MIN_VALUES: no projection


def test_key_text_lists_every_status_in_report_order_with_the_chosen_wording():
    key = rag.key_text(Wording.COVER_PAPER)

    assert list(key) == list(rag.REPORT_ORDER)
    assert key[Status.RED] == "current performance is 10% or more from target"


values = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=3)
targets = values.filter(lambda t: t != 0)
#: The directed rule; a series with no direction is Contextual (tests/indicators/test_no_direction.py).
directions = st.sampled_from([Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER])
wordings = st.sampled_from(list(Wording))


@given(
    current=values, better_by=st.decimals(min_value=0, max_value=500, places=3), target=values, d=directions, w=wordings
)
def test_a_better_value_never_gets_a_worse_status(current, better_by, target, d, w):
    better = current + better_by if d == Direction.HIGHER_IS_BETTER else current - better_by

    assert rag.PERFORMANCE_RANK[rag.rate(better, target, d, w)] >= rag.PERFORMANCE_RANK[rag.rate(current, target, d, w)]


@given(current=values, target=targets)
def test_swapping_direction_mirrors_the_deviation(current, target):
    higher = rag.deviation(current, target, Direction.HIGHER_IS_BETTER)
    lower = rag.deviation(current, target, Direction.LOWER_IS_BETTER)

    assert higher == -lower


@given(current=values, target=targets, d=directions)
def test_the_wordings_differ_only_exactly_on_a_boundary(current, target, d):
    report_key = rag.rate(current, target, d, Wording.REPORT_KEY)
    cover_paper = rag.rate(current, target, d, Wording.COVER_PAPER)
    on_a_boundary = rag.deviation(current, target, d) in (Decimal("-0.1"), Decimal("0.05"))

    assert (report_key != cover_paper) == on_a_boundary


@given(target=targets, d=directions, boundary=st.sampled_from([Decimal("-0.1"), Decimal("0.05")]))
def test_the_wordings_always_differ_exactly_on_a_boundary(target, d, boundary):
    offset = boundary * abs(target)
    current = target + offset if d == Direction.HIGHER_IS_BETTER else target - offset

    assert rag.rate(current, target, d, Wording.REPORT_KEY) != rag.rate(current, target, d, Wording.COVER_PAPER)
