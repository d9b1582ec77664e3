"""The whole return cycle in a real browser, accessibly.

A lead submits a Red value with no actions and is stopped; adds actions and
submits; governance sends it back with a comment; the lead fixes it and
resubmits; governance approves; the timeline shows all of it. axe-core finds
no WCAG 2.2 AA violation on any page visited.
"""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from commentary.models import Return
from cyp.enums import ReviewState, Role
from indicators.models import Figure
from tests.commentary.factories import ReturnFactory
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cycle(area, quarter):
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.save()
    UserFactory(username="lead", first_name="Sam", last_name="Okafor", role=Role.SERVICE_LEAD, service_areas=[area])
    UserFactory(username="governance", first_name="Priya", last_name="Shah", role=Role.GOVERNANCE)
    indicator = IndicatorFactory(
        committee=area.committee, number=11, name="Two-year-olds taking up their entitlement", service_area=area
    )
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(
        indicator=indicator, period_end=datetime.date(2024, 5, 31), period_label="May 2024", value=Decimal("74.6")
    )
    return ReturnFactory(indicator=indicator, quarter=quarter, state=ReviewState.NOT_STARTED, value=None, commentary="")


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_a_return_goes_round_the_whole_cycle_and_the_timeline_shows_it(page, sign_in, assert_accessible, cycle):
    ret = cycle

    # The lead finds the return and types a Red value: the preview says so as they type.
    sign_in(page, "lead")
    assert_accessible(page)  # the page a lead lands on
    page.get_by_role("link", name="My returns").click()
    expect(page.get_by_role("heading", name="My returns", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Edit indicator 11").click()
    page.get_by_label("Current value").fill("60.0")
    page.get_by_label("Commentary").fill("Take-up fell to 60.0% as fewer families were eligible.")
    expect(page.locator("#preview").get_by_text("Red", exact=True)).to_be_visible()
    assert_accessible(page)

    # Submitting a Red value without actions is stopped, and nothing typed is lost.
    page.get_by_role("button", name="Save and submit for review").click()
    alert = page.get_by_role("alert").filter(has_text="cannot be submitted yet")
    expect(alert).to_contain_text("so actions are required")
    expect(page.get_by_label("Commentary")).to_have_value("Take-up fell to 60.0% as fewer families were eligible.")
    assert_accessible(page)
    assert Return.objects.get(pk=ret.pk).state == ReviewState.DRAFT

    # With actions it goes through.
    page.get_by_label("Actions", exact=True).fill("Write to every eligible family by October.")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Governance finds it on the board and sends it back with a comment.
    sign_in(page, "governance")
    page.goto("/quarters/2024-25-Q1/board/")
    expect(page.get_by_role("heading", name="Quarter 1 2024/25: returns board")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Review indicator 11").click()
    page.get_by_label("What needs to change (required)").fill("Compare with the national rate of 74.8%.")
    page.get_by_role("button", name="Send back to the service lead").click()
    expect(page.get_by_text("Sent back to the service lead with your comment.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The lead fixes it and resubmits.
    sign_in(page, "lead")
    page.goto(f"/returns/{ret.pk}/edit/")
    expect(page.get_by_role("heading", name=re.compile("Indicator 11"), level=1)).to_contain_text("Returned")
    assert_accessible(page)
    page.get_by_label("Commentary").fill(
        "Take-up fell to 60.0%, below the national rate of 74.8%, as fewer families were eligible."
    )
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    sign_out(page)

    # Governance approves; the figures reach the dashboard and the timeline tells the story.
    sign_in(page, "governance")
    page.goto(f"/returns/{ret.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approved. Its figures are now on the dashboard.")).to_be_visible()
    history = page.locator("ol.timeline > li")
    actions = [re.match(r"\s*(Return [a-z ]+?) by", text).group(1) for text in history.all_inner_texts()]
    collapsed = [action for i, action in enumerate(actions) if i == 0 or action != actions[i - 1]]  # autosaves
    assert collapsed == [
        "Return approved",
        "Return submitted",
        "Return saved",
        "Return sent back",
        "Return submitted",
        "Return saved",
    ]
    expect(history.nth(0)).to_contain_text("Return approved by Priya Shah (Governance team)")
    expect(history.nth(1)).to_contain_text("Return submitted by Sam Okafor (Service lead)")
    expect(history.nth(2)).to_contain_text("Return saved by Sam Okafor")
    expect(history.nth(2).locator("ins").first).to_contain_text("below the national rate of 74.8%")
    expect(history.filter(has_text="Return sent back")).to_contain_text("Compare with the national rate of 74.8%.")
    first_save = re.compile(
        r"Return saved\s+by Sam Okafor.*Not started → Draft.*Current value:\s+\(empty\) → 60\s", re.S
    )
    expect(history.last).to_contain_text(first_save)
    assert_accessible(page)
    assert Figure.objects.get(indicator=ret.indicator, period_end=datetime.date(2024, 6, 30)).value == Decimal("60.0")
