"""Browser tests' fixtures, a plugin of tests/conftest.py for every folder's browser tests: Playwright
drives Debian's Chromium against pytest-django's live server.

Fixtures:
- ``browser``: one Chromium for the session (skipped when /usr/bin/chromium is missing, a failure under CI).
- ``page``: a fresh context and page whose base URL is the live server.
- ``sign_in(page, username, password=PASSWORD)``: signs in through the real form.
- ``assert_accessible(page)``: runs axe-core for WCAG 2.2 AA and fails listing every violation.
"""

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in this thread; Django's guard against
# calling the ORM from async code would otherwise trip in the test body.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PASSWORD = "correct-horse-battery-staple"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in():
    def sign_in(page, username, password=PASSWORD):
        page.goto("/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return sign_in


@pytest.fixture
def assert_accessible():
    def check(page):
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}
            })"""
        )
        violations = [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        assert violations == [], f"axe-core WCAG 2.2 AA violations on {page.url}:\n{json.dumps(violations, indent=1)}"

    return check
