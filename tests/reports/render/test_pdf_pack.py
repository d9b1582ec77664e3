"""The pack PDF of 8 October 2024 from the demo: every indicator, the counts, page numbers, bookmarks, metadata."""

import io
import itertools

import pytest
from django.db import transaction
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape

from reports.document import ItemKind
from reports.render import PackRenderError, pack_render
from reports.render.pdf_pack import pdf_pack_build
from tests.reports.pack_helpers import (
    demo_pack_input,
    demo_report,
    load_demo_indicators,
    paper_pdf,
    read,
    synthetic_pack,
)
from tests.reports.render_helpers import PAGE_NUMBER, read_back, squash

# Every test is marked, so that pytest-django sets up the test database the module fixture needs.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo pack rendered once for the module, its database rows rolled back afterwards."""
    folder = tmp_path_factory.mktemp("papers")
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_indicators()
        pack = demo_pack_input(report=demo_report(), folder=folder)
        rendered = pack_render(pack=pack)
        transaction.set_rollback(True)
    return pack, rendered, read_back(rendered.pdf)


def test_every_indicator_number_and_name_is_in_the_pdf(demo):
    _pack, _rendered, pdf = demo
    for record in read("cyp_indicators_q1_2024_25.json")["indicators"]:
        assert squash(f"Indicator {record['number']}: {record['name']}") in pdf.text


def test_the_count_table_counts_8_red_and_says_128_is_not_counted(demo):
    text = demo[2].text

    for line in ("Red 8 42%", "Amber 2 11%", "Green 4 21%", "Blue 3 16%", "Contextual 2 11%", "Total counted 19"):
        assert line in text
    assert "*Figures may not add to 100 due to rounding." in text
    assert "1 indicator not updated this quarter is not counted in this table (see 3.2)." in text
    assert "3.2.1 Indicator 128: Percentage of Education, Health and Care plan assessments" in text
    assert "There are 8 Red indicators this quarter." in text
    assert "There are 9 red" not in text.lower()


def test_the_movements_and_unchanged_list_add_up_in_the_pdf(demo):
    text = demo[2].text

    assert "1 indicator moved from Amber to Green: Indicator 9: Ofsted" in text
    assert "1 indicator moved from Green to Blue: Indicator 11: Percentage of 2 year olds" in text
    assert "15 indicators' RAG status has remained unchanged" in text
    assert (
        "2 indicators have improved, 0 indicators have declined, 15 indicators are unchanged and 3 indicators "
        "cannot be compared: 20 indicators in all." in text
    )
    assert (
        "Indicator 128: Percentage of Education, Health and Care plan assessments completed within timescale "
        "(not updated this quarter)" in text
    )


def test_every_page_says_page_n_of_m_in_one_sequence(demo):
    _pack, rendered, pdf = demo

    assert rendered.page_count == len(pdf.pages)
    for number, text in enumerate(pdf.pages, start=1):
        assert PAGE_NUMBER.findall(text) == [(str(number), str(rendered.page_count))]


def test_bookmarks_cover_every_paper_and_every_indicator(demo):
    pack, rendered, pdf = demo
    outline = pdf.outline()

    papers = [entry for entry in pack.items if entry.kind != ItemKind.NO_PAPER]
    assert [title for level, title, _page in outline if level == 0] == [f"{e.number}. {e.title}" for e in papers]
    indicators = [title for level, title, _page in outline if level == 1]
    report = next(entry.performance for entry in pack.items if entry.kind == ItemKind.PERFORMANCE_REPORT)
    assert indicators == [entry.ref.label for entry in report.indicators]
    assert len(indicators) == 20
    assert [(b.level, b.title, b.page) for b in rendered.bookmarks] == outline
    for level, title, page in outline:
        if level == 1:
            assert squash(title) in pdf.pages[page - 1]


def test_the_agenda_prints_each_papers_page_range_and_each_paper_starts_there(demo):
    pack, rendered, pdf = demo
    front = pdf.pages[0]

    for entry in pack.items:
        if entry.kind == ItemKind.NO_PAPER:
            assert entry.item_id not in rendered.item_pages
            continue
        first, last = rendered.item_pages[entry.item_id]
        printed = str(first) if first == last else f"{first} - {last}"
        assert f"{squash(entry.title)} {printed}" in front
    ranges = sorted(rendered.item_pages.values())
    assert ranges[-1][1] == rendered.page_count
    assert all(previous[1] + 1 == following[0] for previous, following in itertools.pairwise(ranges))
    performance = next(e for e in pack.items if e.kind == ItemKind.PERFORMANCE_REPORT)
    assert "Children and Young People's Corporate Performance Report" in pdf.pages[rendered.item_pages[8][0] - 1]
    assert performance.item_id == 8


def test_the_pdf_metadata_gives_title_author_and_language(demo):
    _pack, _rendered, pdf = demo

    assert pdf.reader.metadata.title == "Children and Young People Committee: 8 October 2024"
    assert pdf.reader.metadata.author == "Cambridgeshire County Council"
    assert pdf.reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_a_draft_is_watermarked_on_every_page_including_uploads(demo):
    assert all("DRAFT" in text for text in demo[2].pages)


def test_uploaded_pages_are_merged_in_place_keep_their_size_and_are_numbered(demo):
    _pack, rendered, pdf = demo
    first, last = rendered.item_pages[2]

    assert (first, last) == (2, 4)
    for page_number, upload_page in zip(range(first, last + 1), (1, 2, 3), strict=True):
        assert f"Uploaded paper page {upload_page} of 3" in pdf.pages[page_number - 1]
    finance_first, _finance_last = rendered.item_pages[7]
    cover_page, landscape_page = pdf.reader.pages[finance_first - 1], pdf.reader.pages[finance_first]
    assert round(float(cover_page.mediabox.width)) == round(A4[0])
    assert round(float(landscape_page.mediabox.width)) == round(landscape(A4)[0])
    assert "Finance" in pdf.pages[finance_first] and f"Page {finance_first + 1} of" in pdf.pages[finance_first]


def test_a_final_pack_carries_no_watermark():
    rendered = pack_render(pack=synthetic_pack(2, draft=False))

    assert not any("DRAFT" in text for text in read_back(rendered.pdf).pages)


def test_a_rotated_upload_is_shown_upright_at_its_displayed_size(tmp_path):
    path = paper_pdf(tmp_path / "rotated.pdf", title="Rotated", pages=1, rotate=90)
    source = PdfReader(path).pages[0]

    pdf, registry = pdf_pack_build(synthetic_pack(1, uploads=[path]))

    back = read_back(pdf)
    page_number = registry.upload_slots[0][0]
    page = back.reader.pages[page_number - 1]
    assert source.rotation == 90
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        (float(source.mediabox.height), float(source.mediabox.width)), abs=0.01
    )
    assert page.rotation == 0
    assert "Rotated" in back.pages[page_number - 1]


def test_an_upload_that_is_not_a_pdf_stops_the_build_with_a_message_naming_the_item(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(b"This is a Word document, not a PDF")

    with pytest.raises(PackRenderError, match=r"^Item 4 \(Uploaded paper 4\): the uploaded PDF cannot be read"):
        pack_render(pack=synthetic_pack(1, uploads=[str(path)]))


def test_an_encrypted_upload_stops_the_build_and_says_to_remove_the_password(tmp_path):
    writer = PdfWriter(clone_from=paper_pdf(tmp_path / "plain.pdf", title="Secret", pages=1))
    writer.encrypt("secret")
    path = tmp_path / "secret.pdf"
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())

    with pytest.raises(PackRenderError, match=r"password-protected\. Upload a copy without a password\."):
        pack_render(pack=synthetic_pack(1, uploads=[str(path)]))


def test_the_improvement_plan_item_says_when_no_report_is_available():
    text = read_back(pack_render(pack=synthetic_pack(1)).pdf).text

    assert "Improvement plan No improvement plan report available." in text


def test_progress_is_reported_from_start_to_done():
    steps = []

    pack_render(pack=synthetic_pack(12), progress=lambda step, percentage: steps.append((step, percentage)))

    percentages = [percentage for _step, percentage in steps]
    assert percentages == sorted(percentages)
    assert steps[0] == ("Laying out the PDF", 5) and steps[-1] == ("Done", 100)


def test_the_improvement_plan_item_prints_the_plans_apps_report(tmp_path):
    from plans import demo as plans_demo
    from plans.report import plan_report_build

    committee = load_demo_indicators()
    plans_demo.load(committee=committee)
    pack = synthetic_pack(1)
    plan_entry = next(entry for entry in pack.items if entry.kind == ItemKind.IMPROVEMENT_PLAN_REPORT)
    plan_entry.improvement_plan = plan_report_build(on=pack.meeting_date)

    rendered = pack_render(pack=pack)

    first, last = rendered.item_pages[plan_entry.item_id]
    plan_text = " ".join(read_back(rendered.pdf).pages[first - 1 : last])
    assert "Summary" in plan_text and "Actions for recommendation 1" in plan_text
    assert "No improvement plan report available." not in plan_text
    assert "Actions for recommendation 1 on 8 October 2024" in rendered.html
