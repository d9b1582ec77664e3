"""The scorecard in a real browser, on a phone (375 px) and a laptop (1280 px): the in-app page and the HTML
pack's scorecard have no axe-core WCAG 2.2 AA violation, never break a word inside its letters and never make
the page scroll sideways."""

import datetime
import os
from pathlib import Path

import pytest

from cyp.enums import Role
from reports.render import pack_render
from reports.scorecard import scorecard_build
from tests.browser.test_polish_pack import BROKEN_WORDS, PAGE_WIDTH
from tests.factories import UserFactory
from tests.reports.render.test_scorecard_render import scorecard_pack
from tests.reports.scorecard_factories import scorecard_body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Where to keep the screenshots for a person to look at (unset: none are kept).
SHOTS = os.environ.get("CYP_SCREENSHOTS", "")


def shoot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_scorecard_page_is_accessible_at_a_phones_and_a_laptops_width(page, sign_in, assert_accessible, width):
    board, august = scorecard_body()
    UserFactory(username="governance", role=Role.GOVERNANCE)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "governance")

    page.goto(f"/bodies/{board.slug}/scorecard/{august.slug}/")

    assert page.get_by_role("heading", level=1).inner_text() == "Scorecard: August 2023"
    measure = page.get_by_role("article", name="Indicator 2: Children in care per 10,000 children")
    benchmarks = "Measure 2: each comparator with its own period, and the gap from 45.2."
    assert measure.get_by_role("table", name=benchmarks).count() == 1
    assert measure.get_by_role("img", name="Indicator 2 by age band").count() == 1
    assert page.get_by_text("<script>alert('scorecard')</script> & more").is_visible()
    assert page.evaluate(BROKEN_WORDS) == []
    scroll_width, viewport = page.evaluate(PAGE_WIDTH)
    assert scroll_width <= viewport
    shoot(page, f"scorecard-page-{width}")
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_html_packs_scorecard_is_accessible_at_a_phones_and_a_laptops_width(page, assert_accessible, width):
    board, august = scorecard_body()
    html = pack_render(pack=scorecard_pack(scorecard_build(committee=board, quarter=august))).html
    page.set_viewport_size({"width": width, "height": 900})

    page.set_content(html)

    assert page.get_by_role("heading", level=3, name="Scorecard: August 2023").count() == 1
    assert page.get_by_role("heading", level=5, name="Indicator 4: Care leavers in suitable accommodation").count() == 1
    assert page.get_by_text("Not available: the source system could not produce this figure", exact=False).count() == 1
    assert page.evaluate(BROKEN_WORDS) == []
    scroll_width, viewport = page.evaluate(PAGE_WIDTH)
    assert scroll_width <= viewport
    shoot(page, f"scorecard-pack-{width}")
    assert_accessible(page)


def test_the_scorecard_page_prints_without_its_links_to_other_pages(page, sign_in):
    board, august = scorecard_body()
    UserFactory(username="governance", role=Role.GOVERNANCE)
    sign_in(page, "governance")
    page.goto(f"/bodies/{board.slug}/scorecard/{august.slug}/")

    page.emulate_media(media="print")

    assert not page.get_by_role("link", name=f"Dashboard for {august.display}").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    assert datetime.date(2023, 8, 31).strftime("%B %Y") in page.get_by_role("heading", level=1).inner_text()
