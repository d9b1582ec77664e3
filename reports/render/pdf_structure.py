"""The structure tree of the pack's PDF, written after the build from what ``pdf_tags.Tagger`` recorded.

``pdf_tag`` opens the built (and merged) PDF with pikepdf and writes the structure
tree, the parent tree, the Link elements of cyp's link annotations, /Lang, the title
shown in the window (DisplayDocTitle) and the PDF/UA-1 identifier in the XMP metadata.
A merged uploaded paper that was tagged keeps its tags: its structure elements are
copied under its item's Part, pointing at the pack's pages (its marked content came
with the page content when pypdf merged it); one whose tree cannot be read is merged
untagged.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass

from reports.render.pdf_tags import Link, Node, Tagger

logger = logging.getLogger(__name__)


@dataclass
class MergedUpload:
    """An uploaded paper merged into the pack: its file and the pack page (1-based) of each of its pages."""

    item_id: int
    path: str
    pages: dict[int, int]  # source page index -> pack page number


def pdf_tag(pdf: bytes, tagger: Tagger, *, title: str, lang: str, uploads: list[MergedUpload]) -> bytes:
    """The PDF with its structure tree, parent tree, Link elements, /Lang, DisplayDocTitle and XMP metadata."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    document = pikepdf.open(io.BytesIO(pdf))
    pages = document.pages
    tree_root = document.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    parent_tree: dict[int, object] = {}
    page_leaves: dict[int, dict[int, object]] = {}
    next_key = len(pages)
    annotation_links = []

    page_objects = [page.obj for page in pages]
    names: dict[str, object] = {}
    struct_elem, mcr_type, objr_type = Name.StructElem, Name.MCR, Name.OBJR

    def name(role: str):
        found = names.get(role)
        if found is None:
            found = names[role] = Name("/" + role)
        return found

    def element(node: Node, parent) -> object:
        kids_of = node.kids
        if kids_of and all(type(kid) is tuple for kid in kids_of) and len({kid[0] for kid in kids_of}) == 1:
            # A leaf on one page (nearly every element): written in one go.
            page = kids_of[0][0]
            fields = {"/Type": struct_elem, "/S": name(node.role), "/P": parent, "/Pg": page_objects[page - 1]}
            fields["/K"] = kids_of[0][1] if len(kids_of) == 1 else Array([mcid for _page, mcid in kids_of])
            if node.alt:
                fields["/Alt"] = pikepdf.String(node.alt)
            fields.update(_attributes(node))
            obj = document.make_indirect(Dictionary(fields))
            leaves = page_leaves.setdefault(page, {})
            for _page, mcid in kids_of:
                leaves[mcid] = obj
            return obj
        obj = document.make_indirect(Dictionary({"/Type": struct_elem, "/S": name(node.role), "/P": parent}))
        kids = []
        for kid in kids_of:
            if isinstance(kid, Node):
                kids.append(element(kid, obj))
            elif isinstance(kid, Link):
                annotation_links.append((kid, obj))
                kids.append(Dictionary({"/Type": objr_type, "/Pg": page_objects[kid.page - 1]}))  # /Obj set below
            else:
                page, mcid = kid
                page_leaves.setdefault(page, {})[mcid] = obj
                kids.append(Dictionary({"/Type": mcr_type, "/Pg": page_objects[page - 1], "/MCID": mcid}))
        if kids:
            obj.K = kids[0] if len(kids) == 1 else Array(kids)
        if node.alt:
            obj.Alt = pikepdf.String(node.alt)
        for key, value in _attributes(node).items():
            obj[key] = value
        return obj

    root_element = element(tagger.root, tree_root)
    role_map = Dictionary()
    for upload in uploads:
        part = tagger.parts.get(upload.item_id)
        if part is not None:
            carried = _upload_structure(
                document, upload, _find_element(root_element, part, tagger), page_leaves, role_map
            )
            for annotation, element in carried:
                annotation.StructParent = next_key
                parent_tree[next_key] = element
                next_key += 1

    # Links: each annotation cyp put on a page, in order, is the Link element recorded for it.
    for link, link_obj in annotation_links:
        page = pages[link.page - 1]
        annotations = page.obj.get("/Annots")
        if annotations is None or link.index >= len(annotations):
            continue
        annotation = annotations[link.index]
        annotation.StructParent = next_key
        if link.contents:
            annotation.Contents = pikepdf.String(link.contents)
        objr = next(kid for kid in _kids(link_obj) if kid.get("/Type") == Name.OBJR and "/Obj" not in kid)
        objr.Obj = annotation
        parent_tree[next_key] = link_obj
        next_key += 1

    for number, page in enumerate(pages, start=1):
        leaves = page_leaves.get(number)
        page.obj.Tabs = Name.S
        if leaves:
            page.obj.StructParents = number - 1
            parent_tree[number - 1] = Array([leaves.get(mcid) for mcid in range(max(leaves) + 1)])
        elif "/StructParents" in page.obj:
            del page.obj["/StructParents"]

    nums = Array()
    for key in sorted(parent_tree):
        nums.append(key)
        nums.append(parent_tree[key])
    tree_root.K = root_element
    tree_root.ParentTree = document.make_indirect(Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = next_key
    if role_map:
        tree_root.RoleMap = role_map
    catalog = document.Root
    catalog.StructTreeRoot = tree_root
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = pikepdf.String(lang)
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    with document.open_metadata(set_pikepdf_as_editor=False) as meta:
        if "/Trapped" in document.docinfo:
            del document.docinfo["/Trapped"]  # reportlab's /False; XMP has no such field (pikepdf warns)
        meta.load_from_docinfo(document.docinfo)
        meta["dc:title"] = title
        meta["pdfuaid:part"] = "1"
        meta["dc:language"] = [lang]
    output = io.BytesIO()
    with warnings.catch_warnings():
        # A merged paper's form fields lost their /AcroForm to the sanitiser on purpose (no live forms in a pack).
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        document.save(
            output,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,  # the streams as reportlab compressed them
            min_version="1.7",  # PDF/UA-1 is built on PDF 1.7 (ISO 32000-1)
        )
    return output.getvalue()


def _attributes(node: Node) -> dict:
    """A header cell's scope; a figure's placement."""
    from pikepdf import Dictionary, Name

    if node.scope:
        return {"/A": Dictionary(O=Name.Table, Scope=Name("/" + node.scope))}
    if node.role == "Figure":
        return {"/A": Dictionary(O=Name.Layout, Placement=Name.Block)}
    return {}


def _kids(obj) -> list:
    import pikepdf

    kids = obj.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _find_element(root_element, part: Node, tagger: Tagger):
    """The written element of ``part`` (a kid of the Document, in the same position)."""
    return _kids(root_element)[tagger.root.kids.index(part)]


def _carried_annotation(objr, source, upload: MergedUpload, pages):
    """The pack's copy of the annotation an upload's OBJR points at: pypdf carried each page's annotations over
    in order, onto a page that had none of cyp's (an upload's placeholder page carries no links)."""
    target = objr.get("/Obj")
    page_ref = objr.get("/Pg")
    if target is None or page_ref is None:
        return None
    for index, source_page in enumerate(source.pages):
        if source_page.objgen != page_ref.objgen or index not in upload.pages:
            continue
        source_annotations = list(source_page.obj.get("/Annots") or ())
        positions = [position for position, item in enumerate(source_annotations) if item.objgen == target.objgen]
        carried = pages[upload.pages[index] - 1].obj.get("/Annots")
        if positions and carried is not None and positions[0] < len(carried):
            annotation = carried[positions[0]]
            if annotation.get("/Subtype") == target.get("/Subtype"):
                annotation.P = pages[upload.pages[index] - 1].obj
                return annotation
    return None


def _upload_structure(document, upload: MergedUpload, part, page_leaves, role_map) -> list:
    """``_upload_structure_copy``; a paper whose structure tree cannot be read is merged untagged (its pages are
    in the pack as they are, and readiness has warned about papers without tags), never a failed build."""
    import pikepdf

    _forget_upload_numbers(document, upload)
    leaves: dict[int, dict[int, object]] = {}
    kids_before = list(_kids(part))
    try:
        annotations = _upload_structure_copy(document, upload, part, leaves, role_map)
    except (pikepdf.PdfError, KeyError, TypeError, ValueError, AttributeError, RecursionError):
        logger.warning("Item %s: the uploaded paper's tags could not be read; it is merged untagged", upload.item_id)
        part.K = pikepdf.Array(kids_before)
        return []
    for page, found in leaves.items():
        page_leaves.setdefault(page, {}).update(found)
    return annotations


def _forget_upload_numbers(document, upload: MergedUpload) -> None:
    """Remove the upload's parent tree numbers that pypdf carried over (on annotations and form XObjects): they
    name entries of the upload's parent tree, not the pack's."""
    pending = []
    for number in upload.pages.values():
        page = document.pages[number - 1].obj
        for annotation in page.get("/Annots") or ():
            if "/StructParent" in annotation:
                del annotation["/StructParent"]
        pending.append(page.get("/Resources"))
    seen = set()
    while pending:
        resources = pending.pop()
        xobjects = resources.get("/XObject") if resources is not None else None
        for xobject in (xobjects or {}).values():
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            for key in ("/StructParents", "/StructParent"):
                if key in xobject:
                    del xobject[key]
            pending.append(xobject.get("/Resources"))


def _upload_structure_copy(document, upload: MergedUpload, part, page_leaves, role_map) -> list:
    """Copy a tagged upload's structure elements under its Part, pointing at the pack's pages; returns the
    (annotation, element) pairs of its links, for the parent tree.

    Marked content came with the page content; each copied element's MCIDs are entered in the pack page's
    parent tree. Kids the copy cannot carry (marked content in form XObjects) are left out.
    """
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    source = pikepdf.open(upload.path)
    tree = source.Root.get("/StructTreeRoot")
    annotations: list = []
    if tree is None or not source.Root.get("/MarkInfo", {}).get("/Marked", False):
        return annotations
    page_of = {source.pages[index].objgen: number for index, number in upload.pages.items()}
    pages = document.pages
    copied: dict = {}

    def copy_value(value):
        if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and value.is_indirect:
            return document.copy_foreign(value)
        if isinstance(value, pikepdf.Array):
            return Array([copy_value(item) for item in value])
        if isinstance(value, pikepdf.Dictionary):
            return Dictionary({key: copy_value(item) for key, item in value.items()})
        return value

    def copy(source_element, parent, page: int | None):
        if source_element.objgen in copied:  # a damaged tree that loops
            return None
        obj = document.make_indirect(Dictionary(Type=Name.StructElem, P=parent))
        copied[source_element.objgen] = obj
        page_ref = source_element.get("/Pg")
        if page_ref is not None:
            page = page_of.get(page_ref.objgen)
            if page is not None:
                obj.Pg = pages[page - 1].obj
        for key, value in source_element.items():
            if key in ("/P", "/K", "/Pg", "/Type", "/ID"):
                continue
            obj[key] = copy_value(value)
        kids = Array()
        for kid in _kids(source_element):
            if isinstance(kid, int):
                if page is not None:
                    page_leaves.setdefault(page, {})[int(kid)] = obj
                    kids.append(Dictionary(Type=Name.MCR, Pg=pages[page - 1].obj, MCID=kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == Name.MCR:
                if "/Stm" in kid:
                    continue
                ref = kid.get("/Pg")
                kid_page = page_of.get(ref.objgen) if ref is not None else page
                if kid_page is not None:
                    page_leaves.setdefault(kid_page, {})[int(kid.MCID)] = obj
                    kids.append(Dictionary(Type=Name.MCR, Pg=pages[kid_page - 1].obj, MCID=kid.MCID))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == Name.OBJR:
                annotation = _carried_annotation(kid, source, upload, pages)
                if annotation is not None:
                    kids.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=annotation.get("/P", obj.get("/Pg"))))
                    annotations.append((annotation, obj))
            elif isinstance(kid, pikepdf.Dictionary):
                child = copy(kid, obj, page)
                if child is not None:
                    kids.append(child)
        obj.K = kids
        return obj

    top = Array()
    for kid in _kids(tree):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type", Name.StructElem) != Name.MCR:
            element = copy(kid, part, None)
            if element is not None:
                if element.get("/S") == Name.Document:
                    element.S = Name.Part  # one Document: the pack
                top.append(element)
    for key, value in (tree.get("/RoleMap") or {}).items():
        if key not in role_map:
            role_map[key] = copy_value(value)
    language = source.Root.get("/Lang")
    if language is not None:
        for element in top:
            if "/Lang" not in element:
                element.Lang = pikepdf.String(str(language))
    existing = part.get("/K")
    kids = Array(_kids(part)) if existing is not None else Array()
    for element in top:
        kids.append(element)
    part.K = kids
    return annotations
