"""User text and dates as the pack prints them: no Django, no reportlab, shared by the PDF and the HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cyp.text import text_clean

_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_BULLET_MARK = re.compile(r"^\s*[-*•–]\s+")


def plain(text) -> str:
    """User text with Unix line breaks, tabs as spaces and no control characters; otherwise as typed."""
    return text_clean(text).replace("\t", "    ")


@dataclass(frozen=True)
class TextBlock:
    """A paragraph of user text (its lines), or a list typed as "- item" lines or numbered "1." lines."""

    kind: str  # "paragraph", "bullets" or "numbered"
    lines: tuple[str, ...]


def text_blocks(text) -> list[TextBlock]:
    """User text as blocks: paragraphs are separated by blank lines; a block whose every line starts
    with a list marker is a list. Bulleted items lose their marker; numbered items keep theirs as typed."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", plain(text).strip("\n")):
        lines = chunk.split("\n")
        if not any(line.strip() for line in lines):
            continue
        if all(_LIST_ITEM.match(line) for line in lines if line.strip()):
            kept = [line for line in lines if line.strip()]
            if _BULLET_MARK.match(kept[0]):
                blocks.append(TextBlock("bullets", tuple(_LIST_ITEM.sub("", line, count=1) for line in kept)))
            else:
                blocks.append(TextBlock("numbered", tuple(line.strip() for line in kept)))
        else:
            blocks.append(TextBlock("paragraph", tuple(lines)))
    return blocks


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
