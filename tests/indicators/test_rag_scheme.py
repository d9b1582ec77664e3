"""The body's RAG scheme (``rag.Scheme``): bands and thresholds, exact at their boundaries, for both wordings
and both variance bases (properties), and the body's setting that carries it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from indicators import rag
from indicators.rag import Direction, Scheme, Status, VarianceBasis, Wording
from tests.factories import CommitteeFactory

D = Decimal

values = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=3)
nonzero_targets = values.filter(lambda t: t != 0)
directions = st.sampled_from([Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER])
bases = st.sampled_from(list(VarianceBasis))
schemes = st.builds(
    Scheme.of,
    wording=st.sampled_from(list(Wording)),
    bands=st.sampled_from([3, 4]),
    red=st.decimals(min_value=D("0.01"), max_value=50, places=2),
    blue=st.decimals(min_value=0, max_value=50, places=2),
)


def at_difference(target: Decimal, direction: Direction, difference: Decimal) -> Decimal:
    """The value whose signed difference from the target (positive is better) is ``difference``."""
    return target + difference if direction == Direction.HIGHER_IS_BETTER else target - difference


def edge(scheme: Scheme, target: Decimal, basis: VarianceBasis, which: str) -> Decimal:
    threshold = scheme.red if which == "red" else scheme.blue
    amount = threshold if basis == VarianceBasis.POINTS else threshold * abs(target) / 100
    return -amount if which == "red" else amount


@given(scheme=schemes, target=nonzero_targets, d=directions, basis=bases)
def test_a_value_exactly_on_the_red_threshold_falls_on_the_wordings_side(scheme, target, d, basis):
    current = at_difference(target, d, edge(scheme, target, basis, "red"))

    # The report key: Red is "more than" the threshold off target; the cover paper: "the threshold or more".
    expected = Status.AMBER if scheme.wording == Wording.REPORT_KEY else Status.RED
    assert rag.rate(current, target, d, scheme, basis) == expected


@given(scheme=schemes, target=nonzero_targets, d=directions, basis=bases)
def test_a_value_exactly_on_the_blue_threshold_falls_on_the_wordings_side(scheme, target, d, basis):
    current = at_difference(target, d, edge(scheme, target, basis, "blue"))
    if scheme.blue == 0 and scheme.wording == Wording.REPORT_KEY:
        expected = Status.GREEN  # on target is Green
    elif scheme.wording == Wording.REPORT_KEY or not scheme.has_blue:
        expected = Status.GREEN
    else:
        expected = Status.BLUE

    assert rag.rate(current, target, d, scheme, basis) == expected


@given(scheme=schemes, target=nonzero_targets, d=directions, basis=bases)
def test_just_beyond_each_threshold_the_wordings_agree(scheme, target, d, basis):
    tiny = D("0.000001")
    red, blue = edge(scheme, target, basis, "red"), edge(scheme, target, basis, "blue")

    assert rag.rate(at_difference(target, d, red - tiny), target, d, scheme, basis) == Status.RED
    if red + tiny < 0:
        assert rag.rate(at_difference(target, d, red + tiny), target, d, scheme, basis) == Status.AMBER
    beyond_blue = rag.rate(at_difference(target, d, blue + tiny), target, d, scheme, basis)
    assert beyond_blue == (Status.BLUE if scheme.has_blue else Status.GREEN)


@given(scheme=schemes, current=values, target=values, d=directions, basis=bases)
def test_three_bands_never_give_blue(scheme, current, target, d, basis):
    three = Scheme.of(wording=scheme.wording, bands=3, red=scheme.red, blue=scheme.blue)

    status = rag.rate(current, target, d, three, basis)

    assert status in (Status.RED, Status.AMBER, Status.GREEN)
    # Three bands is four with Blue folded into Green: nothing else moves.
    four = rag.rate(
        current, target, d, Scheme.of(wording=scheme.wording, bands=4, red=scheme.red, blue=scheme.blue), basis
    )
    assert status == (Status.GREEN if four == Status.BLUE else four)


@given(
    scheme=schemes,
    current=values,
    better_by=st.decimals(min_value=0, max_value=500, places=3),
    target=values,
    d=directions,
    basis=bases,
)
def test_a_better_value_never_gets_a_worse_status_in_any_scheme(scheme, current, better_by, target, d, basis):
    better = at_difference(current, d, better_by)

    worse_status = rag.rate(current, target, d, scheme, basis)
    better_status = rag.rate(better, target, d, scheme, basis)

    assert rag.PERFORMANCE_RANK[better_status] >= rag.PERFORMANCE_RANK[worse_status]


@given(scheme=schemes, target=nonzero_targets, d=directions)
def test_points_and_relative_agree_when_the_target_is_100(scheme, target, d):
    # On a target of 100, one per cent of the target is one point.
    current = at_difference(D(100), d, target / 10)

    assert rag.rate(current, 100, d, scheme, VarianceBasis.POINTS) == rag.rate(
        current, 100, d, scheme, VarianceBasis.RELATIVE
    )


def test_the_cyp_scheme_is_the_default_and_reproduces_its_boundaries():
    assert Scheme() == Scheme.of() == rag.DEFAULT_SCHEME
    # Indicator 11: 78.9% against 75.0% is +5.2%: Blue; indicator 130: 57.9% against 65.0% is -10.9%: Red.
    assert rag.rate(D("78.9"), D("75.0"), Direction.HIGHER_IS_BETTER, Scheme()) == Status.BLUE
    assert rag.rate(D("57.9"), D("65.0"), Direction.HIGHER_IS_BETTER, Scheme()) == Status.RED


def test_a_three_band_key_drops_blue_and_says_green_is_on_target_or_better():
    key = rag.key_text(Scheme.of(bands=3))

    assert Status.BLUE not in key
    assert key[Status.GREEN] == "current performance is on target or better"
    assert list(key)[:3] == [Status.RED, Status.AMBER, Status.GREEN]


@pytest.mark.parametrize(
    ("wording", "red_text", "blue_text"),
    [
        (Wording.REPORT_KEY, "is off target by more than 15%", "exceeds target by more than 2.5%"),
        (Wording.COVER_PAPER, "is 15% or more from target", "is better than target by 2.5% or more"),
    ],
)
def test_a_key_prints_the_schemes_own_thresholds(wording, red_text, blue_text):
    key = rag.key_text(Scheme.of(wording=wording, red=D("15.00"), blue=D("2.50")))

    assert key[Status.RED] == f"current performance {red_text}"
    assert key[Status.BLUE] == f"current performance {blue_text}"


# --- The body's setting ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rag_red_threshold", D("0"), "Give the Red threshold as a positive number of per cent or points: 10."),
        ("rag_red_threshold", D("-5"), "Give the Red threshold as a positive number of per cent or points: 10."),
        ("rag_blue_threshold", D("-1"), "Give the Blue threshold as a number of per cent or points: 5, or 0."),
    ],
)
def test_a_body_refuses_a_threshold_naming_the_field_and_the_fix(field, value, message):
    committee = CommitteeFactory.build(**{field: value})

    with pytest.raises(ValidationError) as refused:
        committee.clean()

    assert refused.value.message_dict == {field: [message]}


@pytest.mark.django_db
def test_a_body_carries_its_scheme():
    committee = CommitteeFactory(rag_bands=3, rag_red_threshold=D("15"), rag_blue_threshold=D("0"))

    committee.clean()

    assert committee.rag_scheme == Scheme.of(wording=committee.rag_wording, bands=3, red=D("15"), blue=D("0"))
    assert not committee.rag_scheme.has_blue
