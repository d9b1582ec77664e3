"""Production settings: check --deploy is clean, and no secret key means no start outside debug."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/postgres",
    "DJANGO_SETTINGS_MODULE": "cyp.settings",
    "DJANGO_ALLOWED_HOSTS": "cyp.example.org",
}


def run(args, **env):
    """Runs Python in a fresh process with only the given environment (and PATH)."""
    clean = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_settings_turn_debug_off_and_security_on():
    result = run(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
            "s.SECURE_HSTS_SECONDS, s.ALLOWED_HOSTS)",
        ],
        **PRODUCTION,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True True 31536000 ['cyp.example.org']"


def test_settings_refuse_to_load_without_a_secret_key_when_debug_is_off():
    result = run(["manage.py", "check"], **PRODUCTION)

    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY must be set when debug is off" in (
        result.stderr
    )


def test_settings_refuse_to_load_without_a_secret_key_when_debug_is_turned_off_on_sqlite():
    result = run(["manage.py", "check"], DJANGO_SETTINGS_MODULE="cyp.settings", DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when debug is off" in result.stderr
