"""manage.py create_admin: the first administrator, with the password typed twice or set from a one-time link."""

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from cyp.enums import Role
from cyp.models import User

GOOD = "a-long-and-uncommon-passphrase-7"


@pytest.fixture
def terminal(monkeypatch):
    """A terminal that types the given answers, in order, at each password prompt."""

    def type_in(*answers):
        replies = iter(answers)
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        monkeypatch.setattr("getpass.getpass", lambda prompt="": next(replies))

    return type_in


def can_sign_in(*, username, password) -> bool:
    """The sign-in form (through django-axes, as a person would) lets them in."""
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def create_admin(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_admin", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_admin_asks_twice_and_makes_an_administrator_who_can_sign_in(db, terminal):
    terminal(GOOD, GOOD)

    out, _ = create_admin("jo.reid", "--email", "jo.reid@example.gov.uk", "--first-name", "Jo")

    user = User.objects.get(username="jo.reid")
    assert (user.role, user.is_staff, user.is_superuser, user.email, user.first_name) == (
        Role.ADMINISTRATOR,
        True,
        True,
        "jo.reid@example.gov.uk",
        "Jo",
    )
    assert out.strip() == "Created the administrator jo.reid. They can sign in now."
    assert can_sign_in(username="jo.reid", password=GOOD)


def test_create_admin_asks_again_when_the_two_differ_or_the_password_is_weak(db, terminal):
    terminal(GOOD, GOOD + "x", "password123", "password123", GOOD, GOOD)

    _, err = create_admin("jo.reid", "--email", "jo.reid@example.gov.uk")

    assert "The two passwords differ: type the same one twice." in err
    assert "That password cannot be used: This password is too short." in err
    assert User.objects.get(username="jo.reid").check_password(GOOD)


def test_create_admin_gives_up_after_three_unusable_passwords_and_creates_nobody(db, terminal):
    terminal(*["short"] * 6)

    with pytest.raises(CommandError, match="No usable password after 3 tries: nothing was created"):
        create_admin("jo.reid", "--email", "jo.reid@example.gov.uk")
    assert not User.objects.filter(username="jo.reid").exists()


def test_create_admin_without_a_terminal_refuses_and_points_at_send_link(db, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    with pytest.raises(CommandError, match="use --send-link"):
        create_admin("jo.reid", "--email", "jo.reid@example.gov.uk")
    assert not User.objects.filter(username="jo.reid").exists()


def test_create_admin_refuses_a_username_that_exists(administrator):
    with pytest.raises(CommandError, match=r"There is already an account called 'Administrator'.*changepassword"):
        create_admin("Administrator", "--email", "a@example.gov.uk", "--send-link")


def test_create_admin_refuses_an_address_that_is_not_one(db):
    with pytest.raises(CommandError, match=r"--email must be an e-mail address \(you gave 'jo.reid'\)"):
        create_admin("jo.reid", "--email", "jo.reid", "--send-link")


def test_the_emailed_link_sets_the_password_once(db, settings):
    settings.CYP_BASE_URL = "https://cyp.example.gov.uk"

    out, _ = create_admin("jo.reid", "--email", "jo.reid@example.gov.uk", "--send-link")

    user = User.objects.get(username="jo.reid")
    assert not user.has_usable_password()
    assert (
        out.strip() == "Created the administrator jo.reid; a link to set the password went to jo.reid@example.gov.uk."
    )
    assert [message.to for message in mail.outbox] == [["jo.reid@example.gov.uk"]]
    link = re.search(r"https://cyp\.example\.gov\.uk(/set-password/\S+/)", mail.outbox[0].body).group(1)
    client = Client()
    form = client.get(link, follow=True)
    assert "Your username is <strong>jo.reid</strong>" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": GOOD, "new_password2": GOOD}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("password_reset_complete")
    assert can_sign_in(username="jo.reid", password=GOOD)
    again = Client().get(link, follow=True)
    assert "This link has been used already or has expired." in again.content.decode()
