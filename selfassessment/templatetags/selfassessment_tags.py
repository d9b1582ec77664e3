"""The self-assessment's text in HTML: paragraphs, lists and pasted tables, every character escaped."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cyp.text import text_clean
from selfassessment.render.layout import statement_label, text_parts

register = template.Library()


@register.filter
def sa_text(value) -> str:
    """User text as HTML (``selfassessment.render.layout``): escaped, never read as markup."""
    html = []
    for part in text_parts(text_clean(value)):
        if part.kind == "table":
            head, *rows = part.rows
            cells = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in head)
            body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
            html.append(
                f'<div class="table-responsive"><table class="table table-sm table-bordered sa-table">'
                f"<thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table></div>"
            )
        elif part.kind == "bullets":
            html.append("<ul>" + "".join(f"<li>{escape(line)}</li>" for line in part.lines) + "</ul>")
        else:
            html.append("<p>" + "<br>".join(escape(line) for line in part.lines) + "</p>")
    return mark_safe("".join(html))


@register.simple_tag
def sa_statement(statement) -> str:
    return statement_label(statement.number, statement.text, statement.mandatory)


@register.filter
def sa_pieces(compared) -> str:
    """A comparison as HTML: removed words in <del>, added in <ins>, each announced in words for screen readers."""
    hidden = '<span class="visually-hidden">{}</span>'
    html = []
    for piece in compared.pieces:
        text = escape(piece.text).replace("\n\n", "<br><br>").replace("\n", "<br>")
        if piece.kind == "delete":
            html.append(f"<del>{hidden.format('[removed: ')}{text}{hidden.format(']')}</del>")
        elif piece.kind == "insert":
            html.append(f"<ins>{hidden.format('[added: ')}{text}{hidden.format(']')}</ins>")
        else:
            html.append(text)
    return mark_safe("".join(html))
