"""The accessible HTML pack at a phone's width (375 px) and a laptop's (1280 px): no word in a table is broken
between its letters ("N o", "St at us"), nothing makes the page scroll sideways, and axe-core finds nothing."""

import datetime

import pytest

from reports.document import AgendaEntry, AgendaPlanMeeting, AgendaPlanPaper, AgendaPlanRow, ItemKind
from reports.render import pack_render
from tests.reports.pack_helpers import demo_pack_input, demo_report, load_demo_indicators

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Every word of every table cell that the browser laid out on more than one line. Words are what lies between
#: spaces, hyphens, dashes and slashes (where a line may end); web and e-mail addresses may
#: break anywhere, so they are left out.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("th, td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest("a[href^='http'], .unbroken, .visually-hidden, svg")) continue;
      const words = /[^\\s\\-\\u2013\\u2014\\/]{2,}/g;
      let match;
      while ((match = words.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def agenda_plan_entry() -> AgendaEntry:
    meeting = AgendaPlanMeeting(
        date=datetime.date(2024, 11, 26),
        draft_reports_due=datetime.date(2024, 11, 13),
        agenda_despatch=datetime.date(2024, 11, 18),
        rows=(
            AgendaPlanRow("Children's Social Care Performance Report", "R Springbett", "2024/070", note="Deferred"),
            AgendaPlanRow("Home to School Transport Policy", "Jonathan Lewis", "Not applicable", marks="*"),
        ),
    )
    entry = AgendaEntry(9, "9", "Decisions", "Agenda Plan", ItemKind.AGENDA_PLAN)
    entry.paper = AgendaPlanPaper(
        committee_name="Children and Young People Committee",
        published_on=datetime.date(2024, 9, 2),
        notes=("Draft reports are due with the Democratic Services Officer by 10:00 on the date shown.",),
        meetings=(meeting,),
    )
    return entry


@pytest.fixture
def pack_html(tmp_path):
    from plans import demo as plans_demo
    from plans.report import plan_report_build

    plans_demo.load(committee=load_demo_indicators())
    pack = demo_pack_input(report=demo_report(), folder=tmp_path)
    plan_entry = next(entry for entry in pack.items if entry.kind == ItemKind.IMPROVEMENT_PLAN_REPORT)
    plan_entry.improvement_plan = plan_report_build(on=pack.meeting_date)
    pack.items.append(agenda_plan_entry())
    return pack_render(pack=pack).html


@pytest.mark.parametrize("width", [375, 1280])
def test_the_html_pack_never_breaks_a_word_inside_its_letters(page, assert_accessible, pack_html, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.set_content(pack_html)

    assert page.locator("table").count() > 20
    assert page.evaluate(BROKEN_WORDS) == []
    scroll_width, viewport = page.evaluate(PAGE_WIDTH)
    assert scroll_width <= viewport
    assert_accessible(page)


def test_a_wide_table_on_a_phone_scrolls_in_its_own_box_with_its_first_column_kept_in_view(page, pack_html):
    page.set_viewport_size({"width": 375, "height": 900})
    page.set_content(pack_html)
    box = page.locator(".table-scroll").filter(has=page.locator("#item-9-agenda-plan"))

    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region"
    assert box.evaluate("(el) => el.scrollWidth > el.clientWidth")
    first = box.locator("tbody th").first
    before = first.bounding_box()["x"]
    box.evaluate("(el) => el.scrollBy(200, 0)")
    assert abs(first.bounding_box()["x"] - before) < 1
