"""Signing in and out, and the health check (where home sends each person: tests/indicators/test_views_home.py)."""

from django.contrib.auth import SESSION_KEY

PASSWORD = "correct-horse-battery-staple"


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
    assert '<form method="post" action="/sign-out/" class="d-inline flex-shrink-0">' in content
    assert 'name="csrfmiddlewaretoken"' in content


# --- Health --------------------------------------------------------------------------------------


def test_health_answers_anyone_without_signing_in(client, db):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
