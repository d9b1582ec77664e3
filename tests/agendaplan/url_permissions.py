"""The agenda plan's entries in the URL permission table (tests/test_url_permissions.py).

The world gains a meeting set up with an item planned for it. Everyone of the body reads
the plan; only governance and administrators open the forms and put items on the agenda
(a 403 to the body's other people). Other bodies' people are a 404 (tests/agendaplan/test_views.py).
"""

from __future__ import annotations

import datetime

from tests.agendaplan.factories import PlannedItemFactory
from tests.reports.workflow_factories import MeetingFactory
from tests.test_url_permissions import Entry, answers

PLAN_MEETING = datetime.date(2030, 11, 26)
READERS = answers(302, 200, 200, 200, 200, 200)
GOVERNANCE_ONLY = answers(302, 403, 403, 200, 403, 200)
GOVERNANCE_ONLY_POST = answers(302, 403, 403, 302, 403, 302)


def arrange(world) -> None:
    world.plan_meeting = MeetingFactory(committee=world.committee, quarter=world.quarter, date=PLAN_MEETING)
    world.planned_item = PlannedItemFactory(committee=world.committee, planned_date=PLAN_MEETING)


def body(world) -> dict:
    return {"committee": world.committee}


def item(world) -> dict:
    return {**body(world), "pk": world.planned_item.pk}


def meeting(world) -> dict:
    return {**body(world), "meeting_pk": world.plan_meeting.pk}


ENTRIES = {
    "agendaplan:plan": Entry(body, READERS),
    "agendaplan:item_create": Entry(body, GOVERNANCE_ONLY),
    "agendaplan:item_edit": Entry(item, GOVERNANCE_ONLY),
    "agendaplan:item_defer": Entry(item, GOVERNANCE_ONLY),
    "agendaplan:item_withdraw": Entry(item, GOVERNANCE_ONLY),
    "agendaplan:meeting_to_agenda": Entry(meeting, GOVERNANCE_ONLY_POST, method="post"),
}
