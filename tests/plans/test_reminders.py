"""The daily reminder tells officers and delegates about overdue and stale actions, once each."""

import datetime

from django.core import mail
from django.test import override_settings

from cyp.models import Notification
from plans.enums import ActionStatus
from plans.tasks import plan_reminders_send_task
from tests.plans.factories import ActionFactory, ProgressUpdateFactory

OCT_8 = datetime.date(2024, 10, 8)


def test_an_overdue_action_reminds_its_officer_and_delegates_once(recommendation, lead, other_lead):
    ActionFactory(
        recommendation=recommendation,
        number="4.2",
        responsible_user=lead,
        delegates=[other_lead],
        due_date=datetime.date(2024, 9, 30),
        timescale="September 24",
    )

    first = plan_reminders_send_task(OCT_8.isoformat())
    again = plan_reminders_send_task(OCT_8.isoformat())
    next_day = plan_reminders_send_task("2024-10-09")

    assert (first, again, next_day) == (2, 0, 0)
    assert sorted(Notification.objects.values_list("recipient__username", "subject")) == [
        ("lead", "Action 4.2 is overdue"),
        ("other-lead", "Action 4.2 is overdue"),
    ]
    assert len(mail.outbox) == 2
    assert "was due 30 September 2024 and is on track" in mail.outbox[0].body


@override_settings(CYP_PROGRESS_STALE_DAYS=30)
def test_stale_progress_reminds_once_per_latest_approved_update(action):
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 8, 1))

    assert plan_reminders_send_task(OCT_8.isoformat()) == 1
    assert plan_reminders_send_task("2024-10-20") == 0
    ProgressUpdateFactory(action=action, date=datetime.date(2024, 8, 15))
    assert plan_reminders_send_task("2024-10-20") == 1

    assert Notification.objects.first().subject == "Action 1.1 needs a progress update"


def test_no_reminder_for_a_complete_action_or_one_without_a_person(recommendation, lead):
    ActionFactory(
        recommendation=recommendation,
        responsible_user=lead,
        status=ActionStatus.COMPLETE,
        due_date=datetime.date(2024, 5, 31),
    )
    ActionFactory(recommendation=recommendation, due_date=datetime.date(2024, 5, 31))

    assert plan_reminders_send_task(OCT_8.isoformat()) == 0


def test_an_action_with_no_progress_is_chased_only_after_the_stale_period_from_the_plan_date(action):
    assert plan_reminders_send_task("2024-08-31") == 0
    assert plan_reminders_send_task("2024-11-01") == 1


def test_the_reminder_runs_every_day_from_the_beat_schedule():
    from django.conf import settings

    from cyp.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["plan-reminders"]

    from celery.schedules import crontab

    assert (entry["task"], entry["schedule"]) == ("plans.tasks.plan_reminders_send_task", crontab(hour=7, minute=15))
    assert entry["task"] in app.tasks
