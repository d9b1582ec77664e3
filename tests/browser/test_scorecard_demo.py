"""The demo's Corporate Parenting Board (monthly, a scorecard, three bands): its scorecard page in a real browser
at a phone's and a laptop's width, with no axe-core violation and no word broken inside its letters."""

import io

import pytest
from django.core.management import call_command

from cyp.demo import BOARD_SLUG, DEMO_PASSWORD
from tests.browser.test_polish_pack import BROKEN_WORDS, PAGE_WIDTH
from tests.browser.test_scorecard import shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_the_demo_boards_scorecard_page_is_accessible(page, sign_in, assert_accessible, width):
    call_command("load_demo", stdout=io.StringIO())
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "governance", DEMO_PASSWORD)

    page.goto(f"/bodies/{BOARD_SLUG}/scorecard/")

    assert page.url.endswith(f"/bodies/{BOARD_SLUG}/scorecard/2024-08/")
    assert page.get_by_role("heading", level=1).inner_text() == "Scorecard: August 2024"
    assert page.locator("article.measure").count() >= 6
    assert page.evaluate(BROKEN_WORDS) == []
    scroll_width, viewport = page.evaluate(PAGE_WIDTH)
    assert scroll_width <= viewport
    shoot(page, f"demo-board-scorecard-{width}")
    assert_accessible(page)
