"""The admin shows returns and their history, and changes nothing: returns move only through the workflow."""

from django.conf import settings
from django.urls import reverse

from commentary.models import Return
from commentary.services import return_save


def test_the_admin_shows_a_return_and_its_history_read_only(as_persona, ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": "Saved once."}, expected_version=1)
    client = as_persona("administrator")

    change = client.get(reverse("admin:commentary_return_change", args=[ret.pk]))
    history = client.get(reverse("admin:commentary_return_history", args=[ret.pk]))

    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert history.status_code == 200
    assert client.get(reverse("admin:commentary_return_add")).status_code == 403


def test_the_admin_cannot_change_delete_or_revert_a_return(as_persona, ret, lead):
    return_save(ret=ret, by=lead, content={"commentary": "Saved once."}, expected_version=1)
    first_version = ret.history.earliest("history_date")
    client = as_persona("administrator")

    edit = client.post(reverse("admin:commentary_return_change", args=[ret.pk]), {"commentary": "Admin words."})
    delete = client.post(reverse("admin:commentary_return_delete", args=[ret.pk]), {"post": "yes"})
    revert = client.post(
        reverse("admin:commentary_return_simple_history", args=[ret.pk, first_version.history_id]),
        {"commentary": "Reverted."},
    )

    assert (edit.status_code, delete.status_code, revert.status_code) == (403, 403, 403)
    assert Return.objects.get(pk=ret.pk).commentary == "Saved once."


def test_the_beat_schedule_runs_the_reminders_every_morning():
    from celery.schedules import crontab

    assert settings.CELERY_BEAT_SCHEDULE["returns-remind"] == {
        "task": "commentary.tasks.returns_remind_task",
        "schedule": crontab(hour=7, minute=0),
    }
    assert settings.CYP_REMINDER_DAYS_BEFORE == [7, 1]
