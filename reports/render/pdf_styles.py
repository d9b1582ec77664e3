"""Fonts, paragraph styles, colours and the safe conversion of user text into reportlab flowables.

Fonts: DejaVu Sans (regular, bold, oblique) from Debian's fonts-dejavu-core when
it is installed, because it covers Latin, Greek, Cyrillic, Hebrew, Arabic and
the arrows the report prints. Characters DejaVu lacks (emoji, most symbols) are
drawn in Symbola, from Debian's fonts-symbola, when it is installed: user text
in paragraphs is split into runs, and each run DejaVu cannot draw is set in
Symbola. Without DejaVu the pack falls back to Helvetica (Windows-1252 only).
A character no installed font can draw is printed as U+FFFD (or "?" under
Helvetica) instead of an invisible box, so the reader sees that something was
there; the HTML version shows the text exactly as typed. Right-to-left text is printed in typed (logical) order:
reportlab reorders it only with its optional bidi extras, which are not
installed.

Every text from a person goes through ``inline`` (escaped with
``xml.sax.saxutils.escape``, control characters dropped, line breaks kept) or
``rich`` (paragraphs and lists) before it reaches a ``Paragraph``: user text
is data, never markup. Long words wrap (``splitLongWords``) and long texts
split across pages because they are paragraphs in the main flow, never one
unsplittable cell.

A paragraph longer than ``PARAGRAPH_CHUNK`` characters is laid out as several
paragraphs set one under the other with no space between (cut at a sentence's end
when there is one near, else at a space, else anywhere): reportlab wraps a whole
paragraph again at every page it runs onto, so one 12,000-character paragraph
would cost its length times its pages, and in a table cell many times more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph

from reports.render.text import plain, text_blocks

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
SYMBOL_FONTS = (
    Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
    Path("/usr/share/fonts/truetype/ancient-scripts/Symbola.ttf"),
)
FAMILY = "PackSans"
SYMBOLS = "PackSymbols"
REPLACEMENT = "\ufffd"

# Colours: GOV.UK-like, each RAG fill with its text colour meeting 4.5:1.
INK = colors.HexColor("#0b0c0c")
MUTED = colors.HexColor("#505a5f")
RULE = colors.HexColor("#b1b4b6")
PALE = colors.HexColor("#f3f2f1")
ACCENT = colors.HexColor("#1d3f6e")
LINK = colors.HexColor("#1d70b8")
RAG_FILL = {
    "Red": (colors.HexColor("#b10e1e"), colors.white),
    "Amber": (colors.HexColor("#ffb81c"), INK),
    "Green": (colors.HexColor("#00703c"), colors.white),
    "Blue": (colors.HexColor("#1d70b8"), colors.white),
}
RAG_OTHER = (colors.HexColor("#505a5f"), colors.white)

PAGE_MARGIN_X = 2.0 * cm
PAGE_MARGIN_TOP = 1.8 * cm
PAGE_MARGIN_BOTTOM = 2.0 * cm


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    truetype: bool
    covered: frozenset[int] | None  # code points the regular face draws; None: Windows-1252
    symbols: frozenset[int] = frozenset()  # code points the symbol font (SYMBOLS) draws


@cache
def fonts() -> Fonts:
    """Register DejaVu Sans once if it is installed, else use Helvetica."""
    for folder in FONT_DIRS:
        regular, bold, italic = (folder / f"DejaVuSans{suffix}.ttf" for suffix in ("", "-Bold", "-Oblique"))
        if regular.exists() and bold.exists() and italic.exists():
            faces = {
                FAMILY: regular,
                f"{FAMILY}-Bold": bold,
                f"{FAMILY}-Italic": italic,
            }
            for name, path in faces.items():
                pdfmetrics.registerFont(TTFont(name, str(path)))
            addMapping(FAMILY, 0, 0, FAMILY)
            addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
            addMapping(FAMILY, 0, 1, f"{FAMILY}-Italic")
            addMapping(FAMILY, 1, 1, f"{FAMILY}-Bold")
            covered = frozenset(pdfmetrics.getFont(FAMILY).face.charToGlyph)
            return Fonts(FAMILY, f"{FAMILY}-Bold", f"{FAMILY}-Italic", True, covered, _symbols_register())
    return Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", False, None)


def _to_unicode_cmap(fontname, subset):
    """reportlab's ToUnicode CMap with characters beyond U+FFFF written as UTF-16 surrogate pairs.

    reportlab 5.1 writes such a character as five hex digits ("<1F44D>"), which
    PDF readers misread (pdftotext gives U+1F44, pypdf nothing), so an emoji in
    a commentary would be lost to copying, search and screen readers.
    """
    entries = []
    for code, value in enumerate(subset):
        utf16 = chr(value).encode("utf-16-be").hex().upper() if value > 0xFFFF else f"{value:04X}"
        entries.append(f"<{code:02X}> <{utf16}>")
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _symbols_register() -> frozenset[int]:
    """Register Symbola as the fallback for symbols and emoji, if installed; the code points it draws."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for path in SYMBOL_FONTS:
        if path.exists():
            pdfmetrics.registerFont(TTFont(SYMBOLS, str(path)))
            return frozenset(pdfmetrics.getFont(SYMBOLS).face.charToGlyph)
    return frozenset()


# Typographic characters outside Windows-1252 that have a plain equivalent.
_HELVETICA_EQUIVALENTS = {"−": "-", "↑": "^", "↓": "v", "✓": "v", "\u200b": ""}


@cache
def _replacement_for(char: str) -> str:
    if char == "\n":  # a line break, kept for the caller to turn into <br/> or a new line
        return char
    font = fonts()
    if font.covered is not None:
        return char if ord(char) in font.covered else REPLACEMENT
    if char in _HELVETICA_EQUIVALENTS:
        return _HELVETICA_EQUIVALENTS[char]
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return "?"
    return char


def clean(text) -> str:
    """Plain text the main font can draw (for the canvas: footers, chart labels, metadata): no control
    characters, Unix line breaks, tabs as spaces. Paragraph text goes through ``markup`` instead."""
    text = plain(text)
    if text.isascii():
        return text
    return "".join(_replacement_for(char) for char in text)


def markup(text) -> str:
    """Cleaned user text as escaped Paragraph markup, with the runs the main font cannot draw set in
    the symbol font (an emoji in a commentary prints as the emoji)."""
    text = plain(text)
    font = fonts()
    if text.isascii() or not font.symbols:
        return escape(clean(text))
    runs: list[str] = []
    run: list[str] = []
    in_symbols = False
    for char in text:
        symbol = ord(char) not in font.covered and ord(char) in font.symbols
        if not symbol:
            char = _replacement_for(char)
        if symbol != in_symbols and run:
            runs.append(_run(run, in_symbols))
            run = []
        in_symbols = symbol
        run.append(char)
    if run:
        runs.append(_run(run, in_symbols))
    return "".join(runs)


def _run(chars: list[str], symbols: bool) -> str:
    text = escape("".join(chars))
    return f'<font name="{SYMBOLS}">{text}</font>' if symbols else text


def inline(text) -> str:
    """User text as Paragraph markup: cleaned, escaped, line breaks kept."""
    return markup(text).replace("\n", "<br/>")


def attribute(value) -> str:
    """User text inside a markup attribute (a link's address): escaped, quotes included."""
    return escape(clean(value), {'"': "&quot;", "'": "&#39;"})


#: The longest piece of a paragraph laid out as one reportlab Paragraph (see the module docstring).
PARAGRAPH_CHUNK = 1500
_SENTENCE_ENDS = (". ", "? ", "! ", "。", "؟ ", "; ")


def _cut(line: str) -> list[str]:
    """A line cut into pieces of at most ``PARAGRAPH_CHUNK`` characters, at a sentence's end or a space if near."""
    pieces = []
    while len(line) > PARAGRAPH_CHUNK:
        window = line[:PARAGRAPH_CHUNK]
        cut = max(window.rfind(end) + len(end) for end in _SENTENCE_ENDS)
        if cut < PARAGRAPH_CHUNK // 2:
            cut = window.rfind(" ") + 1
        if cut < PARAGRAPH_CHUNK // 2:
            cut = PARAGRAPH_CHUNK
        pieces.append(line[:cut].rstrip(" "))
        line = line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces


def paragraph_pieces(lines) -> list[list[str]]:
    """The lines of one paragraph grouped into pieces of at most ``PARAGRAPH_CHUNK`` characters, a line
    longer than that cut (``_cut``): each piece becomes one Paragraph, its lines joined by line breaks."""
    pieces: list[list[str]] = [[]]
    size = 0
    for line in lines:
        for part in _cut(line):
            if pieces[-1] and size + len(part) > PARAGRAPH_CHUNK:
                pieces.append([])
                size = 0
            pieces[-1].append(part)
            size += len(part) + 1
    return pieces


@cache
def _joined_style(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` with no space after: for every piece of a long paragraph but its last."""
    return ParagraphStyle(f"{style.name}-joined", parent=style, spaceAfter=0)


def rich(text, style: ParagraphStyle | None = None, *, empty: str = "") -> list[Flowable]:
    """User text as flowables: one Paragraph per paragraph, typed lists as indented lists.

    Numbered lines keep their own numbers as typed ("1.", "a)"). Returns a
    single italic paragraph saying ``empty`` when there is no text and
    ``empty`` is given.
    """
    styles = pack_styles()
    style = style or styles["body"]
    flowables: list[Flowable] = []
    for block in text_blocks(text):
        if block.kind == "paragraph":
            pieces = paragraph_pieces(block.lines)
            for position, piece in enumerate(pieces, start=1):
                piece_style = style if position == len(pieces) else _joined_style(style)
                flowables.append(Paragraph("<br/>".join(markup(line) for line in piece), piece_style))
            continue
        for line in block.lines:
            first, *rest = [markup(part) for part in _cut(line)]
            if block.kind == "bullets":
                flowables.extend(bullets([first], indent=style.leftIndent))
                continued = _bullet_style(pack_styles()["body"].name, style.leftIndent, 0)
            else:
                continued = _numbered_style(style.name, style.leftIndent)
                flowables.append(Paragraph(first, continued))
            flowables.extend(Paragraph(part, continued) for part in rest)
    if not flowables and empty:
        flowables.append(Paragraph(escape(empty), styles["empty"]))
    return flowables


@cache
def _numbered_style(parent: str, indent: float) -> ParagraphStyle:
    return ParagraphStyle(f"numbered-{parent}-{indent}", parent=pack_styles()[parent], leftIndent=indent + 14)


def bullets(items_markup: list[str], *, indent: float = 0, level: int = 0) -> list[Paragraph]:
    """Bulleted items (already Paragraph markup), the bullet hanging in the margin of the text."""
    base = pack_styles()["body"]
    style = _bullet_style(base.name, indent, level)
    mark = "•" if level == 0 else "–"
    return [Paragraph(markup, style, bulletText=mark) for markup in items_markup]


@cache
def _bullet_style(parent: str, indent: float, level: int) -> ParagraphStyle:
    base = pack_styles()[parent]
    step = 14
    return ParagraphStyle(
        f"bullet-{indent}-{level}",
        parent=base,
        leftIndent=indent + step * (level + 1),
        bulletIndent=indent + step * level + 2,
        spaceAfter=3,
    )


@cache
def pack_styles() -> dict[str, ParagraphStyle]:
    """The pack's paragraph styles (built once: styles are immutable in use)."""
    font = fonts()
    base = ParagraphStyle(
        "body",
        fontName=font.regular,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        spaceAfter=6,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
        bulletFontName=font.regular,
        bulletFontSize=10,
    )

    def style(name: str, **overrides) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **overrides)

    return {
        "body": base,
        "small": style("small", fontSize=8.5, leading=11, spaceAfter=2),
        "muted": style("muted", fontSize=9, leading=12, textColor=MUTED),
        "empty": style("empty", fontName=font.italic, textColor=MUTED),
        "cell": style("cell", fontSize=9, leading=11.5, spaceAfter=0),
        "cell_bold": style("cell_bold", fontName=font.bold, fontSize=9, leading=11.5, spaceAfter=0),
        "cell_right": style("cell_right", fontSize=9, leading=11.5, spaceAfter=0, alignment=TA_RIGHT),
        "cell_centre": style("cell_centre", fontSize=9, leading=11.5, spaceAfter=0, alignment=TA_CENTER),
        "cell_head": style(
            "cell_head", fontName=font.bold, fontSize=9, leading=11.5, spaceAfter=0, textColor=colors.white
        ),
        "council": style("council", fontName=font.bold, fontSize=11, leading=14, textColor=MUTED, spaceAfter=4),
        "cover_title": style("cover_title", fontName=font.bold, fontSize=22, leading=27, spaceAfter=14),
        "front_title": style(
            "front_title", fontName=font.bold, fontSize=24, leading=29, textColor=ACCENT, spaceAfter=10
        ),
        "h1": style("h1", fontName=font.bold, fontSize=17, leading=21, textColor=ACCENT, spaceBefore=0, spaceAfter=10),
        "h2": style(
            "h2", fontName=font.bold, fontSize=13, leading=16.5, textColor=ACCENT, spaceBefore=10, spaceAfter=6
        ),
        "h3": style("h3", fontName=font.bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4),
        "indicator_title": style(
            "indicator_title", fontName=font.bold, fontSize=14, leading=18, textColor=ACCENT, spaceAfter=2
        ),
        "section_head": style(
            "section_head",
            fontName=font.bold,
            fontSize=10.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "para": style("para", leftIndent=1.1 * cm, firstLineIndent=-1.1 * cm, alignment=TA_LEFT),
        "para_body": style("para_body", leftIndent=1.1 * cm, bulletFontName=font.bold),
        "para_muted": style("para_muted", leftIndent=1.1 * cm, fontSize=9, leading=12, textColor=MUTED),
        "link_item": style("link_item", leftIndent=12, bulletIndent=0),
    }


def hex_colour(colour: colors.Color) -> str:
    """#rrggbb for a reportlab colour, for <font color> markup."""
    return "#" + colour.hexval()[2:]


def para(markup: str, style_name: str = "body") -> Paragraph:
    return Paragraph(markup, pack_styles()[style_name])


def text(value, style_name: str = "body") -> Paragraph:
    """A Paragraph of plain (user) text."""
    return Paragraph(inline(value), pack_styles()[style_name])
