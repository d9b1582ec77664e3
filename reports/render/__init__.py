"""Renders a ``reports.document.PackInput`` into the pack's files, without touching the database.

``pack_render`` returns a ``RenderedPack``: the PDF (front sheet, agenda with
page ranges, every paper, uploads merged, one "Page N of M" sequence,
bookmarks, metadata, DRAFT watermark on drafts), the accessible HTML of the
same pack, and the figures as CSV and XLSX.

When the pack has an exempt (Part 2) item, that is the members' pack and
``public`` holds the public pack's PDF and HTML, rendered from
``reports.exempt.public_pack_input`` (each exempt item only a notice). The
figures CSV and XLSX are always made from the public input: open data never
carries an exempt item's figures, and one pair of files serves everyone.
"""

from __future__ import annotations

from reports.document import PackInput, Progress, RenderedPack
from reports.exempt import public_pack_input
from reports.render.pdf_pack import PackRenderError, pdf_pack_build

__all__ = ["PackRenderError", "pack_render"]


def _quiet(step: str, percentage: int) -> None:
    return None


def pack_render(*, pack: PackInput, progress: Progress | None = None) -> RenderedPack:
    """Every file of the pack. Raises PackRenderError, with a message naming the item (and the indicator or
    action and the field), for an unreadable upload or a text that cannot be laid out."""
    from reports.render.figures import figures_csv, figures_xlsx

    report = progress or _quiet
    public_input = public_pack_input(pack)
    two_packs = public_input is not pack
    if two_packs:
        # The members' pack takes the first half of the bar, the public pack the second.
        rendered = _pdf_and_html(pack, _scaled(report, 0, 50), which=" of the members' pack")
        rendered.public = _pdf_and_html(public_input, _scaled(report, 50, 44), which=" of the public pack")
    else:
        rendered = _pdf_and_html(pack, report)
    report("Exporting the figures", 95)
    rendered.figures_csv = figures_csv(public_input)
    rendered.figures_xlsx = figures_xlsx(public_input)
    report("Done", 100)
    return rendered


def _scaled(report: Progress, start: int, span: int) -> Progress:
    def scaled(step: str, percentage: int) -> None:
        report(step, start + int(max(0, min(100, percentage)) * span / 100))

    return scaled


def _pdf_and_html(pack: PackInput, report: Progress, *, which: str = "") -> RenderedPack:
    from reports.render.html import html_render

    report(f"Laying out the PDF{which}", 5)
    pdf, registry = pdf_pack_build(pack, progress=report)
    item_pages = registry.item_ranges(registry.page_count)
    report(f"Writing the accessible web page{which}", 88)
    html = html_render(pack=pack, item_pages=item_pages, page_count=registry.page_count)
    return RenderedPack(
        pdf=pdf, html=html, page_count=registry.page_count, bookmarks=list(registry.bookmarks), item_pages=item_pages
    )
