"""Notification kinds are a closed vocabulary, as audit actions are."""

import importlib

import pytest
from django.apps import apps
from django.core import mail

from cyp.enums import NotificationKind
from cyp.models import Notification
from cyp.notifications import notification_send

kinds_migration = importlib.import_module("cyp.migrations.0003_notification_kinds")


def test_a_notification_of_an_unknown_kind_is_refused_and_nothing_is_sent(lead):
    with pytest.raises(ValueError, match=r"^'return_due' is not a notification kind: add it to cyp.enums.Notif"):
        notification_send(recipient=lead, kind="return_due", subject="Due", body="", dedupe_key="1")

    assert (Notification.objects.count(), mail.outbox) == (0, [])


def test_a_notification_stores_its_kind_by_name(lead):
    notification_send(recipient=lead, kind=NotificationKind.RETURNS_OVERDUE, subject="Late", body="", dedupe_key="1")

    notification = Notification.objects.get()
    assert (notification.kind, notification.get_kind_display()) == ("returns.overdue", "Returns overdue")


def test_the_migration_renames_the_kinds_sent_before_the_vocabulary(lead):
    old = ["return_submitted", "returns_due", "pack.publish", "plan.reminder"]
    Notification.objects.bulk_create(
        [Notification(recipient=lead, kind=kind, subject=kind, dedupe_key=kind) for kind in old]
    )

    kinds_migration.rename_kinds(apps, None)

    assert dict(Notification.objects.values_list("dedupe_key", "kind")) == {
        "return_submitted": "return.submitted",
        "returns_due": "returns.due",
        "pack.publish": "pack.published",
        "plan.reminder": "plan.reminder",
    }
    assert set(kinds_migration.RENAMED.values()) <= set(NotificationKind.values)
