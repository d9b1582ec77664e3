"""An indicator's benchmark table and breakdown chart in a real browser, on a phone (375 px) and a laptop
(1280 px): the in-app indicator page and the public one have no axe-core WCAG 2.2 AA violation, and the two sections
never reach past the screen."""

import pytest
from django.urls import reverse

from cyp.enums import Role
from cyp.models import QuarterPublication
from tests.factories import UserFactory
from tests.indicators.test_benchmark_pages import care_leavers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BENCHMARKS = (
    "Indicator 1: each comparator with its own period, and the gap from 58.4% (June 2024): in percentage points, "
    "better or worse than it."
)
#: The rightmost edge of the benchmark table's box and of the breakdown sections, in CSS pixels.
SECTIONS_RIGHT = """() => Math.max(...[...document.querySelectorAll('#benchmarks-heading + div, section.breakdown')]
    .map(element => element.getBoundingClientRect().right))"""


def check_sections(page, width: int) -> None:
    table = page.get_by_role("table", name=BENCHMARKS)
    assert table.get_by_role("row").count() == 5
    assert (
        table.get_by_role(
            "row", name="England 2022/23 54.2% +4.2 points (better) DfE children looked after 2023"
        ).count()
        == 1
    )
    assert page.get_by_role("heading", level=3, name="By age").count() == 1
    assert page.get_by_role("img", name="Indicator 1 by age").count() == 1
    assert page.get_by_role("table", name="Indicator 1, June 2024: Age").get_by_role("row").count() == 3
    assert page.get_by_role("rowheader", name="<script>alert(1)</script>").count() == 1
    # The sections themselves never reach past the screen: the benchmark table scrolls in its own box.
    assert page.evaluate(SECTIONS_RIGHT) <= width


@pytest.mark.parametrize("width", [375, 1280])
def test_the_indicator_page_with_benchmarks_and_a_breakdown_is_accessible(
    page, sign_in, assert_accessible, committee, area, quarter, width
):
    QuarterPublication.objects.create(committee=committee, quarter=quarter)
    care_leavers(committee, area, quarter)
    UserFactory(username="governance", role=Role.GOVERNANCE)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "governance")

    page.goto(f"/indicators/1/?quarter={quarter.slug}")

    check_sections(page, width)
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_public_indicator_page_with_benchmarks_and_a_breakdown_is_accessible(
    page, assert_accessible, committee, area, quarter, width
):
    QuarterPublication.objects.create(committee=committee, quarter=quarter)
    care_leavers(committee, area, quarter)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(reverse("public:indicator", kwargs={"committee": committee, "number": 1}))

    check_sections(page, width)
    assert_accessible(page)
