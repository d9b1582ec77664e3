"""An officer records progress, governance approves it, and the plan and its report show it, accessibly."""

import datetime
import re

import pytest

from cyp.enums import Role
from plans.enums import FindingType
from tests.factories import FigureFactory, IndicatorFactory, QuarterFactory, TargetFactory, UserFactory
from tests.plans.factories import (
    ActionFactory,
    FindingFactory,
    PlanFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    SliPhaseFactory,
    SliProgrammeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan_setup(committee, area):
    quarter = QuarterFactory(year__start_year=2024, number=1, is_open=True)
    lead = UserFactory(
        username="lead", first_name="Sam", last_name="Okafor", role=Role.SERVICE_LEAD, service_areas=[area]
    )
    UserFactory(username="governance", first_name="Priya", last_name="Shah", role=Role.GOVERNANCE)
    indicator = IndicatorFactory(committee=committee, number=1, name="Re-referrals within 12 months", service_area=area)
    TargetFactory(indicator=indicator, year=quarter.year)
    FigureFactory(indicator=indicator)
    plan = PlanFactory(committee=committee, title="Children's Services Ofsted Action Plan July 2024")
    recommendation = RecommendationFactory(plan=plan, number=1)
    action = ActionFactory(
        recommendation=recommendation,
        number="1.2",
        item="Structuring Work: preventative services are redesigned.",
        responsible_user=lead,
        indicators=[indicator],
    )
    ActionFactory(
        recommendation=recommendation, number="1.3", due_date=datetime.date(2024, 9, 30), timescale="September 24"
    )
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 7, 31), text="In July 2024 26.9%")
    return plan, action


def test_an_officer_records_progress_governance_approves_it_and_the_plan_and_report_show_it(
    page, sign_in, assert_accessible, plan_setup
):
    plan, action = plan_setup

    sign_in(page, "lead")
    page.goto(f"/plans/actions/{action.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Action 1.2"
    assert_accessible(page)
    page.get_by_role("link", name="Record progress").click()
    assert_accessible(page)
    page.locator("#id_date").fill("2024-09-30")
    page.locator("#id_status").select_option("at_risk")
    page.locator("#id_text").fill("Re-referrals at 24.1% in September; recruitment of two team managers delayed.")
    page.locator("#id_evidence").fill("Monthly performance report, September 2024")
    page.get_by_role("button", name="Submit for approval").click()
    assert page.get_by_role("status").filter(has_text="submitted for approval").is_visible()
    page.context.clear_cookies()

    sign_in(page, "governance")
    page.goto(f"/plans/actions/{action.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    assert page.get_by_text("Progress on action 1.2 approved: the plan now shows it.").is_visible()

    page.goto(f"/plans/{plan.pk}/?on=2024-10-08")
    row = page.get_by_role("row", name=re.compile(r"^Action 1\.2"))
    assert row.get_by_text("Re-referrals at 24.1% in September").is_visible()
    assert row.get_by_text("As at 30 September 2024").is_visible()
    assert row.get_by_text("At risk").is_visible()
    overdue = page.get_by_role("row", name=re.compile(r"^Action 1\.3"))
    assert overdue.get_by_text("Overdue: due 30 September 2024").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Report for the pack").click()
    assert page.get_by_role("heading", name="Recommendation 1: Workforce", level=3).is_visible()
    assert page.get_by_text("Re-referrals at 24.1% in September").is_visible()
    assert page.get_by_role("cell", name="Red").or_(page.get_by_role("cell", name="Blue")).first.is_visible()
    assert_accessible(page)


def test_governance_pages_for_plans_are_accessible(page, sign_in, assert_accessible, plan_setup, committee):
    plan, action = plan_setup
    programme = SliProgrammeFactory(committee=committee, title="Sector Led Improvement Programme (SLI)")
    SliPhaseFactory(programme=programme)
    FindingFactory(
        programme=programme, finding_type=FindingType.STAFF_SURVEY_THEME, text="Lower caseloads"
    ).actions.set([action])

    sign_in(page, "governance")
    for path in (
        "/plans/",
        f"/plans/sli/{programme.pk}/",
        f"/plans/{plan.pk}/import/",
        f"/plans/actions/{action.pk}/change/",
    ):
        page.goto(path)
        assert page.get_by_role("heading", level=1).count() == 1
        assert_accessible(page)
