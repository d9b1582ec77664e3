"""The audit log keeps a closed vocabulary and never changes; notifications are sent once."""

import pytest
from django.core import mail

from cyp.audit import audit_events_for, audit_record, changes_between
from cyp.enums import AuditAction
from cyp.models import AuditEvent, Notification
from cyp.notifications import notification_mark_read, notification_send


def test_audit_record_writes_who_in_what_role_what_changed_and_why(governance, committee):
    event = audit_record(
        action=AuditAction.TARGET_CHANGE,
        target=committee,
        actor=governance,
        changes={"value": [70, 75]},
        comment="Target reviewed with the service",
    )

    assert (event.actor, event.actor_role, event.changes, event.comment) == (
        governance,
        "governance",
        {"value": [70, 75]},
        "Target reviewed with the service",
    )
    assert list(audit_events_for(committee)) == [event]


def test_audit_record_refuses_an_action_outside_the_vocabulary(governance, committee):
    with pytest.raises(ValueError):
        audit_record(action="return.delete", target=committee, actor=governance)

    assert AuditEvent.objects.count() == 0


def test_audit_events_are_never_changed_or_deleted(governance, committee):
    event = audit_record(action=AuditAction.TARGET_CHANGE, target=committee, actor=governance)
    event.comment = "rewritten"

    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.get().comment == ""


def test_changes_between_lists_only_fields_that_differ():
    assert changes_between({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": None}) == {"b": ["x", "y"]}


def test_notification_send_twice_with_the_same_key_sends_once(lead):
    first = notification_send(
        recipient=lead, kind="returns.due", subject="Return due", body="Due Friday", url="/x/", dedupe_key="r:1:d-3"
    )
    second = notification_send(
        recipient=lead, kind="returns.due", subject="Return due", body="Due Friday", url="/x/", dedupe_key="r:1:d-3"
    )

    assert (first, second) == (True, False)
    assert Notification.objects.filter(recipient=lead).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [lead.email]


def test_notification_mark_read_only_touches_the_users_own(lead, governance):
    notification_send(recipient=lead, kind="returns.due", subject="s", body="b", dedupe_key="1")
    notification_send(recipient=governance, kind="returns.due", subject="s", body="b", dedupe_key="1")

    assert notification_mark_read(user=lead) == 1
    assert Notification.objects.get(recipient=governance).read_at is None


def test_audit_record_keeps_decimals_as_plain_digits(governance, committee):
    from decimal import Decimal

    event = audit_record(
        action=AuditAction.FIGURE_CHANGE,
        target=committee,
        actor=governance,
        changes=changes_between({"value": Decimal("60.0000")}, {"value": Decimal("78.9000")}),
    )

    assert event.changes == {"value": ["60", "78.9"]}
