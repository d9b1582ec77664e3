"""Signing in is Django's password check; permissions are cyp's rules, never model permissions."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cyp.enums import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, username: str, password: str) -> bool:
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_a_person_signs_in_with_their_password_and_not_with_another(client):
    UserFactory(username="ada", role=Role.GOVERNANCE, password="a-long-enough-password-1")

    assert _sign_in(client, "ada", "a-long-enough-password-1")
    assert client.session["_auth_user_backend"] == "cyp.backends.PasswordBackend"
    client.post(reverse("logout"))
    assert not _sign_in(client, "ada", "the-wrong-one")


def test_an_inactive_account_cannot_sign_in(client):
    UserFactory(username="bea", role=Role.GOVERNANCE, password="a-long-enough-password-1", is_active=False)

    assert not _sign_in(client, "bea", "a-long-enough-password-1")


def test_a_permission_the_rules_refuse_is_refused_without_reading_model_permissions():
    lead = UserFactory(role=Role.SERVICE_LEAD)
    lead.user_permissions.add(Permission.objects.get(codename="change_meeting"))
    lead = type(lead).objects.get(pk=lead.pk)  # no permission cache

    with CaptureQueriesContext(connection) as queries:
        allowed = lead.has_perm("reports.change_meeting")

    assert allowed is False  # a model permission given in the admin grants nothing: the rules decide
    assert [q["sql"] for q in queries.captured_queries if "auth_permission" in q["sql"]] == []


def test_a_superuser_still_has_every_permission():
    admin = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True)

    assert admin.has_perm("reports.change_meeting")
