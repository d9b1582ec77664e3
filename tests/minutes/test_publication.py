"""Publishing a pack that carries the action log locks the responses it printed (reports.papers' lock hook)."""

from __future__ import annotations

import datetime

import pytest

from reports.enums import AgendaItemKind, AgendaSection
from reports.models import AgendaItem
from reports.services.publishing import pack_publish
from tests.minutes.factories import ActionResponseFactory, MinuteActionFactory, MinuteItemFactory, MinutesFactory
from tests.reports import workflow_factories
from tests.reports.workflow_factories import MeetingFactory

assemble = workflow_factories.assemble
ready_meeting = workflow_factories.ready_meeting

pytestmark = pytest.mark.django_db


def test_publishing_locks_the_printed_response_and_not_a_later_one(ready_meeting, assemble, governance):
    earlier = MeetingFactory(
        committee=ready_meeting.committee,
        quarter=ready_meeting.quarter,
        date=ready_meeting.date - datetime.timedelta(days=28),
    )
    minute = MinuteItemFactory(minutes=MinutesFactory(meeting=earlier), number=223, title="Education Contracts")
    action = MinuteActionFactory(minute=minute, text="Undertook to provide a briefing note.")
    printed = ActionResponseFactory(action=action, date=ready_meeting.date - datetime.timedelta(days=7))
    later = ActionResponseFactory(action=action, date=ready_meeting.date + datetime.timedelta(days=3))
    AgendaItem.objects.create(
        meeting=ready_meeting,
        number=2,
        section=AgendaSection.CONSTITUTIONAL,
        kind=AgendaItemKind.ACTION_LOG,
        title="Minutes and action log",
    )

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    printed.refresh_from_db()
    later.refresh_from_db()
    assert printed.locked is True
    assert later.locked is False
