"""Every notification and e-mail goes out from a Celery task queued after commit, never inside the request.

Each decision that tells someone is made inside a captured transaction: until
it commits nothing is sent; its commit queues one task, and the task sends.
Tasks run in-process here (CELERY_TASK_ALWAYS_EAGER); ``task_prerun`` names
the tasks that ran.
"""

from __future__ import annotations

import datetime

import pytest
from celery.signals import task_prerun
from django.core import mail

from commentary.services import return_return
from cyp.enums import NotificationKind, ReviewState
from cyp.models import Notification
from plans.enums import ActionStatus
from plans.services import progress_return, progress_save
from reports.services.publishing import pack_members_notify, pack_publish
from tests.commentary.factories import ReturnFactory
from tests.factories import IndicatorFactory
from tests.plans.factories import ActionFactory
from tests.reports import workflow_factories

ready_meeting = workflow_factories.ready_meeting
assemble = workflow_factories.assemble


@pytest.fixture
def tasks_run():
    names: list[str] = []

    def record(sender=None, **kwargs):
        names.append(sender.name)

    task_prerun.connect(record, weak=False)
    yield names
    task_prerun.disconnect(record)


def sent() -> list[tuple[str, str]]:
    return sorted(Notification.objects.values_list("recipient__username", "kind"))


def test_a_return_sent_back_tells_the_lead_from_a_task_after_commit(
    committee, area, quarter, lead, governance, tasks_run, django_capture_on_commit_callbacks
):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=11)
    ret = ReturnFactory(indicator=indicator, quarter=quarter, state=ReviewState.SUBMITTED)

    with django_capture_on_commit_callbacks() as callbacks:
        return_return(ret=ret, by=governance, comment="Give the June figure.")
    assert (sent(), mail.outbox, tasks_run) == ([], [], [])

    for callback in callbacks:
        callback()

    assert tasks_run == ["commentary.tasks.return_decision_notify_task"]
    assert sent() == [("lead", NotificationKind.RETURN_RETURNED)]
    assert [message.to for message in mail.outbox] == [[lead.email]]


def test_progress_sent_back_tells_the_writers_from_a_task_after_commit(
    committee, lead, governance, tasks_run, django_capture_on_commit_callbacks
):
    action = ActionFactory(recommendation__plan__committee=committee, responsible_user=lead)
    update = progress_save(
        action=action,
        by=lead,
        date=datetime.date(2024, 9, 30),
        status=ActionStatus.ON_TRACK,
        text="Caseloads at 27 in September.",
        submit=True,
    )

    with django_capture_on_commit_callbacks() as callbacks:
        progress_return(update=update, by=governance, comment="Give the September caseload figure.")
    assert (sent(), mail.outbox, tasks_run) == ([], [], [])

    for callback in callbacks:
        callback()

    assert tasks_run == ["plans.tasks.progress_notify_task"]
    assert sent() == [("lead", NotificationKind.PROGRESS_RETURNED)]
    assert [message.to for message in mail.outbox] == [[lead.email]]


def test_publishing_tells_the_members_from_a_task_after_commit(
    ready_meeting, assemble, governance, member, tasks_run, django_capture_on_commit_callbacks
):
    build = assemble(ready_meeting, draft=False)
    tasks_run.clear()

    with django_capture_on_commit_callbacks() as callbacks:
        version = pack_publish(build=build, by=governance)
    assert (sent(), mail.outbox, tasks_run) == ([], [], [])

    for callback in callbacks:
        callback()

    assert tasks_run == ["reports.tasks.pack_members_notify_task"]
    assert sent() == [("member", NotificationKind.PACK_PUBLISHED)]
    assert pack_members_notify(version_id=version.pk) == 0, "running the task again sends nothing twice"
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_the_members_task_returns_quietly_when_the_version_is_gone(db):
    assert pack_members_notify(version_id=987654) == 0
