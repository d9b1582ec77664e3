"""The staff tables at 1280 and 375 px, in print, and the board's filters, bulk approval, search and audit log.

At 1280 px nothing is off to the right (the document is no wider than the window, and the name, state,
deadline, RAG and checks of the first row are inside it); at 375 px the tables are stacked lists. Printed,
the dashboard keeps its whole table and loses its filters. axe-core finds no WCAG 2.2 AA violation.
Screenshots go to $CYP_SCREENSHOTS (default /tmp/cyp-screenshots) to be looked at.
"""

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from commentary.models import Return
from cyp.enums import ReviewState, Role
from tests.commentary.factories import ReturnFactory
from tests.factories import IndicatorFactory, ServiceAreaFactory, TargetFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("CYP_SCREENSHOTS", "/tmp/cyp-screenshots"))
LONG = (
    "Percentage of children subject to a child protection plan for a second or subsequent time within two years "
    "of the previous plan ending, across every locality and team"
)
WARNING_TEXT = (
    "Take-up was 73.2% this quarter, which the service attributes to the new outreach work in the localities "
    "and the partnership with early years settings across the county."
)


@pytest.fixture
def board(committee, area, other_area, quarter):
    """Twelve returns in three areas: long names, warnings, and four clean submitted ones."""
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.save()
    lead = UserFactory(username="lead", first_name="Sam", last_name="Okafor", role=Role.SERVICE_LEAD)
    lead.service_areas.set([area, other_area])
    UserFactory(username="governance", first_name="Priya", last_name="Shah", role=Role.GOVERNANCE)
    third = ServiceAreaFactory(committee=committee, name="Special Educational Needs and Disabilities", slug="send")
    for number in range(12):
        indicator = IndicatorFactory(
            committee=committee,
            number=100 + number,
            name=LONG if number % 3 == 0 else f"Indicator with a shorter name {number}",
            service_area=(area, other_area, third)[number % 3],
        )
        TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
        state = ReviewState.SUBMITTED if number < 6 else ReviewState.DRAFT
        commentary = WARNING_TEXT if number in (1, 7) else "Take-up rose to 78.9%, above the target of 75.0%."
        ReturnFactory(indicator=indicator, quarter=quarter, state=state, commentary=commentary)
    return quarter


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def document_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def assert_inside(page, locator, width: int) -> None:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not shown"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{locator} is outside the window: {box}"


def first_row_cells(page):
    row = page.locator("table.table-staff tbody tr").first
    return [
        row.locator("th a").first,
        *(row.locator(f'td[data-label="{label}"]') for label in ("State", "Deadline", "RAG", "Checks")),
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_board_fits_the_window_with_its_key_cells_visible(page, sign_in, assert_accessible, board, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "governance")
    page.goto("/quarters/2024-25-Q1/board/")

    assert document_width(page) <= width + 20
    for cell in first_row_cells(page):
        assert_inside(page, cell, width)
    shot(page, f"board-{width}")
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 375])
def test_my_returns_fits_the_window_with_the_name_and_the_edit_link_first(
    page, sign_in, assert_accessible, board, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "lead")
    page.goto("/returns/")

    assert document_width(page) <= width + 20
    for cell in first_row_cells(page):
        assert_inside(page, cell, width)
    assert_inside(page, page.get_by_role("link", name="Edit indicator 106"), width)
    shot(page, f"my-returns-{width}")
    assert_accessible(page)


def test_the_board_filters_with_the_keyboard_and_says_how_many_are_shown(page, sign_in, board):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "governance")
    page.goto("/quarters/2024-25-Q1/board/")
    expect(page.locator("#board-shown")).to_have_text("Showing 12 of 12 returns.")

    page.get_by_label("State").focus()
    page.keyboard.press("End")  # Approved: nothing
    page.get_by_label("State").select_option("submitted")
    page.get_by_label("Warnings").select_option("no")
    page.get_by_role("button", name="Show returns").press("Enter")
    page.wait_for_load_state()

    expect(page.locator("#board-shown")).to_have_text("Showing 5 of 12 returns (filtered).")
    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("#board-shown")).to_have_text("Showing 12 of 12 returns.")


def test_clean_returns_are_approved_together_after_one_confirmation(page, sign_in, assert_accessible, board):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "governance")
    page.goto("/quarters/2024-25-Q1/board/")
    expect(page.get_by_label("Approve indicator 101 together with the others ticked")).to_have_count(0)  # warned

    page.get_by_label("Approve indicator 100 together with the others ticked").check()
    page.get_by_label("Approve indicator 102 together with the others ticked").check()
    page.get_by_role("button", name="Approve the ticked returns…").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Approve these 2 returns?")
    assert_accessible(page)
    shot(page, "bulk-confirm-1280")
    page.get_by_role("button", name="Approve these 2 returns").click()

    expect(page.get_by_text("Approved 2 returns. Their figures are now on the dashboard.")).to_be_visible()
    approved = set(Return.objects.filter(state=ReviewState.APPROVED).values_list("indicator__number", flat=True))
    assert approved == {100, 102}


@pytest.mark.parametrize("width", [1280, 375])
def test_search_and_the_audit_log_are_accessible_and_fit(page, sign_in, assert_accessible, board, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "governance")
    page.goto("/quarters/2024-25-Q1/board/")
    page.get_by_label("Approve indicator 100 together with the others ticked").check()
    page.get_by_role("button", name="Approve the ticked returns…").first.click()
    page.get_by_role("button", name="Approve this 1 return").click()

    if width == 1280:  # the header's box (in the collapsed menu at 375 px)
        page.get_by_label("Search indicators, returns, plan actions and papers").fill("child protection")
        page.get_by_label("Search indicators, returns, plan actions and papers").press("Enter")
    else:
        page.goto("/search/?q=child+protection")
    expect(page.get_by_role("heading", name="Indicators (4)")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("child")
    assert document_width(page) <= width + 20
    shot(page, f"search-{width}")
    assert_accessible(page)

    page.goto("/audit/")
    expect(page.get_by_role("heading", name="Audit log", level=1)).to_be_visible()
    expect(page.locator("table.table-staff tbody tr").first.locator("th")).to_contain_text(
        "Priya Shah (Governance team): returns approved together"
    )
    assert document_width(page) <= width + 20
    shot(page, f"audit-{width}")
    assert_accessible(page)


def test_the_dashboard_fits_at_1280_and_prints_its_whole_table_without_the_filters(page, sign_in, board):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "governance")
    page.goto("/")

    assert document_width(page) <= 1280 + 20
    header = page.locator("#dashboard thead th")
    assert_inside(page, header.last, 1280)  # RAG, the last column
    shot(page, "dashboard-1280")

    page.emulate_media(media="print")
    expect(page.locator("form.dashboard-filters")).to_be_hidden()
    expect(page.locator("header")).to_be_hidden()
    table = page.locator("#dashboard")
    widths = table.evaluate("t => [t.scrollWidth, t.parentElement.clientWidth]")
    assert widths[0] <= widths[1] + 1, f"the printed table is cut: {widths}"
    shot(page, "dashboard-print")
