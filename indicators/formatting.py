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
