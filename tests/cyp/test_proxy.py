"""Sign-in throttling behind a reverse proxy counts the real client (cyp/proxy.py, CYP_TRUSTED_PROXY_COUNT)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from cyp.proxy import client_ip

PASSWORD = "correct-horse-battery-staple"
PROXY = "10.0.0.5"


def sign_in(client, username, password, *, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_one_proxy_two_people_at_different_addresses_are_throttled_separately(settings, lead):
    settings.CYP_TRUSTED_PROXY_COUNT = 1
    attacker, colleague = Client(), Client()
    for _ in range(5):
        sign_in(attacker, "lead", "wrong-password", forwarded_for="198.51.100.1")

    locked = sign_in(attacker, "lead", PASSWORD, forwarded_for="198.51.100.1")
    signed_in = sign_in(colleague, "lead", PASSWORD, forwarded_for="198.51.100.2")

    assert locked.status_code == 429
    assert signed_in.status_code == 302
    assert colleague.session["_auth_user_id"] == str(lead.pk)


def test_with_no_trusted_proxy_the_forwarded_header_is_ignored_and_the_address_is_the_connection(settings, lead):
    settings.CYP_TRUSTED_PROXY_COUNT = 0
    attacker, colleague = Client(), Client()
    for _ in range(5):
        sign_in(attacker, "lead", "wrong-password", forwarded_for="198.51.100.1")

    response = sign_in(colleague, "lead", PASSWORD, forwarded_for="198.51.100.2")

    assert response.status_code == 429
    assert "_auth_user_id" not in colleague.session


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        (0, "198.51.100.1", PROXY),
        (1, "198.51.100.1", "198.51.100.1"),
        # What the client wrote itself stands left of what our proxy added: only the proxy's entry counts.
        (1, "203.0.113.66, 198.51.100.1", "198.51.100.1"),
        (2, "203.0.113.66, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        # Fewer entries than trusted proxies: the header was not written by them all, so it is not used.
        (2, "198.51.100.1", PROXY),
        (1, "", PROXY),
    ],
)
def test_client_ip_takes_the_entry_the_trusted_proxies_wrote(settings, count, forwarded_for, expected):
    settings.CYP_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip(request) == expected
