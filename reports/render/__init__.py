"""Renders a ``reports.document.PackInput`` into the pack's files, without touching the database.

``pack_render`` returns a ``RenderedPack``: the PDF (front sheet, agenda with
page ranges, every paper, uploads merged, one "Page N of M" sequence,
bookmarks, metadata, DRAFT watermark on drafts), the accessible HTML of the
same pack, and the figures as CSV and XLSX.
"""

from __future__ import annotations

from reports.document import PackInput, Progress, RenderedPack
from reports.render.pdf_pack import PackRenderError, pdf_pack_build

__all__ = ["PackRenderError", "pack_render"]


def _quiet(step: str, percentage: int) -> None:
    return None


def pack_render(*, pack: PackInput, progress: Progress | None = None) -> RenderedPack:
    """Every file of the pack. Raises PackRenderError, with a message naming the item (and the indicator or
    action and the field), for an unreadable upload or a text that cannot be laid out."""
    from reports.render.figures import figures_csv, figures_xlsx
    from reports.render.html import html_render

    report = progress or _quiet
    report("Laying out the PDF", 5)
    pdf, registry = pdf_pack_build(pack, progress=report)
    item_pages = registry.item_ranges(registry.page_count)
    report("Writing the accessible web page", 88)
    html = html_render(pack=pack, item_pages=item_pages, page_count=registry.page_count)
    report("Exporting the figures", 95)
    csv_text = figures_csv(pack)
    xlsx = figures_xlsx(pack)
    report("Done", 100)
    return RenderedPack(
        pdf=pdf,
        html=html,
        page_count=registry.page_count,
        bookmarks=list(registry.bookmarks),
        item_pages=item_pages,
        figures_csv=csv_text,
        figures_xlsx=xlsx,
    )
