"""What the reports app's management commands share: the meeting named on the command line."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError

from reports.models import Meeting


def meeting_from_argument(text: str) -> Meeting:
    """The meeting a command names by its id (12) or its date (2024-10-08); CommandError otherwise."""
    meetings = Meeting.objects.select_related("committee", "quarter__year")
    try:
        date = datetime.date.fromisoformat(text)
    except ValueError:
        date = None
    if date is not None:
        found = list(meetings.filter(date=date))
    elif text.isdigit():
        found = list(meetings.filter(pk=int(text)))
    else:
        raise CommandError(f"'{text}' is neither a meeting id nor a date: write 12 or 2024-10-08.")
    if not found:
        raise CommandError(f"No meeting matches '{text}'.")
    if len(found) > 1:
        ids = ", ".join(str(meeting.pk) for meeting in found)
        raise CommandError(f"{len(found)} meetings are on {text} (ids {ids}): give the id instead.")
    return found[0]
