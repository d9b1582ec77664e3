"""The council's RAG rule, change in performance and trend projection.

A plain module with no Django import, so that it is trivially testable and the
same code serves the pages, the exports and the pack.

The rule (DOMAIN.md): deviation is relative to the target and signed so that a
positive deviation is better than target::

    s = (current - target) / |target|    when higher is better
    s = (target - current) / |target|    when lower is better

Two published wordings put the boundaries on different sides of exactly -10%
and +5%; the committee chooses one (``Wording``). Comparisons are made in exact
decimal arithmetic without dividing, so a value exactly on a boundary is rated
by the wording and never by a rounding error. s is never clamped: it can fall
below -100%.

Zero target: s is undefined, so the rule is stated separately. A value equal to
the target is Green, any value better than it is Blue and any value worse is
Red. The deviation is then reported as None.

Variance basis (``VarianceBasis``), a setting of each indicator. The CYP
report measures every indicator relatively, as above (``RELATIVE``, the
default). Scorecards state a percentage's variance in percentage points
(88.6% against 98% is -9.4 points): with ``POINTS`` the signed difference
itself is the variance and is rated on the same boundaries read as points
(Red below -10 points, Blue above +5 in the report key's wording; the cover
paper's wording moves the exact boundaries as for s). A zero target needs no
rule of its own in points.

Variance sign (``VarianceSign``): positive is better (``BETTER_WORSE``, the
CYP report's), or current minus target, printed as above or below target
(``ABOVE_BELOW``, as scorecards print it). The sign changes only how the
variance is printed, never the rating.

A target within a range (``Comparator.BETWEEN``: "between 10 and 15", the target's value is the
bottom and ``upper`` the top, bounds included) has no direction of its own: a value inside it is
Green, whatever the scheme, and never Blue, since inside is the best a range allows. A value below
it is rated as "higher is better" against the bottom and a value above it as "lower is better"
against the top, with the body's scheme, so that far enough outside is Red (``rate_range``). The
variance is the distance from the nearer bound, relative to that bound or in points, and is always
printed above or below the range ("2.0 points below the range"; zero inside it): better or worse
would not say which side. A measure with no direction is rated against a range, which gives it one.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Number = Decimal | float | int | str


class Status(enum.StrEnum):
    RED = "Red"
    AMBER = "Amber"
    GREEN = "Green"
    BLUE = "Blue"
    CONTEXTUAL = "Contextual"
    BASELINE = "Baseline"
    IN_DEVELOPMENT = "In development"
    SUSPENDED = "Suspended"

    @property
    def is_performance(self) -> bool:
        """True for the four statuses rated against a target."""
        return self in PERFORMANCE_STATUSES


PERFORMANCE_STATUSES = (Status.RED, Status.AMBER, Status.GREEN, Status.BLUE)
#: The order of the count table in the cover paper.
REPORT_ORDER = (
    Status.RED,
    Status.AMBER,
    Status.GREEN,
    Status.BLUE,
    Status.BASELINE,
    Status.CONTEXTUAL,
    Status.IN_DEVELOPMENT,
    Status.SUSPENDED,
)
#: Worst to best, for "a better value never gets a worse status".
PERFORMANCE_RANK = {Status.RED: 0, Status.AMBER: 1, Status.GREEN: 2, Status.BLUE: 3}


class Direction(enum.StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    #: Monitored for context (the scorecards' measures often have none): neither better nor worse.
    NONE = "none"


class Change(enum.StrEnum):
    IMPROVING = "Improving"
    DECLINING = "Declining"
    UNCHANGED = "Unchanged"


class Wording(enum.StrEnum):
    REPORT_KEY = "report_key"
    COVER_PAPER = "cover_paper"


class VarianceBasis(enum.StrEnum):
    RELATIVE = "relative"
    POINTS = "points"


class VarianceSign(enum.StrEnum):
    BETTER_WORSE = "better_worse"
    ABOVE_BELOW = "above_below"


_MEMBERS = {
    kind: {member.value: member for member in kind} for kind in (Status, Direction, VarianceBasis, VarianceSign)
}


def _member(kind: type[enum.StrEnum], value):
    """``kind(value)`` (a ValueError for a value that is not one), by a dictionary lookup: the dashboard rates
    thousands of values a request, and calling an enum class costs ten times the lookup."""
    try:
        return _MEMBERS[kind][value]
    except KeyError:
        return kind(value)


class Comparator(enum.StrEnum):
    """How a target is written: "above 95%", "at least 90%", "below 10"; NONE for the number alone."""

    NONE = ""
    ABOVE = "above"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    BELOW = "below"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    #: Within a range, bounds included: the target's value is the bottom, the top is ``upper``.
    BETWEEN = "between"

    @property
    def words(self) -> str:
        return self.value.replace("_", " ")


#: A strict comparator is not met by the target itself: 95% is not "above 95%".
STRICT_COMPARATORS = frozenset({Comparator.ABOVE, Comparator.MORE_THAN, Comparator.BELOW, Comparator.LESS_THAN})
#: The direction a comparator implies: "above 95%" is met by higher values.
COMPARATOR_DIRECTION = {
    Comparator.ABOVE: Direction.HIGHER_IS_BETTER,
    Comparator.MORE_THAN: Direction.HIGHER_IS_BETTER,
    Comparator.AT_LEAST: Direction.HIGHER_IS_BETTER,
    Comparator.BELOW: Direction.LOWER_IS_BETTER,
    Comparator.LESS_THAN: Direction.LOWER_IS_BETTER,
    Comparator.AT_MOST: Direction.LOWER_IS_BETTER,
}
#: What people write before the number, longest first so that "at least" wins over "at".
COMPARATOR_WORDS = (
    ("greater than or equal to", Comparator.AT_LEAST),
    ("less than or equal to", Comparator.AT_MOST),
    ("no less than", Comparator.AT_LEAST),
    ("no more than", Comparator.AT_MOST),
    ("greater than", Comparator.MORE_THAN),
    ("more than", Comparator.MORE_THAN),
    ("less than", Comparator.LESS_THAN),
    ("fewer than", Comparator.LESS_THAN),
    ("at least", Comparator.AT_LEAST),
    ("at most", Comparator.AT_MOST),
    ("minimum", Comparator.AT_LEAST),
    ("maximum", Comparator.AT_MOST),
    ("above", Comparator.ABOVE),
    ("over", Comparator.ABOVE),
    ("below", Comparator.BELOW),
    ("under", Comparator.BELOW),
    (">=", Comparator.AT_LEAST),
    ("<=", Comparator.AT_MOST),
    ("\u2265", Comparator.AT_LEAST),
    ("\u2264", Comparator.AT_MOST),
    (">", Comparator.ABOVE),
    ("<", Comparator.BELOW),
)


def split_comparator(text: str) -> tuple[Comparator, str]:
    """ "above 95%" -> (ABOVE, "95%"); "95" -> (NONE, "95"). Case and spaces do not matter."""
    stripped = text.strip()
    lowered = stripped.lower()
    for words, comparator in COMPARATOR_WORDS:
        if lowered.startswith(words):
            rest = stripped[len(words) :]
            if words[-1].isalpha() and rest[:1].isalpha():
                continue  # "overall", not "over"
            return comparator, rest.strip()
    return Comparator.NONE, stripped


_RANGE_NUMBER = r"[-\u2212]?\s*\u00a3?\s*\d[\d,]*(?:\.\d+)?\s*%?"
#: "10-15%", "10 – 15", "10 to 15": two numbers joined by a dash or "to"; "between 10 and 15" is read apart.
_RANGE = re.compile(
    rf"^(?P<lower>{_RANGE_NUMBER})\s*(?:[-\u2013\u2014]|\bto\b)\s*(?P<upper>{_RANGE_NUMBER})$", re.IGNORECASE
)
_BETWEEN = re.compile(r"^between\b\s*(?P<lower>.*?)\s*(?:\band\b|&)\s*(?P<upper>.*)$", re.IGNORECASE | re.DOTALL)


def split_range(text: str) -> tuple[str, str] | None:
    """A target written as a range, its two bounds as written: "between 10 and 15" -> ("10", "15");
    "10\u201315%", "10-15%" -> ("10", "15%"); "10 to 15" -> ("10", "15"). None when the text is not a range.

    "between 10" (one bound) is a range with its top missing: ("10", ""), for the caller to name the fix.
    The bounds are not ordered here: "between 15 and 10" -> ("15", "10") (``range_problem`` says so).
    """
    stripped = text.strip()
    between = _BETWEEN.match(stripped)
    if between:
        return between.group("lower").strip(), between.group("upper").strip()
    if stripped.lower().startswith("between"):
        rest = stripped[len("between") :].strip()
        return rest, ""
    dashed = _RANGE.match(stripped)
    if dashed:
        return dashed.group("lower").strip(), dashed.group("upper").strip()
    return None


def range_problem(lower: Decimal, upper: Decimal) -> str | None:
    """Why two bounds are not a range, with the fix (the top must be above the bottom); None when they are."""
    if upper > lower:
        return None
    low, high = f"{lower.normalize():f}", f"{upper.normalize():f}"
    if upper == lower:
        return f"both ends are {low}; write the number alone instead."
    return f"its bottom ({low}) is above its top ({high}); write the bottom first, like between {high} and {low}."


def comparator_conflict(comparator: Comparator | str, direction: Direction | str) -> bool:
    """True when the comparator points the other way from the direction for improvement ("above" and lower is
    better). A series with no direction takes the comparator's."""
    # A range (BETWEEN) implies no direction, so it never conflicts.
    implied = COMPARATOR_DIRECTION.get(Comparator(comparator))
    return (
        implied is not None
        and _member(Direction, direction) != Direction.NONE
        and implied != _member(Direction, direction)
    )


RED_BOUNDARY = Decimal("-0.10")
BLUE_BOUNDARY = Decimal("0.05")
#: The same boundaries for a percentage rated in percentage points: -10 and +5 points.
RED_BOUNDARY_POINTS = RED_BOUNDARY * 100
BLUE_BOUNDARY_POINTS = BLUE_BOUNDARY * 100

#: The committee's own words for each status, as printed in each published wording.
KEY_TEXT = {
    Wording.REPORT_KEY: {
        Status.RED: "current performance is off target by more than 10%",
        Status.AMBER: "current performance is off target by 10% or less",
        Status.GREEN: "current performance is on target by up to 5% over target",
        Status.BLUE: "current performance exceeds target by more than 5%",
    },
    Wording.COVER_PAPER: {
        Status.RED: "current performance is 10% or more from target",
        Status.AMBER: "current performance is off target by less than 10%",
        Status.GREEN: "current performance is on target or better by up to 5%",
        Status.BLUE: "current performance is better than target by 5% or more",
    },
}
NON_PERFORMANCE_KEY_TEXT = {
    Status.BASELINE: "indicates performance is currently being tracked in order to inform the target setting process",
    Status.CONTEXTUAL: (
        "these measures track key activity being undertaken, to present a rounded view of information "
        "relevant to the service area, without a performance target"
    ),
    Status.IN_DEVELOPMENT: "measure has been agreed, but data collection and target setting are in development",
    Status.SUSPENDED: "measure is not being reported for the time being",
}
ZERO_TARGET_RULE = (
    "With a target of zero the relative deviation is undefined: a value equal to the target is Green, "
    "any better value is Blue and any worse value is Red."
)


NO_DIRECTION_RULE = (
    "Contextual: the measure has no direction for improvement, so it is shown above or below its target and "
    "not rated; a target written with above, below, at least or at most rates it in that direction."
)


def key_text(wording: Scheme | Wording | str) -> dict[Status, str]:
    """Every status with its wording, in report order (no Blue in a three-band scheme)."""
    texts = {**Scheme.coerce(wording).key_text(), **NON_PERFORMANCE_KEY_TEXT}
    return {status: texts[status] for status in REPORT_ORDER if status in texts}


def to_decimal(value: Number | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # str() keeps the value as a person typed it (0.1, not 0.1000000000000000055...).
        return Decimal(repr(value))
    return Decimal(value)


def _signed_difference(current: Decimal, target: Decimal, direction: Direction) -> Decimal:
    """Positive is better; with no direction, positive is above."""
    return target - current if _member(Direction, direction) == Direction.LOWER_IS_BETTER else current - target


def deviation(current: Number, target: Number, direction: Direction | str) -> Decimal | None:
    """The signed relative deviation s (0.052 is 5.2% better than target); None for a zero target."""
    current_d, target_d = to_decimal(current), to_decimal(target)
    if target_d == 0:
        return None
    return _signed_difference(current_d, target_d, _member(Direction, direction)) / abs(target_d)


def variance(
    current: Number,
    target: Number,
    direction: Direction | str,
    basis: VarianceBasis | str = VarianceBasis.RELATIVE,
    sign: VarianceSign | str = VarianceSign.BETTER_WORSE,
) -> Decimal | None:
    """The variance as printed, unrounded: per cent of the target (relative) or percentage points.

    Positive is better (``BETTER_WORSE``) or above target (``ABOVE_BELOW``). None for a
    relative variance against a zero target, which is undefined.
    """
    current_d, target_d = to_decimal(current), to_decimal(target)
    if _member(VarianceSign, sign) == VarianceSign.ABOVE_BELOW:
        difference = current_d - target_d
    else:
        difference = _signed_difference(current_d, target_d, _member(Direction, direction))
    if _member(VarianceBasis, basis) == VarianceBasis.POINTS:
        return difference
    if target_d == 0:
        return None
    return difference / abs(target_d) * 100


@dataclass(frozen=True)
class Scheme:
    """A body's RAG scheme: its wording (which side of a threshold a value exactly on it falls), how many
    bands (four with Blue, or three) and the two thresholds, in per cent of the target for a relative
    variance and in points for a percentage rated in points.

    The CYP Committee's is ``Scheme()``: four bands, Red beyond 10% off target, Blue beyond 5% better.
    Comparisons stay exact: a threshold t is compared as difference against t/100 x |target|.
    """

    wording: Wording = Wording.REPORT_KEY
    bands: int = 4
    red: Decimal = Decimal("10")
    blue: Decimal = Decimal("5")

    @classmethod
    def of(cls, *, wording="report_key", bands=4, red=Decimal("10"), blue=Decimal("5")) -> Scheme:
        return cls(Wording(wording), int(bands), to_decimal(red), to_decimal(blue))

    @classmethod
    def coerce(cls, value: Scheme | Wording | str | None) -> Scheme:
        """A scheme from a scheme, or the CYP scheme with the given wording (callers that know only a wording)."""
        if isinstance(value, Scheme):
            return value
        if value is None:
            return DEFAULT_SCHEME
        return _WORDING_SCHEMES[Wording(value)]

    @property
    def has_blue(self) -> bool:
        return self.bands == 4

    @property
    def statuses(self) -> tuple[Status, ...]:
        """The performance statuses this scheme can give, worst first."""
        return PERFORMANCE_STATUSES if self.has_blue else PERFORMANCE_STATUSES[:3]

    def edges(self, target: Decimal, basis: VarianceBasis | str) -> tuple[Decimal, Decimal]:
        """The red and blue edges on the signed difference (positive is better), for this target and basis."""
        if _member(VarianceBasis, basis) == VarianceBasis.POINTS:
            return -self.red, self.blue
        scale = abs(target) / 100
        return -self.red * scale, self.blue * scale

    @staticmethod
    def _number(value: Decimal) -> str:
        return f"{value.normalize():f}"

    def key_text(self) -> dict[Status, str]:
        """The words for each performance status, as the body's key prints them."""
        if self == Scheme(self.wording):
            texts = dict(KEY_TEXT[self.wording])
        else:
            red, blue = self._number(self.red), self._number(self.blue)
            if self.wording == Wording.REPORT_KEY:
                texts = {
                    Status.RED: f"current performance is off target by more than {red}%",
                    Status.AMBER: f"current performance is off target by {red}% or less",
                    Status.GREEN: f"current performance is on target by up to {blue}% over target",
                    Status.BLUE: f"current performance exceeds target by more than {blue}%",
                }
            else:
                texts = {
                    Status.RED: f"current performance is {red}% or more from target",
                    Status.AMBER: f"current performance is off target by less than {red}%",
                    Status.GREEN: f"current performance is on target or better by up to {blue}%",
                    Status.BLUE: f"current performance is better than target by {blue}% or more",
                }
        if not self.has_blue:
            texts.pop(Status.BLUE)
            texts[Status.GREEN] = "current performance is on target or better"
        return texts


def scheme_of_body(committee) -> Scheme:
    """A body's scheme from its settings (``Committee.rag_scheme`` calls this through ``cyp.registry``)."""
    return Scheme.of(
        wording=committee.rag_wording,
        bands=committee.rag_bands,
        red=committee.rag_red_threshold,
        blue=committee.rag_blue_threshold,
    )


DEFAULT_SCHEME = Scheme()
_WORDING_SCHEMES = {wording: Scheme(wording) for wording in Wording}


def rate(
    current: Number,
    target: Number,
    direction: Direction | str,
    wording: Scheme | Wording | str = Wording.REPORT_KEY,
    basis: VarianceBasis | str = VarianceBasis.RELATIVE,
    strict: bool = False,
) -> Status:
    """Red, Amber, Green or Blue (Blue only in a four-band scheme) for a value against a numeric target.

    ``wording`` is the body's scheme (``Scheme``), or a wording alone for the CYP scheme in it.
    ``strict`` for a target the target itself does not meet ("above 95%"): a value exactly on it is
    Amber, off target by the smallest margin, instead of Green.
    """
    scheme = Scheme.coerce(wording)
    current_d, target_d = to_decimal(current), to_decimal(target)
    difference = _signed_difference(current_d, target_d, _member(Direction, direction))
    if strict and difference == 0:
        return Status.AMBER
    if _member(VarianceBasis, basis) != VarianceBasis.POINTS and target_d == 0:
        if difference == 0:
            return Status.GREEN
        if difference > 0:
            return Status.BLUE if scheme.has_blue else Status.GREEN
        return Status.RED
    # s compared with a boundary b is difference compared with b * |target|: exact, no division.
    red_edge, blue_edge = scheme.edges(target_d, basis)
    if scheme.wording == Wording.REPORT_KEY:
        if difference < red_edge:
            return Status.RED
        if difference < 0:
            return Status.AMBER
        if not scheme.has_blue or difference <= blue_edge:
            return Status.GREEN
        return Status.BLUE
    if difference <= red_edge:
        return Status.RED
    if difference < 0:
        return Status.AMBER
    if not scheme.has_blue or difference < blue_edge:
        return Status.GREEN
    return Status.BLUE


def rate_range(
    current: Number,
    lower: Number,
    upper: Number,
    wording: Scheme | Wording | str = Wording.REPORT_KEY,
    basis: VarianceBasis | str = VarianceBasis.RELATIVE,
) -> Status:
    """Green inside the range (bounds included); below it, rated as higher is better against the bottom; above
    it, as lower is better against the top (Amber or Red by the scheme; never Blue). Exact, as ``rate``."""
    current_d, lower_d, upper_d = to_decimal(current), to_decimal(lower), to_decimal(upper)
    if current_d < lower_d:
        return rate(current_d, lower_d, Direction.HIGHER_IS_BETTER, wording, basis)
    if current_d > upper_d:
        return rate(current_d, upper_d, Direction.LOWER_IS_BETTER, wording, basis)
    return Status.GREEN


def _nearest_bound(current: Decimal, lower: Decimal, upper: Decimal) -> tuple[Decimal, Direction] | None:
    """The bound a value outside the range is measured from, and the direction toward the range; None inside."""
    if current < lower:
        return lower, Direction.HIGHER_IS_BETTER
    if current > upper:
        return upper, Direction.LOWER_IS_BETTER
    return None


def range_variance(
    current: Number, lower: Number, upper: Number, basis: VarianceBasis | str = VarianceBasis.RELATIVE
) -> Decimal | None:
    """The variance from a range as printed, unrounded: positive above the top, negative below the bottom, zero
    inside; per cent of the nearer bound (None when that bound is zero) or points."""
    current_d = to_decimal(current)
    nearest = _nearest_bound(current_d, to_decimal(lower), to_decimal(upper))
    if nearest is None:
        return Decimal(0)
    bound, _toward = nearest
    return variance(current_d, bound, Direction.NONE, basis, VarianceSign.ABOVE_BELOW)


def range_deviation(current: Number, lower: Number, upper: Number) -> Decimal | None:
    """The relative deviation s from the nearer bound (negative outside, as worse than target; zero inside);
    None when that bound is zero."""
    current_d = to_decimal(current)
    nearest = _nearest_bound(current_d, to_decimal(lower), to_decimal(upper))
    if nearest is None:
        return Decimal(0)
    bound, toward = nearest
    return deviation(current_d, bound, toward)


@dataclass(frozen=True)
class Rating:
    """Everything the rule says about one value: status, deviation (None when undefined), and why."""

    status: Status | None
    deviation: Decimal | None
    reason: str
    #: The variance as printed (``variance``), unrounded, in the indicator's basis and sign.
    variance: Decimal | None = None
    basis: VarianceBasis = VarianceBasis.RELATIVE
    sign: VarianceSign = VarianceSign.BETTER_WORSE
    #: Rated against a range ("between 10 and 15"): the variance is from the nearer bound, above or below.
    against_range: bool = False

    @property
    def deviation_percent(self) -> Decimal | None:
        """The relative deviation s in per cent, to one place (the CYP report's, whatever the basis)."""
        if self.deviation is None:
            return None
        return (self.deviation * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def variance_rounded(self) -> Decimal | None:
        """The variance to one place, as printed: 5.2 (per cent or points, by ``basis``)."""
        if self.variance is None:
            return None
        return self.variance.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rating_for(
    *,
    current: Number | None,
    target: Number | None,
    target_status: Status | str | None,
    direction: Direction | str,
    wording: Scheme | Wording | str = Wording.REPORT_KEY,
    suspended: bool = False,
    basis: VarianceBasis | str = VarianceBasis.RELATIVE,
    sign: VarianceSign | str = VarianceSign.BETTER_WORSE,
    comparator: Comparator | str = Comparator.NONE,
    upper: Number | None = None,
) -> Rating:
    """The status of an indicator for a period.

    ``target_status`` is None for a numeric target, or Contextual, Baseline or
    In development for an indicator without one. A suspended indicator is
    Suspended whatever its figures. A numeric target with no current value has
    no status (None), and the reason says so. ``basis`` and ``sign`` are the
    indicator's variance settings (see the module docstring); ``comparator`` is how the
    target is written ("above 95%" is strict: the target itself is not met). With ``comparator`` BETWEEN the
    target is the bottom of a range and ``upper`` its top (``rate_range``), whatever the direction.
    """
    if suspended:
        return Rating(Status.SUSPENDED, None, "The indicator is suspended.")
    if target_status:
        status = _member(Status, target_status)
        return Rating(status, None, f"{status.value}: no performance target.")
    if target is None:
        return Rating(None, None, "No target has been set for this year.")
    if current is None:
        return Rating(None, None, "No current value.")
    basis, sign = _member(VarianceBasis, basis), _member(VarianceSign, sign)
    if comparator == Comparator.BETWEEN:
        if upper is None:
            raise ValueError("A target within a range needs its top (upper).")
        status = rate_range(current, target, upper, wording, basis)
        printed = range_variance(current, target, upper, basis)
        dev = range_deviation(current, target, upper)
        reason = ZERO_TARGET_RULE if dev is None and basis == VarianceBasis.RELATIVE else ""
        return Rating(status, dev, reason, printed, basis, VarianceSign.ABOVE_BELOW, against_range=True)
    if _member(Direction, direction) == Direction.NONE:
        implied = COMPARATOR_DIRECTION.get(Comparator(comparator))
        if implied is None:
            # Monitored against the target: how far above or below it, never better or worse.
            printed = variance(current, target, Direction.NONE, basis, VarianceSign.ABOVE_BELOW)
            return Rating(Status.CONTEXTUAL, None, NO_DIRECTION_RULE, printed, basis, VarianceSign.ABOVE_BELOW)
        direction = implied
    status = rate(current, target, direction, wording, basis, Comparator(comparator) in STRICT_COMPARATORS)
    printed = variance(current, target, direction, basis, sign)
    dev = deviation(current, target, direction)
    reason = ZERO_TARGET_RULE if dev is None and basis == VarianceBasis.RELATIVE else ""
    return Rating(status, dev, reason, printed, basis, sign)


def change_for(
    current: Number | None,
    previous: Number | None,
    direction: Direction | str,
    decimals: int | None = None,
) -> Change | None:
    """Improving, Declining or Unchanged, comparing current with previous in the direction for improvement.

    None for a series with no direction: it neither improves nor declines.

    With ``decimals`` the values are compared as printed, so two values that
    print the same are Unchanged. None when either value is missing.
    """
    if current is None or previous is None or _member(Direction, direction) == Direction.NONE:
        return None
    current_d, previous_d = to_decimal(current), to_decimal(previous)
    if decimals is not None:
        quantum = Decimal(1).scaleb(-decimals)
        current_d = current_d.quantize(quantum, rounding=ROUND_HALF_UP)
        previous_d = previous_d.quantize(quantum, rounding=ROUND_HALF_UP)
    difference = _signed_difference(current_d, previous_d, _member(Direction, direction))
    if difference == 0:
        return Change.UNCHANGED
    return Change.IMPROVING if difference > 0 else Change.DECLINING


#: A trend line and a projection are drawn only from this many values or more: a year of quarters. A line
#: through two or three points says nothing a reader can rely on (issue 12: "a trend and a projection drawn
#: from two points").
TREND_MIN_VALUES = 4


def _least_squares(values: Sequence[Number]) -> tuple[float, float, int] | None:
    """Slope, intercept and count of the least-squares line through equally spaced values (None under
    ``TREND_MIN_VALUES`` values)."""
    points = [float(to_decimal(v)) for v in values if v is not None]
    n = len(points)
    if n < TREND_MIN_VALUES:
        return None
    mean_x = (n - 1) / 2
    mean_y = sum(points) / n
    sxx = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(points)) / sxx
    return slope, mean_y - slope * mean_x, n


def projection(values: Sequence[Number], steps_ahead: int = 1) -> float | None:
    """Least-squares linear projection of the value ``steps_ahead`` periods after the last.

    Values are taken as equally spaced, oldest first; missing values are skipped.
    Needs at least ``TREND_MIN_VALUES`` values.
    """
    fit = _least_squares(values)
    if fit is None:
        return None
    slope, intercept, n = fit
    return intercept + slope * (n - 1 + steps_ahead)


def trend_line(values: Sequence[Number]) -> list[float] | None:
    """The fitted least-squares line at each of the given points, for a chart."""
    fit = _least_squares(values)
    if fit is None:
        return None
    slope, intercept, n = fit
    return [intercept + slope * x for x in range(n)]
