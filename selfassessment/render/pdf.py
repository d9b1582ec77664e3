"""The PDF lives with the pack's renderers (``reports.render.pdf_selfassessment``): same fonts and escaping."""

from reports.render.pdf_selfassessment import self_assessment_pdf as document_pdf

__all__ = ["document_pdf"]
