"""Signing in in a real browser: through the identity provider's own page, and with a forgotten password."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from cyp.enums import Role
from tests.cyp.oidc_provider import needs_provider, oidc_provider
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"http://[^\s]+(/set-password/[^\s]+/)")


def only_this_machine(page):
    """Requests anywhere but 127.0.0.1 are refused (the provider's page asks a CDN for its stylesheet)."""

    def route(route):
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            route.abort()

    page.context.route("**/*", route)


@pytest.fixture(scope="module")
def provider():
    with oidc_provider({"jo": {"email": "Jo.Reid@example.gov.uk", "email_verified": True}}) as issuer:
        yield issuer


@needs_provider
def test_the_button_signs_in_through_the_providers_page(page, provider, settings, assert_accessible, area, quarter):
    settings.CYP_OIDC_ENABLED = True
    settings.CYP_OIDC_ISSUER = provider
    settings.CYP_OIDC_CLIENT_ID = "cyp-browser-tests"
    settings.CYP_OIDC_CLIENT_SECRET = "cyp-browser-tests-secret"
    settings.CYP_OIDC_PROVIDER_NAME = "Test Council"
    UserFactory(username="jo.reid", email="jo.reid@example.gov.uk", role=Role.SERVICE_LEAD, service_areas=[area])
    only_this_machine(page)

    page.goto("/sign-in/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with Test Council").click()
    page.wait_for_url(f"{provider}/oauth2/authorize*")
    page.get_by_role("button", name="jo", exact=True).click()
    page.get_by_role("button", name="Sign out").wait_for()

    assert urlsplit(page.url).hostname in ("localhost", "127.0.0.1")
    assert "/sign-in" not in urlsplit(page.url).path


@needs_provider
def test_an_unknown_person_sees_why_and_whom_to_ask(page, provider, settings, assert_accessible, db):
    settings.CYP_OIDC_ENABLED = True
    settings.CYP_OIDC_ISSUER = provider
    settings.CYP_OIDC_CLIENT_ID = "cyp-browser-tests"
    settings.CYP_OIDC_CLIENT_SECRET = "cyp-browser-tests-secret"
    settings.CYP_OIDC_PROVIDER_NAME = "Test Council"
    only_this_machine(page)

    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in with Test Council").click()
    page.get_by_role("button", name="jo", exact=True).click()

    page.get_by_role("heading", name="You could not be signed in").wait_for()
    assert "No cyp account has the address Jo.Reid@example.gov.uk." in page.inner_text("main")
    assert_accessible(page)


def test_a_forgotten_password_is_reset_through_the_emailed_link(page, assert_accessible, sign_in, db):
    UserFactory(username="jo.reid", email="jo.reid@example.gov.uk")
    new_password = "a-new-long-passphrase-2026"

    page.goto("/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("E-mail address").fill("not-an-address")
    page.get_by_role("button", name="Send me a link").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.get_by_label("E-mail address").input_value() == "not-an-address"
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("Jo.Reid@example.gov.uk")
    page.get_by_role("button", name="Send me a link").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()
    assert_accessible(page)

    assert len(mail.outbox) == 1
    page.goto(LINK.search(mail.outbox[0].body).group(1))
    page.get_by_label("New password", exact=True).fill(new_password)
    page.get_by_label("New password confirmation").fill(new_password)
    page.get_by_role("button", name="Set my password").click()
    page.get_by_role("heading", name="Password set").wait_for()

    sign_in(page, "jo.reid", new_password)
    assert page.get_by_role("button", name="Sign out").count() == 1
