"""“Waiting for me”: the work each person must act on next, gathered from every app, oldest first.

``cyp/`` never imports the apps: each app registers a queue function from its ``AppConfig.ready()``
(``register_queue``), which returns the ``QueueItem`` objects of one person on a day in a fixed number of
queries. ``queue_for`` runs them all and groups the items by kind, in registration order:

- the governance team: returns, plan progress, responses to minute actions and self-assessment sections
  submitted for review, in the bodies they see, each with who submitted it, when, and how long it has waited;
- service leads and delegates: returns sent back to them (with the first line of the reviewer's comment),
  returns not started or in draft with their deadline, plan actions overdue or with no approved progress,
  minute actions overdue, sections sent back.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from cyp.dates import long_date


@dataclass(frozen=True)
class QueueItem:
    #: The group it is listed under, as its heading prints: "Returns waiting for review".
    kind: str
    #: What it is, as the link reads: "Indicator 117: Percentage of …, Quarter 1 2024/25".
    title: str
    #: The page where the decision is made or the work is done.
    url: str
    #: The body (committee, board or panel) it belongs to.
    body: str = ""
    #: Who submitted it (governance) or who sent it back (writers).
    who: str = ""
    #: When it was submitted or sent back: the age counts from here.
    since: datetime.datetime | None = None
    #: Its deadline or due date, for work still to do.
    due: datetime.date | None = None
    #: One more line: the reviewer's comment's first line, a flag in words.
    note: str = ""

    def age_days(self, today: datetime.date) -> int | None:
        if self.since is None:
            return None
        return max((today - timezone.localtime(self.since).date()).days, 0)

    def age_text(self, today: datetime.date) -> str:
        """ "waiting 3 days" from ``since``; else the deadline in words ("due in 2 days", "12 days overdue")."""
        days = self.age_days(today)
        if days is not None:
            if days == 0:
                return "waiting since today"
            return f"waiting {days} day{'s' if days != 1 else ''}"
        if self.due is None:
            return "no deadline set"
        left = (self.due - today).days
        if left > 1:
            return f"due in {left} days ({long_date(self.due)})"
        if left == 1:
            return f"due tomorrow ({long_date(self.due)})"
        if left == 0:
            return f"due today ({long_date(self.due)})"
        return f"{-left} day{'s' if left != -1 else ''} overdue (due {long_date(self.due)})"

    def is_late(self, today: datetime.date) -> bool:
        return self.since is None and self.due is not None and self.due < today

    def sort_key(self, today: datetime.date) -> tuple:
        """Oldest first: the longest waiting, then the earliest due; undated last."""
        if self.since is not None:
            return (0, self.since.timestamp(), self.title)
        if self.due is not None:
            return (1, self.due.toordinal(), self.title)
        return (2, 0, self.title)


#: ``items(user=user, today=day)``: the person's items of one app. A fixed number of queries, whatever the size.
QueueSource = Callable[..., list[QueueItem]]

_sources: dict[str, QueueSource] = {}


def register_queue(name: str, items: QueueSource) -> None:
    """Add an app's queue (``name``: the app's, for the error message when two apps take one name)."""
    known = _sources.get(name)
    if known is not None and known is not items:
        raise ValueError(f"Queue '{name}' is already registered by {known.__module__}: choose another name.")
    _sources[name] = items


@dataclass(frozen=True)
class QueueRow:
    item: QueueItem
    #: "waiting 3 days", "due in 2 days (12 September 2024)", "12 days overdue (due …)"
    age: str
    late: bool


@dataclass
class QueueGroup:
    kind: str
    rows: list[QueueRow]

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass
class Queue:
    today: datetime.date
    groups: list[QueueGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def queue_for(*, user, today: datetime.date | None = None) -> Queue:
    """Everything waiting for ``user`` on ``today``, grouped by kind (each group oldest first, empty groups left
    out)."""
    today = today or timezone.localdate()
    queue = Queue(today=today)
    if user is None or not user.is_authenticated or not user.is_active:
        return queue
    by_kind: dict[str, list[QueueItem]] = {}
    for items in _sources.values():
        for item in items(user=user, today=today):
            by_kind.setdefault(item.kind, []).append(item)
    for kind, items in by_kind.items():
        rows = [
            QueueRow(item=item, age=item.age_text(today), late=item.is_late(today))
            for item in sorted(items, key=lambda item: item.sort_key(today))
        ]
        queue.groups.append(QueueGroup(kind=kind, rows=rows))
    return queue


def first_line(text: str, *, limit: int = 160) -> str:
    """The first non-empty line of ``text``, cut at ``limit`` characters with an ellipsis."""
    line = next((line.strip() for line in (text or "").splitlines() if line.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
