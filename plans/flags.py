"""The flag rules of an action on a day, with no Django: one home for plan actions and minute actions.

``plans.selectors.action_state`` (improvement-plan actions) and ``minutes.selectors``
(the minutes action log) both ask these, so "overdue" and "no approved progress" mean the
same everywhere:

- the **latest approved** update is the newest one dated on or before the day (when it
  was approved does not matter, so a report for a past meeting can be rebuilt);
- **overdue**: a due date before the day, and the action not done (an action due on the
  day itself is not yet overdue; one without a due date never is);
- **no approved progress**: not done, and no approved update dated on or before the day, once
  the action has had its first stale period to report any: an action set up on ``set_up_on``
  is not flagged for having none until ``stale_after`` days have passed, so an action created or
  imported with an owner, a future due date and a measurable criterion carries no flag on its
  first day (``new_without_progress_yet``).

A done action carries no flag: nothing about it needs attention.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Protocol, TypeVar


class Dated(Protocol):
    date: datetime.date


U = TypeVar("U", bound=Dated)


def latest_on(updates_newest_first: Iterable[U], on: datetime.date) -> U | None:
    """The newest update dated on or before ``on`` (the updates come newest first), or None."""
    return next((update for update in updates_newest_first if update.date <= on), None)


def is_overdue(*, due_date: datetime.date | None, on: datetime.date, done: bool) -> bool:
    return not done and due_date is not None and due_date < on


def new_without_progress_yet(*, set_up_on: datetime.date | None, on: datetime.date, stale_after: int | None) -> bool:
    """True while an action set up on ``set_up_on`` is within its first ``stale_after`` days on ``on``."""
    if set_up_on is None or stale_after is None:
        return False
    return set_up_on <= on <= set_up_on + datetime.timedelta(days=stale_after)


def has_no_progress(
    *,
    latest: object | None,
    done: bool,
    on: datetime.date | None = None,
    set_up_on: datetime.date | None = None,
    stale_after: int | None = None,
) -> bool:
    if done or latest is not None:
        return False
    return on is None or not new_without_progress_yet(set_up_on=set_up_on, on=on, stale_after=stale_after)
