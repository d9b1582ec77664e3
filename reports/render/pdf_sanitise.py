"""Uploaded papers without anything that runs: what a PDF may carry into the official pack. No Django.

A paper someone uploads could carry JavaScript, a launch action that starts a program,
embedded files, or form scripts. The pack is sent to every member and published, so
none of that may reach it. The paper is cleaned once at upload (``pdf_sanitise``: the
stored file is the cleaned one) and its pages again, defensively, when they are merged
into the pack (``pages_sanitise``), in case a file was stored before this rule or by
another path.

What goes:

- the whole document catalogue: only the pages are kept, so the document's JavaScript
  (``/Names /JavaScript``), ``/OpenAction``, document actions (``/AA``), embedded files
  (``/Names /EmbeddedFiles``), the form (``/AcroForm`` with XFA and its scripts), the
  outline's actions and the metadata;
- on every page and annotation, additional actions (``/AA``) and any action that is not
  an ordinary link: only ``/URI`` to an ``http``, ``https`` or ``mailto`` address,
  ``/GoTo`` within the paper and ``/Named`` (next page and the like) stay, without any
  chained ``/Next`` action; so ``/JavaScript``, ``/Launch``, ``/SubmitForm``,
  ``/ImportData``, ``/GoToR``, ``/GoToE``, renditions and the rest go;
- annotations that carry or play content: file attachments, sound, movie, screen, rich
  media and 3D; a link left with nowhere to go; an annotation without a rectangle
  (which the merge could not place);
- embedded file streams anywhere (``/EF`` of a file specification) and any ``/JS`` left.

What stays: the pages' content, resources and appearance (a filled-in form still shows
its values), ordinary web and e-mail links, links within the paper, and a tagged paper's
structure tree and language (scrubbed the same way), so the pack keeps its tags.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

SAFE_ACTIONS = {"/URI", "/GoTo", "/Named"}
SAFE_SCHEMES = {"http", "https", "mailto"}
#: Keys that hold scripts, actions run on events, embedded files or forms: removed wherever they are.
UNSAFE_KEYS = ("/AA", "/JS", "/JavaScript", "/OpenAction", "/EmbeddedFiles", "/EF", "/AcroForm", "/XFA")
#: Keys whose value is one action (or, for /Next, one or more).
ACTION_KEYS = ("/A", "/PA", "/Next")
UNSAFE_ANNOTATIONS = {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _safe_action(action) -> bool:
    action = _resolved(action)
    if not isinstance(action, DictionaryObject):
        return False
    kind = action.get("/S")
    if kind not in SAFE_ACTIONS:
        return False
    if kind == "/URI":
        address = _resolved(action.get("/URI"))
        try:
            address = address.decode("latin-1") if isinstance(address, bytes) else str(address or "")
            scheme = urlsplit(address.strip()).scheme.lower()
        except ValueError:
            return False
        return scheme in SAFE_SCHEMES
    return True


def _scrub_dictionary(obj: DictionaryObject) -> int:
    """Remove unsafe keys and actions from one dictionary; the number of things removed."""
    removed = 0
    for key in UNSAFE_KEYS:
        if key in obj:
            del obj[key]
            removed += 1
    for key in ACTION_KEYS:
        if key not in obj:
            continue
        if key == "/Next" or not _safe_action(obj[key]):
            del obj[key]
            removed += 1
    if "/Annots" in obj:
        removed += _scrub_annotations(obj)
    return removed


def _scrub_annotations(page: DictionaryObject) -> int:
    annotations = _resolved(page["/Annots"])
    if not isinstance(annotations, ArrayObject):
        del page["/Annots"]
        return 1
    kept = ArrayObject()
    for reference in annotations:
        annotation = _resolved(reference)
        if not isinstance(annotation, DictionaryObject):
            continue
        if annotation.get("/Subtype") in UNSAFE_ANNOTATIONS or not _has_rectangle(annotation):
            continue
        _scrub_dictionary(annotation)
        if annotation.get("/Subtype") == "/Link" and "/A" not in annotation and "/Dest" not in annotation:
            continue  # a link that no longer goes anywhere
        kept.append(reference)
    removed = len(annotations) - len(kept)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        del page["/Annots"]
    return removed


def _has_rectangle(annotation: DictionaryObject) -> bool:
    rectangle = _resolved(annotation.get("/Rect"))
    return isinstance(rectangle, ArrayObject) and len(rectangle) == 4


def _walk(start) -> int:
    """Scrub every dictionary reachable from ``start`` (streams' dictionaries too, never their data)."""
    removed = 0
    seen: set[int] = set()
    stack = [start]
    while stack:
        obj = _resolved(stack.pop())
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, DictionaryObject):  # StreamObject is a DictionaryObject too
            removed += _scrub_dictionary(obj)
            # A page's /Parent is the page tree, not what it carries; a widget's /Parent (its form
            # field, which may hold scripts) is followed.
            tree = obj.get("/Type") in ("/Page", "/Pages")
            stack.extend(value for key, value in obj.items() if not (tree and key == "/Parent"))
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return removed


def pages_sanitise(pages) -> int:
    """Clean pages in place (a reader's, before they are merged): the number of things removed.

    A page's ``/Parent`` (the page tree) is not followed, so only what the pages draw and
    carry (and the form fields of their widgets) is visited.
    """
    return sum(_walk(page) for page in pages)


def _structure_keep(reader: PdfReader, writer: PdfWriter) -> None:
    """Carry a tagged paper's structure tree (and its language) into the cleaned copy, so the pack keeps its tags.

    The tree is scrubbed like the pages, and loses its references to annotations the cleaning removed (an
    OBJR would otherwise bring a removed attachment back into the file).
    """
    root = _resolved(reader.trailer["/Root"])
    tree = _resolved(root.get("/StructTreeRoot"))
    mark_info = _resolved(root.get("/MarkInfo"))
    if not isinstance(tree, DictionaryObject) or not isinstance(mark_info, DictionaryObject):
        return
    kept = {id(_resolved(annotation)) for page in reader.pages for annotation in _resolved(page.get("/Annots")) or ()}
    _unlink_removed_annotations(tree, kept)
    _walk(tree)
    writer._root_object[NameObject("/StructTreeRoot")] = root.raw_get("/StructTreeRoot").clone(writer)
    writer._root_object[NameObject("/MarkInfo")] = DictionaryObject(
        {NameObject("/Marked"): BooleanObject(bool(mark_info.get("/Marked", False)))}
    )
    language = _resolved(root.get("/Lang"))
    if isinstance(language, TextStringObject | ByteStringObject):
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))


def _unlink_removed_annotations(tree: DictionaryObject, kept: set[int]) -> None:
    seen: set[int] = set()
    stack = [tree]
    while stack:
        element = _resolved(stack.pop())
        if not isinstance(element, DictionaryObject) or id(element) in seen:
            continue
        seen.add(id(element))
        kids = _resolved(element.get("/K"))
        if isinstance(kids, DictionaryObject) and _is_removed(kids, kept):
            del element["/K"]
        elif isinstance(kids, ArrayObject):
            for index in reversed(range(len(kids))):
                if _is_removed(_resolved(kids[index]), kept):
                    del kids[index]
            stack.extend(kids)
        elif isinstance(kids, DictionaryObject):
            stack.append(kids)


def _is_removed(kid, kept: set[int]) -> bool:
    return (
        isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR" and id(_resolved(kid.get("/Obj"))) not in kept
    )


def pdf_sanitise(data: bytes) -> bytes:
    """The PDF rebuilt from its pages alone, with nothing that runs, launches or embeds.

    Raises what pypdf raises for a file it cannot read; the caller has checked it is a PDF
    and not encrypted.
    """
    return reader_sanitise(PdfReader(io.BytesIO(data), strict=False))


def reader_sanitise(reader: PdfReader) -> bytes:
    """``pdf_sanitise`` of a PDF already opened (its pages are cleaned in place)."""
    # Clean first, then copy: the writer copies only what the cleaned pages still reach, so
    # nothing removed is left behind as an unreferenced object in the file.
    pages_sanitise(reader.pages)
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    _structure_keep(reader, writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
