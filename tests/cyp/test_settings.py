"""Production settings: check --deploy is clean; no secret key, a weak one or a value that cannot be read means no
start outside debug, with a message naming the variable."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cyp.env import env_bool, env_int, env_list, env_str, secret_key_weakness

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


def settings_values(names, **env):
    """The named settings as the production settings compute them from ``env``, in a fresh process."""
    script = f"import json, cyp.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}, default=str))"
    result = run(["-c", script], DJANGO_SETTINGS_MODULE="cyp.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refusal(**env) -> str:
    """The last line of the error with which the settings refuse ``env`` (the test fails if they load)."""
    result = run(["manage.py", "check"], **env)
    assert result.returncode != 0, result.stdout
    return result.stderr.strip().splitlines()[-1]


STRONG_KEY = "production-tests-only-" + "0123456789abcdefghij" * 2


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("change-me", "it is a published sample"),
        ("CHANGEME", "it is a published sample"),
        ("tests-only-not-a-secret", "it is a published sample"),
        ("django-insecure-" + "a1b2c3d4e5" * 6, "it starts with 'django-insecure-', as Django's development keys do"),
        ("0123456789" * 4, "it is 40 characters long; at least 50 are needed"),
        ("abab" * 20, "it has only 2 different characters; at least 5 are needed"),
    ],
)
def test_settings_refuse_a_weak_or_sample_secret_key_when_debug_is_off(key, why):
    assert refusal(**PRODUCTION, DJANGO_SECRET_KEY=key) == (
        f"django.core.exceptions.ImproperlyConfigured: DJANGO_SECRET_KEY is too weak ({why}): generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )


def test_the_placeholder_key_of_the_deploy_example_is_refused():
    example = (ROOT / "deploy" / "cyp.env.example").read_text()
    key = next(line.split("=", 1)[1] for line in example.splitlines() if line.startswith("DJANGO_SECRET_KEY="))

    assert "it is a published sample" in refusal(**PRODUCTION, DJANGO_SECRET_KEY=key)


def test_a_sample_key_is_accepted_on_the_embedded_default_where_debug_is_on():
    assert settings_values(["DEBUG"], DJANGO_SECRET_KEY="change-me") == {"DEBUG": True}


def test_the_test_settings_key_passes_the_production_rule():
    from cyp.settings_test import SECRET_KEY

    assert secret_key_weakness(SECRET_KEY) is None


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_DEBUG", "ture", "DJANGO_DEBUG must be true or false (you set 'ture')"),
        ("CYP_SSL_REDIRECT", "maybe", "CYP_SSL_REDIRECT must be true or false (you set 'maybe')"),
        ("CYP_PAPER_MAX_MB", "50MB", "CYP_PAPER_MAX_MB must be a whole number (you set '50MB')"),
        ("CYP_PAPER_MAX_MB", "0", "CYP_PAPER_MAX_MB must be between 1 and 1024 (you set '0')"),
        ("CYP_TRUSTED_PROXY_COUNT", "-1", "CYP_TRUSTED_PROXY_COUNT must be between 0 and 5 (you set '-1')"),
        ("CYP_LOGIN_FAILURE_LIMIT", "five", "CYP_LOGIN_FAILURE_LIMIT must be a whole number (you set 'five')"),
        ("EMAIL_PORT", "smtp", "EMAIL_PORT must be a whole number (you set 'smtp')"),
        (
            "CYP_REMINDER_DAYS_BEFORE",
            "7;1",
            "CYP_REMINDER_DAYS_BEFORE must be whole numbers separated by commas (you set '7;1')",
        ),
        (
            "CYP_LOG_LEVEL",
            "verbose",
            "CYP_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (you set 'verbose')",
        ),
    ],
)
def test_settings_refuse_a_value_they_cannot_read_naming_the_variable(variable, value, message):
    assert refusal(**PRODUCTION, DJANGO_SECRET_KEY=STRONG_KEY, **{variable: value}) == (
        f"django.core.exceptions.ImproperlyConfigured: {message}"
    )


def test_settings_read_the_cyp_variables_the_code_uses():
    values = settings_values(
        ["CYP_PACK_QUEUE", "CYP_PAPER_MAX_MB", "CYP_PROGRESS_STALE_DAYS", "CYP_REMINDER_DAYS_BEFORE", "STATIC_ROOT"],
        CYP_PACK_QUEUE="packs",
        CYP_PAPER_MAX_MB="20",
        CYP_PROGRESS_STALE_DAYS="60",
        CYP_REMINDER_DAYS_BEFORE="14, 7,1",
        CYP_STATIC_ROOT="/srv/cyp/static",
    )

    assert values == {
        "CYP_PACK_QUEUE": "packs",
        "CYP_PAPER_MAX_MB": 20,
        "CYP_PROGRESS_STALE_DAYS": 60,
        "CYP_REMINDER_DAYS_BEFORE": [14, 7, 1],
        "STATIC_ROOT": "/srv/cyp/static",
    }


def test_the_embedded_default_trusts_no_proxy_and_one_proxy_is_trusted_for_address_and_protocol():
    names = ["CYP_TRUSTED_PROXY_COUNT", "SECURE_PROXY_SSL_HEADER", "AXES_CLIENT_IP_CALLABLE"]

    assert settings_values(names) == {
        "CYP_TRUSTED_PROXY_COUNT": 0,
        "SECURE_PROXY_SSL_HEADER": None,
        "AXES_CLIENT_IP_CALLABLE": "cyp.proxy.client_ip",
    }
    assert settings_values(names, CYP_TRUSTED_PROXY_COUNT="1") == {
        "CYP_TRUSTED_PROXY_COUNT": 1,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "AXES_CLIENT_IP_CALLABLE": "cyp.proxy.client_ip",
    }


def test_no_code_reads_a_setting_with_a_hedging_getattr():
    sources = [
        path
        for folder in ("cyp", "indicators", "commentary", "reports", "plans")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    ]

    hedged = [str(path.relative_to(ROOT)) for path in sources if "getattr(settings," in path.read_text()]

    assert hedged == []


# --- the readers themselves (cyp/env.py) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), ("1", True), ("On", True), ("FALSE", False), ("no", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("CYP_X", value)

    assert env_bool("CYP_X", default=not expected) is expected


def test_env_readers_give_the_default_for_an_unset_or_blank_variable(monkeypatch):
    monkeypatch.setenv("CYP_BLANK", "  ")
    monkeypatch.delenv("CYP_UNSET", raising=False)

    assert (env_bool("CYP_BLANK", default=True), env_int("CYP_UNSET", 7), env_str("CYP_BLANK", "x")) == (True, 7, "x")
    assert env_list("CYP_UNSET", "a, b,,c") == ["a", "b", "c"]


def test_env_int_names_the_bound_it_breaks(monkeypatch):
    monkeypatch.setenv("CYP_X", "3")

    with pytest.raises(ImproperlyConfigured, match=r"^CYP_X must be at least 5 \(you set '3'\)$"):
        env_int("CYP_X", 10, minimum=5)
    with pytest.raises(ImproperlyConfigured, match=r"^CYP_X must be at most 2 \(you set '3'\)$"):
        env_int("CYP_X", 1, maximum=2)
