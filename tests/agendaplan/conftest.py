"""The agenda plan's fixtures: a body with the meeting of 8 October 2024 (seed 002) and a second body."""

import datetime

import pytest

from cyp.enums import Role
from tests.factories import CommitteeFactory, ServiceAreaFactory, UserFactory
from tests.reports.workflow_factories import MeetingFactory

SEED_MEETING = datetime.date(2024, 10, 8)


@pytest.fixture
def meeting(committee, quarter):
    return MeetingFactory(committee=committee, quarter=quarter, date=SEED_MEETING)


@pytest.fixture
def other_body(db):
    return CommitteeFactory(name="Corporate Parenting Sub-Committee")


@pytest.fixture
def other_body_member(other_body):
    """A member of another body: sees nothing of this body's plan."""
    return UserFactory(username="other-body-member", role=Role.MEMBER, committees=[other_body])


@pytest.fixture
def other_body_lead(other_body):
    area = ServiceAreaFactory(committee=other_body, name="Fostering", slug="fostering")
    return UserFactory(username="other-body-lead", role=Role.SERVICE_LEAD, service_areas=[area])


# The browser tests of this folder use the fixtures of tests/browser (one Chromium, axe-core).
