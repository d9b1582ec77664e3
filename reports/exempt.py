"""Exempt (Part 2) items: the words printed about them, and the public pack's input.

An item taken in private under a paragraph of Part 1 of Schedule 12A to the Local Government
Act 1972 is printed in full in the members' pack, marked as not for publication. The public
pack is the same agenda with each exempt item left as a notice: its number, the paragraph and
the clerk's public description, and nothing else of the item (no title, cover sheet, pages,
bookmark, file name or figures). ``public_pack_input`` makes that input from the members' one,
so nothing of the item reaches the renderers of the public pack at all.

Files. A build of a meeting with an exempt item writes both packs (``…-public.pdf`` and
``…-public.html`` beside the members' files) and publishing freezes both, each with its
SHA-256 and page count. A meeting with none has one pack: the public paths are the members'
paths (the same files, not copies), so nothing is rendered or stored twice. The figures CSV
and XLSX are always made from the public input. Who gets which: ``reports.selectors``
(``pack_format_for`` for signed-in people, ``public_pack_file`` for the public site).

No database and no Django: the renderers and the pages both call these.
"""

from __future__ import annotations

from dataclasses import replace

from reports.document import AgendaEntry, ItemKind, PackInput

#: What the public agenda prints in place of an exempt item's title.
WITHHELD_TITLE = "Exempt item"


def members_marking(paragraph: int) -> str:
    """Printed on an exempt item's cover sheet and agenda line in the members' pack."""
    return f"Exempt: not for publication — paragraph {paragraph} of Schedule 12A"


def public_notice(paragraph: int) -> str:
    """Printed in the public pack (and shown to the public) in place of an exempt item."""
    return (
        f"This item is exempt from publication under paragraph {paragraph} of Part 1 of Schedule 12A "
        "to the Local Government Act 1972"
    )


def has_exempt(pack: PackInput) -> bool:
    return any(entry.exempt_paragraph is not None for entry in pack.items)


def _withheld(entry: AgendaEntry) -> AgendaEntry:
    """The notice of an exempt item: a fresh entry holding its number, section and paragraph only."""
    return AgendaEntry(
        item_id=entry.item_id,
        number=entry.number,
        section=entry.section,
        title=WITHHELD_TITLE,
        kind=ItemKind.NO_PAPER,
        note=public_notice(entry.exempt_paragraph),
        exempt_paragraph=entry.exempt_paragraph,
        exempt_description=entry.exempt_description,
        withheld=True,
    )


def public_pack_input(pack: PackInput) -> PackInput:
    """The public pack's input: every exempt item replaced by its notice; the pack itself unchanged when
    it has none (the same object, so callers can tell the two packs are one)."""
    if not has_exempt(pack):
        return pack
    items = [_withheld(entry) if entry.exempt_paragraph is not None else entry for entry in pack.items]
    return replace(pack, items=items)
