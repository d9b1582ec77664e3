"""The pack PDF is tagged (PDF/UA-1): structure tree, headings in order, tables with header cells, charts with
their text alternative, links, artifacts for the page furniture, reading order, and merged papers' own tags."""

import io
import itertools
import os
import re
import shutil
import subprocess
from collections import Counter

import pikepdf
import pytest
from django.db import transaction
from pypdf import PdfReader

from reports.render import pack_render
from reports.render.pdf_pack import pdf_pack_build
from reports.services.meetings import paper_check
from tests.reports.pack_helpers import demo_pack_input, demo_report, load_demo_indicators, paper_pdf, synthetic_pack
from tests.reports.tag_helpers import structure, structure_text

pytestmark = pytest.mark.django_db

PAGE_FOOTER = re.compile(r"Page \d+ of \d+")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo pack (three untagged uploads merged in) rendered once, with its structure."""
    folder = tmp_path_factory.mktemp("papers")
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_indicators()
        pack = demo_pack_input(report=demo_report(), folder=folder)
        rendered = pack_render(pack=pack)
        transaction.set_rollback(True)
    return pack, rendered, structure(rendered.pdf)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing: .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return path


def _under(elements, index: int) -> list:
    """The elements inside ``elements[index]`` (its descendants, depth first)."""
    depth = elements[index].depth
    found = []
    for element in elements[index + 1 :]:
        if element.depth <= depth:
            break
        found.append(element)
    return found


def _parent_tree_problems(data: bytes) -> list[str]:
    """Each marked content on a page must be owned, in the parent tree, by the element that lists it."""
    pdf = pikepdf.open(io.BytesIO(data))
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
    owned = {(page, mcid): element.objgen for element in structure(data) for page, mcid in element.content}
    problems = []
    for page_index, page in enumerate(pdf.pages):
        mcids = [
            int(operands[1].MCID)
            for operands, operator in pikepdf.parse_content_stream(page, "BDC")
            if isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]
        ]
        if not mcids:
            continue
        entries = tree[int(page.obj.StructParents)]
        for mcid in mcids:
            if (page_index, mcid) not in owned:
                problems.append(f"page {page_index + 1} MCID {mcid}: no element owns it")
            elif entries[mcid].objgen != owned[(page_index, mcid)]:
                problems.append(f"page {page_index + 1} MCID {mcid}: the parent tree names another element")
    return problems


def test_pdfinfo_says_the_pack_is_tagged(demo):
    _pack, rendered, _elements = demo
    pdfinfo = _tool("pdfinfo")

    result = subprocess.run([pdfinfo, "-"], input=rendered.pdf, capture_output=True, check=True)

    assert re.search(r"^Tagged:\s+yes$", result.stdout.decode(), flags=re.M)


def test_the_pack_declares_pdf_ua_its_language_and_shows_its_title(demo):
    pack, rendered, _elements = demo

    pdf = pikepdf.open(io.BytesIO(rendered.pdf))

    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert pdf.pdf_version == "1.7"
    with pdf.open_metadata() as meta:
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == pack.title
        assert str(pdf.docinfo.Title) == pack.title


def test_headings_start_at_h1_never_skip_a_level_and_name_every_indicator_in_order(demo):
    pack, rendered, elements = demo
    headings = [element for element in elements if re.fullmatch(r"H[1-6]", element.role)]

    levels = [int(element.role[1]) for element in headings]
    texts = [" ".join(text.split()) for text in structure_text(rendered.pdf, headings, set(range(rendered.page_count)))]

    assert levels[0] == 1
    assert [(before, after) for before, after in itertools.pairwise(levels) if after > before + 1] == []
    h2 = [text for text, level in zip(texts, levels, strict=True) if level == 2]
    labels = [entry.ref.label for entry in next(item for item in pack.items if item.performance).performance.indicators]
    assert [text for text in h2 if text in labels] == labels
    assert "Agenda" in texts and any(text.startswith("Appendix 1: Performance Report") for text in texts)


def test_every_table_has_header_cells_with_a_scope_and_rows_of_cells(demo):
    _pack, _rendered, elements = demo

    tables = [index for index, element in enumerate(elements) if element.role == "Table"]

    assert len(tables) >= 20 + 3  # each indicator's figures, the key, the index, the count table, the agenda …
    for index in tables:
        inside = _under(elements, index)
        header_cells = [element for element in inside if element.role == "TH"]
        assert header_cells, f"table {index} has no header cell"
        assert all(cell.scope in ("Column", "Row") for cell in header_cells)
        assert all(element.parent_role == "TR" for element in inside if element.role in ("TH", "TD"))


def test_every_chart_is_a_figure_with_its_text_alternative(demo):
    pack, _rendered, elements = demo
    indicators = next(item for item in pack.items if item.performance).performance.indicators

    figures = [element for element in elements if element.role == "Figure"]

    assert len(figures) == len(indicators)
    assert all(figure.alt.startswith("Trend chart of the values") for figure in figures)
    assert all("The figures are listed below the chart." in figure.alt for figure in figures)


def test_bulleted_lists_are_lists_of_items_with_bodies(demo):
    _pack, _rendered, elements = demo

    lists = [index for index, element in enumerate(elements) if element.role == "L"]

    assert lists
    for index in lists:
        kids = [element for element in _under(elements, index) if element.depth == elements[index].depth + 1]
        assert kids and {element.role for element in kids} == {"LI"}


def test_text_in_structure_order_reads_as_the_page_reads_without_its_footer(demo):
    _pack, rendered, elements = demo
    pdftotext = _tool("pdftotext")
    reader = PdfReader(io.BytesIO(rendered.pdf))
    indicator_page = rendered.bookmarks[[b.level for b in rendered.bookmarks].index(1)].page

    for page in (1, indicator_page):
        on_page = [element for element in elements if any(where == page - 1 for where, _ in element.content)]
        in_structure = " ".join(structure_text(rendered.pdf, on_page, {page - 1})).split()
        as_drawn = reader.pages[page - 1].extract_text().split()
        poppler = subprocess.run(
            [pdftotext, "-f", str(page), "-l", str(page), "-", "-"], input=rendered.pdf, capture_output=True, check=True
        ).stdout.decode()

        assert len(in_structure) > 20
        assert as_drawn[: len(in_structure)] == in_structure
        # What the structure leaves out is the furniture drawn last: the footer, the page number, the watermark.
        furniture = " ".join(as_drawn[len(in_structure) :])
        assert PAGE_FOOTER.search(furniture) and len(furniture) < 120
        assert not PAGE_FOOTER.search(" ".join(in_structure))
        # poppler reads the page from the same first words
        assert poppler.split()[:8] == in_structure[:8]


def test_footers_page_numbers_and_the_draft_watermark_are_artifacts(demo):
    _pack, rendered, _elements = demo
    pdf = pikepdf.open(io.BytesIO(rendered.pdf))

    for page in pdf.pages[:3]:
        artifacts = [
            operands[1].Subtype
            for operands, _operator in pikepdf.parse_content_stream(page, "BDC")
            if operands[0] == pikepdf.Name.Artifact
        ]
        assert artifacts.count(pikepdf.Name.Footer) == 1 and artifacts.count(pikepdf.Name.Watermark) == 1


def test_every_link_is_a_link_element_owning_its_annotation(demo):
    _pack, rendered, elements = demo
    pdf = pikepdf.open(io.BytesIO(rendered.pdf))
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}

    links = [annot for page in pdf.pages for annot in page.obj.get("/Annots") or () if annot.Subtype == "/Link"]

    assert len(links) == Counter(element.role for element in elements)["Link"] > 20
    for annotation in links:
        element = tree[int(annotation.StructParent)]
        assert str(element.S) == "/Link"
        kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
        assert any(kid.get("/Obj") is not None and kid.Obj.objgen == annotation.objgen for kid in kids)
        assert str(annotation.get("/Contents", ""))


def test_the_parent_tree_matches_the_marked_content_of_every_page(demo):
    _pack, rendered, _elements = demo

    assert _parent_tree_problems(rendered.pdf) == []


def _cyp_tagged_paper(tmp_path) -> tuple[str, tuple[str, str]]:
    """A tagged paper as stored after upload (a cyp pack is one), a text it says and the role of its element."""
    data = pdf_pack_build(synthetic_pack(1))[0]
    checked = paper_check(name="finance.pdf", data=data)
    path = tmp_path / "finance.pdf"
    path.write_bytes(checked.data)
    assert checked.tagged
    return str(path), ("Children and Young People Committee", "H1")


def _libreoffice_paper(tmp_path) -> tuple[str, tuple[str, str]]:
    soffice = _tool("soffice")
    source = tmp_path / "finance.html"
    source.write_text(
        "<html><body><h1>Finance monitoring report</h1><p>The forecast outturn is balanced.</p>"
        "<table><tr><th>Service</th><th>Forecast</th></tr><tr><td>Children</td><td>1.2m</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    export = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    subprocess.run(
        [soffice, "--headless", profile, "--convert-to", export, "--outdir", str(tmp_path), str(source)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    checked = paper_check(name="finance.pdf", data=(tmp_path / "finance.pdf").read_bytes())
    path = tmp_path / "finance-stored.pdf"
    path.write_bytes(checked.data)
    assert checked.tagged
    return str(path), ("Forecast", "TH")  # the table's header cell, as LibreOffice tagged it


@pytest.mark.parametrize("make_paper", [_cyp_tagged_paper, _libreoffice_paper], ids=["cyp", "libreoffice"])
def test_a_merged_tagged_paper_keeps_its_tags_in_a_part_of_its_own(tmp_path, make_paper):
    path, (expected_text, expected_role) = make_paper(tmp_path)

    pdf, registry = pdf_pack_build(synthetic_pack(1, uploads=[path]))

    elements = structure(pdf)
    upload_pages = {page - 1 for page, _item, _index in registry.upload_slots}
    carried = [element for element in elements if any(page in upload_pages for page, _ in element.content)]
    assert carried, "the upload's marked content has no structure element"
    assert elements[0].role == "Document" and Counter(e.role for e in elements)["Document"] == 1
    assert expected_role in {element.role for element in carried} | {element.parent_role for element in carried}
    texts = [" ".join(text.split()) for text in structure_text(pdf, carried, upload_pages)]
    assert expected_text in texts
    assert _parent_tree_problems(pdf) == []


def test_an_untagged_paper_is_merged_and_the_pack_around_it_stays_tagged(tmp_path):
    path = paper_pdf(tmp_path / "untagged.pdf", title="Finance monitoring")

    pdf, registry = pdf_pack_build(synthetic_pack(1, uploads=[path]))

    elements = structure(pdf)
    upload_pages = {page - 1 for page, _item, _index in registry.upload_slots}
    assert not [element for element in elements if any(page in upload_pages for page, _ in element.content)]
    assert Counter(element.role for element in elements)["H1"] >= 2
    assert _parent_tree_problems(pdf) == []
    assert "Finance monitoring" in PdfReader(io.BytesIO(pdf)).pages[min(upload_pages)].extract_text()
