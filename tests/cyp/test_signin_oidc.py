"""Single sign-on, end to end against a real OpenID Connect provider on 127.0.0.1 (oidc-provider-mock):
the button, the provider's sign-in, the callback, and the cyp account matched by e-mail, never created."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from cyp.enums import AuditAction, Role
from cyp.env import env_all_or_none, https_address_problem
from cyp.models import AuditEvent, User
from tests.cyp.oidc_provider import needs_provider, oidc_provider
from tests.factories import UserFactory

pytestmark = needs_provider

PEOPLE = {
    "jo": {"email": "JO.REID@example.gov.uk", "email_verified": True},
    "stranger": {"email": "stranger@example.gov.uk", "email_verified": True},
    "unverified": {"email": "jo.reid@example.gov.uk", "email_verified": False},
    "gone": {"email": "gone@example.gov.uk", "email_verified": True},
}


@pytest.fixture(scope="module")
def provider():
    with oidc_provider(PEOPLE) as issuer:
        yield issuer


@pytest.fixture
def sso(settings, provider):
    settings.CYP_OIDC_ENABLED = True
    settings.CYP_OIDC_ISSUER = provider
    settings.CYP_OIDC_CLIENT_ID = "cyp-tests"
    settings.CYP_OIDC_CLIENT_SECRET = "cyp-tests-client-secret"
    settings.CYP_OIDC_PROVIDER_NAME = "Test Council"
    return provider


@pytest.fixture
def jo(db, area):
    return UserFactory(username="jo.reid", email="jo.reid@example.gov.uk", role=Role.SERVICE_LEAD, service_areas=[area])


def start(client, next_page=""):
    """Press the button: cyp sends the browser to the provider's authorisation page."""
    response = client.post(reverse("sso_start"), {"next": next_page})
    assert response.status_code == 302
    return response["Location"]


def provider_signs_in(authorize_url: str, sub: str) -> str:
    """The person signs in at the provider, which sends them back to cyp: the callback's path and query."""
    answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert back.path == reverse("sso_callback")
    return f"{back.path}?{back.query}"


def test_sign_in_page_shows_the_button_only_when_single_sign_on_is_set_up(client, db, settings):
    settings.CYP_OIDC_ENABLED = False
    assert "Sign in with" not in client.get(reverse("login")).content.decode()

    settings.CYP_OIDC_ENABLED = True
    settings.CYP_OIDC_PROVIDER_NAME = "Test Council"
    page = client.get(reverse("login")).content.decode()
    assert '<button type="submit" class="btn btn-primary w-100">Sign in with Test Council</button>' in page


def test_single_sign_on_is_not_there_when_it_is_not_set_up(client, db, settings):
    settings.CYP_OIDC_ENABLED = False

    assert client.post(reverse("sso_start")).status_code == 404
    assert client.get(reverse("sso_callback")).status_code == 404


def test_the_button_is_a_post_so_no_page_can_start_a_sign_in(client, sso):
    assert client.get(reverse("sso_start")).status_code == 405


def test_signs_in_the_account_with_that_email_and_keeps_its_role_and_areas(client, sso, jo, area):
    authorize_url = start(client, next_page="/returns/")
    query = parse_qs(urlsplit(authorize_url).query)
    assert authorize_url.startswith(f"{sso}/oauth2/authorize")
    assert query["client_id"] == ["cyp-tests"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["nonce"] and query["state"]

    response = client.get(provider_signs_in(authorize_url, "jo"))

    assert response.status_code == 302
    assert response["Location"] == "/returns/"
    assert client.session["_auth_user_id"] == str(jo.pk)
    jo.refresh_from_db()
    assert (jo.role, list(jo.service_areas.all())) == (Role.SERVICE_LEAD, [area])
    event = AuditEvent.objects.get(action=AuditAction.SIGNIN_SSO)
    assert (event.target_id, event.actor_id) == (jo.pk, jo.pk)
    assert User.objects.count() == 1


def test_an_unknown_email_is_refused_and_no_account_is_created(client, sso, jo):
    response = client.get(provider_signs_in(start(client), "stranger"))
    page = response.content.decode()

    assert response.status_code == 403
    assert "No cyp account has the address stranger@example.gov.uk." in page
    assert "Ask the governance team to add this address to your cyp account" in page
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email__iexact="stranger@example.gov.uk").exists()


def test_an_email_the_provider_has_not_verified_is_refused(client, sso, jo):
    response = client.get(provider_signs_in(start(client), "unverified"))

    assert response.status_code == 403
    assert "has not verified the address jo.reid@example.gov.uk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_inactive_account_is_refused_and_the_refusal_audited(client, sso, db):
    gone = UserFactory(username="gone", email="gone@example.gov.uk", is_active=False)

    response = client.get(provider_signs_in(start(client), "gone"))

    assert response.status_code == 403
    assert "Your cyp account is switched off." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.SIGNIN_SSO_REFUSE, target_id=gone.pk).count() == 1


def test_two_accounts_with_the_address_are_refused(client, sso, jo):
    UserFactory(username="jo.reid2", email="Jo.Reid@example.gov.uk")

    response = client.get(provider_signs_in(start(client), "jo"))

    assert response.status_code == 403
    assert "More than one cyp account has the address" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_tampered_state_is_refused(client, sso, jo, caplog):
    callback = provider_signs_in(start(client), "jo")
    path, query = callback.split("?", 1)
    params = {key: values[0] for key, values in parse_qs(query).items()}
    params["state"] = "not-the-state-cyp-sent"

    response = client.get(path, params)

    assert response.status_code == 400
    assert "could not be checked" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "mismatching_state" in caplog.text


def test_an_answer_started_in_another_browser_is_refused(client, sso, jo):
    callback = provider_signs_in(start(client), "jo")

    other_browser = Client()
    response = other_browser.get(callback)

    assert response.status_code == 400
    assert "_auth_user_id" not in other_browser.session


def test_a_tampered_nonce_is_refused(client, sso, jo, caplog):
    authorize_url = start(client)
    parts = urlsplit(authorize_url)
    params = {key: values[0] for key, values in parse_qs(parts.query).items()}
    params["nonce"] = "a-nonce-cyp-never-sent"
    tampered = parts._replace(query="&".join(f"{key}={requests.utils.quote(value)}" for key, value in params.items()))

    response = client.get(provider_signs_in(tampered.geturl(), "jo"))

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert "Invalid claim: 'nonce'" in caplog.text


def test_an_answer_used_twice_is_refused_the_second_time(client, sso, jo):
    callback = provider_signs_in(start(client), "jo")
    assert client.get(callback).status_code == 302
    client.logout()

    assert client.get(callback).status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_next_page_on_another_site_is_not_followed(client, sso, jo):
    response = client.get(provider_signs_in(start(client, next_page="https://evil.example/"), "jo"))

    assert response["Location"] == reverse("home")


def test_a_provider_that_does_not_answer_is_explained(client, settings, db):
    settings.CYP_OIDC_ENABLED = True
    settings.CYP_OIDC_ISSUER = "http://127.0.0.1:9"  # the discard port: nothing listens
    settings.CYP_OIDC_CLIENT_ID = "cyp-tests"
    settings.CYP_OIDC_CLIENT_SECRET = "unused"
    settings.CYP_OIDC_PROVIDER_NAME = "Test Council"

    response = client.post(reverse("sso_start"))

    assert response.status_code == 502
    assert "cyp could not reach Test Council just now" in response.content.decode()


def test_half_a_configuration_is_refused_naming_the_missing_variable(monkeypatch):
    monkeypatch.setenv("CYP_OIDC_ISSUER", "https://login.example.gov.uk")
    monkeypatch.setenv("CYP_OIDC_CLIENT_ID", "cyp")
    monkeypatch.delenv("CYP_OIDC_CLIENT_SECRET", raising=False)

    with pytest.raises(ImproperlyConfigured) as refused:
        env_all_or_none(("CYP_OIDC_ISSUER", "CYP_OIDC_CLIENT_ID", "CYP_OIDC_CLIENT_SECRET"), feature="single sign-on")

    assert str(refused.value).startswith("CYP_OIDC_CLIENT_SECRET is not set, but CYP_OIDC_ISSUER is")


def test_an_optional_variable_alone_is_refused_too(monkeypatch):
    for name in ("CYP_OIDC_ISSUER", "CYP_OIDC_CLIENT_ID", "CYP_OIDC_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CYP_OIDC_PROVIDER_NAME", "Entra ID")

    with pytest.raises(ImproperlyConfigured, match="CYP_OIDC_ISSUER is not set, but CYP_OIDC_PROVIDER_NAME is"):
        env_all_or_none(
            ("CYP_OIDC_ISSUER", "CYP_OIDC_CLIENT_ID", "CYP_OIDC_CLIENT_SECRET"),
            ("CYP_OIDC_PROVIDER_NAME",),
            feature="single sign-on",
        )


def test_nothing_set_means_single_sign_on_is_off(monkeypatch):
    for name in ("CYP_OIDC_ISSUER", "CYP_OIDC_CLIENT_ID", "CYP_OIDC_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)

    assert env_all_or_none(("CYP_OIDC_ISSUER", "CYP_OIDC_CLIENT_ID", "CYP_OIDC_CLIENT_SECRET"), feature="x") is False


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("https://login.microsoftonline.com/tenant/v2.0", None),
        ("http://127.0.0.1:8080", None),
        ("http://login.example.gov.uk", "must be an https:// address (you set 'http://login.example.gov.uk')"),
        ("login.example.gov.uk", "must be an https:// address (you set 'login.example.gov.uk')"),
    ],
)
def test_the_issuer_must_be_https_except_on_this_machine(address, problem):
    assert https_address_problem(address) == problem


def test_check_deploy_stops_on_half_a_configuration_naming_the_variable():
    """What scripts/serve and ``check --deploy`` see: the settings refuse to load, naming what is missing."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/postgres",
        "DJANGO_SETTINGS_MODULE": "cyp.settings",
        "DJANGO_ALLOWED_HOSTS": "cyp.example.org",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "CYP_OIDC_ISSUER": "https://login.example.gov.uk",
        "CYP_OIDC_CLIENT_ID": "cyp",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert (
        "CYP_OIDC_CLIENT_SECRET is not set, but CYP_OIDC_ISSUER is: single sign-on needs CYP_OIDC_ISSUER, "
        "CYP_OIDC_CLIENT_ID, CYP_OIDC_CLIENT_SECRET together" in result.stderr
    )
