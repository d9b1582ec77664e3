"""The minutes action log paper of a meeting's pack (``reports.papers``, registered in ``MinutesConfig.ready``).

For the meeting on day D of a body the paper carries, as they stand on D:

- the minutes of the body's last meeting before D (put to the meeting to approve as an
  accurate record), every minute as written in cyp; minutes kept only as an uploaded
  PDF are named, and the paper says they are a separate paper;
- the action log: every action of the body's meetings before D that is open, in
  progress or completed on D (a closed action has left the log), grouped by meeting,
  each with the last response approved and dated on or before D, its status and its
  flags (``minutes.selectors``, the same rows as the body's action log page).

None when there is nothing to print (no earlier minutes and no action): readiness says so.
"""

from __future__ import annotations

from minutes.models import Minutes
from minutes.selectors import action_log_rows, rows_by_meeting
from reports.document import ActionLogEntry, ActionLogMeeting, ActionLogPaper, MinuteRecord, PreviousMinutes

PURPOSE = "To capture the actions recorded in the minutes of {name} meetings and report responses."


def _previous(meeting) -> PreviousMinutes | None:
    minutes = (
        Minutes.objects.filter(meeting__committee_id=meeting.committee_id, meeting__date__lt=meeting.date)
        .select_related("meeting")
        .prefetch_related("items")
        .order_by("-meeting__date")
        .first()
    )
    if minutes is None:
        return None
    items = sorted(minutes.items.all(), key=lambda item: item.number)
    return PreviousMinutes(
        meeting_date=minutes.meeting.date,
        times=minutes.times,
        venue=minutes.meeting.venue,
        attendance=minutes.attendance,
        state=minutes.state_display,
        items=tuple(
            MinuteRecord(number=str(item.number), title=item.title, text=item.text, decisions=item.decisions)
            for item in items
        ),
        separate_paper=minutes.has_paper and not any(item.text or item.decisions for item in items),
    )


def action_log_paper(*, meeting) -> ActionLogPaper | None:
    """The paper's data for the meeting (see the module docstring). Five queries."""
    rows = action_log_rows(on=meeting.date, committee=meeting.committee, before=meeting.date)
    previous = _previous(meeting)
    if previous is None and not rows:
        return None
    meetings = tuple(
        ActionLogMeeting(
            meeting_date=group.meeting.date,
            rows=tuple(
                ActionLogEntry(
                    minute=str(row.minute.number),
                    report_title=row.minute.title,
                    officer=row.action.officer_display,
                    action=row.action.text,
                    response=row.latest.text if row.latest else "",
                    response_date=row.latest.date if row.latest else None,
                    status=row.status_display,
                    flags=tuple(row.flag_words),
                )
                for row in group.rows
            ),
        )
        for group in rows_by_meeting(rows)
    )
    return ActionLogPaper(
        committee_name=meeting.committee.name,
        on=meeting.date,
        purpose=PURPOSE.format(name=meeting.committee.name),
        previous=previous,
        meetings=meetings,
    )
