"""Reads: the document as the pages and the three outputs show it, catalogue tables, what became of
last year's areas for improvement, and the year-on-year comparison.

``document_outline`` is the one reading of a document: the page, the DOCX, the PDF and the HTML
all lay out the same outline, so they agree in order and numbering. It runs a fixed number of
queries whatever the number of sections, boxes and statements (guarded by a query-count test).
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cyp.audit import audit_events_for
from cyp.dates import long_date
from cyp.workflow import review_actions_for
from indicators.formatting import format_value
from indicators.models import Indicator
from indicators.selectors import indicator_page
from plans.models import Action
from plans.selectors import actions_with_state
from selfassessment.enums import SummaryKind, TableSource
from selfassessment.models import Block, ContextTable, Section, SelfAssessment, SummaryItem, TemplateStatement


def documents_for(*, user, committee=None) -> list[SelfAssessment]:
    """The documents (of the body, when given) the person may open, newest year first (one query, then the
    rules in Python)."""
    documents = SelfAssessment.objects.select_related("committee", "template", "year").order_by(
        "-year__start_year", "id"
    )
    if committee is not None:
        documents = documents.filter(committee=committee)
    return [document for document in documents if user.has_perm("selfassessment.view_selfassessment", document)]


def document_for_page(*, document_id: int) -> SelfAssessment:
    """Raises SelfAssessment.DoesNotExist."""
    return SelfAssessment.objects.select_related(
        "committee", "template", "year", "previous", "previous__year", "signed_off_by"
    ).get(pk=document_id)


# --- Tables ---------------------------------------------------------------------------------------


@dataclass
class TableView:
    title: str
    columns: list[str]
    rows: list[list[str]]
    source_note: str
    from_catalogue: bool
    indicator_number: int | None = None


def catalogue_table(*, table: ContextTable, document: SelfAssessment, user) -> TableView:
    """The indicator's latest figures with its comparators, read by the indicator page's own selector
    (``indicators.selectors.indicator_page``, so a member sees what the indicator page shows them) and
    printed by its own formatting (``indicators.formatting.format_value``): never retyped."""
    indicator = table.indicator
    columns = ["Period", document.local_authority or "Council", "Statistical neighbours", "Region", "England"]
    try:
        page = indicator_page(committee=document.committee, number=indicator.number, user=user, quarter=None)
    except Indicator.DoesNotExist:
        return TableView(table.title, columns, [], "The indicator is no longer in the catalogue.", True)
    unit, decimals = page.indicator.unit, page.indicator.decimals
    rows = []
    for entry in reversed(page.history[-table.periods :] if table.periods else page.history):
        figure = entry["figure"]
        rows.append(
            [
                figure.period_label,
                format_value(figure.value, unit, decimals),
                format_value(figure.sn_mean, unit, decimals),
                format_value(figure.region_mean, unit, decimals),
                format_value(figure.england_mean, unit, decimals),
            ]
        )
    return TableView(table.title, columns, rows, table.source_note, True, indicator.number)


def table_view(*, table: ContextTable, document: SelfAssessment, user) -> TableView:
    if table.source == TableSource.CATALOGUE:
        return catalogue_table(table=table, document=document, user=user)
    return TableView(
        table.title,
        [str(c) for c in table.columns],
        [[str(c) for c in row] for row in table.rows],
        table.source_note,
        False,
    )


# --- What became of last year's areas -------------------------------------------------------------


@dataclass
class ItemView:
    item: SummaryItem
    #: For an area carried from last year or made a plan action: what became of it, in words.
    became: str = ""


def _became(item: SummaryItem, states: dict[int, object]) -> str:
    if item.plan_action_id is None:
        return ""
    state = states.get(item.plan_action_id)
    if state is None:
        return ""
    action = state.action
    words = f"Action {action.number} of “{action.plan.title}”: {state.status.label.lower()}"
    words += f", due {action.due_display}"
    if state.latest is not None:
        progress = state.latest.text.strip()
        if len(progress) > 400:
            progress = progress[:400].rsplit(" ", 1)[0] + " …"
        words += f". Latest approved progress ({long_date(state.latest.date)}): {progress}"
    else:
        words += ". No approved progress yet."
    return words


# --- The outline ----------------------------------------------------------------------------------


@dataclass
class BlockView:
    block: Block
    statements: list[TemplateStatement]
    indicators: list
    actions: list
    files: list

    @property
    def numbers(self) -> str:
        return ", ".join(s.number for s in self.statements)


@dataclass
class SectionView:
    section: Section
    statements: list[TemplateStatement]
    blocks: list[BlockView]
    tables: list[TableView]

    @property
    def heading(self) -> str:
        return f"{self.section.number}. {self.section.title}"


@dataclass
class Outline:
    document: SelfAssessment
    key_people: list
    key_documents: list
    tables: list[TableView]
    inspections: list
    summary: dict[str, list[ItemView]]
    sections: list[SectionView]
    on: datetime.date

    @property
    def summary_lists(self) -> list[tuple[str, str, list[ItemView]]]:
        """(kind, heading, items) in the template's order."""
        return [(kind.value, kind.label, self.summary.get(kind.value, [])) for kind in SummaryKind]

    @property
    def groups(self) -> list[tuple[str, list[SectionView]]]:
        """The sections under their template heading ("Self-Assessment by Service Area"), in order."""
        groups: list[tuple[str, list[SectionView]]] = []
        for view in self.sections:
            group = view.section.template_section.group
            if not groups or groups[-1][0] != group:
                groups.append((group, []))
            groups[-1][1].append(view)
        return groups


def document_outline(*, document: SelfAssessment, user, on: datetime.date | None = None) -> Outline:
    """Everything the document prints, in the template's order and numbering (module docstring).

    ``user`` is whoever reads it: catalogue tables and plan progress are what that person may see.
    """
    on = on or timezone.localdate()
    sections = list(
        Section.objects.filter(document=document)
        .select_related("template_section", "author", "state_changed_by")
        .prefetch_related(
            Prefetch("template_section__statements", queryset=TemplateStatement.objects.order_by("position", "id")),
            Prefetch(
                "blocks",
                queryset=Block.objects.order_by("position", "id").prefetch_related(
                    Prefetch("statements", queryset=TemplateStatement.objects.order_by("position", "id")),
                    Prefetch("indicators", queryset=Indicator.objects.order_by("number")),
                    Prefetch(
                        "plan_actions", queryset=Action.objects.select_related("plan").order_by("plan_id", "position")
                    ),
                    "files",
                ),
            ),
        )
        .order_by("template_section__number")
    )
    tables = list(document.tables.select_related("indicator").order_by("position", "id"))
    items = list(
        document.summary_items.select_related("plan_action", "plan_action__plan").order_by("kind", "position", "id")
    )
    action_ids = [item.plan_action_id for item in items if item.plan_action_id]
    states = (
        {s.action.pk: s for s in actions_with_state(Action.objects.filter(pk__in=action_ids), on=on, user=user)}
        if action_ids
        else {}
    )
    summary: dict[str, list[ItemView]] = {}
    for item in items:
        summary.setdefault(item.kind, []).append(ItemView(item=item, became=_became(item, states)))
    section_tables: dict[int, list[TableView]] = {}
    part_a_tables = []
    for table in tables:
        view = table_view(table=table, document=document, user=user)
        if table.section_id:
            section_tables.setdefault(table.section_id, []).append(view)
        else:
            part_a_tables.append(view)
    section_views = [
        SectionView(
            section=section,
            statements=list(section.template_section.statements.all()),
            blocks=[
                BlockView(
                    block=block,
                    statements=list(block.statements.all()),
                    indicators=list(block.indicators.all()),
                    actions=list(block.plan_actions.all()),
                    files=list(block.files.all()),
                )
                for block in section.blocks.all()
            ],
            tables=section_tables.get(section.pk, []),
        )
        for section in sections
    ]
    return Outline(
        document=document,
        key_people=list(document.key_people.order_by("position", "id")),
        key_documents=list(document.key_documents.order_by("position", "id")),
        tables=part_a_tables,
        inspections=list(document.inspections.order_by("position", "id")),
        summary=summary,
        sections=section_views,
        on=on,
    )


# --- One section's page ---------------------------------------------------------------------------


def section_for_page(*, document: SelfAssessment, number: int) -> Section:
    """Raises Section.DoesNotExist."""
    return (
        Section.objects.select_related("document", "document__committee", "template_section", "author")
        .prefetch_related(
            Prefetch(
                "blocks",
                queryset=Block.objects.order_by("position", "id").prefetch_related(
                    Prefetch("statements", queryset=TemplateStatement.objects.order_by("position", "id")),
                    "indicators",
                    "plan_actions",
                    "files",
                ),
            )
        )
        .get(document=document, template_section__number=number)
    )


def section_timeline(*, section: Section):
    return list(audit_events_for(section))


def section_reviews(*, section: Section, user) -> list[str]:
    return [action.value for action in review_actions_for(obj=section, by=user)]


def sections_for_board(*, document: SelfAssessment) -> QuerySet[Section]:
    return (
        Section.objects.filter(document=document)
        .select_related("template_section", "author", "state_changed_by")
        .order_by("template_section__number")
    )


# --- Year on year ---------------------------------------------------------------------------------

#: Above this many words on either side, a changed paragraph is shown removed and added whole rather
#: than word by word: the comparison stays quick for a five-page box.
WORD_DIFF_LIMIT = 3_000
_WORDS = re.compile(r"\S+|\s+")


@dataclass
class Piece:
    kind: str  # "equal", "delete", "insert"
    text: str


@dataclass
class Compared:
    label: str
    pieces: list[Piece] = field(default_factory=list)
    added: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def text_compare(*, label: str, old: str, new: str) -> Compared:
    """Last year's text against this year's, paragraph by paragraph, then word by word within a changed
    paragraph (difflib). ``added``/``removed`` count words."""
    result = Compared(label=label)
    old_paras, new_paras = _paragraphs(old), _paragraphs(new)
    matcher = difflib.SequenceMatcher(None, old_paras, new_paras, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.pieces.append(Piece("equal", "\n\n".join(old_paras[i1:i2])))
            continue
        before, after = "\n\n".join(old_paras[i1:i2]), "\n\n".join(new_paras[j1:j2])
        _words_compare(result, before, after)
    return result


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _words_compare(result: Compared, before: str, after: str) -> None:
    old_words, new_words = _WORDS.findall(before), _WORDS.findall(after)
    if len(old_words) > WORD_DIFF_LIMIT or len(new_words) > WORD_DIFF_LIMIT or not old_words or not new_words:
        if before:
            result.pieces.append(Piece("delete", before))
            result.removed += len(before.split())
        if after:
            result.pieces.append(Piece("insert", after))
            result.added += len(after.split())
        return
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.pieces.append(Piece("equal", "".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            removed = "".join(old_words[i1:i2])
            result.pieces.append(Piece("delete", removed))
            result.removed += len(removed.split())
        if j2 > j1:
            added = "".join(new_words[j1:j2])
            result.pieces.append(Piece("insert", added))
            result.added += len(added.split())


@dataclass
class Comparison:
    document: SelfAssessment
    previous: SelfAssessment | None
    texts: list[Compared]

    @property
    def changed(self) -> list[Compared]:
        return [text for text in self.texts if text.changed]


def document_comparison(*, document: SelfAssessment) -> Comparison:
    """This year's texts against last year's: the local area, Part B's entries and every box's summary
    and evidence (each box against the box it was copied from). Fixed number of queries."""
    previous = document.previous
    if previous is None:
        return Comparison(document=document, previous=None, texts=[])
    texts = [text_compare(label="Part A: about the local area", old=previous.local_area, new=document.local_area)]
    old_items = {item.pk: item for item in previous.summary_items.all()}
    for item in document.summary_items.order_by("kind", "position", "id"):
        before = old_items.get(item.carried_from_id)
        label = f"Part B {item.get_kind_display()}, entry {item.position + 1}"
        texts.append(text_compare(label=label, old=before.text if before else "", new=item.text))
    blocks = (
        Block.objects.filter(section__document=document)
        .select_related("section__template_section", "carried_from")
        .prefetch_related("statements")
        .order_by("section__template_section__number", "position", "id")
    )
    for block in blocks:
        numbers = ", ".join(s.number for s in block.statements.all()) or f"section {block.section.number}"
        old = block.carried_from
        texts.append(text_compare(label=f"{numbers}: summary", old=old.summary if old else "", new=block.summary))
        texts.append(text_compare(label=f"{numbers}: evidence", old=old.evidence if old else "", new=block.evidence))
    return Comparison(document=document, previous=previous, texts=texts)
