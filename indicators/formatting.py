"""How values are printed: the unit's sign and the indicator's decimals. No Django import."""

from decimal import ROUND_HALF_UP, Decimal

from indicators import rag


def format_value(value, unit: str, decimals: int) -> str:
    """27.0% for a percentage, 31.4 for a rate, 1,204 for a count; an en dash when there is no value."""
    if value is None:
        return "–"
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    number = rag.to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{number:,.{decimals}f}"
    return f"{text}%" if unit == "percent" else text


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
