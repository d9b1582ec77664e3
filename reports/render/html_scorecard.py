"""The scorecard as accessible HTML: what the pack's page and the in-app scorecard page put in their templates.

``scorecard_html`` turns a ``reports.scorecard.Scorecard`` into the template's context: user text split
into paragraphs (autoescaped by the templates, never marked safe), each chart's SVG (``trend_chart_svg``
escapes every text it is given, so it is the only markup marked safe) with ids unique in the page, its
text description and its figures as a table. ``templates/reports/pack/scorecard.html`` prints it with
the heading levels it is given: under an agenda item's h2 in the pack, under the page's h1 in the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from indicators.breakdowns import breakdown_chart_svg
from indicators.charts import trend_chart_summary, trend_chart_svg
from reports.render.text import text_blocks
from reports.scorecard import Scorecard, ScorecardMeasure

TEMPLATE = "reports/pack/scorecard.html"


@dataclass
class HtmlMeasure:
    measure: ScorecardMeasure
    anchor: str
    commentary: list
    actions: list
    reason: list  # why not updated
    calculation: list
    chart_svg: str
    chart_summary: str
    chart_rows: list[tuple[str, str, str]]
    breakdowns: list[dict]  # {"table": indicators.breakdowns.BreakdownTable, "svg": its chart}


def _chart_svg(measure: ScorecardMeasure, prefix: str) -> str:
    number = measure.entry.chart.number
    svg = trend_chart_svg(measure.entry.chart).replace(f'"chart-{number}-', f'"{prefix}chart-{number}-')
    return svg.replace(f" chart-{number}-desc", f" {prefix}chart-{number}-desc")


def _breakdown_svg(table, measure: ScorecardMeasure, prefix: str, index: int) -> str:
    number = measure.entry.ref.number
    base = f"breakdown-{number}-{index}"
    return breakdown_chart_svg(table, indicator_number=number, index=index).replace(base, f"{prefix}{base}")


def _measure(measure: ScorecardMeasure, prefix: str) -> HtmlMeasure:
    from reports.render.html import _chart_rows

    entry = measure.entry
    return HtmlMeasure(
        measure=measure,
        anchor=f"{prefix}{entry.ref.anchor}",
        commentary=text_blocks(entry.commentary),
        actions=text_blocks(entry.actions),
        reason=text_blocks(entry.not_updated_reason),
        calculation=text_blocks(measure.calculation),
        chart_svg=mark_safe(_chart_svg(measure, prefix)) if entry.chart.points else "",
        chart_summary=trend_chart_summary(entry.chart),
        chart_rows=_chart_rows(entry),
        breakdowns=[
            # breakdown_chart_svg escapes every text it is given: its markup may be put in the page as it is.
            {"table": table, "svg": mark_safe(_breakdown_svg(table, measure, prefix, index))}
            for index, table in enumerate(measure.breakdowns)
        ],
    )


def scorecard_context(scorecard: Scorecard, *, prefix: str, level: int) -> dict:
    """The template's context: ``level`` is the heading level of the scorecard's own title (3 in the pack, 1 on
    the page); service areas are one level down, measures two, their parts three."""
    report = scorecard.report
    return {
        "scorecard": scorecard,
        "report": report,
        "prefix": prefix,
        "counts": scorecard.count_table,
        "groups": [
            {"name": group.service_area, "measures": [_measure(measure, prefix) for measure in group.measures]}
            for group in scorecard.groups
        ],
        "h_title": level,
        "h_group": level + 1,
        "h_measure": level + 2,
        "h_part": min(level + 3, 6),
    }


def scorecard_html(scorecard: Scorecard, *, prefix: str, level: int) -> str:
    """The scorecard's markup (a SafeString: rendered and autoescaped by its template)."""
    return render_to_string(TEMPLATE, scorecard_context(scorecard, prefix=prefix, level=level))
