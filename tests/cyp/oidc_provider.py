"""A real OpenID Connect provider for tests: oidc-provider-mock in its own process on 127.0.0.1.

Its own process, because it is a Flask application using Authlib's deprecated server interfaces: in the
test process our "warnings are errors" would turn those into failures of the provider, not of cyp.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
import requests

INSTALLED = importlib.util.find_spec("oidc_provider_mock") is not None
needs_provider = pytest.mark.skipif(not INSTALLED, reason="oidc-provider-mock is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oidc_provider(people: dict[str, dict]):
    """``with oidc_provider({"jo": {"email": ...}}) as issuer:`` the provider, with those people (subject:
    claims) offered on its sign-in page, requiring a nonce; its issuer is its address."""
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port), "--require-nonce"]
        + [argument for sub in people for argument in ("--user", sub)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).raise_for_status()
                break
            except requests.RequestException:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the OpenID Connect provider did not start") from None
                time.sleep(0.1)
        for sub, claims in people.items():
            requests.put(f"{issuer}/users/{sub}", json=claims, timeout=5).raise_for_status()
        yield issuer
    finally:
        process.terminate()
        process.wait(10)
