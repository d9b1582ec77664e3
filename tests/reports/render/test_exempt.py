"""Exempt (Part 2) items in the rendered packs: the public pack carries no trace of them, the members' pack all.

The pack has two exempt items, an uploaded paper and a performance report, each with a
distinctive word in every place an item's content can go (title, cover sheet, paper text,
file name, indicator name); every file of the public pack is read back every way a reader
can open it (text, outline, metadata, page labels, named destinations, every PDF object,
HTML, CSV, XLSX) and none of the words may be in any of them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from reports.document import AgendaEntry, CoverSheet, ItemKind
from reports.exempt import members_marking, public_notice, public_pack_input
from reports.render import pack_render
from tests.reports.pack_helpers import MEETING, paper_pdf, synthetic_pack, synthetic_report
from tests.reports.render_helpers import read_back

#: One word for each place the exempt items' content can go.
SECRETS = {
    "title": "Zebraquill",
    "cover": "Marmosetcover",
    "paper": "Ocelotpaper",
    "file name": "Pangolinfile",
    "indicator": "Narwhalmeasure",
    "performance title": "Quokkareport",
}
DESCRIPTION = "Award of a contract for children's residential placements"


def _exempt_pack(folder):
    pack = synthetic_pack(3)
    paper = paper_pdf(
        folder / f"{SECRETS['file name']}-placements.pdf", title=f"{SECRETS['paper']} placement prices", pages=3
    )
    placement = AgendaEntry(
        9,
        "9",
        "Decisions",
        f"{SECRETS['title']} residential placement contract award",
        ItemKind.UPLOADED_PAPER,
        cover=CoverSheet(
            title=f"{SECRETS['title']} residential placement contract award",
            to="Children and Young People Committee",
            meeting_date=MEETING,
            from_="Executive Director",
            executive_summary=f"The tenders received from {SECRETS['cover']} Homes Ltd.",
            recommendation="The Committee is asked to award the contract.",
            officer_name="A Officer",
        ),
        pdf_path=paper,
        note=f"Note about {SECRETS['title']}",
        exempt_paragraph=3,
        exempt_description=DESCRIPTION,
    )
    report = synthetic_report(2)
    report.indicators[0].ref = replace(report.indicators[0].ref, name=f"{SECRETS['indicator']} placements")
    exempt_report = AgendaEntry(
        10,
        "10",
        "Decisions",
        f"{SECRETS['performance title']} performance in private",
        ItemKind.PERFORMANCE_REPORT,
        cover=CoverSheet(title=f"{SECRETS['performance title']} performance in private", meeting_date=MEETING),
        performance=report,
        exempt_paragraph=1,
    )
    return replace(pack, items=[*pack.items, placement, exempt_report])


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    pack = _exempt_pack(tmp_path_factory.mktemp("exempt"))
    return pack, pack_render(pack=pack)


def _every_pdf_string(pdf: bytes) -> str:
    """Everything a PDF holds that a reader could show: page texts, outline, metadata, page labels,
    named destinations, and every object and decoded stream of the file."""
    reader = PdfReader(io.BytesIO(pdf))
    back = read_back(pdf)
    parts = [back.text, *(title for _, title, _ in back.outline())]
    parts += [str(value) for value in (reader.metadata or {}).values()]
    parts += list(reader.page_labels)
    parts += [str(name) for name in reader.named_destinations]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = IndirectObject(number, 0, reader).get_object()
        except Exception:  # a free entry of the cross-reference table
            continue
        if isinstance(obj, StreamObject):
            parts.append(obj.get_data().decode("latin-1"))
        else:
            parts.append(str(obj))
    return "\n".join(parts)


def _xlsx_strings(data: bytes) -> str:
    workbook = load_workbook(io.BytesIO(data))
    cells = [str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    properties = [str(workbook.properties.title), str(workbook.properties.creator)]
    return "\n".join(cells + properties + workbook.sheetnames)


@pytest.mark.parametrize("place", SECRETS)
def test_the_public_pdf_has_no_trace_of_the_exempt_items(packs, place):
    _, rendered = packs

    everything = _every_pdf_string(rendered.public.pdf)

    assert SECRETS[place].lower() not in everything.lower()


@pytest.mark.parametrize("place", SECRETS)
def test_the_public_html_and_the_figures_have_no_trace_of_the_exempt_items(packs, place):
    _, rendered = packs

    for where, text in (
        ("HTML", rendered.public.html),
        ("CSV", rendered.figures_csv),
        ("XLSX", _xlsx_strings(rendered.figures_xlsx)),
    ):
        assert SECRETS[place].lower() not in text.lower(), where


def test_the_public_pack_gives_each_exempt_item_its_number_notice_and_description(packs):
    _, rendered = packs
    public = read_back(rendered.public.pdf)

    front = " ".join(public.pages[:2])
    assert f"9. Exempt item {public_notice(3)} {DESCRIPTION}" in front
    assert f"10. Exempt item {public_notice(1)}" in front
    assert public_notice(3) in rendered.public.html
    assert DESCRIPTION in rendered.public.html.replace("&#x27;", "'")
    assert "Not published" in rendered.public.html


def test_the_public_pack_has_no_pages_bookmarks_or_anchors_for_exempt_items(packs):
    _, rendered = packs
    public = rendered.public

    assert set(public.item_pages) == {2, 3}
    assert public.page_count < rendered.page_count
    titles = [bookmark.title for bookmark in public.bookmarks if bookmark.level == 0]
    assert not any(title.startswith(("9.", "10.")) for title in titles)
    # The names the PDF gives an item's page-range form and its indicators' destinations.
    assert "range-9" in _every_pdf_string(rendered.pdf)
    assert "item-10-indicator-1" in _every_pdf_string(rendered.pdf)
    everything = _every_pdf_string(public.pdf)
    assert "range-9" not in everything and "range-10" not in everything
    assert "item-10-" not in everything
    assert 'id="item-9' not in public.html and 'href="#item-9' not in public.html
    assert 'id="item-10' not in public.html and 'href="#item-10' not in public.html


def test_the_members_pack_carries_the_exempt_items_in_full_and_marked(packs):
    _, rendered = packs
    members = read_back(rendered.pdf)

    for place in ("title", "cover", "paper", "indicator", "performance title"):
        assert SECRETS[place] in members.text, place
    assert members.text.count(members_marking(3)) == 2  # the agenda line and the cover sheet
    assert members.text.count(members_marking(1)) >= 2
    assert set(rendered.item_pages) == {2, 3, 9, 10}
    assert members_marking(3) in rendered.html
    assert SECRETS["title"] in rendered.html
    assert public_notice(3) not in members.text


def test_the_figures_leave_out_an_exempt_performance_report(packs):
    _, rendered = packs

    rows = list(csv.reader(io.StringIO(rendered.figures_csv)))

    assert len(rows) == 1 + 3  # the header and the public report's three indicators


def test_a_pack_without_exempt_items_is_rendered_once(tmp_path):
    pack = synthetic_pack(3)

    rendered = pack_render(pack=pack)

    assert rendered.public is None
    assert public_pack_input(pack) is pack


def test_the_public_pack_input_keeps_only_number_section_and_paragraph(packs):
    pack, _ = packs

    public = public_pack_input(pack)

    withheld = [entry for entry in public.items if entry.withheld]
    assert [(entry.number, entry.section, entry.exempt_paragraph) for entry in withheld] == [
        ("9", "Decisions", 3),
        ("10", "Decisions", 1),
    ]
    for entry in withheld:
        assert (entry.kind, entry.cover, entry.pdf_path, entry.performance) == (ItemKind.NO_PAPER, None, None, None)
        assert entry.title == "Exempt item"
    assert pack.items[-2].title.startswith(SECRETS["title"])  # the members' input is unchanged


def test_a_long_public_description_does_not_break_the_public_pack(tmp_path):
    pack = _exempt_pack(tmp_path)
    long_text = ("The Committee will consider the award of a placement contract. " * 80)[:5000]
    items = [replace(entry, exempt_description=long_text) if entry.exempt_paragraph else entry for entry in pack.items]

    rendered = pack_render(pack=replace(pack, items=items))

    public = read_back(rendered.public.pdf)
    assert "placement contract. The Committee" in public.text
    assert rendered.public.page_count >= 2
