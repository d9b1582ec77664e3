"""Reminders before the deadline and while overdue, and messages about decisions: each sent once."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from commentary.reminders import returns_remind
from commentary.tasks import returns_remind_task
from cyp.enums import ReviewState
from cyp.models import Notification
from cyp.notifications import notification_send

DEADLINE = datetime.date(2024, 9, 12)


@pytest.fixture
def due(ret, quarter):
    quarter.data_deadline = DEADLINE
    quarter.save()
    return ret


@pytest.mark.parametrize(
    ("today", "sent"),
    [
        (DEADLINE - datetime.timedelta(days=7), 1),
        (DEADLINE - datetime.timedelta(days=3), 0),
        (DEADLINE - datetime.timedelta(days=1), 1),
        (DEADLINE, 0),
        (DEADLINE + datetime.timedelta(days=1), 1),
        (DEADLINE + datetime.timedelta(days=30), 1),
    ],
)
def test_owners_are_reminded_on_the_set_days_before_and_every_day_overdue(today, sent, due, lead):
    assert returns_remind(today=today) == sent


def test_a_reminder_names_the_returns_and_the_deadline(due, lead):
    returns_remind(today=DEADLINE - datetime.timedelta(days=7))

    notification = Notification.objects.get(recipient=lead)
    assert notification.subject == "Quarter 1 2024/25: 1 return due in 7 days"
    assert notification.body.startswith("This return is due on 12 September 2024, in 7 days, and not yet submitted:")
    assert "Indicator 11: Two-year-olds taking up their entitlement (Draft)" in notification.body
    assert notification.url == reverse("my_returns")


def test_an_overdue_reminder_says_how_late(due, lead):
    returns_remind(today=DEADLINE + datetime.timedelta(days=3))

    notification = Notification.objects.get(recipient=lead)
    assert notification.subject == "Quarter 1 2024/25: 1 return is 3 days overdue"
    assert notification.body.startswith("This return was due on 12 September 2024 and is 3 days overdue:")


def test_running_the_reminders_twice_a_day_sends_nothing_twice(due, lead):
    today = DEADLINE + datetime.timedelta(days=2)

    assert returns_remind(today=today) == 1
    assert returns_remind(today=today) == 0
    assert len(mail.outbox) == 1
    assert returns_remind(today=today + datetime.timedelta(days=1)) == 1


def test_submitted_and_approved_returns_are_not_reminded(due, lead):
    due.state = ReviewState.SUBMITTED
    due.save()

    assert returns_remind(today=DEADLINE + datetime.timedelta(days=1)) == 0


def test_the_indicator_owner_is_reminded_too_and_another_lead_is_not(due, lead, other_lead, governance):
    due.indicator.owner = governance
    due.indicator.save()

    returns_remind(today=DEADLINE + datetime.timedelta(days=1))

    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"lead", "governance"}


def test_the_reminder_days_are_a_setting(due, lead, settings):
    settings.CYP_REMINDER_DAYS_BEFORE = [3]

    assert returns_remind(today=DEADLINE - datetime.timedelta(days=7)) == 0
    assert returns_remind(today=DEADLINE - datetime.timedelta(days=3)) == 1


def test_the_reminder_task_reminds_for_today(due, lead):
    # The task passes today's date; the 2024 deadline has long passed, so the return is overdue.
    assert returns_remind_task.delay().get() == 1
    assert returns_remind_task.delay().get() == 0


def test_the_notifications_page_shows_only_my_own_and_marks_them_read(as_persona, lead, governance):
    notification_send(recipient=lead, kind="returns.due", subject="For the lead", body="", dedupe_key="1")
    notification_send(recipient=governance, kind="returns.due", subject="For governance", body="", dedupe_key="1")
    theirs = Notification.objects.get(recipient=governance)
    client = as_persona("lead")

    page = client.get(reverse("notifications")).content.decode()
    client.post(reverse("notifications_mark_read"), {"id": theirs.pk})

    assert "For the lead" in page and "For governance" not in page
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    client.post(reverse("notifications_mark_read"))
    assert Notification.objects.get(recipient=lead).read_at is not None


def test_the_header_counts_my_unread_notifications(as_persona, lead):
    notification_send(recipient=lead, kind="returns.due", subject="One", body="", dedupe_key="1")
    notification_send(recipient=lead, kind="returns.due", subject="Two", body="", dedupe_key="2")

    html = as_persona("lead").get(reverse("notifications")).content.decode()

    assert 'Notifications <span class="badge text-bg-warning">2<span class="visually-hidden"> unread</span>' in html


def test_the_send_reminders_command_sends_todays_reminders_once(due, lead):
    import io

    from django.core.management import call_command

    first, second = io.StringIO(), io.StringIO()
    call_command("send_reminders", "--on", "2024-09-05", stdout=first)
    call_command("send_reminders", "--on", "2024-09-05", stdout=second)

    assert first.getvalue().startswith("5 September 2024: 1 return reminder, ")
    assert second.getvalue().startswith("5 September 2024: 0 return reminders")
    assert len(mail.outbox) == 1


def test_the_send_reminders_command_explains_a_bad_date(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--on: '5/9/24' is not a date; write it as 2024-09-05"):
        call_command("send_reminders", "--on", "5/9/24")
