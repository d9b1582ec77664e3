"""The pack's page furniture and the forward references that make one build pass enough.

The agenda at the front prints each paper's page range, the index prints each
indicator's page, and every page prints "Page N of M": all unknown until the
whole pack is laid out. Instead of laying the pack out twice, those figures
are PDF form XObjects that pages reference while they are drawn and that
``PackCanvas.save`` defines at the very end, from the pages the ``Anchor``
flowables recorded. The numbers are therefore exact by construction, and the
build costs one pass.

Two things a build must say while it runs: how far it has got (``Registry.on_layout``
is called as each flowable is placed, so the build's heartbeat keeps moving however
long one paper is), and, when a text cannot be laid out, which item and which field
it is (``NamedLayoutErrors``: flowables carry a ``labelled`` name, and an error from
reportlab is raised again as ``PackRenderError`` with that name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.colors import Color, white
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

import reports.render.pdf_tags as pdf_tags
from reports.document import Bookmark
from reports.render.pdf_styles import (
    MUTED,
    PAGE_MARGIN_BOTTOM,
    PAGE_MARGIN_TOP,
    PAGE_MARGIN_X,
    RULE,
    clean,
    fonts,
)

TOTAL_FORM = "pack-total"
WATERMARK_COLOUR = Color(0.69, 0.05, 0.12, alpha=0.16)  # see-through, so uploaded pages stay readable
FOOTER_SIZE = 8.5
FORM_BOX = (-400, -20, 400, 40)


#: What reportlab raises when a flowable cannot be placed or drawn (LayoutError for "too large").
LAYOUT_ERRORS = (LayoutError, ValueError, IndexError, KeyError, TypeError, AttributeError, ZeroDivisionError)
LABEL = "cyp_where"


class PackRenderError(Exception):
    """The pack cannot be built; the message says which item and what to do."""


def labelled(flowables, label: str):
    """Name what ``flowables`` (one or a list, table cells included) print, for the message when one cannot be
    laid out: "Item 5, improvement plan report, action 3.2 (progress update of 14 May 2024)"."""
    for flowable in flowables if isinstance(flowables, list | tuple) else [flowables]:
        setattr(flowable, LABEL, label)
    return flowables


def _label_of(flowable, height: float) -> str:
    """The name of what a flowable prints: of its largest named part (a table's cell, a group's flowable,
    the flowable itself), by the length of its text. In a table, only the rows taller than ``height`` (the
    frame) are looked at, when there are any: one of them is what could not be placed."""
    best, best_size = "", -1
    pending = [flowable]
    while pending:
        item = pending.pop(0)
        rows = getattr(item, "_cellvalues", None)
        if rows:
            heights = getattr(item, "_rowHeights", None) or ()
            too_tall = [row for row, row_height in zip(rows, heights, strict=False) if row_height > height]
            for row in too_tall or rows:
                for cell in row:
                    parts = list(cell) if isinstance(cell, list | tuple) else [cell]
                    label = next((getattr(part, LABEL) for part in parts if getattr(part, LABEL, "")), "")
                    size = sum(len(getattr(part, "text", "") or "") for part in parts)
                    if label and size > best_size:
                        best, best_size = label, size
            continue
        label = getattr(item, LABEL, "")
        size = len(getattr(item, "text", "") or "")
        if label and size > best_size:
            best, best_size = label, size
        pending.extend(getattr(item, "_content", None) or ())
    return best


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text if len(text) <= 300 else text[:299] + "…"


class NamedLayoutErrors:
    """A doc template mixin: an error while placing a flowable names what the flowable prints.

    The name is that of the flowable (or the largest named cell of a table), else that of
    the last named flowable placed before it (the pieces of a split table or paragraph
    carry no name of their own). ``on_flowable`` is called before each flowable with the
    page number, for progress.
    """

    what = "The pack"
    on_flowable: Callable[[int], None] | None = None

    def handle_flowable(self, flowables):
        if flowables and flowables[0] is not None:
            label = getattr(flowables[0], LABEL, "")
            if label:
                self._cyp_last_label = label
        if self.on_flowable is not None:
            self.on_flowable(self.page)
        self._cyp_placing = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except LAYOUT_ERRORS as exc:
            label = (
                _label_of(self._cyp_placing, getattr(self.frame, "_aH", 0) or self.height)
                or getattr(self, "_cyp_last_label", "")
                or f"{self.what}, page {self.page}"
            )
            raise PackRenderError(
                f"{label}: the text could not be laid out ({_reason(exc)}). "
                "Shorten the text or split it into paragraphs, then try again."
            ) from exc

    def handle_keepWithNext(self, flowables):
        # A heading kept with what follows is placed as one group: the group is what may fail.
        super().handle_keepWithNext(flowables)
        self._cyp_placing = flowables[0]


def range_form(item_id: int) -> str:
    return f"range-{item_id}"


def page_form(key: str) -> str:
    return f"page-{key}"


@dataclass
class Registry:
    """What the build learns as it lays pages out: where each anchor fell, and the bookmarks."""

    footer_left: str = ""
    draft: bool = False
    anchors: dict[str, int] = field(default_factory=dict)
    item_starts: dict[int, int] = field(default_factory=dict)  # item id -> first page, in agenda order
    bookmarks: list[Bookmark] = field(default_factory=list)
    page_forms: set[str] = field(default_factory=set)  # anchor keys whose page number is printed
    range_forms: set[int] = field(default_factory=set)  # item ids whose page range is printed
    upload_slots: list[tuple[int, int, int]] = field(default_factory=list)  # (pdf page, item id, source index)
    page_count: int = 0
    on_anchor: Callable[[str], None] | None = None
    on_story: Callable[[], None] | None = None  # called as each part of the story is made, before the layout
    tagger: pdf_tags.Tagger = field(default_factory=pdf_tags.Tagger)  # the structure tree, as drawn

    def story_made(self) -> None:
        if self.on_story is not None:
            self.on_story()

    def item_ranges(self, total: int) -> dict[int, tuple[int, int]]:
        """Each item's first and last page: it ends where the next item starts."""
        ordered = sorted(self.item_starts.items(), key=lambda pair: pair[1])
        ranges = {}
        for position, (item_id, first) in enumerate(ordered):
            last = ordered[position + 1][1] - 1 if position + 1 < len(ordered) else total
            ranges[item_id] = (first, max(first, last))
        return ranges


class PackCanvas(Canvas):
    """A canvas that defines the forward-referenced numbers when the document is saved, and tags what is drawn
    on it (``pdf_tags``: each flowable in its structure element, links as Link elements)."""

    def __init__(self, *args, registry: Registry, **kwargs):
        super().__init__(*args, **kwargs)
        self.registry = registry
        self.cyp_tagger = registry.tagger

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        index = len(self._annotationrefs)
        super()._addAnnotation(annotation, name, addtopage)
        if addtopage:
            self.cyp_tagger.link_added(self, index)

    def _number_form(self, name: str, value: str, *, align: str, size: float, bold: bool = False) -> None:
        font = fonts()
        self.beginForm(name, *FORM_BOX)
        self.setFillColor(MUTED if name == TOTAL_FORM else Color(0.043, 0.047, 0.047))
        self.setFont(font.bold if bold else font.regular, size)
        if align == "right":
            self.drawRightString(0, 0, value)
        else:
            self.drawString(0, 0, value)
        self.endForm()

    def save(self):
        registry = self.registry
        total = self._pageNumber - 1 if not self._code else self._pageNumber
        registry.page_count = total
        self._number_form(TOTAL_FORM, str(total), align="left", size=FOOTER_SIZE)
        ranges = registry.item_ranges(total)
        for item_id in registry.range_forms:
            first, last = ranges.get(item_id, (None, None))
            value = "" if first is None else (f"{first}" if first == last else f"{first} - {last}")
            self._number_form(range_form(item_id), value, align="right", size=9.5)
        for key in registry.page_forms:
            page = registry.anchors.get(key)
            self._number_form(page_form(key), "" if page is None else str(page), align="right", size=9)
        super().save()


class Anchor(Flowable):
    """Marks where something starts: records its page, names a destination and adds a bookmark."""

    _ZEROSIZE = 1

    def __init__(self, key: str, *, bookmark: str = "", level: int = 0, item_id: int | None = None):
        super().__init__()
        self.key, self.bookmark, self.level, self.item_id = key, bookmark, level, item_id
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        canvas: PackCanvas = self.canv
        registry = canvas.registry
        page = canvas.getPageNumber()
        registry.anchors[self.key] = page
        if self.item_id is not None:
            registry.item_starts[self.item_id] = page
            registry.tagger.part_start(self.item_id)
        _x, y = canvas.absolutePosition(0, 0)
        canvas.bookmarkPage(self.key, fit="XYZ", left=0, top=y + 24, zoom=0)
        if self.bookmark:
            title = clean(self.bookmark)
            canvas.addOutlineEntry(title, self.key, level=self.level, closed=False)
            registry.bookmarks.append(Bookmark(title=title, page=page, level=self.level))
        if registry.on_anchor:
            registry.on_anchor(self.key)


class FormRef(Flowable):
    """Draws a number defined at the end of the build (a page range or a page number), right-aligned."""

    cyp_role = "P"

    def __init__(self, form_name: str, width: float, height: float = 13.5):
        super().__init__()
        self.form_name, self.width, self.height = form_name, width, height

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.translate(self.width, 3.5)  # the baseline of a 10 pt paragraph line beside it
        self.canv.doForm(self.form_name)
        self.canv.restoreState()


def page_range_ref(item_id: int, registry: Registry, width: float) -> FormRef:
    registry.range_forms.add(item_id)
    return FormRef(range_form(item_id), width)


def page_number_ref(key: str, registry: Registry, width: float) -> FormRef:
    registry.page_forms.add(key)
    return FormRef(page_form(key), width)


class UploadSlot(Flowable):
    """Stands for one page of an uploaded paper; pypdf puts the page itself under it after the build."""

    _ZEROSIZE = 1

    def __init__(self, item_id: int, index: int):
        super().__init__()
        self.item_id, self.index = item_id, index

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        registry: Registry = self.canv.registry
        registry.upload_slots.append((self.canv.getPageNumber(), self.item_id, self.index))


def _footer(canvas: PackCanvas, *, boxed: bool) -> None:
    registry = canvas.registry
    font = fonts()
    width, _height = canvas._pagesize
    y = PAGE_MARGIN_BOTTOM / 2 - 2
    label = f"Page {canvas.getPageNumber()} of "
    anchor_x = width - PAGE_MARGIN_X - canvas.stringWidth("0000", font.regular, FOOTER_SIZE)
    canvas.saveState()
    if boxed:
        # An uploaded page keeps its own content: the number sits on a white label above it.
        label_width = canvas.stringWidth(label + "0000", font.regular, FOOTER_SIZE)
        canvas.setFillColor(white)
        canvas.setStrokeColor(RULE)
        canvas.roundRect(anchor_x - label_width + 18, y - 4, label_width + 8, FOOTER_SIZE + 7, 2, fill=1, stroke=1)
    else:
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(PAGE_MARGIN_X, y + FOOTER_SIZE + 5, width - PAGE_MARGIN_X, y + FOOTER_SIZE + 5)
        canvas.setFillColor(MUTED)
        canvas.setFont(font.regular, FOOTER_SIZE)
        canvas.drawString(PAGE_MARGIN_X, y, registry.footer_left)
    canvas.setFillColor(MUTED)
    canvas.setFont(font.regular, FOOTER_SIZE)
    canvas.drawRightString(anchor_x, y, label)
    canvas.translate(anchor_x, y)
    canvas.doForm(TOTAL_FORM)
    canvas.restoreState()


def _watermark(canvas: PackCanvas) -> None:
    if not canvas.registry.draft:
        return
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(WATERMARK_COLOUR)
    canvas.setFont(fonts().bold, 110)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -38, "DRAFT")
    canvas.restoreState()


def _furniture(canvas: PackCanvas, *, boxed: bool) -> None:
    """The footer and the watermark, marked as pagination artifacts (not read out as the page's text)."""
    tagger = canvas.cyp_tagger
    tagger.artifact_begin(canvas, "Footer")
    _footer(canvas, boxed=boxed)
    tagger.artifact_end(canvas)
    if canvas.registry.draft:
        tagger.artifact_begin(canvas, "Watermark")
        _watermark(canvas)
        tagger.artifact_end(canvas)


def _on_page_end(canvas, doc) -> None:
    _furniture(canvas, boxed=False)


def _on_upload_page_end(canvas, doc) -> None:
    _furniture(canvas, boxed=True)


def upload_template_id(width: float, height: float) -> str:
    return f"upload-{width:.2f}x{height:.2f}"


class PackDocTemplate(NamedLayoutErrors, BaseDocTemplate):
    """A4 portrait pages for everything cyp writes, and one template per size of uploaded page."""

    def __init__(
        self,
        buffer,
        *,
        registry: Registry,
        upload_sizes: set[tuple[float, float]],
        on_flowable: Callable[[int], None] | None = None,
        **kwargs,
    ):
        super().__init__(buffer, pagesize=A4, **kwargs)
        self.registry = registry
        self.on_flowable = on_flowable
        width, height = A4
        body = Frame(
            PAGE_MARGIN_X,
            PAGE_MARGIN_BOTTOM,
            width - 2 * PAGE_MARGIN_X,
            height - PAGE_MARGIN_TOP - PAGE_MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        templates = [PageTemplate(id="body", frames=[body], onPageEnd=_on_page_end, pagesize=A4)]
        for upload_width, upload_height in sorted(upload_sizes):
            frame = Frame(0, 0, upload_width, upload_height, id="upload", leftPadding=0, topPadding=0)
            templates.append(
                PageTemplate(
                    id=upload_template_id(upload_width, upload_height),
                    frames=[frame],
                    onPageEnd=_on_upload_page_end,
                    pagesize=(upload_width, upload_height),
                )
            )
        self.addPageTemplates(templates)
        pdf_tags.install()

    @property
    def body_width(self) -> float:
        return A4[0] - 2 * PAGE_MARGIN_X
