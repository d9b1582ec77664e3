"""Signing in and out, where home sends each person, and the health check."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from tests.factories import FinancialYearFactory, QuarterFactory

PASSWORD = "correct-horse-battery-staple"
STAFF = ["lead", "other_lead", "governance", "administrator"]


def publish(quarter):
    quarter.published_at = timezone.now()
    quarter.save()
    return quarter


# --- Sign in and out -----------------------------------------------------------------------------


def test_sign_in_page_has_a_labelled_form(client, db):
    response = client.get("/sign-in/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Sign in</h1>" in content
    assert '<label class="form-label" for="id_username">Username</label>' in content
    assert '<label class="form-label" for="id_password">Password</label>' in content
    assert 'autocomplete="current-password"' in content


def test_signing_in_with_the_right_password_goes_home(client, member):
    response = client.post("/sign-in/", {"username": "member", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(member.pk)


def test_signing_in_goes_back_to_the_page_asked_for(client, member):
    response = client.post("/sign-in/", {"username": "member", "password": PASSWORD, "next": "/indicators/1/"})

    assert response["Location"] == "/indicators/1/"


def test_signing_in_never_goes_to_another_site(client, member):
    response = client.post("/sign-in/", {"username": "member", "password": PASSWORD, "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_cannot_sign_in_with_a_wrong_password_and_the_username_is_kept(client, member):
    response = client.post("/sign-in/", {"username": "member", "password": "not-the-password"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Your username and password did not match. Check them and try again." in content
    assert 'value="member"' in content
    assert SESSION_KEY not in client.session


def test_cannot_sign_in_as_an_inactive_person(client, member):
    member.is_active = False
    member.save()

    response = client.post("/sign-in/", {"username": "member", "password": PASSWORD})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_cannot_sign_in_after_five_failures_even_with_the_right_password(client, member):
    for _ in range(5):
        client.post("/sign-in/", {"username": "member", "password": "wrong-password"})

    response = client.post("/sign-in/", {"username": "member", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_signed_in_person_visiting_sign_in_goes_home(as_persona, db):
    response = as_persona("member").get("/sign-in/")

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_signing_out_by_post_ends_the_session_and_returns_to_sign_in(as_persona, db):
    client = as_persona("governance")

    response = client.post("/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == "/sign-in/"
    assert SESSION_KEY not in client.session
    assert client.get("/")["Location"] == "/sign-in/?next=/"


def test_cannot_sign_out_by_following_a_link(as_persona, db):
    client = as_persona("governance")

    response = client.get("/sign-out/")

    assert response.status_code == 405
    assert SESSION_KEY in client.session


def test_every_page_offers_sign_out_as_a_form_that_posts(as_persona, committee, quarter):
    response = as_persona("governance").get("/", follow=True)

    content = response.content.decode()
    assert '<form method="post" action="/sign-out/" class="d-inline">' in content
    assert 'name="csrfmiddlewaretoken"' in content


# --- Home ----------------------------------------------------------------------------------------


def test_anonymous_home_is_sign_in(client, db):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/"


def test_member_lands_on_the_latest_published_quarter(as_persona, quarter):
    publish(quarter)
    publish(QuarterFactory(year=quarter.year, number=2, is_open=False))
    QuarterFactory(year=quarter.year, number=3, is_open=True)

    response = as_persona("member").get("/")

    assert response["Location"] == "/quarters/2024-25-Q2/"


def test_member_is_told_nothing_is_published_yet(as_persona, quarter):
    response = as_persona("member").get("/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Nothing published yet</h1>" in content
    assert "2024/25" not in content


@pytest.mark.parametrize("persona", STAFF)
def test_staff_land_on_the_open_quarter(as_persona, persona, quarter):
    publish(QuarterFactory(year=FinancialYearFactory(start_year=2023), number=4, is_open=False))

    response = as_persona(persona).get("/")

    assert response["Location"] == "/quarters/2024-25-Q1/"


def test_staff_land_on_the_latest_published_quarter_when_none_is_open(as_persona, quarter):
    quarter.is_open = False
    quarter.save()
    publish(QuarterFactory(year=FinancialYearFactory(start_year=2023), number=4, is_open=False))

    response = as_persona("governance").get("/")

    assert response["Location"] == "/quarters/2023-24-Q4/"


def test_staff_are_told_no_quarter_is_set_up(as_persona, db):
    response = as_persona("governance").get("/")

    assert response.status_code == 200
    assert "<h1>No quarters yet</h1>" in response.content.decode()


# --- Health --------------------------------------------------------------------------------------


def test_health_answers_anyone_without_signing_in(client, db):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
