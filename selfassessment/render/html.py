"""The self-assessment as one accessible HTML file: the page's own template, standalone."""

from django.template.loader import render_to_string


def document_html(outline) -> str:
    return render_to_string("selfassessment/export.html", {"outline": outline, "document": outline.document})
