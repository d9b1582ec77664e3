"""The minutes action log paper in the PDF, in the pack's typography (``minutes.paper`` builds its data).

The paper prints, under the item's title, the minutes of the last meeting (each
numbered minute with its text and decisions) and then the action log in the layout of
the council's log: one table per earlier meeting ("Minutes – 12 March 2024") with the
columns Minute | Report title | Officer responsible | Action | Response | Status, the
status followed by its flags in words (overdue, no approved response).

Every text a person typed goes through ``rich`` or ``inline`` (``reports.render.pdf_styles``),
so markup in a minute or a response prints as typed. Tables use the improvement plan
report's grid (``reports.render.pdf_plans``): the header repeats, rows split between
pages, and an action or response longer than ``LONG_CELL`` characters shows its opening
in the table and follows the table in full under its own heading. Each part is
``labelled`` ("Item 2, action log, minute 203 (response)"), so a text that cannot be laid
out fails the build with a message that says which one to fix.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from cyp.dates import long_date
from reports.document import ActionLogEntry, ActionLogMeeting, ActionLogPaper, PreviousMinutes
from reports.render.pdf_layout import labelled
from reports.render.pdf_plans import (
    DEFAULT_WIDTH,
    LONG_CELL,
    _cell,
    _excerpt,
    _fixed,
    _header,
    _table,
    plan_styles,
)
from reports.render.pdf_styles import inline, rich
from reports.render.text import plain

COLUMNS = (0.09, 0.15, 0.15, 0.23, 0.25, 0.13)
HEADER = ["Minute", "Report title", "Officer responsible", "Action", "Response", "Status"]


def _long_cell(text: str) -> list[Flowable]:
    if len(text) > LONG_CELL:
        return [*_cell(_excerpt(text)), *_fixed("<i>Continued after this table.</i>", "cell_muted")]
    return _cell(text)


def _response_cell(row: ActionLogEntry) -> list[Flowable]:
    if not row.response:
        return _fixed("No approved response", "cell_muted")
    return [*_long_cell(row.response), *_fixed(f"(as at {inline(long_date(row.response_date))})", "cell_muted")]


def _status_cell(row: ActionLogEntry) -> list[Flowable]:
    cell = _cell(row.status, "cell_bold")
    for flag in row.flags:
        cell += _fixed(f"⚠ {inline(flag)}", "cell")
    return cell


def _row(row: ActionLogEntry, where: str) -> list[list[Flowable]]:
    row_where = f"{where}, minute {plain(row.minute)}"
    return [
        labelled(_cell(f"{row.minute}."), row_where),
        labelled(_cell(row.report_title), f"{row_where} (report title)"),
        labelled(_cell(row.officer or "Not named"), f"{row_where} (officer responsible)"),
        labelled(_long_cell(row.action), f"{row_where} (action)"),
        labelled(_response_cell(row), f"{row_where} (response)"),
        labelled(_status_cell(row), f"{row_where} (status)"),
    ]


def _continued(row: ActionLogEntry, where: str) -> list[Flowable]:
    styles = plan_styles()
    story: list[Flowable] = []
    row_where = f"{where}, minute {plain(row.minute)}"
    if len(row.action) > LONG_CELL:
        part = [Paragraph(f"Minute {inline(row.minute)}: action (continued)", styles["h4"])]
        story += labelled([*part, *rich(row.action, styles["body"])], f"{row_where} (action)")
    if len(row.response) > LONG_CELL:
        heading = f"Minute {inline(row.minute)}: response as at {inline(long_date(row.response_date))} (continued)"
        part = [Paragraph(heading, styles["h4"])]
        story += labelled([*part, *rich(row.response, styles["body"])], f"{row_where} (response)")
    return story


def _meeting(group: ActionLogMeeting, width: float, where: str) -> list[Flowable]:
    styles = plan_styles()
    heading = f"Minutes – {long_date(group.meeting_date)}"
    story: list[Flowable] = [labelled(Paragraph(inline(heading), styles["h3"]), where)]
    rows = [_header(HEADER), *(_row(row, where) for row in group.rows)]
    story.append(labelled(_table(rows, [width * part for part in COLUMNS]), f"{where} ({heading})"))
    for row in group.rows:
        story += _continued(row, where)
    return story


def _previous(previous: PreviousMinutes, where: str) -> list[Flowable]:
    styles = plan_styles()
    minutes_where = f"{where}, minutes of {long_date(previous.meeting_date)}"
    story: list[Flowable] = [
        labelled(Paragraph(f"Minutes: {inline(long_date(previous.meeting_date))}", styles["title"]), minutes_where),
        Paragraph(inline(previous.state), styles["caption"]),
    ]
    for label, value in (("Time", previous.times), ("Venue", previous.venue), ("Present", previous.attendance)):
        if value:
            story += labelled(rich(f"{label}: {value}", styles["body"]), f"{minutes_where} ({label.lower()})")
    if previous.separate_paper:
        story.append(Paragraph("The minutes of this meeting are published as a separate paper.", styles["body"]))
    for item in previous.items:
        item_where = f"{minutes_where}, minute {plain(item.number)}"
        story.append(labelled(Paragraph(f"{inline(item.number)}. {inline(item.title)}", styles["h3"]), item_where))
        story += labelled(rich(item.text, styles["body"]), f"{item_where} (text)")
        story += labelled(rich(item.decisions, styles["body"]), f"{item_where} (decisions)")
    return story


def action_log_story(
    paper: ActionLogPaper | None, *, width: float = DEFAULT_WIDTH, where: str = "Action log"
) -> list[Flowable]:
    """The paper as flowables for a frame ``width`` points wide (the pack prints the item's title above)."""
    styles = plan_styles()
    if paper is None:
        return [Paragraph("There are no minutes or actions to report.", styles["body"])]
    story: list[Flowable] = []
    if paper.previous is not None:
        story += _previous(paper.previous, where)
    heading = f"{paper.committee_name} – Minutes Action Log"
    story.append(labelled(Paragraph(inline(heading), styles["title"]), f"{where} (title)"))
    story.append(Paragraph(f"Purpose: {inline(paper.purpose)}", styles["body"]))
    story.append(Paragraph(f"Position on {inline(long_date(paper.on))}.", styles["caption"]))
    if not paper.meetings:
        story.append(Paragraph("There are no open actions.", styles["body"]))
    for group in paper.meetings:
        story += _meeting(group, width, where)
    return story
