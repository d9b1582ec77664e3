"""The minutes app's entries in the URL permission table (tests/test_url_permissions.py).

The world gets the meetings of 10 September and 8 October 2024, the September minutes
uploaded as a PDF with minute 225, whose action the lead is responsible for, an approved
response, the lead's submitted response to a second action, and the member sitting on
the committee. Responses not approved must not leak.
"""

import datetime

from cyp.enums import ReviewState
from minutes.services import minutes_paper_upload
from tests.minutes.factories import ActionResponseFactory, MinuteActionFactory, MinuteItemFactory, MinutesFactory
from tests.reports.workflow_factories import MeetingFactory, pdf_bytes
from tests.test_url_permissions import Entry, answers

EVERYONE_SIGNED_IN = answers(302, 200, 200, 200, 200, 200)
GOVERNANCE_ONLY = answers(302, 403, 403, 200, 403, 200)


def arrange(world) -> None:
    world.member.committees.add(world.committee)  # the committee's member sits on it
    september = MeetingFactory(committee=world.committee, date=datetime.date(2024, 9, 10), quarter=world.quarter)
    world.minutes_october = MeetingFactory(
        committee=world.committee, date=datetime.date(2024, 10, 8), quarter=world.quarter
    )
    minutes = MinutesFactory(meeting=september)
    minutes_paper_upload(minutes=minutes, by=world.governance, name="minutes.pdf", data=pdf_bytes())
    minute = MinuteItemFactory(minutes=minutes, number=225)
    action = MinuteActionFactory(minute=minute, officer_user=world.lead)
    ActionResponseFactory(action=action, text="Approved response")
    second = MinuteActionFactory(minute=minute, officer_user=world.lead, position=1)
    world.minutes_submitted = ActionResponseFactory(
        action=second, state=ReviewState.SUBMITTED, author=world.lead, text="Submitted for review"
    )
    world.minutes_meeting, world.minute, world.minute_action = september, minute, action


def meeting(world) -> dict:
    return {"pk": world.minutes_meeting.pk}


def minute(world) -> dict:
    return {"pk": world.minutes_meeting.pk, "item_pk": world.minute.pk}


def action(world) -> dict:
    return {"action_id": world.minute_action.pk}


ENTRIES = {
    "minutes:minutes_detail": Entry(meeting, EVERYONE_SIGNED_IN),
    "minutes:minutes_paper": Entry(meeting, EVERYONE_SIGNED_IN),
    "minutes:minutes_edit": Entry(meeting, GOVERNANCE_ONLY),
    "minutes:minute_item_create": Entry(meeting, GOVERNANCE_ONLY),
    "minutes:minute_item_edit": Entry(minute, GOVERNANCE_ONLY),
    "minutes:minutes_upload": Entry(meeting, GOVERNANCE_ONLY),
    # Recording the approval redirects back to the minutes (302) for governance; nobody else may post it.
    "minutes:minutes_approve": Entry(
        meeting,
        answers(302, 403, 403, 302, 403, 302),
        method="post",
        data=lambda w: {"at_meeting": w.minutes_october.pk},
    ),
    "minutes:action_create": Entry(minute, GOVERNANCE_ONLY),
    "minutes:action_detail": Entry(action, EVERYONE_SIGNED_IN),
    "minutes:action_edit": Entry(action, GOVERNANCE_ONLY),
    # Only the officer responsible (the lead) writes a response; an administrator can do anything.
    "minutes:response_edit": Entry(action, answers(302, 200, 403, 403, 403, 200)),
    # A submitted response is invisible (404) to those who neither write nor review it.
    "minutes:response_review": Entry(
        lambda w: {"response_id": w.minutes_submitted.pk},
        answers(302, 403, 404, 302, 404, 302),
        method="post",
        data=lambda w: {"decision": "approve", "version": w.minutes_submitted.version},
    ),
    "minutes:action_log": Entry(lambda w: {"committee": w.committee}, EVERYONE_SIGNED_IN),
}
