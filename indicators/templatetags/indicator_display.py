"""How indicator values, statuses and charts appear in pages.

``{{ value|in_unit:indicator }}`` prints a value as the indicator prints its own
(27.0%, 31.4, 1,204), ``{% rag_badge status %}`` prints a status as a word on its
colour, and ``{% trend_chart chart %}`` draws a ``indicators.charts.TrendChart``.
``{% dashboard_rows rows %}`` and ``{% history_rows rows %}`` print the rows of the two long
tables in one pass (their cells come from ``indicators.views``).
"""

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from cyp.text import text_clean
from indicators.breakdowns import breakdown_chart_svg
from indicators.charts import TrendChart, trend_chart_svg
from indicators.derive import calculation_text
from indicators.formatting import format_second_target, format_target_of, format_value

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


@register.filter
def target_written(target, indicator) -> str:
    """A year's target as written ("above 95.0%", "Contextual") with its second one ("; Stretch: 98.0%")."""
    if not target.is_numeric:
        return target.get_status_display()
    written = format_target_of(target, indicator.unit, indicator.decimals)
    second = format_second_target(target, indicator.unit, indicator.decimals)
    return f"{written}; {second}" if second else written


@register.simple_tag
def rag_badge(status) -> str:
    """A status as a word on its colour; "Not rated" when there is none."""
    word = str(status) if status else "Not rated"
    slug = word.lower().replace(" ", "-") if status else "none"
    return format_html('<span class="rag rag-{}">{}</span>', slug, word)


@register.simple_tag
def trend_chart(chart: TrendChart) -> str:
    # trend_chart_svg escapes every text that comes from the database; text_clean drops the
    # control and bidi-override characters a typed name or label may carry.
    return mark_safe(text_clean(trend_chart_svg(chart)))


@register.simple_tag
def breakdown_chart(table, indicator_number, index=0) -> str:
    """A breakdown table as a bar chart (``indicators.breakdowns.breakdown_chart_svg``, which escapes every text)."""
    return mark_safe(text_clean(breakdown_chart_svg(table, indicator_number=indicator_number, index=index)))


@register.filter
def is_web_address(url) -> bool:
    """Only http and https addresses become links; anything else is shown as text."""
    return isinstance(url, str) and url.lower().startswith(("https://", "http://"))


#: One row of the dashboard table. A committee may report hundreds of indicators, and the
#: template engine costs several microseconds a variable, so the rows are formatted here in one
#: pass, every typed value escaped. The cells come from indicators.views.table_rows.
DASHBOARD_ROW = (
    '<tr id="{id_prefix}{number}"><td>{number}</td>'
    '<th scope="row" class="cell-wrap"><a href="{url}">{name}</a>'
    '<div class="small text-muted-strong">{service_area}</div>{not_updated}</th>'
    "<td>{current}{current_label}{stale}</td>"
    "<td>{previous}{previous_label}</td>"
    "<td>{target}</td>"
    '<td class="text-nowrap"><span aria-hidden="true">{arrow}</span> {direction}</td>'
    "<td>{change}</td>"
    "<td>{sn_mean}</td>"
    "<td>{england_mean}</td>"
    "{comparators}"
    '<td class="text-nowrap">{deviation}</td>'
    '<td><span class="rag rag-{rag_slug}">{rag}</span></td></tr>\n'
)
#: The optional comparator cells (``indicators.views.comparator_columns``); the other's label is typed.
COMPARATOR_CELL = {"region": "<td>{region_mean}</td>", "other": "<td>{other_mean}{other_label}</td>"}
#: Cells people typed (names, labels, reasons): shown without control or bidi-override characters.
TYPED_CELLS = frozenset(
    {"name", "service_area", "not_updated_reason", "not_available", "current_label", "previous_label", "period"}
)


def _shown(key: str, value) -> str:
    return text_clean(value) if key in TYPED_CELLS else str(value)


PERIOD_LABEL = '<div class="small text-muted-strong text-nowrap">{}</div>'
STALE = '<div class="small stale-figure"><strong>{}</strong></div>'
NOT_UPDATED = '<div class="small fw-normal not-updated"><strong>Not updated this quarter:</strong> {}</div>'
#: "Not available: the source system could not produce this figure (reason)." (``reporting.not_available_text``).
NOT_AVAILABLE = '<div class="small fw-normal not-available"><strong>{}</strong></div>'


#: The dashboard's cells cyp prints itself: numbers from indicators.formatting, arrows, and the labels of
#: its own enumerations (directions, target statuses, changes, ratings). None can hold a markup character
#: (tests/indicators/test_views_dashboard.py checks), so they go into the row as they are; only the
#: typed cells and the address are escaped, which is most of what a 200-row table used to cost.
DASHBOARD_TYPED = (
    "name",
    "service_area",
    "not_updated_reason",
    "not_available",
    "current_label",
    "previous_label",
    "target",
    "stale",
)


@register.simple_tag
def dashboard_rows(rows, id_prefix: str = "indicator-", columns=()) -> str:
    """The dashboard's table rows from the cells of ``indicators.views.table_rows``.

    What format_html does, without its per-value overhead: every typed cell is cleaned
    (``cyp.text.text_clean``) and escaped with html.escape (quotes too) before it goes into
    the markup, and the address is escaped. Each row's id is ``id_prefix`` and the number
    ("indicator-117"; a page with several bodies' tables gives each its own prefix). ``columns`` are the
    optional comparator columns the table has (``indicators.views.comparator_columns``).
    """
    html = []
    prefix = escape(id_prefix, quote=True)
    row_format = DASHBOARD_ROW.format
    comparator_format = "".join(COMPARATOR_CELL[column] for column in columns).format
    for cells in rows:
        typed = {
            key: escape(text_clean(cells.get(key)), quote=True) if cells.get(key) else "" for key in DASHBOARD_TYPED
        }
        reason, current_label, previous_label = (
            typed["not_updated_reason"],
            typed["current_label"],
            typed["previous_label"],
        )
        shown = cells | {
            "id_prefix": prefix,
            "url": escape(cells["url"], quote=True),
            "name": typed["name"],
            "service_area": typed["service_area"],
            "target": typed["target"],  # a second target's name is typed
            # A figure is never both (a database rule): the one slot says which.
            "not_updated": (
                NOT_UPDATED.format(reason)
                if reason
                else NOT_AVAILABLE.format(typed["not_available"])
                if typed["not_available"]
                else ""
            ),
            "stale": STALE.format(typed["stale"]) if typed["stale"] else "",
            "current_label": PERIOD_LABEL.format(current_label) if current_label else "",
            "previous_label": PERIOD_LABEL.format(previous_label) if previous_label else "",
        }
        if columns:
            other_label = escape(text_clean(cells["other_label"]), quote=True) if cells["other_label"] else ""
            shown["comparators"] = comparator_format(
                region_mean=cells["region_mean"],
                other_mean=cells["other_mean"],
                other_label=PERIOD_LABEL.format(other_label) if other_label else "",
            )
        else:
            shown["comparators"] = ""
        html.append(row_format(**shown))
    return mark_safe("".join(html))


#: One row of an indicator's history table (see DASHBOARD_ROW); cells from indicators.views.history_rows.
HISTORY_ROW = (
    '<tr><th scope="row" class="cell-wrap">{period}{not_updated}</th>'
    "<td>{value}</td><td>{sn_mean}</td><td>{england_mean}</td><td>{target}</td>"
    '<td class="text-nowrap">{deviation}</td>'
    '<td><span class="rag rag-{rag_slug}">{rag}</span></td><td>{change}</td></tr>\n'
)
HISTORY_NOT_UPDATED = '<div class="small fw-normal"><strong>Not updated:</strong> {}</div>'
HISTORY_NOT_AVAILABLE = '<div class="small fw-normal"><strong>{}</strong></div>'


@register.simple_tag
def history_rows(rows) -> str:
    """An indicator's history table rows, every cell escaped."""
    html = []
    for cells in rows:
        escaped = {key: escape(_shown(key, value), quote=True) for key, value in cells.items()}
        reason, not_available = escaped["not_updated_reason"], escaped.get("not_available", "")
        escaped["not_updated"] = (
            HISTORY_NOT_UPDATED.format(reason)
            if reason
            else HISTORY_NOT_AVAILABLE.format(not_available)
            if not_available
            else ""
        )
        html.append(HISTORY_ROW.format(**escaped))
    return mark_safe("".join(html))


@register.simple_tag
def figure_calculation(figure, indicator) -> str:
    """How a derived figure was worked out (``indicators.derive.calculation_text``); "" for one entered.
    Plain text: the template escapes it."""
    return calculation_text(figure, indicator)
