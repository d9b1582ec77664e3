"""Governance plans an item, sees its deadlines and warnings in words, and puts it on the agenda, accessibly."""

import datetime

import pytest
from django.utils import timezone

from cyp.enums import Role
from tests.agendaplan.factories import PlannedItemFactory
from tests.factories import UserFactory
from tests.reports.workflow_factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan_setup(committee, quarter):
    UserFactory(username="governance", first_name="Priya", last_name="Shah", role=Role.GOVERNANCE)
    soon = timezone.localdate() + datetime.timedelta(days=14)
    meeting = MeetingFactory(committee=committee, quarter=quarter, date=soon)
    PlannedItemFactory(
        committee=committee,
        planned_date=soon,
        title="Transport Strategy",
        lead_officer_name="S Callaghan",
        key_decision=True,
        forward_plan_reference="2025/014",
        note="Long note. " * 450,
    )
    return meeting


def test_governance_plans_and_puts_items_on_the_agenda(page, sign_in, assert_accessible, committee, plan_setup):
    sign_in(page, "governance")
    page.goto(f"/bodies/{committee.slug}/agenda-plan/")
    assert page.get_by_role("heading", level=1).inner_text() == f"{committee.name}: agenda plan"
    assert "Warning: Key decision not on the forward plan" in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Add an item to the plan").click()
    assert_accessible(page)
    page.get_by_label("Agenda item").fill("Sufficiency Strategy")
    page.locator("#id_lead_officer_name").fill("L Munt")
    page.get_by_label("Meeting (when it is set up)").select_option(index=1)
    page.get_by_role("button", name="Add the item").click()
    assert "“Sufficiency Strategy” added to the plan" in page.locator("main").inner_text()

    page.get_by_role("button", name="Put the planned items on the agenda").click()
    assert "2 planned items put on the agenda" in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto(f"/meetings/{plan_setup.pk}/")
    assert "Deadlines in clear days, and the agenda plan" in page.locator("main").inner_text()
    assert_accessible(page)


def test_the_plan_prints_without_navigation_or_buttons(page, sign_in, committee, plan_setup):
    sign_in(page, "governance")
    page.goto(f"/bodies/{committee.slug}/agenda-plan/")
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Add an item to the plan").is_visible()
    assert page.get_by_role("table").first.is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
