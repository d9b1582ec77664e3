"""The whole pack as one PDF: front sheet and agenda, then every paper in order, uploads merged.

One platypus build lays out everything cyp writes. An uploaded paper is laid
out as one placeholder page per page of the upload, of the same size, which
carries the pack's page number and watermark; after the build pypdf puts each
uploaded page underneath its placeholder. So every page, uploaded or not, is in
the one "Page N of M" sequence, and the agenda's ranges count uploads too.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab import rl_config
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from cyp.dates import long_date
from reports.document import AgendaEntry, ItemKind, PackInput
from reports.render.pdf_action_log import action_log_story
from reports.render.pdf_agenda_plan import agenda_plan_story
from reports.render.pdf_front import cover_sheet, front_sheet
from reports.render.pdf_layout import (
    Anchor,
    PackCanvas,
    PackDocTemplate,
    PackRenderError,
    Registry,
    UploadSlot,
    labelled,
    upload_template_id,
)
from reports.render.pdf_performance import performance_paper
from reports.render.pdf_plans import plan_report_story
from reports.render.pdf_sanitise import pages_sanitise
from reports.render.pdf_scorecard import scorecard_paper
from reports.render.pdf_structure import MergedUpload, pdf_tag
from reports.render.pdf_styles import clean, inline, para

LANGUAGE = "en-GB"


__all__ = ["PackRenderError", "pdf_pack_build"]

#: At most one progress report a second while the PDF is laid out: enough for the build's heartbeat.
HEARTBEAT_SECONDS = 1.0


@dataclass
class Upload:
    reader: PdfReader
    sizes: list[tuple[float, float]]  # each page as displayed: its crop box, turned by its /Rotate
    placements: list[Transformation]  # what puts each page upright at the origin of a page of that size


def _placement(page) -> tuple[tuple[float, float], Transformation]:
    """The displayed size of a page and the transformation that draws it upright from (0, 0).

    /Rotate turns the page clockwise for display; the placeholder page is already
    the displayed size, so the content is turned instead.
    """
    box = page.cropbox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    rotation = (page.rotation or 0) % 360
    placement = Transformation().translate(-left, -bottom)
    if rotation == 90:
        return (height, width), placement.rotate(-90).translate(0, width)
    if rotation == 180:
        return (width, height), placement.rotate(180).translate(width, height)
    if rotation == 270:
        return (height, width), placement.rotate(90).translate(height, 0)
    return (width, height), placement


def _read_upload(entry: AgendaEntry) -> Upload:
    problem = f"Item {entry.number} ({clean(entry.title)}): the uploaded PDF"
    if not entry.pdf_path:
        raise PackRenderError(f"{problem} is missing. Upload the paper again.")
    try:
        reader = PdfReader(entry.pdf_path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PackRenderError(f"{problem} is password-protected. Upload a copy without a password.")
        pages_sanitise(reader.pages)  # again, in case it was stored before uploads were cleaned
        sizes, placements = [], []
        for page in reader.pages:
            (width, height), placement = _placement(page)
            sizes.append((round(width, 2), round(height, 2)))
            placements.append(placement)
    except PackRenderError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error for a damaged file
        raise PackRenderError(f"{problem} cannot be read ({exc}). Upload the paper again.") from exc
    if not sizes:
        raise PackRenderError(f"{problem} has no pages. Upload the paper again.")
    return Upload(reader, sizes, placements)


def _improvement_plan(entry: AgendaEntry, width: float) -> list[Flowable]:
    """The plans app's report under the item's title (the report's own headings start one level down)."""
    heading = para(inline(entry.title), "h1")
    if entry.improvement_plan is None:
        return [heading, para("No improvement plan report available.", "empty")]
    where = f"Item {entry.number}, improvement plan report"
    return [heading, *plan_report_story(entry.improvement_plan, width=width, where=where)]


def _item_story(entry: AgendaEntry, registry: Registry, uploads: dict[int, Upload], width: float) -> list[Flowable]:
    anchor = Anchor(f"item-{entry.item_id}", bookmark=f"{entry.number}. {entry.title}", level=0, item_id=entry.item_id)
    if entry.kind == ItemKind.UPLOADED_PAPER:
        story: list[Flowable] = []
        if entry.cover:
            story += [NextPageTemplate("body"), PageBreak(), anchor, *cover_sheet(entry, entry.cover, width)]
        for index, (page_width, page_height) in enumerate(uploads[entry.item_id].sizes):
            story += [NextPageTemplate(upload_template_id(page_width, page_height)), PageBreak()]
            if index == 0 and not entry.cover:
                story.append(anchor)
            story.append(UploadSlot(entry.item_id, index))
        return story
    story = [NextPageTemplate("body"), PageBreak(), labelled(anchor, f"Item {entry.number} ({clean(entry.title)})")]
    if entry.cover:
        cover = cover_sheet(entry, entry.cover, width)
        story += [labelled(cover[0], f"Item {entry.number}, cover sheet"), *cover[1:]]
    if entry.kind == ItemKind.PERFORMANCE_REPORT:
        if entry.performance is None:
            story += [para(inline(entry.title), "h1"), para("The performance report is not available.", "empty")]
        elif entry.scorecard is not None:
            story += scorecard_paper(
                entry.scorecard, registry, width, prefix=f"item-{entry.item_id}-", where=f"Item {entry.number}"
            )
        else:
            story += performance_paper(
                entry.performance, registry, width, prefix=f"item-{entry.item_id}-", where=f"Item {entry.number}"
            )
    elif entry.kind == ItemKind.IMPROVEMENT_PLAN_REPORT:
        if entry.cover:
            story.append(PageBreak())
        story += _improvement_plan(entry, width)
    elif entry.kind == ItemKind.ACTION_LOG:
        if entry.cover:
            story.append(PageBreak())
        story += [para(inline(entry.title), "h1")]
        story += action_log_story(entry.paper, width=width, where=f"Item {entry.number}, action log")
    elif entry.kind == ItemKind.AGENDA_PLAN:
        if entry.cover:
            story.append(PageBreak())
        story += agenda_plan_story(entry, width)
    return story


def _merge_uploads(pdf: bytes, registry: Registry, uploads: dict[int, Upload], beat: Callable[[int], None]) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for page_number, item_id, index in registry.upload_slots:
        beat(page_number)
        upload = uploads[item_id]
        writer.pages[page_number - 1].merge_transformed_page(
            upload.reader.pages[index], upload.placements[index], over=False
        )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@contextmanager
def _binary_streams():
    """Compressed streams without the ASCII85 layer: a smaller file, written faster (reportlab's default adds it)."""
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


def read_uploads(pack: PackInput) -> dict[int, Upload]:
    """Every uploaded paper of the pack, opened and measured. Raises PackRenderError naming the item."""
    return {entry.item_id: _read_upload(entry) for entry in pack.items if entry.kind == ItemKind.UPLOADED_PAPER}


def pack_story(pack: PackInput, *, registry: Registry, uploads: dict[int, Upload], width: float) -> list[Flowable]:
    """Every flowable of the pack, in order: the front sheet, then each paper."""
    story = front_sheet(pack, registry, width)
    labelled(story[0], "The front sheet")
    for entry in pack.items:
        if entry.kind != ItemKind.NO_PAPER:
            story += _item_story(entry, registry, uploads, width)
            registry.story_made()
    return story


class LayoutProgress:
    """Reports the layout's progress (5% to 80%) as papers and indicators are placed, and, at most once
    every ``HEARTBEAT_SECONDS``, that the story is being made (each paper, each indicator) and then the
    page being laid out, so the build's heartbeat keeps moving however long the texts (a build whose
    heartbeat stops is failed as lost).

    ``clock`` is ``time.monotonic``, given so that tests can move it.
    """

    def __init__(self, pack: PackInput, progress: Callable[[str, int], None], *, clock=time.monotonic):
        self.expected = max(
            1,
            sum(
                1 + (len(entry.performance.indicators) if entry.performance is not None else 0)
                for entry in pack.items
                if entry.kind != ItemKind.NO_PAPER
            ),
        )
        self.progress, self.clock = progress, clock
        self.seen = 0
        self.percent = 5
        self.last = clock()

    def _send(self, step: str) -> None:
        self.last = self.clock()
        self.progress(step, self.percent)

    def on_anchor(self, key: str) -> None:
        self.seen += 1
        self.percent = 5 + int(75 * min(self.seen, self.expected) / self.expected)
        if key.startswith("item-") or self.seen % 10 == 0:
            self._send("Laying out the PDF")

    def on_story(self) -> None:
        if self.clock() - self.last >= HEARTBEAT_SECONDS:
            self._send("Preparing the PDF")

    def on_page(self, page: int) -> None:
        if self.clock() - self.last >= HEARTBEAT_SECONDS:
            self._send(f"Laying out the PDF (page {max(page, 1)})")  # page 0: the first is not begun yet

    def on_merge(self, page: int) -> None:
        if self.clock() - self.last >= HEARTBEAT_SECONDS:
            self.percent = 82
            self._send(f"Merging uploaded papers (page {page})")


def pdf_pack_build(pack: PackInput, *, progress: Callable[[str, int], None] | None = None) -> tuple[bytes, Registry]:
    """The pack's PDF and what its build learnt (pages of every item, bookmarks, page count)."""
    uploads = read_uploads(pack)
    registry = Registry(footer_left=clean(f"{pack.committee_name} – {long_date(pack.meeting_date)}"), draft=pack.draft)
    layout_progress = LayoutProgress(pack, progress) if progress else None
    if layout_progress:
        registry.on_anchor = layout_progress.on_anchor
        registry.on_story = layout_progress.on_story
    buffer = io.BytesIO()
    title = pack.title or f"{pack.committee_name}: {long_date(pack.meeting_date)}"
    doc = PackDocTemplate(
        buffer,
        registry=registry,
        upload_sizes={size for upload in uploads.values() for size in upload.sizes},
        title=clean(title),
        author=clean(pack.author or pack.council_name),
        subject=clean(f"Agenda pack{', ' + pack.quarter_label if pack.quarter_label else ''}"),
        creator="cyp",
        keywords=clean(f"{pack.committee_name}, {long_date(pack.meeting_date)}"),
        lang=LANGUAGE,
        on_flowable=layout_progress.on_page if layout_progress else None,
    )
    story = pack_story(pack, registry=registry, uploads=uploads, width=doc.body_width)
    with _binary_streams():
        doc.build(story, canvasmaker=partial(PackCanvas, registry=registry))
    pdf = buffer.getvalue()
    if registry.upload_slots:
        if progress:
            progress("Merging uploaded papers", 82)
        pdf = _merge_uploads(pdf, registry, uploads, layout_progress.on_merge if layout_progress else lambda page: None)
    if progress:
        progress("Tagging the PDF for screen readers", 85)
    pdf = pdf_tag(pdf, registry.tagger, title=clean(title), lang=LANGUAGE, uploads=_merged(pack, registry))
    return pdf, registry


def _merged(pack: PackInput, registry: Registry) -> list[MergedUpload]:
    """Each uploaded paper merged into the pack, with the pack page of each of its pages (for its tags)."""
    paths = {entry.item_id: entry.pdf_path for entry in pack.items if entry.kind == ItemKind.UPLOADED_PAPER}
    merged: dict[int, MergedUpload] = {}
    for page_number, item_id, index in registry.upload_slots:
        upload = merged.setdefault(item_id, MergedUpload(item_id=item_id, path=paths[item_id], pages={}))
        upload.pages[index] = page_number
    return list(merged.values())
