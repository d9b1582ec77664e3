"""The self-assessment's three outputs, each laying out ``selfassessment.selectors.document_outline``:
DOCX (``docx.py``, python-docx: the form the region asks for), PDF (``reports.render.pdf_selfassessment``,
the pack's styles and escaping) and accessible HTML (``html.py``, the page's own template)."""

from selfassessment.render.docx import document_docx
from selfassessment.render.html import document_html
from selfassessment.render.pdf import document_pdf

__all__ = ["document_docx", "document_html", "document_pdf"]
