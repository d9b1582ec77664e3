"""The pack's PDF tagged for assistive technology (PDF/UA-1): a structure tree written alongside reportlab.

reportlab writes no tags, so the pack writes its own in two halves.

While the pack is laid out, ``Tagger`` (on the ``PackCanvas``) wraps what each
flowable draws in a marked-content sequence with its own MCID and records the
structure element it belongs to: a paragraph's style says which (``h1`` is H1,
``indicator_title`` H2, a bulleted style a list item, anything else P), a table
is Table / TR / TH or TD (through reportlab's table render callback, with its
backgrounds and rules as artifacts), a chart is a Figure with its text
alternative (``figure_alt``), and the page furniture (footer, page number,
watermark) is an artifact. Every agenda item is a Part of the one Document, so
the structure order is the order the pages are drawn in, which is the reading
order: reportlab draws each page from the top down.

After the build, ``reports.render.pdf_structure.pdf_tag`` writes the structure tree, the parent tree, the
link annotations' Link elements, the language, the title shown in the window,
and the PDF/UA identifier in the XMP metadata, with pikepdf. A merged uploaded
paper that was tagged keeps its tags: its structure elements are copied under
its item's Part, pointing at the pack's pages (its marked content came along
with the page content when pypdf merged it).

What is not tagged: an uploaded paper without tags (readiness warns about it:
``reports.services.meetings.paper_tagged``), and marked content inside an
uploaded paper's form XObjects (rare; that content stays readable, untagged).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import Spacer

#: Paragraph styles that are headings, and their level. A style derived from one of these (``parent``) is a
#: heading of the same level unless it is named here itself.
HEADINGS = {
    "front_title": "H1",
    "cover_title": "H1",
    "h1": "H1",
    "h2": "H2",
    "indicator_title": "H2",
    "section_head": "H2",
    "h3": "H3",
    "plan_h4": "H4",
}
#: Paragraph styles of a table's header cells (in tables whose header is not in repeated rows).
HEAD_STYLES = frozenset({"cell_head", "cell_bold"})
ARTIFACT = "Artifact"
#: A flowable may say its own role: ``flowable.cyp_role = "Artifact"`` (a decorative rule), "P", "Figure".
ROLE_ATTRIBUTE = "cyp_role"
ALT_ATTRIBUTE = "cyp_alt"


def figure_alt(flowable, alt: str):
    """Tag ``flowable`` (a chart) as a Figure with ``alt`` as its text alternative; returns it.

    A drawing with no text alternative is tagged as an artifact: say what each chart shows."""
    flowable.__dict__[ALT_ATTRIBUTE] = alt  # a Drawing refuses attributes it does not know through setattr
    return flowable


def tag_as(flowable, role: str):
    """Tag ``flowable`` as ``role`` ("H2", "P") whatever its style: to keep the headings' levels in order, or
    to read a subtitle set in a heading's style as a paragraph."""
    flowable.cyp_role = role
    return flowable


@dataclass(eq=False)
class Node:
    """A structure element: its kids are Nodes, marked content ``(page, mcid)`` and links ``Link``."""

    role: str
    parent: Node | None = None
    kids: list = field(default_factory=list)
    alt: str = ""
    scope: str = ""  # a TH's: "Row" or "Column"
    indent: float = 0.0  # a list's, to nest lists
    item_id: int | None = None  # a Part's agenda item


@dataclass(eq=False)
class Link:
    page: int
    index: int  # among the page's annotations
    contents: str = ""


class Tagger:
    """Records the structure while the pack is drawn. See the module docstring."""

    def __init__(self):
        self.root = Node("Document")
        self.parts: dict[int, Node] = {}
        self.stack: list[Node] = [self._add(Node("Part"), self.root)]
        self.page_mcids: dict[int, list[Node]] = {}
        self.inside = 0  # > 0 while a leaf or an artifact is open: what is drawn inside belongs to it
        self.leaf: Node | None = None
        self.leaf_flowable = None
        self.open_list: tuple[Node, Node] | None = None  # (innermost list, its container)

    # --- the tree --------------------------------------------------------------------------------

    @staticmethod
    def _add(node: Node, parent: Node) -> Node:
        node.parent = parent
        parent.kids.append(node)
        return node

    @property
    def container(self) -> Node:
        return self.stack[-1]

    def part_start(self, item_id: int | None) -> None:
        """A new Part of the Document for an agenda item (an ``Anchor`` with an item id calls it)."""
        part = self._add(Node("Part", item_id=item_id), self.root)
        if item_id is not None:
            self.parts[item_id] = part
        self.stack = [part]
        self.open_list = None

    # --- marked content --------------------------------------------------------------------------

    def _begin_leaf(self, canvas, node: Node) -> None:
        page = canvas.getPageNumber()
        mcids = self.page_mcids.setdefault(page, [])
        node.kids.append((page, len(mcids)))
        canvas._code.append(f"/{node.role} <</MCID {len(mcids)}>> BDC")
        mcids.append(node)
        self.inside += 1
        self.leaf = node

    def _end_leaf(self, canvas) -> None:
        canvas._code.append("EMC")
        self.inside -= 1
        self.leaf = None

    def artifact_begin(self, canvas, subtype: str = "") -> None:
        kind = f" <</Type /Pagination /Subtype /{subtype}>> BDC" if subtype else " BMC"
        canvas._code.append(f"/Artifact{kind}")
        self.inside += 1

    def artifact_end(self, canvas) -> None:
        canvas._code.append("EMC")
        self.inside -= 1

    def leaf_draw(self, canvas, node: Node, draw) -> None:
        self._begin_leaf(canvas, node)
        try:
            draw()
        finally:
            self._end_leaf(canvas)

    def link_added(self, canvas, index: int) -> None:
        """A link annotation was put on the page: a Link element in the paragraph that drew it."""
        if self.leaf is None:
            return
        text = ""
        if isinstance(self.leaf_flowable, Paragraph):
            text = " ".join(self.leaf_flowable.getPlainText().split())[:300]
        link = Node("Link")
        link.kids.append(Link(canvas.getPageNumber(), index, text))
        self._add(link, self.leaf)

    # --- flowables -------------------------------------------------------------------------------

    def draw(self, flowable, canvas, draw) -> None:
        """Draw ``flowable`` (``draw()``) inside the marked content its role asks for."""
        role = _role_of(flowable)
        if role is None:
            draw()
            return
        if role == ARTIFACT:
            self.artifact_begin(canvas)
            try:
                draw()
            finally:
                self.artifact_end(canvas)
            return
        if role == "Table":
            self.open_list = None
            node = self._add(Node("Table"), self.container)
            self.stack.append(node)
            flowable._renderCB = _TableTags(self, canvas, node)
            try:
                draw()
            finally:
                flowable._renderCB = None
                del self.stack[self.stack.index(node) :]
            return
        if role == "Layout":  # a table that only lays out what it holds (one box, or lines of an agenda)
            flowable._renderCB = _TableTags(self, canvas, None)
            try:
                draw()
            finally:
                flowable._renderCB = None
            return
        if role == "LI":
            node = self._list_body(flowable)
            if node is None:
                return draw()
        else:
            self.open_list = None
            node = self._add(Node(role, alt=getattr(flowable, ALT_ATTRIBUTE, "")), self.container)
        self.leaf_flowable = flowable
        self.leaf_draw(canvas, node, draw)
        self.leaf_flowable = None

    def _list_body(self, paragraph: Paragraph) -> Node | None:
        """The LBody a bulleted paragraph's text goes in: a new item of the open list (nested by indent), or,
        for the rest of a long item (no bullet), the open item's own LBody."""
        indent = paragraph.style.leftIndent
        container = self.container
        current = self.open_list[0] if self.open_list and self.open_list[1] is container else None
        if not paragraph.bulletText:
            if current is not None and current.kids:
                return current.kids[-1].kids[-1]
            return self._add(Node("P"), container)
        while current is not None and current.indent > indent and current.parent.role == "LI":
            current = current.parent.parent
        if current is None or current.indent > indent:
            current = self._add(Node("L", indent=indent), container)
        elif current.indent < indent and current.kids:
            current = self._add(Node("L", indent=indent), current.kids[-1])
        item = self._add(Node("LI"), current)
        self.open_list = (current, container)
        return self._add(Node("LBody"), item)


def _role_of(flowable) -> str | None:
    role = getattr(flowable, ROLE_ATTRIBUTE, None)
    if role:
        return role
    if isinstance(flowable, Paragraph):
        return _paragraph_role(flowable.style)
    if isinstance(flowable, Table):
        if len(flowable._cellvalues) == 1 and len(flowable._cellvalues[0]) == 1:
            return "Layout"
        return "Table"
    if getattr(flowable, "_ZEROSIZE", 0) or isinstance(flowable, Spacer | ActionFlowable):
        return None
    from reportlab.graphics.shapes import Drawing

    if isinstance(flowable, Drawing):
        return "Figure" if getattr(flowable, ALT_ATTRIBUTE, "") else ARTIFACT
    return None  # a container of other flowables (each tagged as drawn), or one that draws nothing


_roles: dict[str, str] = {}


def _paragraph_role(style) -> str:
    role = _roles.get(style.name)
    if role is None:
        role = "LI" if style.name.startswith("bullet-") else "P"
        ancestor = style
        while ancestor is not None:
            if ancestor.name in HEADINGS:
                role = HEADINGS[ancestor.name]
                break
            ancestor = getattr(ancestor, "parent", None)
        _roles[style.name] = role
    return role


def _is_head_cell(value, column: int) -> bool:
    """A cell of header paragraphs, or, in the first column, of one paragraph all in bold (a row's label)."""
    parts = value if isinstance(value, list | tuple) else [value]
    paragraphs = [part for part in parts if isinstance(part, Paragraph)]
    if not paragraphs:
        return False
    if all(part.style.name in HEAD_STYLES for part in paragraphs):
        return True
    if column == 0 and len(paragraphs) == 1:
        text = paragraphs[0].text.strip()
        return text.startswith("<b>") and text.endswith("</b>") and text.count("<b>") == 1
    return False


class _TableTags:
    """reportlab's table render callback: rows and cells as TR and TH/TD, backgrounds and rules as artifacts.

    A header cell is one in the table's repeated rows, or one whose paragraphs all have a header style; a
    row of header cells heads columns, a header cell in a row of data heads its row. A layout table
    (``node`` None) only puts its backgrounds and rules aside.
    """

    def __init__(self, tagger: Tagger, canvas, node: Node | None):
        self.tagger, self.canvas, self.node = tagger, canvas, node
        self.row: Node | None = None
        self.cell: Node | None = None
        self.leaf = False

    def __call__(self, table, command, *args):
        getattr(self, command)(table, *args)

    def startTable(self, table):
        repeat = table.repeatRows
        header_rows = set(range(repeat)) if isinstance(repeat, int) else set(repeat or ())
        self.heads = []
        for row_number, row in enumerate(table._cellvalues):
            flags = [row_number in header_rows or _is_head_cell(cell, column) for column, cell in enumerate(row)]
            self.heads.append(flags)

    def startBG(self, table):
        self.tagger.artifact_begin(self.canvas)

    def endBG(self, table):
        self.tagger.artifact_end(self.canvas)

    def startLines(self, table):
        self.tagger.artifact_begin(self.canvas)

    def endLines(self, table):
        self.tagger.artifact_end(self.canvas)

    def startRow(self, table, row_number):
        if self.node is not None:
            self.row = self.tagger._add(Node("TR"), self.node)

    def startCell(self, table, row_number, column_number, value, style, position, size):
        if self.node is None:
            return
        flags = self.heads[row_number]
        head = flags[column_number]
        scope = ("Column" if all(flags) else "Row") if head else ""
        self.cell = self.tagger._add(Node("TH" if head else "TD", scope=scope), self.row)
        if isinstance(value, Flowable | list | tuple):
            self.tagger.stack.append(self.cell)
            self.tagger.open_list = None
            self.leaf = False
        else:  # a plain string, drawn by the table itself
            self.tagger._begin_leaf(self.canvas, self.cell)
            self.leaf = True

    def endCell(self, table):
        if self.node is None:
            return
        if self.leaf:
            self.tagger._end_leaf(self.canvas)
        else:
            del self.tagger.stack[self.tagger.stack.index(self.cell) :]
        self.cell = None

    def endRow(self, table):
        self.row = None

    def endTable(self, table):
        return None


_original_draw_on = Flowable.drawOn


def _tagged_draw_on(self, canvas, x, y, _sW=0):
    tagger = getattr(canvas, "cyp_tagger", None)
    if tagger is None or tagger.inside:
        return _original_draw_on(self, canvas, x, y, _sW)
    tagger.draw(self, canvas, lambda: _original_draw_on(self, canvas, x, y, _sW))
    return None


def install() -> None:
    """Route every flowable's drawing through the tagger of a canvas that has one (others are untouched)."""
    if Flowable.drawOn is not _tagged_draw_on:
        Flowable.drawOn = _tagged_draw_on
