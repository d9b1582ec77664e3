"""User text in HTML: cleaned of control and bidi-override characters, still escaped; and text limits.

    {% load cyp_text %}
    {{ ret.commentary|clean_text }}             the text as cyp.text.text_clean leaves it, auto-escaped
    {% text_limit "COMMENT" %}                   4000: a limit of cyp.limits, for a hand-written text area
    {% text_counter "COMMENT" typed "comment-" update.pk "_count" %}   the counter under that text area
    {{ build.page_count|counted:"page" }}        "1 page", "2 pages" (cyp.words.counted; "child,children")

Text is cleaned on the way in by the forms (cyp.forms.LimitedTextField) and again here on the
way out, for text stored before the forms cleaned it and for text written by other paths
(imports, the admin).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeData, mark_safe

from cyp import limits
from cyp.forms import counter_html
from cyp.limits import text_length
from cyp.text import text_clean
from cyp.words import counted as counted_words

register = template.Library()


@register.filter(is_safe=True)
def clean_text(value):
    """``value`` without control or bidi-override characters; Word's line breaks as line breaks.

    Plain text stays plain (auto-escaping still applies); markup already made safe by our own
    code stays safe, since removing characters cannot create a tag.
    """
    if value is None or value == "":
        return value
    if isinstance(value, SafeData):
        return mark_safe(text_clean(value))
    if not isinstance(value, str):
        return value
    return text_clean(value)


@register.simple_tag
def text_limit(name: str) -> int:
    """The limit called ``name`` in cyp.limits ("COMMENT")."""
    return getattr(limits, name)


@register.simple_tag
def text_counter(limit_name: str, value, *id_parts):
    """The counter markup for a hand-written text area; its id (the area's data-counter) is ``id_parts`` joined."""
    counter_id = "".join(str(part) for part in id_parts)
    return counter_html(counter_id, text_length(str(value or "").strip()), getattr(limits, limit_name))


@register.filter
def counted(count, nouns):
    """``{{ n|counted:"page" }}`` is "1 page" or "2 pages"; ``{{ n|counted:"child,children" }}`` for other plurals."""
    singular, _, plural = str(nouns).partition(",")
    return counted_words(count, singular, plural or None)
