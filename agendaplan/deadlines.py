"""The deadlines of a meeting and the warnings of its planned items: the one home of these rules.

No database: the selectors pass what they read. Calendar days before the meeting
(draft reports due, agenda despatch) are the meeting's own (``reports.models.Meeting``
``draft_due_date`` and ``despatch_date``); clear days are counted by ``cyp.calendar``
under the body's rules:

- the agenda and reports are open to inspection at least ``inspection_clear_days``
  clear days before the meeting (Local Government Act 1972, s.100B): the last working
  day that leaves them is "open to inspection by";
- a key decision is on the forward plan ``key_decision_clear_days`` clear days before
  it is taken: one put on it later, or still not on it when fewer remain, is warned of
  (it can then be taken only under the general exception or special urgency rules).

Warnings of what is still to do (a paper missing, a key decision not yet on the forward
plan) stop once the meeting is held; a key decision put on the plan too late stays on
record.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from cyp.calendar import (
    ClosedDays,
    clear_days_before,
    clear_days_between,
    is_working_day,
    working_day_on_or_before,
)
from cyp.dates import weekday_long_date


@dataclass(frozen=True)
class ClearDayRules:
    """A body's rules for counting clear days (``cyp.models.Committee``) with the days it is closed."""

    inspection_clear_days: int = 5
    key_decision_clear_days: int = 28
    exclude_weekends: bool = True
    closed: ClosedDays = field(default_factory=ClosedDays)

    def between(self, earlier: datetime.date, later: datetime.date) -> int:
        return clear_days_between(earlier, later, exclude_weekends=self.exclude_weekends, closed_days=self.closed)

    def last_day_before(self, meeting_date: datetime.date, n: int) -> datetime.date:
        """The last working day that leaves ``n`` clear days before the meeting."""
        day = clear_days_before(meeting_date, n, exclude_weekends=self.exclude_weekends, closed_days=self.closed)
        return working_day_on_or_before(day, exclude_weekends=self.exclude_weekends, closed_days=self.closed)

    def closed_reason(self, day: datetime.date) -> str | None:
        """Why the council is closed on ``day`` ("a Saturday", "Spring bank holiday"), or None."""
        if is_working_day(day, exclude_weekends=self.exclude_weekends, closed_days=self.closed):
            return None
        return self.closed.name(day) or f"a {weekday_long_date(day).split()[0]}"


@dataclass(frozen=True)
class MissingPaper:
    number: int
    title: str


@dataclass(frozen=True)
class MeetingDeadlines:
    meeting_date: datetime.date
    draft_due: datetime.date
    despatch: datetime.date
    inspection_by: datetime.date
    key_decision_by: datetime.date
    inspection_clear_days: int
    key_decision_clear_days: int
    held: bool
    warnings: tuple[str, ...] = ()

    def clear_day_rows(self) -> list[tuple[str, datetime.date]]:
        """The two deadlines in clear days (the meeting's page lists the calendar-day ones already)."""
        return [row for row in self.rows() if "clear days" in row[0]]

    def rows(self) -> list[tuple[str, datetime.date]]:
        """(label, date) in date order, as the plan and the meeting page print them."""
        return [
            (f"Key decisions on the forward plan by ({self.key_decision_clear_days} clear days)", self.key_decision_by),
            ("Draft reports due", self.draft_due),
            ("Agenda despatch", self.despatch),
            (f"Agenda open to inspection by ({self.inspection_clear_days} clear days)", self.inspection_by),
        ]


def meeting_deadlines_for(
    *,
    meeting_date: datetime.date,
    draft_due: datetime.date,
    despatch: datetime.date,
    rules: ClearDayRules,
    today: datetime.date,
    missing_papers: tuple[MissingPaper, ...] = (),
    not_on_agenda: int = 0,
    meeting_set_up: bool = True,
) -> MeetingDeadlines:
    """The meeting's deadlines and what is wrong with them on ``today``."""
    inspection_by = rules.last_day_before(meeting_date, rules.inspection_clear_days)
    key_decision_by = rules.last_day_before(meeting_date, rules.key_decision_clear_days)
    held = meeting_date < today
    warnings = []
    clear_after_despatch = rules.between(despatch, meeting_date)
    if clear_after_despatch < rules.inspection_clear_days:
        warnings.append(
            f"Agenda despatch on {weekday_long_date(despatch)} leaves {clear_after_despatch} clear days before the "
            f"meeting, fewer than {rules.inspection_clear_days}: despatch by {weekday_long_date(inspection_by)}."
        )
    elif (reason := rules.closed_reason(despatch)) is not None:
        warnings.append(
            f"Agenda despatch falls on {weekday_long_date(despatch)}, when the council is closed ({reason}): "
            f"despatch by {weekday_long_date(inspection_by)}."
        )
    if not held:
        if not meeting_set_up and today > key_decision_by:
            warnings.append(
                f"The meeting of {weekday_long_date(meeting_date)} is not set up yet: set it up so that its agenda "
                f"can be despatched by {weekday_long_date(despatch)}."
            )
        if not_on_agenda and today > draft_due:
            warnings.append(
                f"Draft reports were due on {weekday_long_date(draft_due)}: {not_on_agenda} planned "
                f"item{'s are' if not_on_agenda != 1 else ' is'} not on the agenda yet."
            )
        for paper in missing_papers:
            if today > inspection_by:
                warnings.append(
                    f"The agenda had to be open to inspection by {weekday_long_date(inspection_by)}: the paper for "
                    f"item {paper.number} ({paper.title}) is still missing."
                )
            elif today > draft_due:
                warnings.append(
                    f"Draft reports were due on {weekday_long_date(draft_due)}: the paper for item {paper.number} "
                    f"({paper.title}) is still missing."
                )
    return MeetingDeadlines(
        meeting_date=meeting_date,
        draft_due=draft_due,
        despatch=despatch,
        inspection_by=inspection_by,
        key_decision_by=key_decision_by,
        inspection_clear_days=rules.inspection_clear_days,
        key_decision_clear_days=rules.key_decision_clear_days,
        held=held,
        warnings=tuple(warnings),
    )


def key_decision_warning(
    *,
    key_decision: bool,
    forward_plan_on: datetime.date | None,
    deadlines: MeetingDeadlines,
    rules: ClearDayRules,
    today: datetime.date,
) -> str | None:
    """What is wrong with a key decision's place on the forward plan, or None."""
    if not key_decision:
        return None
    needed = rules.key_decision_clear_days
    urgency = "it can be taken only under the general exception or special urgency rules"
    if forward_plan_on is not None:
        clear = rules.between(forward_plan_on, deadlines.meeting_date)
        if clear >= needed:
            return None
        return (
            f"Key decision put on the forward plan on {weekday_long_date(forward_plan_on)}, {clear} clear days "
            f"before the meeting: it needed {needed} (on the plan by {weekday_long_date(deadlines.key_decision_by)}), "
            f"so {urgency}."
        )
    if deadlines.held or today <= deadlines.key_decision_by:
        return None
    left = rules.between(today, deadlines.meeting_date)  # were it published today
    return (
        f"Key decision not on the forward plan and {left} clear days remain, fewer than {needed} (it had to be on the "
        f"plan by {weekday_long_date(deadlines.key_decision_by)}): {urgency}."
    )
