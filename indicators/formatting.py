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


def format_target(value, comparator: str, unit: str, decimals: int) -> str:
    """A target as written: "above 95.0%", "at least 90", or the number alone ("75.0%")."""
    number = format_value(value, unit, decimals)
    return f"{rag.Comparator(comparator or '').words} {number}" if comparator else number


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
    −9.4 points. Above or below: "9.4 points below target", "3.0% above target", "on target".
    """
    amount = rating.variance_rounded
    if amount is None:
        return "–"
    unit = " points" if rating.basis == rag.VarianceBasis.POINTS else "%"
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
