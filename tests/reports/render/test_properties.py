"""Bad input never breaks a pack: whatever people type, the PDF and the HTML build and show it as typed."""

import datetime

from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reports.document import AgendaEntry, CoverSheet, ItemKind, PackInput
from reports.render import pack_render
from reports.render.text import plain
from tests.reports.pack_helpers import synthetic_pack
from tests.reports.render_helpers import PAGE_NUMBER, read_back

START, END = "QXSTARTQX", "QXENDQX"
LONG_WORD = "Supercalifragilistic" * 15  # 300 characters, no space
RTL = "שלום עולם مرحبا بالعالم"
EMOJI = "Progress 👍🏽 👨‍👩‍👧 🚸"

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=300,
)


def check_pack(typed: str) -> None:
    text = f"{START} {typed} {END}"
    rendered = pack_render(pack=synthetic_pack(1, text=text))
    pdf = read_back(rendered.pdf)

    assert START in pdf.text and END in pdf.text
    for number, page in enumerate(pdf.pages, start=1):
        assert PAGE_NUMBER.findall(page) == [(str(number), str(rendered.page_count))]
    assert "<script" not in rendered.html
    for line in plain(text).split("\n"):
        if line.strip():
            assert escape(line.strip()) in rendered.html
    if "<script>" in typed:
        assert "<script>" in pdf.text


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example('<script>alert("pwned")</script> & <b>bold</b> <para> "quotes" \'single\'')
@example(LONG_WORD)
@example(RTL)
@example(EMOJI)
@example("\x00\x07\x1b control characters \ufeff and a zero width\u200bspace")
@example("- a typed list\n- of two items\n\n1. and a numbered\n2. list")
def test_any_text_builds_a_pdf_and_html_that_show_it(typed):
    check_pack(typed)


def test_a_300_character_word_wraps_inside_the_page():
    rendered = pack_render(pack=synthetic_pack(1, text=LONG_WORD))

    pdf = read_back(rendered.pdf)
    assert LONG_WORD in pdf.text.replace(" ", "")
    for page in pdf.reader.pages:
        assert float(page.mediabox.width) < 600


def test_a_20000_character_commentary_splits_across_pages():
    commentary = " ".join(f"Sentence {number} of a very long commentary." for number in range(600))[:20_000]
    assert len(commentary) == 20_000
    pack = synthetic_pack(1)
    pack.items[1].performance.indicators[0].commentary = f"{START} {commentary} {END}"

    rendered = pack_render(pack=pack)

    pdf = read_back(rendered.pdf)
    start_page = next(i for i, page in enumerate(pdf.pages) if START in page)
    end_page = next(i for i, page in enumerate(pdf.pages) if END in page)
    assert end_page - start_page >= 3
    assert "Sentence 250 of a very long commentary." in pdf.text


def test_a_pack_with_every_optional_field_empty_still_builds():
    pack = PackInput(
        committee_name="Committee",
        council_name="",
        meeting_date=datetime.date(2024, 10, 8),
        meeting_time="",
        venue="",
        clerk_name="",
        items=[
            AgendaEntry(1, "1", "Decisions", "Paper", ItemKind.IMPROVEMENT_PLAN_REPORT, cover=CoverSheet(title="")),
            AgendaEntry(2, "2", "Decisions", "Report", ItemKind.PERFORMANCE_REPORT),
        ],
    )

    rendered = pack_render(pack=pack)

    pdf = read_back(rendered.pdf)
    assert rendered.page_count == len(pdf.pages) >= 3
    assert "The performance report is not available." in pdf.text
    assert "None given." in pdf.text and "No officer contact given." in pdf.text
    assert rendered.html.startswith("<!DOCTYPE html>")


def test_emoji_in_a_commentary_print_as_the_emoji_in_the_pdf():
    from reports.render.pdf_styles import fonts

    if not fonts().symbols:
        import pytest

        pytest.skip("Debian's fonts-symbola is not installed (scripts/test and .ci/run install it)")
    rendered = pack_render(pack=synthetic_pack(1, text="Thumbs up 👍 and a tick ✓ in the commentary 🚸"))

    # Paragraph text keeps the emoji for the eye and for copying; footers drawn on the canvas in one
    # font show U+FFFD instead (pdf_styles.clean).
    assert "Thumbs up 👍 and a tick ✓ in the commentary 🚸" in read_back(rendered.pdf).text


def test_line_breaks_in_non_latin_text_stay_line_breaks():
    from reports.render.pdf_styles import inline

    assert inline("Café review\nNext step: ⟶ panel") == "Café review<br/>Next step: ⟶ panel"
