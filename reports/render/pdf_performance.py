"""The performance report paper in the PDF: its numbered sections, then Appendix 1 (key, index, indicator pages)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cyp.dates import long_date
from reports.performance import IndicatorEntry, PerformanceReport
from reports.render.paper import (
    KEY_ITEMS,
    Bullets,
    CountTable,
    Labelled,
    Para,
    Section,
    performance_sections,
)
from reports.render.pdf_benchmarks import measure_flowables
from reports.render.pdf_chart import chart_drawing, chart_figures_text
from reports.render.pdf_layout import Anchor, Registry, labelled, page_number_ref
from reports.render.pdf_styles import (
    ACCENT,
    LINK,
    PALE,
    RAG_FILL,
    RAG_OTHER,
    RULE,
    attribute,
    bullets,
    hex_colour,
    inline,
    pack_styles,
    para,
    rich,
)
from reports.render.pdf_tags import tag_as

INDENT = 1.1 * cm


def _grid(rows, widths, *, header_rows: int = 1, extra=()) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=header_rows, splitInRow=1)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT))
    table.setStyle(TableStyle(commands + list(extra)))
    return table


def rag_fill(status: str | None) -> tuple[colors.Color, colors.Color]:
    return RAG_FILL.get(status or "", RAG_OTHER)


# --- The paper's body ---------------------------------------------------------------------------


def _numbered(number: str, markup: str, style_name: str = "para_body") -> Paragraph:
    styles = pack_styles()
    style = styles[style_name]
    if number:
        return Paragraph(markup, style, bulletText=number)
    return Paragraph(markup, style)


def _bullet_list(block: Bullets) -> list[Flowable]:
    story: list[Flowable] = []
    for bullet in block.items:
        markup = (f"<b>{inline(bullet.lead)}</b> – " if bullet.lead else "") + inline(bullet.text)
        story += bullets([markup], indent=INDENT)
        if bullet.children:
            story += bullets([inline(child) for child in bullet.children], indent=INDENT, level=1)
    return story


def _count_table(block: CountTable, width: float) -> list[Flowable]:
    styles = pack_styles()
    rows = [
        [
            Paragraph("Status", styles["cell_head"]),
            Paragraph("Number of KPIs", styles["cell_head"]),
            Paragraph("Percentage of KPIs*", styles["cell_head"]),
        ]
    ]
    extra = []
    for position, row in enumerate(block.rows, start=1):
        rows.append(
            [
                Paragraph(f"<b>{row.status}</b>", styles["cell"]),
                Paragraph(row.count_display, styles["cell_right"]),
                Paragraph(row.percentage_display, styles["cell_right"]),
            ]
        )
        fill, _ink = rag_fill(row.status)
        extra.append(("LINEBEFORE", (0, position), (0, position), 5, fill))
    rows.append(
        [
            Paragraph("<b>Total counted</b>", styles["cell"]),
            Paragraph(f"<b>{block.counted_total}</b>", styles["cell_right"]),
            Paragraph("", styles["cell_right"]),
        ]
    )
    extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), PALE))
    table_width = min(width - INDENT, 11 * cm)
    table = _grid(rows, [table_width * 0.44, table_width * 0.28, table_width * 0.28], extra=extra)
    table.hAlign = "LEFT"
    wrapper = Table([[table]], colWidths=[width], hAlign="LEFT")
    wrapper.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), INDENT), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    notes = [_numbered("", inline(block.rounding_note), "para_muted")]
    if block.apart_note:
        notes.append(_numbered("", f"<b>Not counted:</b> {inline(block.apart_note)}", "para_body"))
    return [wrapper, Spacer(1, 4), *notes]


def section_flowables(section: Section, width: float, prefix: str) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(3 * cm), para(f"{section.number}. {inline(section.title)}", "h2")]
    for block in section.blocks:
        if isinstance(block, Para):
            story.append(_numbered(block.number, inline(block.text)))
        elif isinstance(block, Bullets):
            story += _bullet_list(block)
        elif isinstance(block, CountTable):
            story += _count_table(block, width)
        elif isinstance(block, Labelled):
            heading = inline(block.heading)
            if block.anchor:
                heading = f'<a href="#{prefix}{block.anchor}" color="#1d70b8">{heading}</a>'
            story.append(_numbered(block.number, f"<b>{heading}</b>"))
            story += rich(block.body, pack_styles()["para_body"], empty="No text.")
    return story


def performance_paper(
    report: PerformanceReport, registry: Registry, width: float, *, prefix: str, where: str = "The pack"
) -> list[Flowable]:
    """The paper's sections (after its cover sheet), then the appendix.

    ``prefix`` makes the paper's destinations unique in the pack ("item-8-indicator-117"), should two
    performance reports share a pack. ``where`` ("Item 2") begins the name of each part in the message
    when one cannot be laid out ("Item 2, performance report, indicator 117 (commentary)").
    """
    story: list[Flowable] = []
    for section in performance_sections(report):
        flowables = section_flowables(section, width, prefix)
        labelled(flowables[0], f"{where}, performance report, section {section.number} ({section.title})")
        story += flowables
    story += appendix(report, registry, width, prefix, where=f"{where}, performance report")
    return story


# --- Appendix 1 ---------------------------------------------------------------------------------


def appendix(
    report: PerformanceReport, registry: Registry, width: float, prefix: str, *, where: str = "The performance report"
) -> list[Flowable]:
    styles = pack_styles()
    story: list[Flowable] = [
        PageBreak(),
        para(f"Appendix 1: Performance Report, {inline(report.quarter_label)}", "h1"),
        tag_as(para(inline(report.committee_name), "h3"), "P"),  # a subtitle, not a heading
        para(f"{inline(report.council_name)}. Produced on {long_date(report.produced_on)}.", "muted"),
    ]
    if report.governance_email:
        story.append(para(f"Governance and Performance: {inline(report.governance_email)}", "muted"))
    story.append(para("Key", "h2"))
    rows = [[Paragraph("Data item", styles["cell_head"]), Paragraph("Explanation", styles["cell_head"])]]
    for item, explanation in KEY_ITEMS:
        if explanation is None:
            cell = [
                Paragraph(f"<b>{inline(status)}</b> – {inline(wording)}", styles["cell"])
                for status, wording in report.key
            ]
        else:
            cell = Paragraph(inline(explanation), styles["cell"])
        rows.append([Paragraph(f"<b>{inline(item)}</b>", styles["cell"]), cell])
    story.append(_grid(rows, [width * 0.27, width * 0.73]))
    labelled(story[0], f"{where}, appendix 1 (key)")
    index_story = index(report, registry, width, prefix)
    story += [labelled(index_story[0], f"{where}, appendix 1 (index)"), *index_story[1:]]
    for entry in report.indicators:
        story += _indicator_page_labelled(entry, width, prefix, where=f"{where}, indicator {entry.ref.number}")
        registry.story_made()
    return story


def _indicator_page_labelled(entry: IndicatorEntry, width: float, prefix: str, *, where: str) -> list[Flowable]:
    """``indicator_page`` with its parts named after the field they print, for a message that says what to fix.

    Only the first flowable of each part is named: the flowables after it take its name while laid out.
    """
    story = indicator_page(entry, width, prefix)
    labelled(story[0], where)
    headings = {
        "Indicator description": "description",
        "Calculation": "calculation",
        "Useful links": "useful links",
        "Commentary": "commentary",
        "Actions": "actions",
    }
    for flowable in story[1:]:
        if isinstance(flowable, Table):
            first_cell = flowable._cellvalues[0][0]
            field = "why not updated" if isinstance(first_cell, list | tuple) else "figures"
            labelled(flowable, f"{where} ({field})")
        elif getattr(flowable, "text", None) in headings:
            labelled(flowable, f"{where} ({headings[flowable.text]})")
    return story


def index(report: PerformanceReport, registry: Registry, width: float, prefix: str) -> list[Flowable]:
    styles = pack_styles()
    page_width = 1.3 * cm
    rows = [
        [
            Paragraph("No.", styles["cell_head"]),
            Paragraph("Indicator", styles["cell_head"]),
            Paragraph("Service area", styles["cell_head"]),
            Paragraph("RAG", styles["cell_head"]),
            Paragraph("Page", styles["cell_head"]),
        ]
    ]
    extra = []
    for position, entry in enumerate(report.indicators, start=1):
        fill, ink = rag_fill(entry.status)
        status = entry.status_display + (" (not updated)" if entry.not_updated else "")
        status += " (not available)" if entry.not_available and entry.status else ""
        rows.append(
            [
                Paragraph(str(entry.ref.number), styles["cell"]),
                Paragraph(
                    f'<a href="#{prefix}{entry.ref.anchor}" color="#1d70b8">{inline(entry.ref.name)}</a>',
                    styles["cell"],
                ),
                Paragraph(inline(entry.service_area), styles["cell"]),
                Paragraph(f'<font color="{hex_colour(ink)}">{inline(status)}</font>', styles["cell"]),
                page_number_ref(prefix + entry.ref.anchor, registry, page_width - 8),
            ]
        )
        extra.append(("BACKGROUND", (3, position), (3, position), fill))
    widths = [1.1 * cm, width - 1.1 * cm - 3.6 * cm - 2.6 * cm - page_width, 3.6 * cm, 2.6 * cm, page_width]
    return [
        PageBreak(),
        Anchor(f"{prefix}index"),
        para("Index", "h2"),
        _grid(rows, widths, extra=extra),
    ]


def _figures_table(entry: IndicatorEntry, width: float) -> Table:
    styles = pack_styles()
    head, _cell, centre = styles["cell_bold"], styles["cell"], styles["cell_centre"]
    period = inline(entry.period_word)
    current_head = f"Current {period}" + (f"<br/>{inline(entry.current_label)}" if entry.current_label else "")
    previous_head = f"Previous {period}" + (f"<br/>{inline(entry.previous_label)}" if entry.previous_label else "")
    target_head = "Target"
    rows = [
        [
            Paragraph(target_head, head),
            Paragraph("Direction for improvement", head),
            Paragraph(current_head, head),
            Paragraph(previous_head, head),
            Paragraph("Change in performance", head),
        ],
        [
            Paragraph(inline(entry.target_display), centre),
            Paragraph(f"{inline(entry.direction_arrow)} {inline(entry.direction_words)}", centre),
            Paragraph(
                f"<b>{inline(entry.current_display)}</b>"
                + (f"<br/><b>{inline(entry.stale_flag)}</b>" if entry.stale_flag else ""),
                centre,
            ),
            Paragraph(inline(entry.previous_display), centre),
            Paragraph(inline(entry.change), centre),
        ],
    ]
    comparators = list(entry.comparators)[:4]
    labels = [Paragraph(inline(c.label), head) for c in comparators]
    values = [Paragraph(inline(c.display), centre) for c in comparators]
    while len(labels) < 4:
        labels.append(Paragraph("", head))
        values.append(Paragraph("", centre))
    fill, ink = rag_fill(entry.status)
    rag_markup = f'<font color="{hex_colour(ink)}"><b>{inline(entry.status_display)}</b></font>'
    if entry.deviation_phrase:
        rag_markup += f'<br/><font color="{hex_colour(ink)}" size="8">{inline(entry.deviation_phrase)}</font>'
    rows.append([*labels, Paragraph("RAG rating", head)])
    rows.append([*values, Paragraph(rag_markup, centre)])
    column = width / 5
    return _grid(
        rows,
        [column] * 5,
        header_rows=0,
        extra=[
            ("BACKGROUND", (0, 0), (-1, 0), PALE),
            ("BACKGROUND", (0, 2), (-1, 2), PALE),
            ("BACKGROUND", (4, 3), (4, 3), fill),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
    )


def _not_updated_box(entry: IndicatorEntry, width: float) -> Table:
    styles = pack_styles()
    content = [
        Paragraph(
            "<b>Not updated this quarter.</b> Not counted in the status table, and not compared with the "
            "previous quarter.",
            styles["body"],
        ),
        *rich(entry.not_updated_reason, styles["body"]),
    ]
    table = Table([[content]], colWidths=[width], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff4d6")),
                ("LINEBEFORE", (0, 0), (0, -1), 4, colors.HexColor("#ffb81c")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def indicator_page(entry: IndicatorEntry, width: float, prefix: str) -> list[Flowable]:
    """One indicator in the layout of the published appendix: it starts a page and flows on if long."""
    styles = pack_styles()
    story: list[Flowable] = [
        PageBreak(),
        Anchor(prefix + entry.ref.anchor, bookmark=entry.ref.label, level=1),
        para(inline(entry.ref.label), "indicator_title"),
    ]
    meta = [inline(entry.service_area), inline(entry.unit_label)]
    if entry.as_at:
        meta.append(f"data as at {long_date(entry.as_at)}")
    story.append(para(" · ".join(meta) + f' · <a href="#{prefix}index" color="#1d70b8">Return to index</a>', "muted"))
    if entry.not_updated:
        story += [_not_updated_box(entry, width), Spacer(1, 6)]
    story.append(_figures_table(entry, width))
    notes = []
    if entry.not_available:
        notes.append(
            f"<b>{inline(entry.not_available_text)}</b> Not counted in the status table, and not compared with the "
            "previous period."
        )
    if entry.derived_calculation:
        notes.append(f"<b>Worked out from the monthly figures:</b> {inline(entry.derived_calculation)}")
    if entry.second_target_display:
        notes.append(f"<b>Second target (not rated):</b> {inline(entry.second_target_display)}")
    if entry.target_note:
        notes.append(f"<b>Target:</b> {inline(entry.target_note)}")
    if entry.rating_reason:
        notes.append(f"<b>Rating:</b> {inline(entry.rating_reason)}")
    story += [Spacer(1, 4), *[para(note, "small") for note in notes]]
    story.append(
        KeepTogether(
            [
                Spacer(1, 4),
                chart_drawing(entry.chart, width=width),
                para(inline(chart_figures_text(entry.chart)), "small"),
            ]
        )
    )
    story += measure_flowables(entry, width)  # benchmarks and breakdowns, where the indicator has them
    story.append(para("Indicator description", "h3"))
    story += rich(entry.description, empty="No description.")
    if entry.has_calculation:
        story.append(para("Calculation", "h3"))
        if entry.formula:
            story.append(para(f"<b>{inline(entry.formula)}</b>"))
        if entry.x_definition or entry.y_definition:
            story.append(para("Where:"))
            if entry.x_definition:
                story.append(para(f"X = {inline(entry.x_definition)}"))
            if entry.y_definition:
                story.append(para(f"Y = {inline(entry.y_definition)}"))
        story += rich(entry.calculation_note)
    if entry.sources:
        label = "Source" if len(entry.sources) == 1 else "Sources"
        story.append(para(f"<b>{label}:</b> " + "; ".join(inline(source) for source in entry.sources) + "."))
    if entry.useful_links:
        story.append(para("Useful links", "h3"))
        for title, address in entry.useful_links:
            if address and address.startswith(("https://", "http://")):
                markup = f'<a href="{attribute(address)}" color="{hex_colour(LINK)}">{inline(title)}</a>'
            else:
                markup = inline(title)
            story.append(Paragraph(markup, styles["link_item"], bulletText="•"))
    story.append(para("Commentary", "h3"))
    story += rich(entry.commentary, empty="No approved commentary this quarter.")
    story.append(para("Actions", "h3"))
    if entry.actions.strip():
        story += rich(entry.actions)
    elif entry.actions_missing:
        story.append(para("No actions have been approved for this Red indicator.", "empty"))
    else:
        story.append(para("No actions recorded.", "empty"))
    return story
