"""The accessible HTML of the whole pack: one standalone page (styles inline), lang en-GB.

Same content and paragraph numbers as the PDF (``reports.render.paper``):
headings in order (h1 the meeting, h2 each agenda item, h3 a paper's sections,
h4 the appendix's parts and each indicator, h5 an indicator's parts); tables
with captions and ``th scope``; every RAG status in words; each chart as an
inline SVG with a text description (``indicators.charts``) followed by its
figures as a table. User text is autoescaped by the templates and never marked
safe; the only markup marked safe is the SVG, which ``trend_chart_svg``
builds with every text escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe

from cyp.dates import long_date, weekday_date
from cyp.text import text_clean
from indicators.breakdowns import BreakdownTable, breakdown_chart_svg
from indicators.charts import trend_chart_summary, trend_chart_svg
from reports.document import AgendaEntry, ItemKind, PackInput
from reports.exempt import members_marking
from reports.performance import IndicatorEntry, PerformanceReport
from reports.render.paper import KEY_ITEMS, Bullets, CountTable, Labelled, Para, performance_sections
from reports.render.text import plain, text_blocks

PLAN_TEMPLATE = "plans/report_body.html"
ACTION_LOG_TEMPLATE = "minutes/pack_action_log.html"
AGENDA_PLAN_TEMPLATE = "reports/pack/_agenda_plan.html"


@dataclass
class HtmlIndicator:
    entry: IndicatorEntry
    description: list
    calculation_note: list
    commentary: list
    actions: list
    not_updated_reason: list
    chart_svg: str
    chart_summary: str
    chart_rows: list[tuple[str, str, str]]  # (period, value, target), then the projection
    links: list[tuple[str, str]]  # (title, address); the address only when it is a web address
    #: Each breakdown table with its bar chart's SVG (ids unique in the pack; every text escaped).
    breakdowns: list[tuple[BreakdownTable, str]] = field(default_factory=list)


@dataclass
class HtmlItem:
    entry: AgendaEntry
    anchor: str
    heading_id: str
    pages: tuple[int, int] | None
    cover_summary: list = field(default_factory=list)
    cover_recommendation: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    report: PerformanceReport | None = None
    indicators: list[HtmlIndicator] = field(default_factory=list)
    key_items: list = field(default_factory=list)
    plan_html: str = ""
    paper_html: str = ""  # a registered generated paper (reports.papers) as rendered by its app's template
    marking: str = ""  # an exempt item in the members' pack: "Exempt: not for publication — paragraph 3 …"
    scorecard_html: str = ""  # a scorecard body's report (reports.render.html_scorecard), a SafeString already

    @property
    def kind(self) -> str:
        return str(self.entry.kind)


def _section_blocks(report: PerformanceReport) -> list:
    """Sections with their blocks tagged by kind, and user text split into paragraphs for the template."""
    sections = []
    for section in performance_sections(report):
        blocks = []
        for block in section.blocks:
            if isinstance(block, Para):
                blocks.append({"kind": "para", "block": block})
            elif isinstance(block, Bullets):
                blocks.append({"kind": "bullets", "block": block})
            elif isinstance(block, CountTable):
                blocks.append({"kind": "counts", "block": block})
            elif isinstance(block, Labelled):
                blocks.append({"kind": "labelled", "block": block, "body": text_blocks(block.body)})
        sections.append({"section": section, "blocks": blocks})
    return sections


def _chart_svg(entry: IndicatorEntry, item_id: int) -> str:
    """The chart's SVG with ids unique in the pack (two reports may chart the same indicator)."""
    number = entry.chart.number
    svg = trend_chart_svg(entry.chart).replace(f'"chart-{number}-', f'"item-{item_id}-chart-{number}-')
    return svg.replace(f" chart-{number}-desc", f" item-{item_id}-chart-{number}-desc")


def _indicator(entry: IndicatorEntry, item_id: int) -> HtmlIndicator:
    return HtmlIndicator(
        entry=entry,
        description=text_blocks(entry.description),
        calculation_note=text_blocks(entry.calculation_note),
        commentary=text_blocks(entry.commentary),
        actions=text_blocks(entry.actions),
        # trend_chart_svg escapes every text it is given, so its markup may be put in the page as it is.
        chart_svg=mark_safe(_chart_svg(entry, item_id)),
        chart_summary=trend_chart_summary(entry.chart),
        chart_rows=_chart_rows(entry),
        not_updated_reason=text_blocks(entry.not_updated_reason),
        links=[
            (title, address if address.startswith(("https://", "http://")) else "")
            for title, address in entry.useful_links
        ],
        breakdowns=[
            (table, mark_safe(_breakdown_svg(entry, table, item_id, index)))
            for index, table in enumerate(entry.breakdowns)
        ],
    )


def _breakdown_svg(entry: IndicatorEntry, table: BreakdownTable, item_id: int, index: int) -> str:
    """A breakdown's bar chart with ids unique in the pack; ``breakdown_chart_svg`` escapes every text."""
    base = f"breakdown-{entry.ref.number}-{index}"
    svg = breakdown_chart_svg(table, indicator_number=entry.ref.number, index=index)
    return svg.replace(base, f"item-{item_id}-{base}")


def _chart_rows(entry: IndicatorEntry) -> list[tuple[str, str, str]]:
    chart = entry.chart
    rows = [
        (
            point.label + (" (not updated)" if point.not_updated else ""),
            chart.format(point.value),
            chart.format(point.target) if point.target is not None else "No numeric target",
        )
        for point in chart.points
    ]
    if chart.projection is not None:
        rows.append((f"{chart.projection_label} (linear trend)", chart.format(chart.projection), ""))
    return rows


def _plan_html(entry: AgendaEntry) -> str:
    if entry.improvement_plan is None:
        return ""
    return get_template(PLAN_TEMPLATE).render({"report": entry.improvement_plan})


def _item(entry: AgendaEntry, pages: tuple[int, int] | None) -> HtmlItem:
    item = HtmlItem(entry=entry, anchor=f"item-{entry.item_id}", heading_id=f"item-{entry.item_id}-title", pages=pages)
    if entry.exempt_paragraph is not None and not entry.withheld:
        item.marking = members_marking(entry.exempt_paragraph)
    if entry.cover:
        item.cover_summary = text_blocks(entry.cover.executive_summary)
        item.cover_recommendation = text_blocks(entry.cover.recommendation)
    if entry.kind == ItemKind.PERFORMANCE_REPORT and entry.scorecard is not None:
        from reports.render.html_scorecard import scorecard_html

        # Rendered (and autoescaped) by the scorecard's template: a SafeString already.
        item.scorecard_html = scorecard_html(entry.scorecard, prefix=f"item-{entry.item_id}-", level=3)
    elif entry.kind == ItemKind.PERFORMANCE_REPORT and entry.performance is not None:
        report: PerformanceReport = entry.performance
        item.report = report
        item.sections = _section_blocks(report)
        item.indicators = [_indicator(indicator, entry.item_id) for indicator in report.indicators]
        item.key_items = [(label, explanation) for label, explanation in KEY_ITEMS]
    elif entry.kind == ItemKind.IMPROVEMENT_PLAN_REPORT:
        # Rendered (and autoescaped) by the plans app's own template: a SafeString already.
        item.plan_html = _plan_html(entry)
    elif entry.kind == ItemKind.ACTION_LOG:
        # Rendered (and autoescaped) by the minutes app's template: a SafeString already.
        item.paper_html = render_to_string(ACTION_LOG_TEMPLATE, {"paper": entry.paper, "item_id": entry.item_id})
    elif entry.kind == ItemKind.AGENDA_PLAN:
        # Autoescaped by its template: a SafeString already.
        item.paper_html = render_to_string(AGENDA_PLAN_TEMPLATE, {"paper": entry.paper, "item_id": entry.item_id})
    return item


def html_render(*, pack: PackInput, item_pages: dict[int, tuple[int, int]], page_count: int) -> str:
    """The pack as one accessible HTML document."""
    items = [_item(entry, item_pages.get(entry.item_id)) for entry in pack.items]
    sections = []
    for item in items:
        if not sections or sections[-1]["name"] != item.entry.section:
            sections.append({"name": item.entry.section, "items": []})
        sections[-1]["items"].append(item)
    context = {
        "pack": pack,
        "title": plain(pack.title or f"{pack.committee_name}: {long_date(pack.meeting_date)}"),
        "meeting_day": weekday_date(pack.meeting_date),
        "meeting_date": long_date(pack.meeting_date),
        "agenda_sections": sections,
        "items": [item for item in items if item.entry.kind != ItemKind.NO_PAPER],
        "page_count": page_count,
    }
    # Every user text in the document (names, titles, cover sheets as well as the long texts)
    # without control or bidi-override characters: none is meaningful in the markup either.
    return text_clean(render_to_string("reports/pack/pack.html", context))
