"""How cyp says a count in words: "1 page", "2 pages", "1,204 pages", "no pages". No Django import.

The one home of the rule for messages, commands, e-mails and (through the ``counted`` filter of
cyp/templatetags/cyp_text.py) templates, so nothing says "1 pages" or "page(s)".
"""

from __future__ import annotations


def counted(count: int | None, singular: str, plural: str | None = None) -> str:
    """``count`` and the noun that agrees with it: ``counted(1, "page")`` is "1 page", ``counted(2, "page")``
    "2 pages", ``counted(3, "child", "children")`` "3 children"; thousands get commas. None is "no pages"."""
    plural = plural or f"{singular}s"
    if count is None:
        return f"no {plural}"
    return f"{count:,} {singular if count == 1 else plural}"
