"""Generated papers other apps hand to the pack: the agenda plan, the minutes action log.

The reports app does not import the apps that own a paper's data. Each registers, from its
``AppConfig.ready()``, how to build its paper's data for a meeting:
``register_paper(ItemKind.AGENDA_PLAN, build)`` where ``build(meeting=meeting)`` returns the
dataclass the renderers read (defined in ``reports.document``), or None when there is
nothing to print (readiness then says why). ``pack_input_build`` puts it in
``AgendaEntry.paper``; the renderers (``reports.render``) draw it by the entry's kind.
"""

from __future__ import annotations

from collections.abc import Callable

from reports.document import ItemKind

_builders: dict[ItemKind, Callable[..., object]] = {}
_lockers: dict[ItemKind, Callable[..., object]] = {}


def register_paper(kind: ItemKind, build: Callable[..., object], *, lock: Callable[..., object] | None = None) -> None:
    """``build(meeting=)`` gives the paper's data; ``lock(meeting=, by=, approved_by=)``, when given, locks
    what a published pack printed of it (run by publishing, in its transaction, when the agenda has the item;
    ``approved_by`` is when the pack was assembled)."""
    known = _builders.get(kind)
    if known is not None and known is not build:
        raise ValueError(f"The {kind} paper is already built by {known.__module__}.")
    _builders[ItemKind(kind)] = build
    if lock is not None:
        _lockers[ItemKind(kind)] = lock


def papers_lock(kinds, *, meeting, by, approved_by) -> None:
    """Publishing: lock what the pack printed of each registered paper of these kinds."""
    for kind in dict.fromkeys(ItemKind(k) for k in kinds):
        lock = _lockers.get(kind)
        if lock is not None:
            lock(meeting=meeting, by=by, approved_by=approved_by)


def paper_build(kind: ItemKind, *, meeting) -> object | None:
    """The data of a registered paper for the meeting, or None when no app builds this kind."""
    build = _builders.get(ItemKind(kind))
    return None if build is None else build(meeting=meeting)
