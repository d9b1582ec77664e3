"""How a box's text is laid out in every output. No Django import.

Text is paragraphs separated by blank lines. Within a paragraph, lines that hold tabs are a
table (as the template's tables arrive when pasted from Word), lines starting "- ", "• " or
"* " are a list, and other lines are one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-•*▪])\s+")


@dataclass(frozen=True)
class Part:
    kind: str  # "paragraph", "bullets", "table"
    lines: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def text_parts(text: str) -> list[Part]:
    parts: list[Part] = []
    for paragraph in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")):
        lines = [line.rstrip() for line in paragraph.split("\n") if line.strip()]
        run: list[str] = []
        kind = ""
        for line in lines:
            line_kind = "table" if "\t" in line else ("bullets" if _BULLET.match(line) else "paragraph")
            if run and line_kind != kind:
                parts.append(_part(kind, run))
                run = []
            kind = line_kind
            run.append(line)
        if run:
            parts.append(_part(kind, run))
    return parts


def _part(kind: str, lines: list[str]) -> Part:
    if kind == "table":
        rows = [tuple(cell.strip() for cell in line.strip().split("\t")) for line in lines]
        width = max(len(row) for row in rows)
        return Part("table", rows=tuple(row + ("",) * (width - len(row)) for row in rows))
    if kind == "bullets":
        return Part("bullets", lines=tuple(_BULLET.sub("", line).strip() for line in lines))
    return Part("paragraph", lines=tuple(line.strip() for line in lines))


def statement_label(number: str, text: str, mandatory: bool) -> str:
    """ "1.3) Senior Leaders … (M)": the statement as the template prints it."""
    return f"{number}) {text}{' (M)' if mandatory else ''}"
