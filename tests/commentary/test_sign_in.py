"""Sign-in safety: throttling after five failures, CSRF on every form, secure cookies and strong passwords."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery-staple"


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7")


def test_five_failed_sign_ins_lock_the_username_even_with_the_right_password_then(client, lead):
    for _ in range(4):
        assert sign_in(client, "lead", "wrong-password").status_code == 200

    fifth = sign_in(client, "lead", "wrong-password")
    after = sign_in(client, "lead", PASSWORD)

    assert fifth.status_code == 429
    assert after.status_code == 429
    assert "Too many failed sign-in attempts" in after.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_then_the_right_password_signs_in(client, lead):
    for _ in range(4):
        sign_in(client, "lead", "wrong-password")

    response = sign_in(client, "lead", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(lead.pk)


def test_the_lockout_is_per_username_and_address(client, lead, other_lead):
    for _ in range(5):
        sign_in(client, "lead", "wrong-password")

    assert sign_in(Client(), "other-lead", PASSWORD).status_code == 302


def test_a_form_posted_without_the_csrf_token_is_refused(lead, ret):
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)

    response = client.post(reverse("return_submit", kwargs={"pk": ret.pk}))

    assert response.status_code == 403
    ret.refresh_from_db()
    assert ret.state == "draft"


def test_signing_in_without_the_csrf_token_is_refused(lead):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "lead", "password": PASSWORD})

    assert response.status_code == 403


def test_the_session_cookie_is_http_only_and_same_site(client, lead):
    response = sign_in(client, "lead", PASSWORD)

    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize("password", ["short", "password1234", "123456789012", "lead@example.org"])
def test_weak_passwords_are_refused(password, lead):
    with pytest.raises(ValidationError):
        validate_password(password, user=lead)


def test_a_long_uncommon_password_is_accepted(lead):
    assert validate_password("marmalade-otter-quarterly", user=lead) is None


def production_settings() -> dict:
    """The settings as production reads them: DATABASE_URL set, nothing else about security."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CYP_")) and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(
        DATABASE_URL="postgresql://cyp@127.0.0.1:5432/cyp",
        DJANGO_SECRET_KEY="sign-in-tests-only-" + "0123456789abcdef" * 3,
        DJANGO_ALLOWED_HOSTS="cyp.example.gov.uk",
        DJANGO_SETTINGS_MODULE="cyp.settings",
    )
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "X_FRAME_OPTIONS",
        "AXES_FAILURE_LIMIT",
        "SESSION_COOKIE_AGE",
    ]
    script = f"import json, cyp.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(output.stdout)


def test_production_settings_send_cookies_over_https_only_and_throttle_sign_in():
    assert production_settings() == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "X_FRAME_OPTIONS": "DENY",
        "AXES_FAILURE_LIMIT": 5,
        "SESSION_COOKIE_AGE": 8 * 60 * 60,
    }
