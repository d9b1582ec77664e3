"""What the apps hand to the kernel: their daily reminders and their parts of the demo.

``cyp/`` is the ground floor and never imports the apps above it. Each app
registers its parts here from its ``AppConfig.ready()``; ``send_reminders`` and
``cyp.demo.demo_load`` run whatever is registered. An app that is not installed
registers nothing and is simply not run.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Reminder:
    #: What is reminded of, as the summary prints it: "return" gives "3 return reminders".
    name: str
    #: ``send(on=day)`` sends the day's reminders and returns how many; sending twice sends nothing twice.
    send: Callable[..., int]


@dataclass(frozen=True)
class DemoPart:
    #: Parts load in this order, lowest first: a part may rely on every part with a lower number.
    order: int
    #: ``load(committee=committee)`` loads the part; loading twice changes nothing.
    load: Callable[..., object]

    @property
    def name(self) -> str:
        return f"{self.load.__module__}.{self.load.__qualname__}"


_reminders: dict[str, Reminder] = {}
_rag_scheme: list[Callable[..., object]] = []


def register_rag_scheme(build: Callable[..., object]) -> None:
    """The indicators app hands the kernel how a body's RAG scheme is built (``build(committee)`` gives an
    ``indicators.rag.Scheme``), so that ``Committee.rag_scheme`` works without the kernel importing it."""
    _rag_scheme[:] = [build]


def rag_scheme(committee) -> object:
    """The body's RAG scheme, built by what the indicators app registered."""
    if not _rag_scheme:
        raise RuntimeError("No RAG scheme is registered: the indicators app is not installed.")
    return _rag_scheme[0](committee)


_demo_parts: dict[int, DemoPart] = {}


def register_reminder(name: str, send: Callable[..., int]) -> None:
    """Add a daily reminder, sent by ``send_reminders`` (and the app's own beat task) as ``send(on=day)``."""
    known = _reminders.get(name)
    if known is not None and known.send is not send:
        raise ValueError(f"Reminder '{name}' is already registered by {known.send.__module__}: choose another name.")
    _reminders[name] = Reminder(name=name, send=send)


def reminders() -> list[Reminder]:
    """The registered reminders, in the order the apps registered them (INSTALLED_APPS order)."""
    return list(_reminders.values())


def register_demo_part(order: int, load: Callable[..., object]) -> None:
    """Add a part to the demo, loaded by ``demo_load`` as ``load(committee=committee)`` in ``order``."""
    part = DemoPart(order=order, load=load)
    known = _demo_parts.get(order)
    if known is not None and known.load is not load:
        raise ValueError(f"Demo part {order} is already {known.name}: give {part.name} another number.")
    _demo_parts[order] = part


def demo_parts() -> list[DemoPart]:
    """The registered demo parts, lowest order first."""
    return [_demo_parts[order] for order in sorted(_demo_parts)]


def reminders_send(*, on: datetime.date) -> dict[str, int]:
    """Send every registered reminder for ``on``: how many each sent, by name."""
    return {reminder.name: reminder.send(on=on) for reminder in reminders()}
