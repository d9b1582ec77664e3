"""Minutes fixtures: the meeting of 10 September 2024 with its minutes, and a later meeting (8 October 2024).

``action`` is an action of minute 225 whose officer is the lead. The member sits on the
committee; ``outsider`` is a member of another body, and ``outside_lead`` a service lead of it.
"""

import datetime

import pytest

from cyp.enums import Role

# The browser tests' fixtures (Chromium, sign-in, axe-core) for tests/minutes/test_browser.py.
from tests.factories import CommitteeFactory, QuarterFactory, ServiceAreaFactory, UserFactory
from tests.minutes.factories import MinuteActionFactory, MinuteItemFactory, MinutesFactory
from tests.reports.workflow_factories import MeetingFactory

SEPTEMBER = datetime.date(2024, 9, 10)
OCTOBER = datetime.date(2024, 10, 8)


@pytest.fixture
def member(committee):
    return UserFactory(username="member", role=Role.MEMBER, committees=[committee])


@pytest.fixture
def other_body(db):
    return CommitteeFactory(name="Adults and Health Committee")


@pytest.fixture
def outsider(other_body):
    return UserFactory(username="outsider", role=Role.MEMBER, committees=[other_body])


@pytest.fixture
def outside_lead(other_body):
    area = ServiceAreaFactory(committee=other_body, name="Adult Social Care", slug="adult-social-care")
    return UserFactory(username="outside-lead", role=Role.SERVICE_LEAD, service_areas=[area])


@pytest.fixture
def september(committee):
    return MeetingFactory(committee=committee, date=SEPTEMBER, quarter=QuarterFactory(year__start_year=2023, number=4))


@pytest.fixture
def october(committee, quarter):
    return MeetingFactory(committee=committee, date=OCTOBER, quarter=quarter)


@pytest.fixture
def minutes(september):
    return MinutesFactory(meeting=september)


@pytest.fixture
def minute(minutes):
    return MinuteItemFactory(minutes=minutes, number=225, title="Education Capital Projects")


@pytest.fixture
def action(minute, lead):
    return MinuteActionFactory(minute=minute, officer_user=lead, due_date=datetime.date(2024, 9, 30))
