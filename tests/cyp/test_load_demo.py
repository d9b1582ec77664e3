"""load_demo: the embedded default's demo only; refused under production settings unless asked, and then no
account can sign in with the published password; a second run never overwrites what people did since."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from commentary.models import Return
from cyp.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from cyp.enums import ReviewState
from cyp.models import Committee, User

USERNAMES = sorted(account.username for account in DEMO_ACCOUNTS)


def can_sign_in(*, username, password) -> bool:
    """The sign-in form (through django-axes, as a person would) lets them in."""
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_load_demo_refuses_under_production_settings(db, settings):
    settings.CYP_DEMO_ALLOWED = False

    with pytest.raises(CommandError, match=r"^load_demo refused: these are production settings .*--allow-production"):
        load_demo()
    assert (Committee.objects.count(), User.objects.count()) == (0, 0)


def test_load_demo_allowed_in_production_creates_no_account_that_can_sign_in(db, settings):
    settings.CYP_DEMO_ALLOWED = False

    out = load_demo("--allow-production")

    assert sorted(User.objects.values_list("username", flat=True)) == USERNAMES
    assert [user.username for user in User.objects.all() if user.has_usable_password()] == []
    assert not any(can_sign_in(username=name, password=DEMO_PASSWORD) for name in USERNAMES)
    assert "cannot sign in: none has a password" in out
    assert DEMO_PASSWORD not in out


def test_load_demo_on_the_embedded_default_prints_the_accounts_and_their_password(db):
    out = load_demo()

    assert f"Demo accounts (password for all: {DEMO_PASSWORD}):" in out
    assert can_sign_in(username="admin", password=DEMO_PASSWORD)


def test_a_second_run_leaves_a_return_approved_since_and_a_changed_password_alone(db):
    load_demo()
    ret = Return.objects.get(indicator__number=2, state=ReviewState.DRAFT)
    Return.objects.filter(pk=ret.pk).update(state=ReviewState.APPROVED, actions="Weekly review of every case")
    admin = User.objects.get(username="admin")
    admin.set_password("the-administrators-own-passphrase")
    admin.save()

    out = load_demo()

    ret.refresh_from_db()
    assert (ret.state, ret.actions) == (ReviewState.APPROVED, "Weekly review of every case")
    assert User.objects.get(username="admin").check_password("the-administrators-own-passphrase")
    assert out.strip() == "The demo is loaded already; nothing was changed."
