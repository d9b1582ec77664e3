"""The front sheet (committee, date, time, venue, agenda with page ranges, membership, clerk) and cover sheets."""

from __future__ import annotations

from itertools import groupby

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle

from cyp.dates import long_date, weekday_date
from reports.document import AgendaEntry, CoverSheet, ItemKind, PackInput
from reports.exempt import members_marking
from reports.render.pdf_layout import Registry, page_range_ref
from reports.render.pdf_styles import ACCENT, PALE, RULE, inline, para, rich, text
from reports.render.pdf_tags import tag_as

PAGES_WIDTH = 2.6 * cm


def _rule_table(rows, widths, *, style_commands=()) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *style_commands,
            ]
        )
    )
    return table


def front_sheet(pack: PackInput, registry: Registry, body_width: float) -> list[Flowable]:
    """Page 1 onwards: who meets where and when, the agenda, the membership and the clerk."""
    story: list[Flowable] = [
        para(inline(pack.council_name), "council"),
        para(inline(pack.committee_name), "front_title"),
    ]
    details = [
        [para("<b>Date</b>", "cell"), text(weekday_date(pack.meeting_date), "cell")],
        [para("<b>Time</b>", "cell"), text(pack.meeting_time, "cell")],
        [para("<b>Venue</b>", "cell"), text(pack.venue, "cell")],
    ]
    if pack.quarter_label:
        details.append([para("<b>Reporting</b>", "cell"), text(pack.quarter_label, "cell")])
    story.append(
        _rule_table(
            details,
            [3 * cm, body_width - 3 * cm],
            style_commands=[("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)],
        )
    )
    if pack.draft:
        story.append(Spacer(1, 6))
        story.append(para("<b>Draft</b>: this pack has not been published and may change.", "muted"))
    story += [Spacer(1, 14), para("Agenda", "h1")]
    story += agenda(pack, registry, body_width)
    story += [Spacer(1, 12), CondPageBreak(5 * cm)]
    if pack.membership:
        story.append(para("Membership", "h2"))
        story.append(text(f"The {pack.committee_name} comprises the following members:"))
        story.append(_membership(pack.membership, body_width))
    clerk = [[para("<b>Clerk</b>", "cell"), text(pack.clerk_name, "cell")]]
    if pack.clerk_telephone:
        clerk.append([para("<b>Telephone</b>", "cell"), text(pack.clerk_telephone, "cell")])
    if pack.clerk_email:
        clerk.append([para("<b>Email</b>", "cell"), text(pack.clerk_email, "cell")])
    story.append(Spacer(1, 8))
    story.append(KeepTogether([para("Clerk", "h2"), _rule_table(clerk, [3 * cm, body_width - 3 * cm])]))
    return story


def _membership(members: list[str], body_width: float) -> Table:
    half = (len(members) + 1) // 2
    left, right = members[:half], members[half:]
    rows = [[text(left[i], "cell"), text(right[i], "cell") if i < len(right) else ""] for i in range(half)]
    return tag_as(_rule_table(rows, [body_width / 2, body_width / 2]), "Layout")  # names in two columns


def agenda(pack: PackInput, registry: Registry, body_width: float) -> list[Flowable]:
    """The agenda in its sections; each paper's page range is filled in when the pack is saved."""
    story: list[Flowable] = []
    number_width = 1.0 * cm
    title_width = body_width - number_width - PAGES_WIDTH
    for section, entries in groupby(pack.items, key=lambda entry: entry.section):
        story.append(para(inline(section).upper(), "section_head"))
        rows = []
        for entry in entries:
            pages = "" if entry.kind == ItemKind.NO_PAPER else page_range_ref(entry.item_id, registry, PAGES_WIDTH - 8)
            rows.append([text(f"{entry.number}.", "body"), _agenda_title(entry), pages])
        story.append(
            tag_as(  # a list of items with their pages, read line by line, not a table with headers
                _rule_table(
                    rows,
                    [number_width, title_width, PAGES_WIDTH],
                    style_commands=[("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("ALIGN", (2, 0), (2, -1), "RIGHT")],
                ),
                "Layout",
            )
        )
    if not pack.items:
        story.append(para("No items have been added to the agenda yet.", "empty"))
    return story


def _agenda_title(entry: AgendaEntry) -> list[Flowable]:
    """The agenda line's text. A withheld (public) entry prints only the notice and the public description;
    an exempt one in the members' pack carries its marking."""
    if entry.withheld:
        lines = [text(entry.title, "cell_bold"), text(entry.note, "body")]
        if entry.exempt_description:
            lines.append(text(entry.exempt_description, "muted"))
        return lines
    lines = [text(entry.title, "body")]
    if entry.exempt_paragraph is not None:
        lines.append(para(f"<b>{inline(members_marking(entry.exempt_paragraph))}</b>", "muted"))
    if entry.note:
        lines.append(text(entry.note, "muted"))
    return lines


def cover_sheet(entry: AgendaEntry, cover: CoverSheet, body_width: float) -> list[Flowable]:
    """The council's standard cover sheet of a paper. Long fields split across pages."""
    label_width = 4.4 * cm
    value_width = body_width - label_width
    meeting_date = long_date(cover.meeting_date) if cover.meeting_date else ""

    def row(label: str, value, *, rich_text: bool = False):
        cell = rich(value, empty="None given.") if rich_text else [text(value or "", "body")]
        return [para(f"<b>{label}</b>", "body"), cell]

    officer = []
    for label, value in (
        ("Name", cover.officer_name),
        ("Post", cover.officer_post),
        ("Email", cover.officer_email),
        ("Tel", cover.officer_telephone),
    ):
        if value:
            officer.append(para(f"<b>{label}:</b> {inline(value)}", "body"))
    rows = [
        row("To:", cover.to),
        row("Meeting date:", meeting_date),
        row("From:", cover.from_),
        row("Electoral division(s):", cover.electoral_divisions),
        row("Key decision:", cover.key_decision),
        row("Forward Plan ref:", cover.forward_plan_reference),
        row("Executive summary:", cover.executive_summary, rich_text=True),
        row("Recommendation:", cover.recommendation, rich_text=True),
    ]
    story: list[Flowable] = [para(inline(cover.title or entry.title), "cover_title")]
    if entry.exempt_paragraph is not None:
        story.insert(0, para(inline(members_marking(entry.exempt_paragraph)), "h2"))
    story.append(
        _rule_table(
            rows,
            [label_width, value_width],
            style_commands=[
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (0, -1), PALE),
            ],
        )
    )
    story.append(Spacer(1, 10))
    story.append(tag_as(para("Officer contact", "h3"), "H2"))  # under the cover's title (H1)
    story += officer or [para("No officer contact given.", "empty")]
    story.append(Spacer(1, 4))
    story.append(_Rule(body_width))
    return story


class _Rule(Flowable):
    cyp_role = "Artifact"  # a decorative line

    def __init__(self, width: float):
        super().__init__()
        self.width, self.height = width, 6

    def draw(self):
        self.canv.setStrokeColor(ACCENT)
        self.canv.setLineWidth(1.2)
        self.canv.line(0, 3, self.width, 3)
