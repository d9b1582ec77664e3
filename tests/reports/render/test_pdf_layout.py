"""Any text within its limit lays out in the PDF, in full; a text that cannot be laid out names what to fix.

Every typed text at its limit (cyp.limits), as ordinary prose, as one unbroken word and as emoji,
right-to-left and CJK text, in the improvement plan report and in the pack's performance pages.
"""

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph, Spacer

from cyp import limits
from reports.render import PackRenderError, pack_render, pdf_pack, pdf_plans
from reports.render.pdf_layout import PackDocTemplate, Registry, labelled
from reports.render.pdf_plans import plan_report_pdf
from reports.render.pdf_styles import PARAGRAPH_CHUNK, pack_styles, rich
from tests.reports.limit_texts import (
    KINDS,
    limit_text,
    limits_pack,
    limits_performance_characters,
    limits_plan_characters,
    limits_plan_report,
)
from tests.reports.render_helpers import PAGE_NUMBER, fonts_drawing_text, read_back, squash

PLAN_FOOTER = re.compile(r"Children's Services Ofsted Action Plan July 2024 – position on 8 October 2024 Page \d+")
PACK_FURNITURE = re.compile(r"Children and Young People Committee – 8 October 2024 Page \d+ of \d+|DRAFT")


def unspaced(text: str) -> str:
    """The text without any white space: a word wrapped over many lines reads back whole."""
    return "".join(text.split())


def body_text(pages: list[str], furniture: re.Pattern) -> str:
    """The pages' text without footers and watermark, white space removed, so a text over pages reads whole."""
    return unspaced(" ".join(furniture.sub(" ", page) for page in pages))


# --- The plan report -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_plan_report_prints_every_text_at_its_limit_in_full(kind):
    report = limits_plan_report(kind, recommendations=2, actions=2)

    pdf = read_back(plan_report_pdf(report))

    printed = body_text(pdf.pages, PLAN_FOOTER)
    for rec in report.recommendations:
        assert unspaced(f"END-rec{rec.number}") in printed
        for action in rec.actions:
            assert f"END-item{action.number}" in printed and f"END-progress{action.number}" in printed
            assert f"Action {action.number}: latest approved progress as at 14 May 2024 (continued)" in pdf.text
            assert f"Action {action.number}: item (continued)" in pdf.text
    # 4 actions of 4,000 + 12,000 characters and 2 recommendations of 4,000: 72,000 characters, about
    # 2,000 to 3,000 a page; fewer pages would mean text went missing, many more a layout gone wrong.
    characters = limits_plan_characters(report)
    assert characters == 72_000
    assert characters / 4000 <= len(pdf.pages) <= characters / 1000


def test_an_unbroken_word_at_the_limit_is_printed_whole():
    report = limits_plan_report("word", recommendations=1, actions=1)
    progress = report.recommendations[0].actions[0].progress

    printed = body_text(read_back(plan_report_pdf(report)).pages, PLAN_FOOTER)

    assert len(progress) == limits.PROGRESS and progress in printed


def test_emoji_in_the_plan_report_are_set_in_symbola_and_the_rest_in_dejavu():
    report = limits_plan_report("scripts", recommendations=1, actions=1)

    fonts = fonts_drawing_text(plan_report_pdf(report))

    assert fonts == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "Symbola"}


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=limits.PROGRESS))
def test_any_progress_update_within_the_limit_lays_out(typed):
    report = limits_plan_report("prose", recommendations=1, actions=1)
    action = report.recommendations[0].actions[0]
    action.progress = f"QXSTARTQX {typed}"[: limits.PROGRESS - 8] + " QXENDQX"
    action.item = typed[: limits.ACTION_TEXT]

    text = read_back(plan_report_pdf(report)).text

    assert "QXSTARTQX" in text and "QXENDQX" in text


def test_markup_typed_in_the_plan_report_prints_as_typed():
    report = limits_plan_report("prose", recommendations=1, actions=1)
    action = report.recommendations[0].actions[0]
    action.item = 'Use <b>bold</b> & <font color="red">red</font> &amp; <br/> <a href="x">link</a>'
    action.progress = "Figures < 25 & rising <i>fast</i>"

    text = body_text(read_back(plan_report_pdf(report)).pages, PLAN_FOOTER)

    assert unspaced('Use <b>bold</b> & <font color="red">red</font> &amp; <br/> <a href="x">link</a>') in text
    assert unspaced("Figures < 25 & rising <i>fast</i>") in text


def test_a_row_that_cannot_split_names_the_action_and_the_field(monkeypatch):
    # As the report was laid out before (whole texts in cells, rows that cannot split) an action whose
    # progress is longer than a page is the LayoutError of the issue: it must say which update to shorten.
    monkeypatch.setattr(pdf_plans, "SPLIT_IN_ROW", 0)
    monkeypatch.setattr(pdf_plans, "LONG_CELL", 10**9)
    report = limits_plan_report("prose", recommendations=2, actions=2)
    for rec in report.recommendations:
        for action in rec.actions:
            action.item, action.progress = "Recruit four social workers.", "Two recruited."
    report.recommendations[1].actions[1].progress = limit_text("prose", limits.PROGRESS, "long")

    with pytest.raises(PackRenderError) as caught:
        plan_report_pdf(report)

    assert str(caught.value).startswith(
        "Improvement plan report, action 2.2 (progress update of 14 May 2024): the text could not be laid out "
        "(Flowable <LongTable"
    )
    assert str(caught.value).endswith("Shorten the text or split it into paragraphs, then try again.")


# --- The pack --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_pack_prints_every_text_at_its_limit_in_full(kind):
    pack = limits_pack(kind, 2)
    pack.items[2].improvement_plan = limits_plan_report(kind, recommendations=1, actions=2)
    performance = pack.items[1].performance

    rendered = pack_render(pack=pack)

    pdf = read_back(rendered.pdf)
    first, last = rendered.item_pages[2]
    performance_text = body_text(pdf.pages[first - 1 : last], PACK_FURNITURE)
    for entry in performance.indicators:
        number = entry.ref.number
        for field in ("commentary", "actions", "description", "calculation", "target"):
            assert f"END-{field}{number}" in performance_text, (field, number)
        assert (f"END-reason{number}" in performance_text) == entry.not_updated
    plan_first, plan_last = rendered.item_pages[3]
    plan_text = body_text(pdf.pages[plan_first - 1 : plan_last], PACK_FURNITURE)
    assert "END-progress1.2" in plan_text and "END-item1.1" in plan_text
    everything = body_text(pdf.pages, PACK_FURNITURE)
    assert "END-summary" in everything and "END-recommendation" in everything and "END-note" in everything
    for number, page in enumerate(pdf.pages, start=1):
        assert PAGE_NUMBER.findall(page) == [(str(number), str(rendered.page_count))]
    # About 2,000 to 4,000 characters a page: the performance report's 2 indicators of 46,000 or so
    # typed characters each, and pages for the sections, the key and the index.
    characters = limits_performance_characters(performance)
    assert characters / 5000 <= last - first + 1 <= characters / 1000 + 12
    assert plan_first == last + 1 and plan_last == rendered.page_count == len(pdf.pages)


def test_a_pack_that_cannot_lay_out_a_plan_text_names_the_item_the_action_and_the_field(monkeypatch):
    monkeypatch.setattr(pdf_plans, "SPLIT_IN_ROW", 0)  # as the report was laid out before
    monkeypatch.setattr(pdf_plans, "LONG_CELL", 10**9)

    with pytest.raises(PackRenderError) as caught:
        pack_render(pack=limits_pack("prose", 1))

    assert str(caught.value).startswith(
        "Item 3, improvement plan report, action 1.1 (progress update of 14 May 2024): the text could not be laid out"
    )


def test_what_cannot_be_laid_out_takes_the_name_of_the_part_it_belongs_to():
    registry = Registry()
    doc = PackDocTemplate(io.BytesIO(), registry=registry, upload_sizes=set())
    story = [
        labelled(
            Paragraph("Commentary", pack_styles()["h3"]), "Item 2, performance report, indicator 117 (commentary)"
        ),
        Paragraph("The commentary.", pack_styles()["body"]),
        Spacer(10, 2000),  # taller than any page, and cannot split
    ]

    with pytest.raises(PackRenderError, match=r"^Item 2, performance report, indicator 117 \(commentary\): the text"):
        doc.build(story)


def test_a_long_paragraph_is_laid_out_in_pieces_that_read_back_as_typed():
    typed = limit_text("prose", limits.COMMENTARY, "one").replace("\n\n", " ").replace("\n- ", " ")

    flowables = rich(typed)

    assert len(flowables) == pytest.approx(limits.COMMENTARY / PARAGRAPH_CHUNK, abs=3)
    assert all(len(flowable.text) <= PARAGRAPH_CHUNK + 50 for flowable in flowables)
    assert squash(" ".join(flowable.text for flowable in flowables)) == squash(typed)


# --- Progress while laying out ---------------------------------------------------------------------


def test_the_layout_reports_the_page_it_is_on_while_a_long_paper_is_laid_out(monkeypatch):
    monkeypatch.setattr(pdf_pack, "HEARTBEAT_SECONDS", 0)
    steps = []

    _pdf, registry = pdf_pack.pdf_pack_build(
        limits_pack("prose", 2), progress=lambda step, percent: steps.append((step, percent))
    )

    pages = {int(step.split("page ")[1].rstrip(")")) for step, _ in steps if step.startswith("Laying out the PDF (")}
    plan_first = registry.item_starts[3]
    assert set(range(plan_first, registry.page_count + 1)) <= pages  # every page of the plan report, one by one
    assert steps.count(("Preparing the PDF", 5)) == 2 + 2  # each paper and each indicator, before the layout
    assert [percent for _, percent in steps] == sorted(percent for _, percent in steps)


def test_the_page_is_reported_at_most_once_a_second():
    sent, now = [], [100.0]
    progress = pdf_pack.LayoutProgress(
        limits_pack("prose", 1), lambda step, percent: sent.append(step), clock=lambda: now[0]
    )

    progress.on_page(1)
    now[0] += 0.6
    progress.on_page(2)
    now[0] += 0.5
    progress.on_page(3)
    progress.on_page(4)
    now[0] += 1.0
    progress.on_page(5)

    assert sent == ["Laying out the PDF (page 3)", "Laying out the PDF (page 5)"]
