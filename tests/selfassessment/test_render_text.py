"""User text is data in every output: escaped in HTML and the PDF, long text lays out."""

import io

from docx import Document
from pypdf import PdfReader

from selfassessment.models import Block
from selfassessment.render import document_docx, document_html, document_pdf
from selfassessment.render.layout import text_parts
from selfassessment.selectors import document_outline

HOSTILE = "<script>alert(1)</script> & <b>bold</b> \x07bell"
LONG = ("Practice is improving across the service and audits show it. " * 90)[:5000]


def test_hostile_text_is_escaped_in_the_html_and_printed_as_typed_in_the_pdf_and_docx(section, governance):
    Block.objects.filter(section=section).update(summary=HOSTILE, evidence=LONG)
    outline = document_outline(document=section.document, user=governance)

    html = document_html(outline)
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(document_pdf(outline))).pages)
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(document_docx(outline))).paragraphs)

    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert(1)</script> & <b>bold</b>" in pdf_text.replace("\n", " ")
    assert "<script>alert(1)</script> & <b>bold</b> bell" in docx_text


def test_five_thousand_characters_of_evidence_lay_out_in_the_pdf(section, governance):
    Block.objects.filter(section=section).update(evidence=LONG + "\n\n" + LONG)
    outline = document_outline(document=section.document, user=governance)

    reader = PdfReader(io.BytesIO(document_pdf(outline)))

    assert len(reader.pages) >= 3
    assert "audits show it" in reader.pages[-1].extract_text() or "audits show it" in reader.pages[-2].extract_text()


def test_pasted_word_tables_and_lists_are_laid_out_as_tables_and_lists():
    parts = text_parts("Intro line\n\nYear\tCambridgeshire\tEngland\n2016\t3.7%\t4.1%\n\n- first\n- second")

    assert [p.kind for p in parts] == ["paragraph", "table", "bullets"]
    assert parts[1].rows == (("Year", "Cambridgeshire", "England"), ("2016", "3.7%", "4.1%"))
    assert parts[2].lines == ("first", "second")
