"""The body switcher in a real browser: keyboard only, accessible, and it takes the person to the body's home."""

import datetime
from decimal import Decimal

import pytest

from cyp.enums import CommitteeKind, Role
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    ServiceAreaFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _body(name, *, kind, indicator_name, number, position):
    committee = CommitteeFactory(name=name, kind=kind, position=position)
    area = ServiceAreaFactory(committee=committee, name=f"{name} area", slug=f"area-{position}")
    indicator = IndicatorFactory(committee=committee, service_area=area, number=number, name=indicator_name)
    TargetFactory(indicator=indicator, year__start_year=2024, value=Decimal("60.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal("57.1"))
    return committee


def test_governance_switches_body_with_the_keyboard_and_lands_on_its_dashboard(
    page, sign_in, assert_accessible, quarter
):
    _body(
        "Children and Young People Committee",
        kind=CommitteeKind.COMMITTEE,
        indicator_name="Two-year-olds taking up their entitlement",
        number=11,
        position=1,
    )
    _body(
        "Corporate Parenting Board",
        kind=CommitteeKind.BOARD,
        indicator_name="Care leavers in education, employment or training",
        number=302,
        position=2,
    )
    UserFactory(username="governance", role=Role.GOVERNANCE)

    sign_in(page, "governance")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Children and Young People Committee")
    switcher = page.locator("#body-switcher-button")
    assert "Children and Young People Committee" in switcher.inner_text()
    assert_accessible(page)

    switcher.focus()
    page.keyboard.press("Enter")
    current = page.locator('#body-switcher [aria-current="true"]')
    assert current.inner_text() == "Children and Young People Committee"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    # (No axe run while the menu is open: it covers the sign-out button, which axe then misreads as low contrast.)
    assert page.evaluate("document.activeElement.textContent") == "Corporate Parenting Board"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("/bodies/corporate-parenting-board/quarters/2024-25-Q1/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Corporate Parenting Board")
    assert page.get_by_role("row", name="Care leavers in education, employment or training").is_visible()
    assert page.get_by_text("Two-year-olds taking up their entitlement").count() == 0
    assert "Corporate Parenting Board" in page.title()
    assert_accessible(page)


def test_a_member_of_one_body_has_no_switcher(page, sign_in, quarter):
    committee = _body(
        "Children and Young People Committee",
        kind=CommitteeKind.COMMITTEE,
        indicator_name="Two-year-olds taking up their entitlement",
        number=11,
        position=1,
    )
    _body("Corporate Parenting Board", kind=CommitteeKind.BOARD, indicator_name="Care leavers", number=302, position=2)
    UserFactory(username="member", role=Role.MEMBER, committees=[committee])

    sign_in(page, "member")

    assert page.locator("#body-switcher").count() == 0
