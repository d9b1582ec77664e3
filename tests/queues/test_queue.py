"""“Waiting for me”: each persona's queue, its rows, counts, ages and links, and its queries at two sizes."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commentary.models import Return
from cyp.audit import audit_record
from cyp.enums import ReviewState
from cyp.queues import queue_for
from selfassessment.models import SelfAssessment
from tests.commentary.factories import ReturnFactory
from tests.factories import IndicatorFactory
from tests.minutes.factories import ActionResponseFactory, MinuteActionFactory
from tests.plans.factories import ActionFactory, ProgressUpdateFactory
from tests.selfassessment.factories import SectionFactory, SelfAssessmentFactory

TODAY = datetime.datetime(2024, 9, 24, 9, tzinfo=datetime.UTC)
THREE_DAYS_AGO = TODAY - datetime.timedelta(days=3)


@pytest.fixture(autouse=True)
def on_the_demo_day():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def open_quarter(quarter):
    quarter.data_deadline = datetime.date(2024, 9, 12)
    quarter.is_open = True
    quarter.save()
    return quarter


def _submitted_return(committee, area, quarter, number, by):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=number, name=f"Indicator {number}")
    return ReturnFactory(
        indicator=indicator,
        quarter=quarter,
        state=ReviewState.SUBMITTED,
        state_changed_at=THREE_DAYS_AGO,
        state_changed_by=by,
    )


def _waiting_for_review(committee, area, quarter, lead, size: int, first: int = 100):
    """``size`` submissions of each kind, by the lead, three days ago (returns of indicators from ``first``)."""
    document = SelfAssessment.objects.filter(committee=committee).first() or SelfAssessmentFactory(committee=committee)
    for n in range(size):
        _submitted_return(committee, area, quarter, first + n, lead)
        action = ActionFactory(plan__committee=committee, responsible_user=lead)
        ProgressUpdateFactory(
            action=action,
            state=ReviewState.SUBMITTED,
            author=lead,
            state_changed_at=THREE_DAYS_AGO,
            state_changed_by=lead,
        )
        ActionResponseFactory(
            action=MinuteActionFactory(officer_user=lead, minute__minutes__meeting__committee=committee),
            state=ReviewState.SUBMITTED,
            author=lead,
            state_changed_at=THREE_DAYS_AGO,
            state_changed_by=lead,
        )
        SectionFactory(
            document=document,
            author=lead,
            state=ReviewState.SUBMITTED,
            state_changed_at=THREE_DAYS_AGO,
            state_changed_by=lead,
        )


def test_governance_sees_every_kind_submitted_with_who_when_and_age(
    committee, area, open_quarter, lead, governance, client
):
    _waiting_for_review(committee, area, open_quarter, lead, size=1)
    client.force_login(governance)

    response = client.get(reverse("waiting_for_me"))

    queue = response.context["queue"]
    assert [(group.kind, group.count) for group in queue.groups] == [
        ("Returns waiting for review", 1),
        ("Plan progress waiting for review", 1),
        ("Responses to minute actions waiting for review", 1),
        ("Self-assessment sections waiting for review", 1),
    ]
    ret_row = queue.groups[0].rows[0]
    ret = Return.objects.get()
    assert (ret_row.item.url, ret_row.item.who, ret_row.age) == (f"/returns/{ret.pk}/", str(lead), "waiting 3 days")
    page = response.content.decode()
    assert "4 things waiting for you on 24 September 2024, oldest first." in page
    assert f"Submitted by {lead}</span> on 21 September 2024" in page
    assert page.count("Waiting 3 days") == 4


def test_governance_sees_the_oldest_submission_first(committee, area, open_quarter, lead, governance):
    newer = _submitted_return(committee, area, open_quarter, 1, lead)
    older = _submitted_return(committee, area, open_quarter, 2, lead)
    Return.objects.filter(pk=older.pk).update(state_changed_at=TODAY - datetime.timedelta(days=10))

    (group,) = queue_for(user=governance).groups

    assert [row.item.url for row in group.rows] == [f"/returns/{older.pk}/", f"/returns/{newer.pk}/"]
    assert [row.age for row in group.rows] == ["waiting 10 days", "waiting 3 days"]


def test_the_lead_sees_returned_work_with_the_comments_first_line_and_unfinished_returns_with_deadline(
    committee, area, open_quarter, lead, governance, client
):
    returned = ReturnFactory(
        indicator=IndicatorFactory(committee=committee, service_area=area, number=11),
        quarter=open_quarter,
        state=ReviewState.RETURNED,
    )
    audit_record(action="return.return", target=returned, actor=governance, comment="Check the May figure.\nAnd more.")
    draft = ReturnFactory(
        indicator=IndicatorFactory(committee=committee, service_area=area, number=12), quarter=open_quarter
    )
    client.force_login(lead)

    queue = client.get(reverse("waiting_for_me")).context["queue"]

    by_kind = {group.kind: group.rows for group in queue.groups}
    (sent_back,) = by_kind["Returns sent back to you"]
    assert (sent_back.item.url, sent_back.item.who, sent_back.item.note) == (
        f"/returns/{returned.pk}/edit/",
        str(governance),
        "Check the May figure.",
    )
    (to_do,) = by_kind["Returns to complete"]
    assert (to_do.item.url, to_do.age, to_do.late, to_do.item.note) == (
        f"/returns/{draft.pk}/edit/",
        "12 days overdue (due 12 September 2024)",
        True,
        "Draft",
    )


def test_the_lead_sees_plan_actions_overdue_and_minute_actions_overdue_and_sections_sent_back(
    committee, lead, governance, client
):
    overdue = ActionFactory(plan__committee=committee, responsible_user=lead, due_date=datetime.date(2024, 8, 31))
    ActionFactory(plan__committee=committee, responsible_user=governance, due_date=datetime.date(2024, 8, 31))
    minute_action = MinuteActionFactory(
        officer_user=lead, due_date=datetime.date(2024, 9, 1), minute__minutes__meeting__committee=committee
    )
    section = SectionFactory(document__committee=committee, author=lead, state=ReviewState.RETURNED)
    audit_record(action="sa_section.return", target=section, actor=governance, comment="Add the evidence.")
    client.force_login(lead)

    queue = client.get(reverse("waiting_for_me")).context["queue"]

    by_kind = {group.kind: [row.item for row in group.rows] for group in queue.groups}
    (plan_item,) = by_kind["Plan actions that need your progress"]
    assert plan_item.url == f"/plans/actions/{overdue.pk}/progress/"
    assert plan_item.note.startswith("Overdue: due 31 August 2024")
    (minute_item,) = by_kind["Minute actions overdue"]
    assert minute_item.url == f"/minute-actions/{minute_action.pk}/response/"
    (section_item,) = by_kind["Self-assessment sections sent back to you"]
    assert (section_item.note, section_item.who) == ("Add the evidence.", str(governance))


def test_another_lead_sees_none_of_the_leads_work(committee, area, open_quarter, lead, other_lead, governance):
    ReturnFactory(indicator=IndicatorFactory(committee=committee, service_area=area, number=11), quarter=open_quarter)
    ActionFactory(plan__committee=committee, responsible_user=lead, due_date=datetime.date(2024, 8, 31))
    _waiting_for_review(committee, area, open_quarter, lead, size=1)

    assert queue_for(user=other_lead).groups == []


def test_a_member_cannot_open_the_queue_and_gets_no_badge(committee, area, open_quarter, lead, member, client):
    _waiting_for_review(committee, area, open_quarter, lead, size=1)
    client.force_login(member)

    assert client.get(reverse("waiting_for_me")).status_code == 403
    assert client.get(reverse("waiting_count")).content == b""


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("waiting_for_me"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_menu_links_to_the_queue_and_loads_its_count_after_the_page(
    committee, area, open_quarter, lead, governance, client
):
    _waiting_for_review(committee, area, open_quarter, lead, size=1)
    client.force_login(governance)

    page = client.get(reverse("waiting_for_me")).content.decode()
    badge = client.get(reverse("waiting_count")).content.decode()

    assert '<a class="nav-link active" href="/waiting/" aria-current="page">Waiting for me' in page
    assert 'hx-get="/waiting/count/" hx-trigger="load"' in page
    hidden = '<span class="visually-hidden"> waiting</span>'
    assert badge == f'<span class="badge text-bg-warning" id="waiting-count">4{hidden}</span>'


def _queries(client, name) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    return len(captured)


#: (the page, the menu's count): session, user, the bodies the person sees, and a fixed number per app's queue
#: (cyp.queues); the page also reads the menu's unread notifications and, for a lead, the areas they lead.
@pytest.mark.parametrize(("persona", "expected"), [("governance", (13, 12)), ("lead", (14, 12))])
def test_the_queue_runs_the_same_number_of_queries_whatever_its_size(
    persona, expected, committee, area, open_quarter, lead, governance, as_persona
):
    _waiting_for_review(committee, area, open_quarter, lead, size=1)
    client = as_persona(persona)
    small = (_queries(client, "waiting_for_me"), _queries(client, "waiting_count"))

    _waiting_for_review(committee, area, open_quarter, lead, size=4, first=200)
    for number in range(3):
        ActionFactory(plan__committee=committee, responsible_user=lead, due_date=datetime.date(2024, 8, 31))
        ReturnFactory(
            indicator=IndicatorFactory(committee=committee, service_area=area, number=300 + number),
            quarter=open_quarter,
        )
    large = (_queries(client, "waiting_for_me"), _queries(client, "waiting_count"))

    assert small == large == expected, (small, large)
    assert queue_for(user=lead if persona == "lead" else governance).count > 0
    assert timezone.now() == TODAY
