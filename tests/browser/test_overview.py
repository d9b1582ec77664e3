"""The council overview in a real browser: every body's counts and indicators, accessibly, by keyboard."""

import datetime
from decimal import Decimal

import pytest

from cyp.enums import Role
from tests.factories import (
    BodyTargetFactory,
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    IndicatorShareFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_governance_reads_the_council_overview_and_follows_a_body_into_its_dashboard(
    page, sign_in, assert_accessible, committee, quarter
):
    UserFactory(username="governance", role=Role.GOVERNANCE)
    panel = CommitteeFactory(name="Corporate Parenting Panel", position=2)
    indicator = IndicatorFactory(committee=committee, number=5, name="Care leavers in education or work")
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal("78.9"))
    share = IndicatorShareFactory(indicator=indicator, committee=panel, number=12)
    BodyTargetFactory(share=share, year=quarter.year, value=Decimal("80.0"))
    long_text = IndicatorFactory(committee=panel, number=1, name="A long indicator name " * 13)
    TargetFactory(indicator=long_text, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(
        indicator=long_text,
        period_end=datetime.date(2024, 6, 30),
        value=Decimal("60.0"),
        not_updated=True,
        not_updated_reason=("The data owner's note, " * 87)[:2000],  # the longest reason a return takes
    )

    sign_in(page, "governance")
    page.get_by_role("link", name="Council overview").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == f"Council overview: {quarter.display}"
    panel_table = page.locator(f"#table-body-{panel.slug}")
    assert panel_table.get_by_role("row", name="Care leavers in education or work").get_by_text("Amber").is_visible()
    assert page.locator(f"#table-body-{committee.slug}").get_by_text("Blue").is_visible()
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-responsive'))
            .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8)"""
    )
    assert wide == []  # long text wraps; wide tables scroll in their own box
    assert_accessible(page)

    link = page.get_by_role("link", name=f"Open the Corporate Parenting Panel dashboard for {quarter.display}")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/bodies/{panel.slug}/quarters/{quarter.slug}/")
    assert page.locator("#indicator-12").get_by_text("80.0%").is_visible()
