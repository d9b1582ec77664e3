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


def register_paper(kind: ItemKind, build: Callable[..., object]) -> None:
    known = _builders.get(kind)
    if known is not None and known is not build:
        raise ValueError(f"The {kind} paper is already built by {known.__module__}.")
    _builders[ItemKind(kind)] = build


def paper_build(kind: ItemKind, *, meeting) -> object | None:
    """The data of a registered paper for the meeting, or None when no app builds this kind."""
    build = _builders.get(ItemKind(kind))
    return None if build is None else build(meeting=meeting)
