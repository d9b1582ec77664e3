"""The accessible HTML of the committee pack in a real browser: no axe-core WCAG 2.2 AA violation."""

import pytest

from reports.document import ItemKind
from reports.render import pack_render
from tests.reports.pack_helpers import demo_pack_input, demo_report, load_demo_indicators, synthetic_pack

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_pack_html_has_no_accessibility_violation(page, assert_accessible, tmp_path):
    from plans import demo as plans_demo
    from plans.report import plan_report_build

    plans_demo.load(committee=load_demo_indicators())
    pack = demo_pack_input(report=demo_report(), folder=tmp_path)
    plan_entry = next(entry for entry in pack.items if entry.kind == ItemKind.IMPROVEMENT_PLAN_REPORT)
    plan_entry.improvement_plan = plan_report_build(on=pack.meeting_date)
    rendered = pack_render(pack=pack)

    page.set_content(rendered.html)

    assert page.title() == "Draft: Children and Young People Committee: 8 October 2024"
    assert page.get_by_role("heading", level=1).inner_text() == "Children and Young People Committee"
    chart = "Trend of indicator 117: Proportion of children subject to a Child Protection Plan for the second or "
    assert page.get_by_role("img", name=chart + "subsequent time").count() == 1
    table = page.get_by_role("table", name="Current performance of the indicators monitored by the Committee")
    assert table.get_by_role("row", name="Red 8 42%").count() == 1
    assert page.get_by_role("heading", name="Summary").count() == 1
    assert_accessible(page)


def test_a_pack_of_hostile_text_stays_accessible_and_shows_the_text_as_typed(page, assert_accessible):
    typed = "<img src=x onerror=alert(1)> שלום 👍🏽 " + "x" * 300
    rendered = pack_render(pack=synthetic_pack(3, text=typed))

    page.set_content(rendered.html)

    assert page.locator("img[src=x]").count() == 0
    assert page.get_by_text("<img src=x onerror=alert(1)> שלום 👍🏽", exact=False).first.is_visible()
    assert_accessible(page)
