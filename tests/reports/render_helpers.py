"""Reading a rendered pack back: page texts, outline, metadata (pypdf), for the renderer's tests."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

PAGE_NUMBER = re.compile(r"Page (\d+) of\s+(\d+)")


def squash(text: str) -> str:
    """Whitespace collapsed, so text wrapped across lines can be searched."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class ReadBack:
    reader: PdfReader
    pages: list[str]  # each page's text, whitespace collapsed

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, 1-based page) for every bookmark, in order."""
        found = []

        def walk(items, level):
            for item in items:
                if isinstance(item, list):
                    walk(item, level + 1)
                else:
                    found.append((level, item.title, self.reader.get_destination_page_number(item) + 1))

        walk(self.reader.outline, 0)
        return found


def read_back(pdf: bytes) -> ReadBack:
    reader = PdfReader(io.BytesIO(pdf))
    return ReadBack(reader, [squash(page.extract_text()) for page in reader.pages])


def fonts_drawing_text(pdf: bytes) -> set[str]:
    """The fonts that draw text (a font selected in a text object that shows none is not counted)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = {
            key: str(font.get_object()["/BaseFont"]).split("+")[-1] for key, font in page["/Resources"]["/Font"].items()
        }
        content = page.get_contents().get_data().decode("latin-1")
        for block in re.findall(r"BT(.*?)ET", content, flags=re.S):
            if re.search(r"Tj|TJ", block):
                names.update(fonts[key] for key in re.findall(r"(/F[\d+]+) [\d.]+ Tf", block))
    return names
