"""Keyboard and orientation in a real browser: focus is plain to see in the dark header (Sign out included), the
menu says which page is open, and after a refused submit focus is on what says what is wrong, with the field
marked for sight and for screen readers. axe-core finds nothing on these pages."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from cyp.enums import ReviewState, Role
from tests.commentary.factories import ReturnFactory
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_STYLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return [document.activeElement.textContent.trim(), style.outlineStyle, style.outlineWidth, style.outlineColor,
          style.backgroundColor, style.color];
}"""
YELLOW = "rgb(255, 191, 71)"
BLACK = "rgb(11, 12, 12)"


@pytest.fixture
def ret(area, quarter):
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.save()
    UserFactory(username="lead", first_name="Sam", last_name="Okafor", role=Role.SERVICE_LEAD, service_areas=[area])
    indicator = IndicatorFactory(
        committee=area.committee, number=11, name="Two-year-olds taking up their entitlement", service_area=area
    )
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(
        indicator=indicator, period_end=datetime.date(2024, 5, 31), period_label="May 2024", value=Decimal("74.6")
    )
    return ReturnFactory(indicator=indicator, quarter=quarter, state=ReviewState.NOT_STARTED, value=None, commentary="")


def tab_to(page, name: str, limit: int = 40) -> list:
    """Presses Tab until the focused element's text is ``name``; its focus style."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        style = page.evaluate(FOCUS_STYLE)
        if style[0] == name:
            return style
    raise AssertionError(f"Tab never reached {name!r}")


def test_focus_in_the_header_is_a_thick_yellow_outline_with_black_text(page, sign_in, ret):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "lead")

    for name in ("My returns", "Notifications", "Sign out"):
        _, style, width, colour, background, text = tab_to(page, name)
        assert (style, width, colour, background, text) == ("solid", "3px", YELLOW, YELLOW, BLACK), name


def test_the_menu_marks_the_page_that_is_open_and_only_that(page, sign_in, assert_accessible, ret):
    sign_in(page, "lead")
    page.get_by_role("link", name="My returns").click()
    expect(page.get_by_role("heading", name="My returns", level=1)).to_be_visible()

    menu = page.get_by_role("navigation", name="Main")
    assert menu.locator("[aria-current]").all_inner_texts() == ["My returns"]
    assert menu.get_by_role("link", name="My returns").get_attribute("aria-current") == "page"
    assert_accessible(page)

    # A page inside a section (a return of "My returns") marks nothing as the page itself.
    page.goto(f"/returns/{ret.pk}/edit/")
    assert menu.locator("[aria-current='page']").count() == 0


def test_a_refused_submit_puts_focus_on_the_error_summary_and_marks_the_field(page, sign_in, assert_accessible, ret):
    sign_in(page, "lead")
    page.goto(f"/returns/{ret.pk}/edit/")
    page.get_by_label("Current value").fill("sixty")
    page.get_by_label("Commentary").fill("Take-up fell as fewer families were eligible.")
    page.get_by_role("button", name="Save draft").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    field = page.get_by_label("Current value")
    assert "is-invalid" in field.get_attribute("class").split()
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    messages = [page.locator(f"#{name}").inner_text() for name in described if name.endswith("_error")]
    assert messages and "number" in messages[0].lower()
    expect(page.get_by_label("Commentary")).to_have_value("Take-up fell as fewer families were eligible.")
    assert_accessible(page)

    # The summary's link takes focus into the field itself.
    summary.get_by_role("link").first.click()
    expect(field).to_be_focused()


def test_a_page_without_a_refused_form_leaves_focus_alone(page, sign_in, ret):
    sign_in(page, "lead")
    page.goto(f"/returns/{ret.pk}/edit/")

    assert page.evaluate("() => document.activeElement === document.body")
