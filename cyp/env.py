"""Readers for settings from the environment, used by ``cyp/settings.py``.

Each one refuses a value it cannot read with ``ImproperlyConfigured`` naming the variable, what it
accepts and what was set, so a typo stops the start instead of quietly becoming the default
(healthchecks' ``envbool``). An unset or empty variable means the default.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

HOW_TO_MAKE_A_KEY = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
#: Keys printed somewhere (this repository's examples and placeholders, the usual samples): anyone can
#: read them, so they protect nothing.
SAMPLE_SECRET_KEYS = frozenset(
    {
        "change-me",
        "changeme",
        "change_me",
        "secret",
        "secret-key",
        "secretkey",
        "your-secret-key",
        "tests-only-not-a-secret",
        "insecure-development-key-only-for-the-embedded-default",
        # deploy/cyp.env.example's placeholder: long enough, and still public.
        "replace-this-with-the-output-of-python-c-import-secrets-print-secrets-token-urlsafe-50",
    }
)

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str = "", *, choices: tuple[str, ...] | None = None) -> str:
    """The variable as text; with ``choices``, one of them."""
    value = _raw(name)
    if value is None:
        return default
    if choices is not None and value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)} (you set {value!r})")
    return value


def env_bool(name: str, default: bool) -> bool:
    """``true``/``false`` (also 1/0, yes/no, on/off, any case)."""
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (you set {value!r})")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number, optionally within ``minimum`` and ``maximum`` (inclusive)."""
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number (you set {value!r})") from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        if maximum is None:
            allowed = f"at least {minimum}"
        elif minimum is None:
            allowed = f"at most {maximum}"
        else:
            allowed = f"between {minimum} and {maximum}"
        raise ImproperlyConfigured(f"{name} must be {allowed} (you set {value!r})")
    return number


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list; blanks between commas are dropped."""
    value = _raw(name)
    return [item.strip() for item in (default if value is None else value).split(",") if item.strip()]


def env_int_list(name: str, default: str = "", *, minimum: int | None = None) -> list[int]:
    """A comma-separated list of whole numbers (each at least ``minimum`` when given)."""
    numbers = []
    for item in env_list(name, default):
        try:
            number = int(item)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must be whole numbers separated by commas (you set {os.environ.get(name)!r})"
            ) from None
        if minimum is not None and number < minimum:
            raise ImproperlyConfigured(f"{name}: every number must be at least {minimum} (you set {number})")
        numbers.append(number)
    return numbers


def secret_key_weakness(key: str) -> str | None:
    """Why ``key`` cannot protect sessions and signed links, or None when it can (Django's own rule, W009,
    plus the keys that have been published)."""
    if key.strip().lower() in SAMPLE_SECRET_KEYS:
        return "it is a published sample"
    if key.startswith("django-insecure-"):
        return "it starts with 'django-insecure-', as Django's development keys do"
    if len(key) < 50:
        return f"it is {len(key)} characters long; at least 50 are needed"
    if len(set(key)) < 5:
        return f"it has only {len(set(key))} different characters; at least 5 are needed"
    return None


def env_all_or_none(required: tuple[str, ...], optional: tuple[str, ...] = (), *, feature: str) -> bool:
    """True when every ``required`` variable is set, False when none of ``required`` or ``optional`` is.

    Half a configuration (some set, some not) is refused naming the missing variable: a feature that
    is quietly off because one variable was mistyped is found only when someone cannot sign in.
    """
    given = [name for name in (*required, *optional) if _raw(name) is not None]
    if not given:
        return False
    missing = [name for name in required if _raw(name) is None]
    if missing:
        raise ImproperlyConfigured(
            f"{missing[0]} is not set, but {given[0]} is: {feature} needs {', '.join(required)} together "
            f"(set {', '.join(missing)}, or unset {', '.join(given)} to turn {feature} off)"
        )
    return True


def https_address_problem(address: str) -> str | None:
    """Why ``address`` cannot be trusted as an identity provider's, or None: it must be https:// (plain
    http:// only on this machine's loopback, for tests and a provider beside cyp)."""
    parts = urlsplit(address)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "::1"):
        return None
    return f"must be an https:// address (you set {address!r})"
