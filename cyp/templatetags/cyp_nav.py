"""``{% navcurrent %}…{% endnavcurrent %}``: marks the menu item of the page being shown, for every menu entry
wherever it comes from (base.html, partials/nav_extra.html, a page's nav_items block), in one place.

The link whose address is the page's gets ``aria-current="page"``; otherwise the link of the section the page
is in (the longest address the page's starts with) gets ``aria-current="true"``. A body's prefix
(``/bodies/<slug>``) is set aside on both sides, so ``/bodies/x/meetings/12/`` is in "Meetings and packs"
(``/meetings/``); the dashboard (``/``) is current only on itself.
"""

from __future__ import annotations

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

NAV_LINK = re.compile(r'<a class="nav-link(?P<classes>[^"]*)" href="(?P<href>[^"?#]*)[^"]*"')
BODY_PREFIX = re.compile(r"^/bodies/[^/]+(?=/)")


def _section(path: str) -> str:
    return BODY_PREFIX.sub("", path) or "/"


def nav_current_mark(html: str, path: str) -> str:
    """``html`` with ``aria-current`` and the ``active`` class on the link of ``path`` (or of its section)."""
    links = list(NAV_LINK.finditer(html))
    page = _section(path)
    exact = [link for link in links if link["href"] == path]
    if exact:
        chosen, value = exact[0], "page"
    else:
        sections = [link for link in links if _section(link["href"]) != "/" and page.startswith(_section(link["href"]))]
        if not sections:
            return html
        chosen, value = max(sections, key=lambda link: len(_section(link["href"]))), "true"
    start, end = chosen.span()
    marked = chosen.group(0).replace('class="nav-link', 'class="nav-link active', 1) + f' aria-current="{value}"'
    return html[:start] + marked + html[end:]


class NavCurrentNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        request = context.get("request")
        if request is None:
            return html
        # Only fixed attributes are added to what the templates rendered (and escaped) already.
        return mark_safe(nav_current_mark(html, request.path))


@register.tag("navcurrent")
def navcurrent(parser, token):
    nodelist = parser.parse(("endnavcurrent",))
    parser.delete_first_token()
    return NavCurrentNode(nodelist)
