"""Issue 12's check: a walk of the whole demo in Chromium as every demo account, at a laptop's and a phone's width.

From the home page each account follows every link of the menu and, from each page reached, the first link of
each table and list of its main content (the queue's rows, the board's returns, the plans, the meetings, the
indicator pages...), and searches for "children": at most ``LIMIT`` pages, same origin, GET only, no downloads,
never signing out. On every page, at both widths: axe-core (WCAG 2.2 AA) finds no violation, the page is no
wider than the window (a wide table scrolls in its own box), no word in a table breaks inside its letters, and
the first heading is the h1. Every problem of every page is listed at once. A screenshot of each page and width
goes to ``WALK_SHOTS`` (default /tmp/walk) as ``<persona>-<width>-<n>.png``, with ``<persona>.txt`` (the pages
by number) and ``<persona>-scrolling.txt`` (the boxes that scroll by themselves, by page and width).

The walk runs on the demo's clock (``cyp.demo_clock``), as scripts/demo does, so deadlines read as in the demo.
"""

import io
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from cyp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from cyp.demo_clock import demo_clock_travel
from tests.browser.test_polish_pack import BROKEN_WORDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: 24 pages a persona reach every menu page and the first piece of work behind each queue and table, in about
#: half the time of 40 (the whole walk is the longest browser test).
LIMIT = 24
WIDTHS = ({"width": 1280, "height": 900}, {"width": 375, "height": 800})
SHOTS = Path(os.environ.get("WALK_SHOTS", "/tmp/walk"))
#: Files, not pages: a link to any of these is a download, which the walk does not follow.
DOWNLOADS = (".pdf", ".csv", ".xlsx", ".docx", ".json", ".zip", ".html.zip", ".png", ".ico")
#: Django's own admin is not cyp's screen (its markup is Django's); sign-out is a form, never followed.
NOT_WALKED = ("/admin/", "/sign-out/", "/sign-in/")

#: The menu's links (the body switcher's among them), the first link of each table and list in the main
#: content, in the order a reader meets them, and the link to a body's scorecard.
LINKS = """() => {
  const hrefs = [...document.querySelectorAll("#nav-main a[href]")].map((a) => a.href);
  const main = document.querySelector("main");
  const lists = "table tbody, ul.list-group, ol.list-group, ul.queue-list, ul.list-unstyled";
  for (const box of main.querySelectorAll(lists)) {
    const first = box.querySelector("a[href]:not([download])");
    if (first) hrefs.push(first.href);
  }
  const scorecard = main.querySelector("a[href*='/scorecard/']");
  if (scorecard) hrefs.push(scorecard.href);
  return hrefs;
}"""

#: Wider than the window: the document, and the deepest elements that stick out past the window's right edge
#: with no box of their own that scrolls; and, for the report, the boxes that scroll by themselves.
OVERFLOW = """() => {
  const limit = window.innerWidth + 1;
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + [...el.classList].slice(0, 2).join(".") : "");
  const out = [];
  const boxes = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el !== document.body && scrolls(el) && el.scrollWidth > el.clientWidth + 1) boxes.push(name(el));
    const rect = el.getBoundingClientRect();
    if (rect.right <= limit) continue;
    // What is positioned absolutely is clipped only by the boxes that scroll around its containing block.
    const positioned = ["absolute", "fixed"].includes(getComputedStyle(el).position);
    let up = positioned ? el.offsetParent : el.parentElement, inside = false;
    while (up && up !== document.body) { if (scrolls(up)) { inside = true; break; } up = up.parentElement; }
    if (inside) continue;
    // The outermost box that scrolls by itself yet is wider than the window is the one to name.
    if (!scrolls(el) && [...el.children].some((child) => child.getBoundingClientRect().right > limit)) continue;
    out.push(name(el) + " (" + Math.round(rect.right) + " px)");
  }
  return {width: document.documentElement.scrollWidth, window: window.innerWidth, out: out.slice(0, 5), boxes};
}"""

FIRST_HEADING = """() => {
  const heading = document.querySelector("h1, h2, h3, h4, h5, h6");
  return heading ? heading.tagName.toLowerCase() : null;
}"""

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 AA run, as ``assert_accessible`` runs it, returned rather than asserted so that the
    walk lists every page's violations together."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"axe {v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def walkable(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return False
    return not parts.path.endswith(DOWNLOADS) and not parts.path.startswith(NOT_WALKED) and "download" not in url


def page_problems(page) -> tuple[list[str], list[str]]:
    """The problems of the page shown, and the boxes on it that scroll by themselves."""
    problems = axe_violations(page)
    overflow = page.evaluate(OVERFLOW)
    if overflow["width"] > overflow["window"] + 1:
        problems.append(f"{overflow['width']} px wide in a {overflow['window']} px window: {overflow['out']}")
    broken = page.evaluate(BROKEN_WORDS)
    if broken:
        problems.append(f"words broken inside their letters: {broken[:8]}")
    heading = page.evaluate(FIRST_HEADING)
    if heading != "h1":
        problems.append(f"the first heading is {heading}, not h1")
    return problems, overflow["boxes"]


def walk(page, origin: str, persona: str) -> tuple[dict[str, list[str]], dict[str, list[str]], int]:
    """Every page reached from the home page, at both widths: problems and self-scrolling boxes by page."""
    to_visit = [f"{origin}/", f"{origin}/search/?q=children"]
    seen, order = set(to_visit), []
    problems, boxes = {}, {}
    page.set_viewport_size(WIDTHS[0])
    while to_visit and len(order) < LIMIT:
        url = to_visit.pop(0)
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if response.status >= 400 and response.status != 403:
            problems.setdefault(url, []).append(f"answered {response.status}")
        if page.url in order:  # the home page redirects to the dashboard, also reached from the menu
            continue
        order.append(page.url)
        for href in page.evaluate(LINKS):
            href = href.split("#")[0]
            if href not in seen and walkable(href, origin):
                seen.add(href)
                to_visit.append(href)
    (SHOTS / f"{persona}.txt").write_text(
        "".join(f"{number:02} {url.removeprefix(origin)}\n" for number, url in enumerate(order, start=1))
    )
    for viewport in WIDTHS:
        page.set_viewport_size(viewport)
        for number, url in enumerate(order, start=1):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(SHOTS / f"{persona}-{viewport['width']}-{number:02}.png"), full_page=True)
            found, scrolling = page_problems(page)
            key = f"{viewport['width']} {url.removeprefix(origin)}"
            if found:
                problems[key] = found
            if scrolling:
                boxes[key] = scrolling
    return problems, boxes, len(order)


@pytest.fixture
def demo_clock():
    with demo_clock_travel():
        yield


@pytest.mark.parametrize("persona", [account.username for account in DEMO_ACCOUNTS])
def test_every_page_a_demo_account_reaches_is_accessible_and_fits_at_both_widths(
    demo_clock, page, live_server, sign_in, persona
):
    call_command("load_demo", stdout=io.StringIO())
    SHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(page, persona, DEMO_PASSWORD)
    assert not page.url.endswith("/sign-in/"), f"{persona} could not sign in with the demo password"

    problems, boxes, count = walk(page, live_server.url, persona)

    (SHOTS / f"{persona}-scrolling.txt").write_text(
        f"{count} pages; boxes that scroll by themselves:\n"
        + "".join(f"{url}: {found}\n" for url, found in boxes.items())
    )
    assert count >= 5
    assert problems == {}, "\n".join(f"{persona} {url}: {found}" for url, found in problems.items())
