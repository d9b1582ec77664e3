"""A target within a range (``rag.Comparator.BETWEEN``): inside is Green, outside is rated against the nearer
bound with the body's scheme, never Blue; exact at the bounds (properties), and how it is read and printed."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import rag
from indicators.formatting import format_target, format_variance, variance_phrase
from indicators.rag import Direction, Scheme, Status, VarianceBasis, Wording

D = Decimal
BETWEEN = rag.Comparator.BETWEEN
#: Far below the smallest red edge the strategies allow (0.01% of 0.001), so "just outside" is never Red.
TINY = D("0.000000001")

bounds = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=3)
widths = st.decimals(min_value=D("0.001"), max_value=500, places=3)
fractions = st.decimals(min_value=0, max_value=1, places=4)
directions = st.sampled_from(list(Direction))
bases = st.sampled_from(list(VarianceBasis))
schemes = st.builds(
    Scheme.of,
    wording=st.sampled_from(list(Wording)),
    bands=st.sampled_from([3, 4]),
    red=st.decimals(min_value=D("0.01"), max_value=50, places=2),
    blue=st.decimals(min_value=0, max_value=50, places=2),
)


def rated(current, lower, upper, *, scheme=rag.DEFAULT_SCHEME, basis=VarianceBasis.RELATIVE, direction="none"):
    return rag.rating_for(
        current=current,
        target=lower,
        upper=upper,
        target_status=None,
        direction=direction,
        wording=scheme,
        basis=basis,
        comparator=BETWEEN,
    )


def red_edge(scheme: Scheme, bound: Decimal, basis: VarianceBasis) -> Decimal:
    """How far off a bound the red threshold lies, as a positive amount."""
    return scheme.red if basis == VarianceBasis.POINTS else scheme.red * abs(bound) / 100


# --- The rule (properties) ---------------------------------------------------------------------------


@given(scheme=schemes, lower=bounds, width=widths, fraction=fractions, basis=bases, d=directions)
def test_a_value_inside_the_range_bounds_included_is_green_whatever_the_direction(
    scheme, lower, width, fraction, basis, d
):
    upper = lower + width
    for current in (lower, upper, lower + width * fraction):
        rating = rated(current, lower, upper, scheme=scheme, basis=basis, direction=d)
        assert (rating.status, rating.variance) == (Status.GREEN, 0)


@given(scheme=schemes, lower=bounds, width=widths, basis=bases)
def test_just_outside_either_bound_is_amber_unless_the_bound_is_a_zero_relative_target(scheme, lower, width, basis):
    upper = lower + width
    below = rated(lower - TINY, lower, upper, scheme=scheme, basis=basis).status
    above = rated(upper + TINY, lower, upper, scheme=scheme, basis=basis).status

    zero_rule = basis == VarianceBasis.RELATIVE
    assert below == (Status.RED if zero_rule and lower == 0 else Status.AMBER)
    assert above == (Status.RED if zero_rule and upper == 0 else Status.AMBER)


@given(scheme=schemes, lower=bounds.filter(lambda b: b != 0), width=widths, basis=bases)
def test_exactly_on_the_red_threshold_outside_the_range_falls_on_the_wordings_side(scheme, lower, width, basis):
    upper = lower + width
    expected = Status.AMBER if scheme.wording == Wording.REPORT_KEY else Status.RED
    below = lower - red_edge(scheme, lower, basis)

    assert rated(below, lower, upper, scheme=scheme, basis=basis).status == expected
    assert rated(below - TINY, lower, upper, scheme=scheme, basis=basis).status == Status.RED
    if upper != 0:
        above = upper + red_edge(scheme, upper, basis)
        assert rated(above, lower, upper, scheme=scheme, basis=basis).status == expected
        assert rated(above + TINY, lower, upper, scheme=scheme, basis=basis).status == Status.RED


@given(scheme=schemes, current=bounds, lower=bounds, width=widths, basis=bases, d=directions)
def test_outside_the_range_is_rated_against_the_nearer_bound_and_never_green_or_blue(
    scheme, current, lower, width, basis, d
):
    upper = lower + width
    status = rated(current, lower, upper, scheme=scheme, basis=basis, direction=d).status

    if current < lower:
        assert status == rag.rate(current, lower, Direction.HIGHER_IS_BETTER, scheme, basis)
    elif current > upper:
        assert status == rag.rate(current, upper, Direction.LOWER_IS_BETTER, scheme, basis)
    assert status != Status.BLUE
    assert (status == Status.GREEN) == (lower <= current <= upper)


@given(current=bounds, lower=bounds, width=widths)
def test_the_variance_is_the_distance_from_the_nearer_bound_above_or_below(current, lower, width):
    upper = lower + width
    points = rated(current, lower, upper, basis=VarianceBasis.POINTS)
    relative = rated(current, lower, upper)

    nearer = lower if current < lower else upper if current > upper else None
    if nearer is None:
        assert (points.variance, relative.variance) == (0, 0)
    else:
        assert points.variance == current - nearer
        assert relative.variance == (None if nearer == 0 else (current - nearer) / abs(nearer) * 100)
    assert points.against_range and points.sign == rag.VarianceSign.ABOVE_BELOW


def test_a_better_worse_indicator_still_prints_a_range_variance_above_or_below():
    rating = rag.rating_for(
        current="8",
        target="10",
        upper="15",
        target_status=None,
        direction=Direction.HIGHER_IS_BETTER,
        sign=rag.VarianceSign.BETTER_WORSE,
        basis=VarianceBasis.POINTS,
        comparator=BETWEEN,
    )

    assert (rating.status, format_variance(rating), variance_phrase(rating)) == (
        Status.AMBER,
        "2.0 points below the range",
        "2.0 points below the range",
    )


@pytest.mark.parametrize(
    ("current", "basis", "status", "printed"),
    [
        ("8", VarianceBasis.POINTS, Status.AMBER, "2.0 points below the range"),
        ("12", VarianceBasis.POINTS, Status.GREEN, "within the range"),
        ("10", VarianceBasis.RELATIVE, Status.GREEN, "within the range"),
        ("15.45", VarianceBasis.RELATIVE, Status.AMBER, "3.0% above the range"),
        ("17", VarianceBasis.RELATIVE, Status.RED, "13.3% above the range"),
        ("9.99", VarianceBasis.POINTS, Status.AMBER, "0.0 points below the range"),  # never "within"
    ],
)
def test_the_range_variance_is_printed_in_words(current, basis, status, printed):
    rating = rated(current, "10", "15", basis=basis)

    assert (rating.status, format_variance(rating)) == (status, printed)


def test_a_three_band_scheme_rates_a_range_like_a_four_band_one():
    three = Scheme.of(bands=3)

    assert [rated(value, "10", "15", scheme=three).status for value in ("8.9", "9", "12", "15", "16.5", "16.6")] == [
        Status.RED,
        Status.AMBER,
        Status.GREEN,
        Status.GREEN,
        Status.AMBER,  # 10% over the top is on the threshold: the report key says Amber
        Status.RED,
    ]


def test_a_measure_with_no_direction_is_rated_against_a_range():
    rating = rated("16.5", "10", "15", direction=Direction.NONE)

    assert (rating.status, rating.reason) == (Status.AMBER, "")


def test_a_range_without_its_top_is_a_programming_error():
    with pytest.raises(ValueError, match="needs its top"):
        rated("12", "10", None)


# --- Reading and printing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("between 10 and 15", ("10", "15")),
        ("Between 10% and 15%", ("10%", "15%")),
        ("10\u201315", ("10", "15")),
        ("10 to 15", ("10", "15")),
        ("10-15%", ("10", "15%")),
        ("1,000 - 2,000", ("1,000", "2,000")),
        ("-5 to 5", ("-5", "5")),
        ("between 15 and 10", ("15", "10")),  # read as written; range_problem refuses it
        ("between 10", ("10", "")),
        ("95", None),
        ("-5", None),
        ("above 95%", None),
    ],
)
def test_a_range_is_read_in_each_written_form(text, bounds):
    assert rag.split_range(text) == bounds


def test_a_range_the_wrong_way_round_or_of_one_number_is_named_with_the_fix():
    assert rag.range_problem(D("15"), D("10")) == (
        "its bottom (15) is above its top (10); write the bottom first, like between 10 and 15."
    )
    assert rag.range_problem(D("10.0000"), D("10")) == "both ends are 10; write the number alone instead."
    assert rag.range_problem(D("10"), D("15")) is None


def test_a_range_never_conflicts_with_a_direction():
    assert not rag.comparator_conflict(BETWEEN, Direction.LOWER_IS_BETTER)
    assert not rag.comparator_conflict(BETWEEN, Direction.HIGHER_IS_BETTER)


def test_a_range_prints_as_written():
    assert format_target(D("10"), BETWEEN, "rate_per_10000", 1, D("15")) == "between 10.0 and 15.0"
    assert format_target(D("10"), BETWEEN, "percent", 0, D("15"), short=True) == "10% to 15%"
