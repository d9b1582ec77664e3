"""An anonymous visitor crawls the public site in Chromium: every page passes axe-core (WCAG 2.2 AA) and nothing
unpublished or exempt is on any page or in any file reached.

The crawl starts at /public/ and follows every same-site link under /public/ (at most ``LIMIT`` addresses).
Pages are checked in the browser; files (PDF, CSV, JSON, XLSX) are fetched and their bytes checked.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from tests.public.conftest import SECRETS

LIMIT = 60
FILE_ENDINGS = (".pdf", ".csv", ".json", ".xlsx")

pytestmark = pytest.mark.django_db(transaction=True)


def _same_site_links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    found = []
    for href in hrefs:
        url = urldefrag(urljoin(page.url, href)).url
        parsed = urlparse(url)
        if f"{parsed.scheme}://{parsed.netloc}" == base and parsed.path.startswith("/public/"):
            found.append(url)
    return found


def test_an_anonymous_crawl_finds_no_violation_and_nothing_unpublished(
    page, assert_accessible, public_world, live_server
):
    base = live_server.url
    queue, seen, pages, downloads = [f"{base}/public/"], set(), [], []
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        path = urlparse(url).path
        if path.endswith(FILE_ENDINGS) or "/pack." in path:
            response = page.request.get(url)
            assert response.status == 200, url
            body = response.body()
            found = [secret for secret in SECRETS if secret.encode() in body]
            assert found == [], f"{url} holds {found}"
            downloads.append(path)
            continue
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page)
        html = page.content()
        found = [secret for secret in SECRETS if secret in html]
        assert found == [], f"{url} shows {found}"
        pages.append(path)
        queue += [link for link in _same_site_links(page, base) if link not in seen]

    assert queue == [] or len(seen) == LIMIT
    body, other = public_world.body.slug, public_world.other_body.slug
    assert {
        "/public/",
        "/public/api/",
        f"/public/{body}/",
        f"/public/{other}/",
        f"/public/{body}/meetings/2024-10-08/",
        f"/public/{body}/indicators/",
        f"/public/{body}/indicators/11/",
    } <= set(pages)
    meeting = f"/public/{body}/meetings/2024-10-08"
    assert {
        f"/public/{body}/figures.csv",
        f"/public/{body}/figures.json",
        "/public/api/openapi.json",
        f"{meeting}/v2/pack.pdf",
        f"{meeting}/v2/pack.html",
        f"{meeting}/v2/pack.csv",
        f"{meeting}/v1/pack.pdf",
    } <= set(downloads)


def test_the_skip_link_takes_a_keyboard_user_to_the_content(page, public_world):
    page.goto(f"/public/{public_world.body.slug}/indicators/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
