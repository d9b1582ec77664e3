"""The scorecard in the PDF (``reports.scorecard.Scorecard``): its counts and key, then a block per measure by
service area, in place of the performance report for a body whose layout is a scorecard.

Its own module, so that the PDF engine can be swapped without touching the scorecard's data: every user
text goes through ``pdf_styles.inline``/``rich`` (cleaned and escaped), every status is printed in words
beside its colour. The benchmark table and the breakdown (its table and chart) are the quarterly pack's own
(``reports.render.pdf_benchmarks``), so both print them alike.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from cyp.dates import long_date
from reports.render.pdf_benchmarks import benchmark_table_flowable, breakdown_flowables
from reports.render.pdf_chart import chart_drawing, chart_figures_text
from reports.render.pdf_layout import Anchor, Registry, labelled
from reports.render.pdf_performance import _count_table, _grid, rag_fill
from reports.render.pdf_styles import PALE, hex_colour, inline, pack_styles, para, rich
from reports.scorecard import Scorecard, ScorecardMeasure

NOT_UPDATED_FILL = colors.HexColor("#fff4d6")
NOT_UPDATED_RULE = colors.HexColor("#ffb81c")
RAG_LABEL = "RAG rating"


def scorecard_paper(
    scorecard: Scorecard, registry: Registry, width: float, *, prefix: str, where: str = "The pack"
) -> list[Flowable]:
    """The scorecard under its item's cover sheet: heading, counts, key, then each service area's measures.

    ``prefix`` makes destinations unique in the pack; ``where`` ("Item 2") begins the name of each part in
    the message when one cannot be laid out ("Item 2, scorecard, measure 3 (commentary)").
    """
    report = scorecard.report
    styles = pack_styles()
    story: list[Flowable] = [
        para(f"Scorecard: {inline(report.quarter_label)}", "h1"),
        para(
            f"{inline(report.committee_name)}, {inline(report.council_name)}. Covering "
            f"{long_date(report.period_start)} to {long_date(report.period_end)}; produced on "
            f"{long_date(report.produced_on)}.",
            "muted",
        ),
    ]
    labelled(story[0], f"{where}, scorecard")
    story.append(para("Summary", "h2"))
    story += _count_table(scorecard.count_table, width)
    story.append(para("Key", "h2"))
    story += [para(f"<b>{inline(status)}</b> – {inline(wording)}", "small") for status, wording in report.key]
    story.append(
        para(
            "Each measure shows its value for the period with what it covers, the target and the variance as the "
            "measure states it, the RAG rating in words, the previous value with an arrow (↑ up, ↓ down, → the same) "
            "and the change in performance in words, its benchmarks with their own periods, and its breakdown.",
            "small",
        )
    )
    for group in scorecard.groups:
        story += [CondPageBreak(4 * cm), para(inline(group.service_area), "h2")]
        for measure in group.measures:
            block = measure_block(measure, width, prefix, period=report.period_word)
            labelled(block[0], f"{where}, scorecard, measure {measure.entry.ref.number}")
            story += block
            registry.story_made()
    if not scorecard.measures:
        story.append(Paragraph(f"The body has no measures for this {report.period_word}.", styles["empty"]))
    return story


def _label_value_rows(measure: ScorecardMeasure) -> list[tuple[str, str]]:
    """(label, value markup) of the measure's figures, in the order the scorecard prints them."""
    entry = measure.entry
    value = f"<b>{inline(measure.current_display)}</b>"
    if measure.parts:
        value += f" ({inline(measure.parts)})"
    if entry.stale_flag:
        value += f"<br/><b>{inline(entry.stale_flag)}</b>"
    rows = [(f"Value ({inline(entry.current_label)})" if entry.current_label else "Value", value)]
    for basis_value in measure.values:
        if not basis_value.reported:
            shown = inline(basis_value.display) + (f" ({inline(basis_value.parts)})" if basis_value.parts else "")
            rows.append((inline(basis_value.label), shown))
    rows.append(("Target", inline(entry.target_display)))
    if entry.second_target_display:
        rows.append(("Second target (not rated)", inline(entry.second_target_display)))
    rows.append(("Variance", inline(entry.deviation_display)))
    _fill, ink = rag_fill(entry.status)
    rows.append((RAG_LABEL, f'<font color="{hex_colour(ink)}"><b>{inline(measure.status_words)}</b></font>'))
    previous_label = f"Previous ({inline(entry.previous_label)})" if entry.previous_label else "Previous"
    previous = inline(entry.previous_display)
    if entry.previous_value is not None:
        previous += f" · {inline(measure.previous_words)}"
    rows.append((previous_label, previous))
    rows.append(("Direction for improvement", inline(entry.direction_words)))
    return rows


def _figures(measure: ScorecardMeasure, width: float) -> Table:
    styles = pack_styles()
    labelled_rows = _label_value_rows(measure)
    rows = [[Paragraph(label, styles["cell_bold"]), Paragraph(value, styles["cell"])] for label, value in labelled_rows]
    rag_row = next(index for index, (label, _value) in enumerate(labelled_rows) if label == RAG_LABEL)
    fill, _ink = rag_fill(measure.entry.status)
    return _grid(
        rows,
        [width * 0.36, width * 0.64],
        header_rows=0,
        extra=[("BACKGROUND", (0, 0), (0, -1), PALE), ("BACKGROUND", (1, rag_row), (1, rag_row), fill)],
    )


def _box(markup: str, reason: str, width: float) -> Table:
    styles = pack_styles()
    table = Table([[[Paragraph(markup, styles["body"]), *rich(reason, styles["body"])]]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), NOT_UPDATED_FILL),
                ("LINEBEFORE", (0, 0), (0, -1), 4, NOT_UPDATED_RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def measure_block(measure: ScorecardMeasure, width: float, prefix: str, *, period: str) -> list[Flowable]:
    """One measure: title, figures, benchmarks, breakdown, calculation, chart, commentary and actions. ``period``
    is what the report calls its period: "month" or "quarter"."""
    entry = measure.entry
    story: list[Flowable] = [
        CondPageBreak(8 * cm),
        Anchor(prefix + entry.ref.anchor, bookmark=entry.ref.label, level=1),
        para(inline(entry.ref.label), "indicator_title"),
        para(inline(entry.unit_label), "muted"),
    ]
    if measure.not_available:
        story += [
            _box(f"<b>{inline(entry.not_available_text)}</b> Not counted in the summary.", "", width),
            Spacer(1, 4),
        ]
    elif entry.not_updated:
        story += [
            _box(f"<b>Not updated this {period}.</b> Not counted in the summary.", entry.not_updated_reason, width),
            Spacer(1, 4),
        ]
    story.append(_figures(measure, width))
    if entry.rating_reason:
        story.append(para(f"<b>Rating:</b> {inline(entry.rating_reason)}", "small"))
    if measure.benchmarks:
        story += [para("Benchmarks", "h3"), benchmark_table_flowable(measure.benchmarks, width)]
    for table in measure.breakdowns:
        story += [para(f"Breakdown by {inline(table.dimension.lower())}", "h3"), *breakdown_flowables(table, width)]
    if measure.calculation:
        story += [para("Calculation", "h3"), *rich(measure.calculation)]
    if entry.chart.points:
        story.append(
            KeepTogether(
                [
                    Spacer(1, 4),
                    chart_drawing(entry.chart, width=width, height=110),
                    para(inline(chart_figures_text(entry.chart)), "small"),
                ]
            )
        )
    story.append(para("Commentary", "h3"))
    story += rich(entry.commentary, empty=f"No approved commentary this {period}.")
    story.append(para("Actions", "h3"))
    if entry.actions.strip():
        story += rich(entry.actions)
    elif entry.actions_missing:
        story.append(para("No actions have been approved for this Red measure.", "empty"))
    else:
        story.append(para("No actions recorded.", "empty"))
    story.append(Spacer(1, 8))
    return story
