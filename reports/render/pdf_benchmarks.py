"""An indicator's benchmark table and breakdown in the PDF (the quarterly pack's indicator page).

``measure_flowables(entry, width)`` gives both, under their headings, for an ``IndicatorEntry`` that has
them (``reports.performance``), and nothing for one that has neither, so a report without benchmarks or
breakdowns prints as before. The benchmark table lists each comparator with its own period, its value
and the gap ("+2.1 points (better)", ``indicators.benchmarks``); each breakdown is its table (the text
of its chart) and then its bar chart (``reports.render.pdf_breakdown``). Every text goes through
``inline``: user text is data, never markup.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from indicators.benchmarks import BenchmarkRow
from indicators.breakdowns import BreakdownTable
from reports.render.pdf_breakdown import breakdown_drawing
from reports.render.pdf_styles import ACCENT, PALE, RULE, inline, pack_styles, para


def _table(rows, widths, *, total: bool = False) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1, splitInRow=1)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
    ]
    if total:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), PALE))
    table.setStyle(TableStyle(commands))
    return table


def benchmark_table_flowable(rows: list[BenchmarkRow], width: float) -> Table:
    """Comparator, period, value, gap and source: one line per benchmark."""
    styles = pack_styles()
    head, cell = styles["cell_head"], styles["cell"]
    lines = [[Paragraph(text, head) for text in ("Comparator", "Period", "Value", "Gap", "Source")]]
    for row in rows:
        lines.append(
            [
                Paragraph(inline(row.name), cell),
                Paragraph(inline(row.period), cell),
                Paragraph(inline(row.value_display), cell),
                Paragraph(inline(row.gap_phrase), cell),
                Paragraph(inline(row.source or "–"), cell),
            ]
        )
    return _table(lines, [width * 0.24, width * 0.14, width * 0.12, width * 0.2, width * 0.3])


def breakdown_flowables(table: BreakdownTable, width: float) -> list[Flowable]:
    """The breakdown's table, then its chart (the table is the chart's text)."""
    styles = pack_styles()
    head, cell = styles["cell_head"], styles["cell"]
    titles = [inline(table.dimension), "Value"] + (["Share"] if table.has_shares else [])
    lines = [[Paragraph(text, head) for text in titles]]
    for category in table.categories:
        line = [Paragraph(inline(category.category), cell), Paragraph(inline(category.value_display), cell)]
        if table.has_shares:
            line.append(Paragraph(inline(category.share_display or "–"), cell))
        lines.append(line)
    if table.total is not None:
        total = [Paragraph("<b>Total</b>", cell), Paragraph(f"<b>{inline(table.total_display)}</b>", cell)]
        lines.append(total + ([Paragraph("<b>100%</b>", cell)] if table.has_shares else []))
    widths = [width * 0.5, width * 0.25] + ([width * 0.25] if table.has_shares else [])
    return [
        _table(lines, [w * 0.7 for w in widths], total=table.total is not None),
        Spacer(1, 4),
        breakdown_drawing(table, width=width * 0.8),
    ]


def measure_flowables(entry, width: float) -> list[Flowable]:
    """The entry's benchmark table and breakdowns under their headings; [] when it has neither."""
    story: list[Flowable] = []
    if entry.benchmarks:
        story.append(
            KeepTogether(
                [
                    para("Benchmarks", "h3"),
                    para(
                        f"Each comparator with its own period, and the gap of the current value "
                        f"({inline(entry.current_display)}) from it.",
                        "small",
                    ),
                    benchmark_table_flowable(entry.benchmarks, width),
                ]
            )
        )
    for table in entry.breakdowns:
        story.append(
            KeepTogether(
                [
                    para(f"Breakdown by {inline(table.dimension.lower())}", "h3"),
                    *breakdown_flowables(table, width),
                ]
            )
        )
    return story
