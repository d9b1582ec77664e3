"""Personas and the committee they work in, shared by every test.

Personas: anonymous, lead (of ``area``), other_lead (of ``other_area``),
governance, member, administrator. Tests that check a page is closed to someone
arrange data that could leak, and assert it does not.
"""

import pytest
from hypothesis import HealthCheck, settings

from cyp.enums import Role
from tests.factories import CommitteeFactory, QuarterFactory, ServiceAreaFactory, UserFactory

# The browser fixtures, for every folder's browser tests: one definition, so one Chromium and one
# Playwright per process (a second copy of the session fixture would start Playwright inside the first).
pytest_plugins = ["tests.browser.fixtures"]

# Two cores shared by browser tests and a worker: time limits per example would only add flakiness.
settings.register_profile(
    "cyp", deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
settings.load_profile("cyp")


@pytest.fixture
def committee(db):
    return CommitteeFactory()


@pytest.fixture
def area(committee):
    return ServiceAreaFactory(committee=committee, name="Children's Social Care", slug="childrens-social-care")


@pytest.fixture
def other_area(committee):
    return ServiceAreaFactory(committee=committee, name="Education", slug="education")


@pytest.fixture
def quarter(db):
    return QuarterFactory()


@pytest.fixture
def lead(area):
    return UserFactory(username="lead", role=Role.SERVICE_LEAD, service_areas=[area])


@pytest.fixture
def other_lead(other_area):
    return UserFactory(username="other-lead", role=Role.SERVICE_LEAD, service_areas=[other_area])


@pytest.fixture
def governance(db):
    return UserFactory(username="governance", role=Role.GOVERNANCE)


@pytest.fixture
def member(committee):
    """A member who sits on ``committee`` (members see only the bodies they sit on)."""
    return UserFactory(username="member", role=Role.MEMBER, committees=[committee])


@pytest.fixture
def administrator(db):
    return UserFactory(username="administrator", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


PERSONAS = ["anonymous", "lead", "other_lead", "governance", "member", "administrator"]


@pytest.fixture
def as_persona(client, request):
    """``as_persona("governance")`` returns the test client signed in as that persona (or anonymous)."""

    def sign_in(name):
        client.logout()
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return sign_in
