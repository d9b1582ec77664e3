"""Plans fixtures: a plan with one recommendation and an action the lead writes progress for."""

import pytest
from django.db import transaction

from cyp.demo import demo_load
from plans.models import Plan
from tests.plans.factories import ActionFactory, PlanFactory, RecommendationFactory


@pytest.fixture
def plan(committee):
    return PlanFactory(committee=committee, title="Children's Services Ofsted Action Plan July 2024")


@pytest.fixture
def recommendation(plan):
    return RecommendationFactory(plan=plan, number=1)


@pytest.fixture
def action(recommendation, lead):
    """Action 1.1, whose responsible officer is the lead."""
    return ActionFactory(recommendation=recommendation, number="1.1", position=1, responsible_user=lead)


@pytest.fixture
def delegated_action(recommendation, lead):
    """Action 1.2, written by the lead as a delegate of a named post."""
    return ActionFactory(recommendation=recommendation, number="1.2", position=2, delegates=[lead])


@pytest.fixture(scope="module")
def demo_plan(django_db_setup, django_db_blocker):
    """The demo loaded once per module, inside a transaction rolled back after the module's last test.

    Each test still runs in its own savepoint (the ``db`` fixture), so tests cannot see each other's writes.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        demo_load()
        yield Plan.objects.get(title="Children's Services Ofsted Action Plan July 2024")
        transaction.set_rollback(True)
