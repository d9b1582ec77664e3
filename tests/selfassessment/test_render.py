"""The three outputs: DOCX (opened by LibreOffice), PDF and HTML, in the template's order and numbering."""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from selfassessment.render import document_docx, document_html, document_pdf
from selfassessment.selectors import document_outline


def _soffice() -> str:
    path = shutil.which("soffice")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing: .ci/run installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return path


def _in_order(text: str, needles: list[str]) -> list[str]:
    """The needles not found in order in ``text`` (empty when all are, in order)."""
    position, missing = 0, []
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            missing.append(needle)
        else:
            position = found + len(needle)
    return missing


@pytest.fixture
def outline(demo, governance):
    return document_outline(document=demo, user=governance)


def _expected_order(outline) -> list[str]:
    needles = ["PART A: CONTEXTUAL INFORMATION", "PART B: SUMMARY", "PART C: CURRENT SELF-ASSESSMENT"]
    for view in outline.sections:
        needles.append(f"{view.section.number}. {view.section.title.upper()}")
        needles += [f"{statement.number})" for block in view.blocks for statement in block.statements]
    return needles


def test_the_docx_opens_in_libreoffice_and_reads_in_the_template_order(outline, tmp_path: Path):
    soffice = _soffice()
    docx = tmp_path / "self-assessment.docx"
    docx.write_bytes(document_docx(outline))

    result = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )

    pdf = tmp_path / "self-assessment.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr.decode()
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    text = re.sub(r"\s+", " ", text)
    assert _in_order(text, _expected_order(outline)) == []
    assert "Lou.Williams@cambridgeshire.go.uk" in text


def test_the_docx_uses_word_headings_in_the_template_order(outline):
    document = Document(io.BytesIO(document_docx(outline)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2" and re.match(r"\d+\. [A-Z]", p.text)]

    part_c = headings[headings.index("1. LEADERSHIP AND GOVERNANCE") :]
    assert [h.split(".")[0] for h in part_c] == [str(n) for n in range(1, 19)]
    assert part_c[-1] == "18. RADICALISATION AND EXTREMISM (optional section)"
    assert document.tables[0].rows[1].cells[1].text == "Gillian Beasley"


def test_the_pdf_reads_in_the_template_order(outline):
    reader = PdfReader(io.BytesIO(document_pdf(outline)))
    text = re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))

    assert _in_order(text, _expected_order(outline)) == []
    assert len(reader.pages) > 40


def test_the_html_has_every_section_heading_in_order(outline):
    html = document_html(outline)

    headings = re.findall(r'<h3 id="section-(\d+)">', html)
    assert headings == [str(n) for n in range(1, 19)]
    assert '<html lang="en-GB">' in html
