"""How values are printed: the unit's sign and the indicator's decimals. No Django import."""

from decimal import ROUND_HALF_UP, Decimal

from indicators import rag

#: What follows the number, per unit (the values of indicators.enums.Unit); a unit not listed has nothing.
UNIT_SUFFIX = {"percent": "%", "days": " days", "per_fte": " per FTE"}


def format_value(value, unit: str, decimals: int) -> str:
    """27.0% for a percentage, 31.4 for a rate, 1,204 for a count, 12.5 days, £1,204, 18.2 per FTE; an en
    dash when there is no value."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    number = rag.to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if unit == "currency":
        return f"{'−' if number < 0 else ''}£{abs(number):,.{decimals}f}"
    return f"{number:,.{decimals}f}{UNIT_SUFFIX.get(unit, '')}"


#: How a figure's period is qualified by what it covers (the values of indicators.enums.PeriodBasis).
BASIS_WORDS = {
    "year_to_date": "year to date",
    "academic_year_to_date": "academic year to date",
    "rolling_12_months": "rolling 12 months",
    "snapshot": "at period end",
}


def period_covered(figure) -> str:
    """The figure's period with what it covers: "June 2024", "June 2024, year to date", "June 2024, last 4
    weeks"; "" for no figure."""
    if figure is None:
        return ""
    basis = getattr(figure, "basis", "in_period")
    if basis == "last_n_weeks" and figure.period_start and figure.period_end:
        weeks = ((figure.period_end - figure.period_start).days + 1) // 7
        return f"{figure.period_label}, last {weeks} week{'s' if weeks != 1 else ''}"
    words = BASIS_WORDS.get(basis)
    return f"{figure.period_label}, {words}" if words else figure.period_label


def format_target(value, comparator: str, unit: str, decimals: int, upper=None, *, short: bool = False) -> str:
    """A target as written: "above 95.0%", "at least 90", or the number alone ("75.0%"); a range (``upper`` its
    top) "between 10.0 and 15.0", or "10.0 to 15.0" ``short`` (a scorecard's narrow cell)."""
    number = format_value(value, unit, decimals)
    if comparator == rag.Comparator.BETWEEN:
        top = format_value(upper, unit, decimals)
        return f"{number} to {top}" if short else f"between {number} and {top}"
    return f"{rag.Comparator(comparator or '').words} {number}" if comparator else number


def format_target_of(target, unit: str, decimals: int, *, short: bool = False) -> str:
    """A numeric target (a ``Target``, ``BodyTarget`` or their facts) as written, with its range's top."""
    return format_target(target.value, target.comparator, unit, decimals, target.range_upper, short=short)


def format_second_target(target, unit: str, decimals: int) -> str:
    """ "Stretch: at least 98.0%" for a target with a second one beside it; "" when it has none."""
    if target is None or getattr(target, "second_value", None) is None:
        return ""
    written = format_target(target.second_value, target.second_comparator, unit, decimals)
    return f"{target.second_label or 'Second target'}: {written}"


def format_deviation(deviation_percent) -> str:
    """+5.2% or −10.9%, with a real minus sign; an en dash when undefined."""
    if deviation_percent is None:
        return "–"
    sign = "+" if deviation_percent > 0 else ("−" if deviation_percent < 0 else "")
    return f"{sign}{abs(deviation_percent)}%"


def format_variance(rating: rag.Rating) -> str:
    """A rating's variance as printed, in its basis and sign; an en dash when undefined.

    Better or worse (positive is better): +5.2% (relative, as the CYP report prints it) or
    −9.4 points. Above or below: "9.4 points below target", "3.0% above target", "on target". Against a
    range: "2.0 points below the range", "within the range".
    """
    amount = rating.variance_rounded
    if amount is None:
        return "–"
    unit = " points" if rating.basis == rag.VarianceBasis.POINTS else "%"
    if rating.against_range:  # from the nearer bound, always above or below (``indicators.rag``)
        if rating.variance == 0:  # unrounded: just outside the range is "0.0% below", never "within"
            return "within the range"
        return f"{abs(amount)}{unit} {'above' if rating.variance > 0 else 'below'} the range"
    if rating.sign == rag.VarianceSign.ABOVE_BELOW:
        if amount == 0:
            return "on target"
        return f"{abs(amount)}{unit} {'above' if amount > 0 else 'below'} target"
    sign = "+" if amount > 0 else ("−" if amount < 0 else "")
    return f"{sign}{abs(amount)}{unit}"


def variance_phrase(rating: rag.Rating) -> str:
    """The variance in a sentence, as the pack prints it beside the RAG: "+5.2% from target"; "" when undefined."""
    text = format_variance(rating)
    if text == "–":
        return ""
    return text if rating.sign == rag.VarianceSign.ABOVE_BELOW else f"{text} from target"


def format_gap(amount, basis: str) -> str:
    """A gap from a benchmark as printed, to one place: "+2.1 points", "−8.0%", "0.0%"; an en dash when
    undefined (``indicators.benchmarks``). ``amount`` is signed as ``gap_words`` reads it."""
    if amount is None:
        return "–"
    rounded = rag.to_decimal(amount).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    unit = " points" if basis == rag.VarianceBasis.POINTS else "%"
    sign = "+" if rounded > 0 else ("−" if rounded < 0 else "")
    return f"{sign}{abs(rounded)}{unit}"


def gap_words(amount, *, sign: str, direction: str) -> str:
    """What a gap means, in words: "better" or "worse" (positive is better), "above" or "below" (printed as above
    or below, or a measure with no direction), "the same" when it rounds to nothing; "" when undefined."""
    if amount is None:
        return ""
    rounded = rag.to_decimal(amount).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == 0:
        return "the same"
    if sign == rag.VarianceSign.ABOVE_BELOW or direction == rag.Direction.NONE:
        return "above" if rounded > 0 else "below"
    return "better" if rounded > 0 else "worse"


def _plain_number(value) -> str:
    """A numerator or denominator as typed, with thousands separated: 35, 1,204, 12.5."""
    number = rag.to_decimal(value).normalize()
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"


def format_part(value) -> str:
    """A numerator (X) or denominator (Y) on its own as people write it: 52, 1,204, 12.5 (never the stored
    52.0000); an en dash when there is none."""
    return "–" if value is None else _plain_number(value)


def format_parts(figure, *, unit: str) -> str:
    """ "35 of 132": a figure's numerator (X) of its denominator (Y), where it has both and they explain the
    value (not for a count, whose X is the value itself); "" otherwise."""
    if figure is None or figure.numerator is None or figure.denominator is None or unit == "count":
        return ""
    return f"{_plain_number(figure.numerator)} of {_plain_number(figure.denominator)}"


#: The value's movement from the previous period, as the scorecard prints it beside the change in words.
MOVEMENT_ARROWS = {1: "↑", -1: "↓", 0: "→"}


def movement_arrow(current, previous, decimals: int) -> str:
    """↑ when the value went up, ↓ down, → when it prints the same (compared as printed, as
    ``rag.change_for`` does); "" when either is missing. Always printed with the change in words."""
    if current is None or previous is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    current_d = rag.to_decimal(current).quantize(quantum, rounding=ROUND_HALF_UP)
    previous_d = rag.to_decimal(previous).quantize(quantum, rounding=ROUND_HALF_UP)
    return MOVEMENT_ARROWS[(current_d > previous_d) - (current_d < previous_d)]
