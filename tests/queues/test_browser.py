"""In a real browser: the return form warns of an impossible value as it is typed, the preview follows every
keystroke, and "Waiting for me" leads the governance team to the return and its lead to the comment."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from commentary.models import Return
from cyp.enums import ReviewState, Role
from tests.commentary.factories import ReturnFactory
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(area, quarter):
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.is_open = True
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
    return ReturnFactory(indicator=indicator, quarter=quarter, value=None)


def test_typing_minus_five_percent_warns_without_submitting_and_the_preview_follows_each_keystroke(
    page, sign_in, assert_accessible, draft
):
    sign_in(page, "lead")
    page.goto(f"/returns/{draft.pk}/edit/")
    value = page.get_by_label("Current value")
    preview = page.locator("#preview")

    value.click()
    for typed, shown in (("7", "7.0%"), ("8", "78.0%"), (".", "78.0%"), ("9", "78.9%")):
        value.press(typed)
        expect(preview.locator("[data-preview-value]")).to_have_text(shown)
    expect(preview.locator("[data-preview-rag]")).to_have_text("Blue")

    value.fill("")
    value.press_sequentially("-5")
    warning = preview.locator("[data-impossible]")
    expect(warning).to_contain_text(
        "Check the value: the current value must be between 0 and 100 for a percentage (you entered -5)."
    )
    expect(preview.locator("[data-preview-rag]")).to_have_text("Not rated until the value is possible")
    assert_accessible(page)
    assert page.url.endswith(f"/returns/{draft.pk}/edit/")
    assert Return.objects.get(pk=draft.pk).state != ReviewState.SUBMITTED

    value.fill("150")
    expect(warning).to_contain_text("(you entered 150)")


def test_governance_goes_from_waiting_for_me_to_the_return_and_the_lead_reads_the_comment(
    page, sign_in, assert_accessible, draft
):
    Return.objects.filter(pk=draft.pk).update(value=Decimal("78.9"))
    sign_in(page, "lead")
    page.goto(f"/returns/{draft.pk}/")
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "governance")
    expect(page.locator("#waiting-count")).to_have_text("1 waiting")
    page.get_by_role("link", name="Waiting for me").click()
    expect(page.get_by_role("heading", name="Returns waiting for review 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Indicator 11: Two-year-olds taking up their entitlement, Quarter 1 2024/25").click()
    page.get_by_label("What needs to change (required)").fill("Check the May figure.")
    page.get_by_role("button", name="Send back to the service lead").click()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "lead")
    page.get_by_role("link", name="Waiting for me").click()
    expect(page.locator("[data-queue-note]")).to_have_text("Check the May figure.")
    page.get_by_role("link", name="Indicator 11: Two-year-olds taking up their entitlement, Quarter 1 2024/25").click()
    comment = page.locator("[data-review-comment]")
    expect(comment).to_contain_text("Returned by Priya Shah on")
    expect(comment).to_contain_text("Check the May figure.")
    assert_accessible(page)
