"""The minutes of 10 September 2024 and the Minutes Action Log as printed in the pack of 8 October 2024 (seed 002).

Reads only ``minutes/demo_data/minutes_2024.json`` (copied from the seed). Safe to run
twice: meetings are keyed by body and date, minutes by meeting, minute items by number,
actions by minute and position, and a published response by its action; what exists is
left as it is, so whatever was done in the demo stays.

Decisions where the published papers are silent (all visible in the data):

- **Meetings.** The log carries actions of the meetings of 12 March, 25 June and 10
  September 2024. 10 September is printed (2.00 pm, Red Kite Room, New Shire Hall); for
  12 March and 25 June the papers print neither time nor venue, so they get the
  committee's usual 14:00 at New Shire Hall, Alconbury Weald, and the clerk of the 8
  October front sheet. Each reports the last quarter reported by then (2023/24 Q3, Q4, Q4).
- **Minutes.** 10 September's are loaded whole (minutes 221 to 227, text and decisions as
  printed) and are a draft: the meeting of 8 October approves them. Of 12 March and 25
  June only the minutes that carry actions are known (number and report title): 25 June's
  were approved on 10 September (minute 223); when 12 March's were approved is not printed.
- **Actions.** Every row of the log, in its order. "Ongoing" and "On-going" are "In
  progress"; "See action 206" and "See action 203" are "In progress" too, with the word as
  printed kept (the log shows it while the status is unchanged). No due dates are printed.
  The officer responsible is printed as "Sarah Callaghan"; so that the demo's Education
  service lead (``lead.education``) can write responses, the actions are theirs in cyp.
- **Responses** are undated in the log. Each is one approved response dated 30 September
  2024, the day the agenda of 8 October was despatched, with no author (the council
  published it), so the pack of 8 October prints them.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction

from cyp.enums import ReviewState
from cyp.models import Committee, Quarter, User
from minutes.enums import LogStatus, MinutesState
from minutes.models import ActionResponse, MinuteAction, MinuteItem, Minutes
from reports.enums import AgendaItemKind, AgendaSection
from reports.models import AgendaItem, Meeting

DATA = Path(__file__).resolve().parent / "demo_data" / "minutes_2024.json"

CLERK = {
    "clerk_name": "Tamar Oviatt-Ham",
    "clerk_email": "tamar.oviatt-ham@cambridgeshire.gov.uk",
    "clerk_telephone": "01223 715668",
}
#: (date, quarter (start year, number), venue): the meetings whose minutes carry the log's actions.
MEETINGS = {
    "12 March 2024": (datetime.date(2024, 3, 12), (2023, 3), "New Shire Hall, Alconbury Weald"),
    "25 June 2024": (datetime.date(2024, 6, 25), (2023, 4), "New Shire Hall, Alconbury Weald"),
    "10 September 2024": (datetime.date(2024, 9, 10), (2023, 4), "Red Kite Room, New Shire Hall, Alconbury Weald"),
}
APPROVED_ON = {"25 June 2024": datetime.date(2024, 9, 10)}
PACK_MEETING = datetime.date(2024, 10, 8)
RESPONSES_AS_AT = datetime.date(2024, 9, 30)
STATUS = {"ongoing": LogStatus.IN_PROGRESS, "on-going": LogStatus.IN_PROGRESS}
ITEM_TITLE = "Children and Young People Committee Minutes 10 September 2024"
PARTIAL_NOTE = (
    "Only the minutes that carry actions in the published action log are known: their number and report "
    "title. The rest of these minutes is not in the published papers."
)


def _meeting(committee: Committee, label: str) -> Meeting:
    day, (start_year, number), venue = MEETINGS[label]
    meeting, _ = Meeting.objects.get_or_create(
        committee=committee,
        date=day,
        defaults={
            "time": datetime.time(14, 0),
            "venue": venue,
            "quarter": Quarter.objects.quarters().get(year__start_year=start_year, number=number),
            **CLERK,
        },
    )
    return meeting


def _minutes(meeting: Meeting, label: str, defaults: dict) -> Minutes:
    approved_on = APPROVED_ON.get(label)
    approved_at = Meeting.objects.filter(committee=meeting.committee, date=approved_on).first() if approved_on else None
    state = MinutesState.DRAFT if label == "10 September 2024" else MinutesState.APPROVED
    minutes, _ = Minutes.objects.get_or_create(
        meeting=meeting,
        defaults={"state": state, "approved_on": approved_on, "approved_at": approved_at, **defaults},
    )
    return minutes


@transaction.atomic
def load(*, committee: Committee) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    september = data["minutes_10_september_2024"]
    # 10 September first: 25 June's minutes record their approval at it.
    meetings = {label: _meeting(committee, label) for label in ("10 September 2024", "12 March 2024", "25 June 2024")}
    minutes = {
        "10 September 2024": _minutes(
            meetings["10 September 2024"],
            "10 September 2024",
            {"times": september["times"], "attendance": september["attendance"]},
        )
    }
    for item in september["items"]:
        MinuteItem.objects.get_or_create(
            minutes=minutes["10 September 2024"],
            number=item["number"],
            defaults={"title": item["title"], "text": item["text"], "decisions": item["decisions"]},
        )
    for label in ("12 March 2024", "25 June 2024"):
        minutes[label] = _minutes(meetings[label], label, {"notes": PARTIAL_NOTE})
    officer = User.objects.filter(username="lead.education").first()
    positions: dict[tuple[str, int], int] = {}
    for row in data["action_log"]:
        minute, _ = MinuteItem.objects.get_or_create(
            minutes=minutes[row["meeting"]], number=row["minute"], defaults={"title": row["report_title"]}
        )
        position = positions.get((row["meeting"], row["minute"]), 0)
        positions[(row["meeting"], row["minute"])] = position + 1
        printed = row["status"]
        action, created = MinuteAction.objects.get_or_create(
            minute=minute,
            position=position,
            defaults={
                "officer_name": row["officer"],
                "officer_user": officer,
                "text": row["action"],
                "status": STATUS.get(printed.lower(), LogStatus.IN_PROGRESS),
                "status_as_printed": printed,
            },
        )
        if created or not action.responses.exists():
            ActionResponse.objects.create(
                action=action,
                date=RESPONSES_AS_AT,
                status=action.status,
                text=row["response"],
                state=ReviewState.APPROVED,
            )
    pack_meeting = Meeting.objects.filter(committee=committee, date=PACK_MEETING).first()
    if pack_meeting is not None:
        AgendaItem.objects.get_or_create(
            meeting=pack_meeting,
            number=2,
            defaults={"section": AgendaSection.CONSTITUTIONAL, "kind": AgendaItemKind.ACTION_LOG, "title": ITEM_TITLE},
        )
