"""Reading a tagged PDF's structure tree in tests: elements in order, the text of each, its checks.

``structure(pdf)`` walks the tree depth first and returns every element with its
role, alt text, scope and the marked content it owns; ``structure_text`` gives
each leaf's text, extracted by pypdf from a copy of its page that holds only that
marked content, so tests can compare the structure's reading order with the
order of the text on the page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pikepdf
from pypdf import PdfReader


@dataclass
class Element:
    role: str
    depth: int
    alt: str = ""
    scope: str = ""
    content: list[tuple[int, int]] = field(default_factory=list)  # (page index, mcid)
    objgen: tuple[int, int] = (0, 0)  # the element's object number (the Pdf it came from is closed)
    parent_role: str = ""


def _kids(obj) -> list:
    kids = obj.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def structure(data: bytes) -> list[Element]:
    """Every structure element, depth first (the reading order), role mapped through the RoleMap."""
    pdf = pikepdf.open(io.BytesIO(data))
    page_index = {page.objgen: index for index, page in enumerate(pdf.pages)}
    tree = pdf.Root.StructTreeRoot
    role_map = tree.get("/RoleMap") or {}
    found: list[Element] = []

    def walk(obj, depth: int, page: int | None, parent_role: str) -> None:
        role = str(obj.get("/S"))
        role = str(role_map.get(role, role))
        if "/Pg" in obj:
            page = page_index.get(obj.Pg.objgen, page)
        attributes = obj.get("/A")
        scope = ""
        if isinstance(attributes, pikepdf.Dictionary) and "/Scope" in attributes:
            scope = str(attributes.Scope)[1:]
        element = Element(role[1:], depth, str(obj.get("/Alt", "")), scope, objgen=obj.objgen, parent_role=parent_role)
        found.append(element)
        for kid in _kids(obj):
            if isinstance(kid, int):
                element.content.append((page, int(kid)))
            elif kid.get("/Type") == pikepdf.Name.MCR:
                element.content.append((page_index[kid.Pg.objgen], int(kid.MCID)))
            elif kid.get("/Type") == pikepdf.Name.OBJR:
                continue
            else:
                walk(kid, depth + 1, page, element.role)

    for kid in _kids(tree):
        walk(kid, 0, None, "")
    return found


def _mcid_only(operations, wanted: int) -> list:
    """The content stream's operations inside marked content ``wanted`` (with the text state operators)."""
    kept, depth, inside_at = [], 0, None
    for operands, operator in operations:
        name = str(operator)
        if name in ("BDC", "BMC"):
            depth += 1
            marked = name == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
            if inside_at is None and marked and int(operands[1].get("/MCID", -1)) == wanted:
                inside_at = depth
                continue
        elif name == "EMC":
            if inside_at == depth:
                inside_at = None
                depth -= 1
                continue
            depth -= 1
        if inside_at is not None:
            kept.append((operands, operator))
    return kept


def structure_text(data: bytes, elements: list[Element], pages: set[int]) -> list[str]:
    """The text of each element's marked content on ``pages``, in structure order."""
    pdf = pikepdf.open(io.BytesIO(data))
    operations = {index: pikepdf.parse_content_stream(pdf.pages[index]) for index in pages}
    out = pikepdf.new()
    wanted = [(page, mcid) for element in elements for page, mcid in element.content if page in pages]
    for page, mcid in wanted:
        copy = out.copy_foreign(pdf.pages[page].obj)
        out.pages.append(pikepdf.Page(copy))
        out.pages[-1].obj.Contents = out.make_stream(pikepdf.unparse_content_stream(_mcid_only(operations[page], mcid)))
        if "/Annots" in out.pages[-1].obj:
            del out.pages[-1].obj["/Annots"]
    buffer = io.BytesIO()
    out.save(buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    return [page.extract_text() for page in reader.pages]


def words(text: str) -> list[str]:
    return text.split()


def tagged_pdf_bytes(text: str = "Finance monitoring report") -> bytes:
    """A one-page tagged PDF, as an office suite exports one: a Document with an H1 whose marked content
    draws ``text`` (ASCII)."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont="/Helvetica")
    )
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(f"/H1 <</MCID 0>> BDC BT /F1 16 Tf 72 760 Td ({text}) Tj ET EMC".encode())
    page.obj.StructParents = 0
    tree = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    document = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, P=tree))
    heading = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.H1, P=document, Pg=page.obj, K=0)
    )
    document.K = pikepdf.Array([heading])
    tree.K = document
    tree.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Array([heading])])))
    tree.ParentTreeNextKey = 1
    pdf.Root.StructTreeRoot = tree
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("en-GB")
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
