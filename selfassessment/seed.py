"""Read Part C of a self-assessment laid out as the ADCS template lays it out. No Django import.

The layout (seed 003, the Eastern Region ADCS self-assessment of August 2017):

- the contents list the sections, ``N. Title``, under "PART C"; a section marked
  ``(*optional section*)`` is optional;
- in the body, a section starts with ``N. TITLE IN CAPITALS``, may have a note (where its
  statements come from), then its statements ``N.M) text``, ``(M)`` at the end marking a
  mandatory one;
- each group of statements is answered by one "Summary and evidence" box: ``Summary :``
  then the summary (its first paragraph) and the evidence (every paragraph after it, tables
  as tab-separated lines included), until the next statement or section;
- a statement may have parts, ``- a) education``, on the lines after it (its ``(M)`` then ends the
  last part);
- a statement number already seen in the section, inside a box, is the evidence quoting it.

Every line of the body lands in exactly one place, in order, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CONTENTS_SECTION = re.compile(r"^(\d{1,2})\. (.+)$")
_HEADING = re.compile(r"^(\d{1,2})\. ([A-Z0-9][A-Z0-9 ,'’&–\-:()/]+)$")
_STATEMENT = re.compile(r"^(?:- )?(\d{1,2})\.(\d{1,2})\) (.*)$")
_SUMMARY = re.compile(r"^Summary\s*:\s*$", re.IGNORECASE)
_SUMMARY_AND_EVIDENCE = re.compile(r"^Summary and evidence\s*:\s*$", re.IGNORECASE)
_MANDATORY = re.compile(r"\s*\(M\)\s*$")
_SUB_ITEM = re.compile(r"^- [a-z]\) ")
_OPTIONAL = re.compile(r"\s*\(\*optional section\*\)\s*$", re.IGNORECASE)
_FRAMEWORK = re.compile(r"taken from the (.+?)(?: \(|:|\.)", re.IGNORECASE)


@dataclass
class ParsedStatement:
    number: str
    text: str
    mandatory: bool


@dataclass
class ParsedBlock:
    statements: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    @property
    def evidence(self) -> str:
        return "\n\n".join(self.paragraphs[1:])


@dataclass
class ParsedSection:
    number: int
    title: str
    heading: str
    optional: bool = False
    group: str = ""
    note: str = ""
    framework: str = ""
    statements: list[ParsedStatement] = field(default_factory=list)
    blocks: list[ParsedBlock] = field(default_factory=list)


class SeedError(ValueError):
    """The text is not laid out as the template expects; the message says where."""


def contents_sections(lines: list[str]) -> list[tuple[int, str, bool, str]]:
    """(number, title, optional, group) of each Part C section in the contents, in order."""
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().upper().startswith("PART C"))
    except StopIteration:
        raise SeedError("No 'PART C' in the contents") from None
    sections, group = [], ""
    for line in lines[start + 1 :]:
        text = line.strip()
        if text.upper().startswith("PART A"):
            break
        if text.endswith(":") and not _CONTENTS_SECTION.match(text):
            group = text.rstrip(":").strip()
            continue
        match = _CONTENTS_SECTION.match(text)
        if match:
            title, optional = match.group(2), bool(_OPTIONAL.search(match.group(2)))
            sections.append((int(match.group(1)), _OPTIONAL.sub("", title).strip(), optional, group))
    return sections


def part_c_parse(text: str) -> list[ParsedSection]:
    """The sections of Part C with their statements and boxes (see the module docstring)."""
    lines = text.replace("\r\n", "\n").split("\n")
    listed = contents_sections(lines)
    starts = [i for i, line in enumerate(lines) if line.strip().upper().startswith("PART C")]
    if len(starts) < 2:
        raise SeedError("No 'PART C' heading after the contents")
    body = lines[starts[1] + 1 :]
    by_number = {number: (title, optional, group) for number, title, optional, group in listed}
    sections: list[ParsedSection] = []
    section: ParsedSection | None = None
    block: ParsedBlock | None = None
    paragraph: list[str] = []
    in_box = False

    def flush() -> None:
        nonlocal paragraph
        if paragraph and section is not None:
            joined = "\n".join(paragraph).strip()
            if joined:
                if in_box and block is not None:
                    block.paragraphs.append(joined)
                elif not section.statements:
                    section.note = f"{section.note}\n\n{joined}".strip()
                else:
                    block_for_text().paragraphs.append(joined)
        paragraph = []

    def block_for_text() -> ParsedBlock:
        nonlocal block
        if block is None:
            block = ParsedBlock()
            section.blocks.append(block)
        return block

    for raw in body:
        line = raw.rstrip()
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        if (
            heading
            and int(heading.group(1)) in by_number
            and (section is None or int(heading.group(1)) > section.number)
        ):
            flush()
            number = int(heading.group(1))
            title, optional, group = by_number[number]
            section = ParsedSection(
                number=number, title=title, heading=heading.group(2).strip(), optional=optional, group=group
            )
            sections.append(section)
            block, in_box = None, False
            continue
        if section is None:
            continue
        statement = _STATEMENT.match(stripped)
        seen = {s.number for s in section.statements}
        if statement and int(statement.group(1)) == section.number:
            number = f"{statement.group(1)}.{statement.group(2)}"
            if number not in seen:
                flush()
                if in_box or block is None:
                    block = ParsedBlock()
                    section.blocks.append(block)
                    in_box = False
                body_text = statement.group(3).strip()
                section.statements.append(
                    ParsedStatement(
                        number=number, text=_MANDATORY.sub("", body_text), mandatory=bool(_MANDATORY.search(body_text))
                    )
                )
                block.statements.append(number)
                continue
        if (
            _SUB_ITEM.match(stripped)
            and section.statements
            and not in_box
            and block is not None
            and not block.paragraphs
            and not paragraph
        ):
            # "- a) education": a part of the statement just read, its (M) at the end of the last part.
            statement = section.statements[-1]
            statement.mandatory = statement.mandatory or bool(_MANDATORY.search(stripped))
            statement.text = f"{statement.text}\n{_MANDATORY.sub('', stripped)}"
            continue
        if _SUMMARY_AND_EVIDENCE.match(stripped):
            flush()
            continue
        if _SUMMARY.match(stripped):
            flush()
            block_for_text()
            in_box = True
            continue
        if not stripped:
            flush()
            continue
        paragraph.append(stripped if "\t" not in line else line.strip(" "))
    flush()
    missing = [number for number, *_ in listed if number not in {s.number for s in sections}]
    if missing:
        raise SeedError(f"Part C has no heading for section(s) {', '.join(map(str, missing))} of the contents")
    for section in sections:
        found = _FRAMEWORK.search(section.note)
        if found:
            section.framework = found.group(1).strip()
    return sections
