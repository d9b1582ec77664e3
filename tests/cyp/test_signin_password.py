"""Forgotten passwords: a link by e-mail from a task after commit, one answer for every address,
a limit per address and per client, and both steps in the audit log."""

from __future__ import annotations

import re

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from cyp.enums import AuditAction
from cyp.models import AuditEvent
from cyp.signin import password_reset_request, password_reset_send
from tests.cyp.smtp_server import smtp_server
from tests.factories import UserFactory

FORGOTTEN = "/sign-in/forgotten-password/"
LINK = re.compile(r"http://[^\s]+/set-password/[^\s]+/")
NEW_PASSWORD = "a-new-long-passphrase-2026"


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def jo(db):
    return UserFactory(username="jo.reid", email="Jo.Reid@example.gov.uk")


def ask(client, email, capture):
    with capture(execute=True):
        return client.post(FORGOTTEN, {"email": email})


def test_sign_in_page_offers_the_forgotten_password_page(client, db):
    page = client.get(reverse("login")).content.decode()

    assert f'<a href="{FORGOTTEN}">Forgotten your password?</a>' in page


def test_forgotten_password_emails_a_link_that_sets_a_new_password(client, jo, django_capture_on_commit_callbacks):
    response = ask(client, "jo.reid@EXAMPLE.gov.uk", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == "/sign-in/forgotten-password/sent/"
    assert [message.to for message in mail.outbox] == [["Jo.Reid@example.gov.uk"]]
    message = mail.outbox[0]
    assert message.subject == "Choose a new cyp password"
    assert "the cyp account jo.reid" in message.body
    assert "the link works once, for 3 days" in message.body
    link = LINK.search(message.body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")

    form = client.get(path, follow=True)
    assert "Choose your password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert done["Location"] == "/set-password/done/"
    signed_in = client.post(reverse("login"), {"username": "jo.reid", "password": NEW_PASSWORD})
    assert signed_in["Location"] == reverse("home")
    actions = list(AuditEvent.objects.filter(target_id=jo.pk).order_by("id").values_list("action", "actor"))
    assert actions == [(AuditAction.PASSWORD_RESET_REQUEST.value, None), (AuditAction.PASSWORD_SET.value, jo.pk)]
    # The link is spent once the password has changed.
    again = client.get(path, follow=True).content.decode()
    assert "This link has been used already or has expired." in again


def test_an_address_without_an_account_gets_the_same_answer_and_no_email(
    client, jo, django_capture_on_commit_callbacks
):
    known = ask(client, "jo.reid@example.gov.uk", django_capture_on_commit_callbacks)
    unknown = ask(client, "nobody@example.gov.uk", django_capture_on_commit_callbacks)

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(mail.outbox) == 1
    page = client.get(unknown["Location"]).content.decode()
    assert "If that address belongs to a cyp account, a link to choose a new password is on its way" in page
    assert "nobody@example.gov.uk" not in page


def test_an_inactive_account_or_one_without_a_password_gets_no_link(client, db, django_capture_on_commit_callbacks):
    UserFactory(username="gone", email="gone@example.gov.uk", is_active=False)
    sso_only = UserFactory(username="sso.only", email="sso@example.gov.uk")
    sso_only.set_unusable_password()
    sso_only.save()

    ask(client, "gone@example.gov.uk", django_capture_on_commit_callbacks)
    ask(client, "sso@example.gov.uk", django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action=AuditAction.PASSWORD_RESET_REQUEST).exists()


def test_an_address_gets_three_links_an_hour_and_then_the_same_answer_without_email(
    client, jo, django_capture_on_commit_callbacks
):
    answers = [ask(client, "jo.reid@example.gov.uk", django_capture_on_commit_callbacks) for _ in range(5)]

    assert {answer["Location"] for answer in answers} == {"/sign-in/forgotten-password/sent/"}
    assert len(mail.outbox) == 3


def test_one_client_asking_for_too_many_links_is_told_to_wait(client, db, settings, django_capture_on_commit_callbacks):
    settings.CYP_PASSWORD_RESET_IP_LIMIT = 2
    for number in range(2):
        assert ask(client, f"someone{number}@example.gov.uk", django_capture_on_commit_callbacks).status_code == 302

    refused = ask(client, "someone-else@example.gov.uk", django_capture_on_commit_callbacks)

    assert refused.status_code == 429
    assert "Try again in an hour" in refused.content.decode()


def test_a_mistyped_address_is_named_and_kept(client, db):
    response = client.post(FORGOTTEN, {"email": "jo.reid-at-example"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "E-mail address: Enter a valid email address." in page
    assert 'value="jo.reid-at-example"' in page
    assert 'aria-invalid="true"' in page
    assert mail.outbox == []


def test_the_typed_address_is_escaped_when_shown_again(client, db):
    page = client.post(FORGOTTEN, {"email": '"><script>alert(1)</script>'}).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_email_task_sends_nothing_for_an_account_gone_or_switched_off(jo):
    jo.is_active = False
    jo.save()

    assert password_reset_send(user_id=jo.pk) is False
    assert password_reset_send(user_id=jo.pk + 1000) is False
    assert mail.outbox == []


def test_locked_out_page_points_at_the_forgotten_password_page(db):
    locked = render_to_string("registration/locked_out.html")
    assert f'<a href="{FORGOTTEN}">ask for a link to choose a new one</a>' in locked


def test_the_link_goes_out_through_a_real_smtp_server(client, jo, settings, django_capture_on_commit_callbacks):
    with smtp_server() as (port, mailbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port

        ask(client, "jo.reid@example.gov.uk", django_capture_on_commit_callbacks)

    assert [(message.sender, message.recipients) for message in mailbox.messages] == [
        ("cyp@localhost", ["Jo.Reid@example.gov.uk"])
    ]
    content = mailbox.messages[0].content
    assert "Subject: Choose a new cyp password" in content
    assert LINK.search(content)


def test_the_email_waits_for_the_commit_and_goes_from_the_task(jo, django_capture_on_commit_callbacks):
    ran: list[str] = []

    def record(sender=None, **kwargs):
        ran.append(sender.name)

    task_prerun.connect(record, weak=False)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            assert password_reset_request(email="jo.reid@example.gov.uk", client_ip="192.0.2.7") == 1
            assert mail.outbox == []
        for callback in callbacks:
            callback()
    finally:
        task_prerun.disconnect(record)

    assert ran == ["cyp.tasks.password_reset_send_task"]
    assert len(mail.outbox) == 1
    event = AuditEvent.objects.get(action=AuditAction.PASSWORD_RESET_REQUEST)
    assert event.comment == "Link e-mailed to the account's address (asked from 192.0.2.7)"
