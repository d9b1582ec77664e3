"""How indicator values, statuses and charts appear in pages.

``{{ value|in_unit:indicator }}`` prints a value as the indicator prints its own
(27.0%, 31.4, 1,204), ``{% rag_badge status %}`` prints a status as a word on its
colour, and ``{% trend_chart chart %}`` draws a ``indicators.charts.TrendChart``.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from indicators.charts import TrendChart, trend_chart_svg
from indicators.formatting import format_deviation, format_value

register = template.Library()


@register.filter
def in_unit(value, indicator) -> str:
    """The value with the indicator's unit and decimals; an en dash when there is none.

    A missing object on the way (``row.current.sn_mean`` with no current figure)
    reaches a filter as "", which is no value too.
    """
    if value == "" or not indicator:
        return format_value(None, "", 0)
    return format_value(value, indicator.unit, indicator.decimals)


@register.simple_tag
def rag_badge(status) -> str:
    """A status as a word on its colour; "Not rated" when there is none."""
    word = str(status) if status else "Not rated"
    slug = word.lower().replace(" ", "-") if status else "none"
    return format_html('<span class="rag rag-{}">{}</span>', slug, word)


@register.simple_tag
def trend_chart(chart: TrendChart) -> str:
    # trend_chart_svg escapes every text that comes from the database.
    return mark_safe(trend_chart_svg(chart))


@register.filter
def deviation(deviation_percent) -> str:
    """+5.2% or −10.9% with a real minus sign; an en dash when undefined."""
    return format_deviation(None if deviation_percent == "" else deviation_percent)


@register.filter
def is_web_address(url) -> bool:
    """Only http and https addresses become links; anything else is shown as text."""
    return isinstance(url, str) and url.lower().startswith(("https://", "http://"))
