"""A lead marks a figure "not available" with the keyboard alone: the preview says so in words, the reason's
field is described by its hint, the draft saves, and axe-core finds no WCAG 2.2 AA violation."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from commentary.models import Return
from cyp.enums import Role
from tests.commentary.factories import ReturnFactory
from tests.factories import FigureFactory, IndicatorFactory, TargetFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def draft(area, quarter):
    UserFactory(username="lead", role=Role.SERVICE_LEAD, service_areas=[area])
    indicator = IndicatorFactory(committee=area.committee, number=11, name="Two-year-olds", service_area=area)
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(
        indicator=indicator, period_end=datetime.date(2024, 5, 31), period_label="May 2024", value=Decimal("74.6")
    )
    return ReturnFactory(indicator=indicator, quarter=quarter)


def test_a_lead_marks_the_figure_not_available_with_the_keyboard(page, sign_in, assert_accessible, draft):
    sign_in(page, "lead")
    page.goto(f"/returns/{draft.pk}/edit/")
    page.locator("#id_value").fill("")

    page.locator("#id_not_updated_reason").focus()
    page.keyboard.press("Tab")
    box = page.get_by_role("checkbox", name="Not available (the source system could not produce this figure)")
    expect(box).to_be_focused()
    expect(box).to_have_accessible_description(
        "Leave the current value, X and Y empty: the figure is listed apart, never rated or counted."
    )
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.keyboard.press("Tab")
    reason = page.get_by_role("textbox", name="Why not available (optional)")
    expect(reason).to_be_focused()
    expect(reason).to_have_accessible_description(
        "Printed after “Not available: the source system could not produce this figure”. "
        "Leave it empty when there is nothing more to say."
    )
    page.keyboard.type("Case system upgrade")

    preview = page.locator("#preview")
    expect(preview.locator("[data-preview-not-available]")).to_have_text(
        "Not available: the source system could not produce this figure (Case system upgrade). It is not rated, "
        "and the report lists it apart from the counts."
    )
    expect(preview.locator("[data-preview-rag]")).to_have_text("Not available: not rated")
    assert_accessible(page)

    page.keyboard.press("Enter")  # the form's first button: Save draft
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    stored = Return.objects.get(pk=draft.pk)
    assert (stored.not_available, stored.not_available_reason, stored.value) == (True, "Case system upgrade", None)
    expect(page.locator("#id_not_available")).to_be_checked()
    assert_accessible(page)
