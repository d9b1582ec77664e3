"""The agenda plan's pages: who may read and change them, what they show, and their query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agendaplan.enums import PlannedItemStatus
from agendaplan.models import PlannedItem
from reports.models import AgendaItem
from tests.agendaplan.factories import PlannedItemFactory
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory

D = datetime.date


def _today():
    return timezone.localdate()


@pytest.fixture
def coming(committee, quarter):
    """A meeting 60 days from now, set up, with a key decision planned and one paper already on its agenda."""
    meeting = MeetingFactory(committee=committee, quarter=quarter, date=_today() + datetime.timedelta(days=60))
    AgendaItemFactory(meeting=meeting, number=1, title="Finance Monitoring Report")
    PlannedItemFactory(
        committee=committee,
        planned_date=meeting.date,
        title="Healthy Child Programme “Commissioning” & Approach",
        lead_officer_name="R Laksman",
        key_decision=True,
        forward_plan_reference="2024/070",
        note="Officers' note <script>alert(1)</script>",
    )
    return meeting


def plan_url(committee):
    return reverse("agendaplan:plan", kwargs={"committee": committee})


@pytest.mark.parametrize("persona", ["lead", "governance", "member", "administrator"])
def test_the_body_people_read_the_plan(as_persona, persona, committee, coming):
    response = as_persona(persona).get(plan_url(committee))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Healthy Child Programme “Commissioning” &amp; Approach" in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content and "<script>alert(1)" not in content
    assert "Yes: 2024/070" in content


def test_anonymous_is_sent_to_sign_in(client, committee, coming):
    response = client.get(plan_url(committee))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["other_body_member", "other_body_lead"])
def test_other_bodies_people_see_nothing(client, request, persona, committee, coming):
    client.force_login(request.getfixturevalue(persona))
    for url in (
        plan_url(committee),
        reverse("agendaplan:item_create", kwargs={"committee": committee}),
        reverse("agendaplan:item_edit", kwargs={"committee": committee, "pk": PlannedItem.objects.get().pk}),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Healthy Child" not in response.content


@pytest.mark.parametrize("persona", ["lead", "member"])
def test_readers_cannot_change_the_plan(as_persona, persona, committee, coming):
    client = as_persona(persona)
    item = PlannedItem.objects.get()
    assert client.get(reverse("agendaplan:item_create", kwargs={"committee": committee})).status_code == 403
    for name in ("item_edit", "item_defer", "item_withdraw"):
        url = reverse(f"agendaplan:{name}", kwargs={"committee": committee, "pk": item.pk})
        assert client.post(url, {"reason": "x", "new_date": "2030-01-01", "title": "Changed"}).status_code == 403
    url = reverse("agendaplan:meeting_to_agenda", kwargs={"committee": committee, "meeting_pk": coming.pk})
    assert client.post(url).status_code == 403
    item.refresh_from_db()
    assert (item.status, item.title) == (
        PlannedItemStatus.PLANNED,
        "Healthy Child Programme “Commissioning” & Approach",
    )
    assert AgendaItem.objects.count() == 1
    assert b"Add an item to the plan" not in client.get(plan_url(committee)).content


def test_an_item_of_another_body_is_a_404_even_to_governance(as_persona, committee, other_body):
    theirs = PlannedItemFactory(committee=other_body)
    url = reverse("agendaplan:item_edit", kwargs={"committee": committee, "pk": theirs.pk})
    assert as_persona("governance").get(url).status_code == 404


def test_governance_adds_an_item_for_a_date_not_set_up(as_persona, committee):
    client = as_persona("governance")
    when = _today() + datetime.timedelta(days=90)
    response = client.post(
        reverse("agendaplan:item_create", kwargs={"committee": committee}),
        {
            "title": "Sufficiency Strategy",
            "lead_officer_name": "L Munt",
            "planned_date": when.isoformat(),
            "key_decision": "on",
            "forward_plan_reference": "2025/013",
            "added_on": _today().isoformat(),
        },
    )
    assert response.status_code == 302
    item = PlannedItem.objects.get()
    assert (item.title, item.planned_date, item.meeting, item.forward_plan_label) == (
        "Sufficiency Strategy",
        when,
        None,
        "2025/013",
    )
    page = client.get(plan_url(committee)).content.decode()
    assert "Sufficiency Strategy" in page and "Meeting not set up yet" in page


def test_bad_input_names_the_field_and_keeps_what_was_typed(as_persona, committee):
    response = as_persona("governance").post(
        reverse("agendaplan:item_create", kwargs={"committee": committee}),
        {"title": "Transport Strategy", "lead_officer_name": "S Callaghan", "forward_plan_reference": "2025/014"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Choose the meeting, or give the date it is planned for, as 26/11/2024." in content
    assert "Only a key decision has a forward plan reference: tick Key decision or empty this box." in content
    assert 'value="Transport Strategy"' in content
    assert not PlannedItem.objects.exists()


def test_a_long_note_is_refused_with_its_limit_and_kept(as_persona, committee):
    note = "Officers will report on the consultation. " * 120  # 5,040 characters
    response = as_persona("governance").post(
        reverse("agendaplan:item_create", kwargs={"committee": committee}),
        {
            "title": "Transport Strategy",
            "lead_officer_name": "S Callaghan",
            "planned_date": "2030-01-15",
            "note": note,
            "added_on": "2029-11-01",
        },
    )
    assert response.status_code == 200
    assert "4,000" in response.content.decode()
    assert "Officers will report on the consultation." in response.content.decode()
    assert not PlannedItem.objects.exists()


def test_governance_defers_an_item(as_persona, committee, coming):
    item = PlannedItem.objects.get()
    new_date = coming.date + datetime.timedelta(days=42)
    response = as_persona("governance").post(
        reverse("agendaplan:item_defer", kwargs={"committee": committee, "pk": item.pk}),
        {"new_date": new_date.isoformat(), "reason": "Consultation extended"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.planned_date, item.deferred_from) == (PlannedItemStatus.DEFERRED, new_date, coming.date)


def test_defer_to_an_earlier_date_is_refused_with_the_field(as_persona, committee, coming):
    item = PlannedItem.objects.get()
    response = as_persona("governance").post(
        reverse("agendaplan:item_defer", kwargs={"committee": committee, "pk": item.pk}),
        {"new_date": "2020-01-01", "reason": "Consultation extended"},
    )
    assert response.status_code == 200
    assert "Defer to a date after the meeting it is planned for" in response.content.decode()
    assert "Consultation extended" in response.content.decode()


def test_governance_withdraws_an_item(as_persona, committee, coming):
    item = PlannedItem.objects.get()
    as_persona("governance").post(
        reverse("agendaplan:item_withdraw", kwargs={"committee": committee, "pk": item.pk}),
        {"reason": "Decision taken by the Strategy and Resources Committee"},
    )
    item.refresh_from_db()
    assert (item.status, item.status_reason) == (
        PlannedItemStatus.WITHDRAWN,
        "Decision taken by the Strategy and Resources Committee",
    )


def test_governance_puts_the_planned_items_on_the_agenda(as_persona, committee, coming):
    client = as_persona("governance")
    url = reverse("agendaplan:meeting_to_agenda", kwargs={"committee": committee, "meeting_pk": coming.pk})
    assert b"Put the planned items on the agenda" in client.get(plan_url(committee)).content
    response = client.post(url, follow=True)
    assert "1 planned item put on the agenda of" in response.content.decode()
    assert "as item 2" in response.content.decode()
    client.post(url)
    assert list(coming.items.values_list("number", "title")) == [
        (1, "Finance Monitoring Report"),
        (2, "Healthy Child Programme “Commissioning” & Approach"),
    ]


def test_to_agenda_answers_only_post(as_persona, committee, coming):
    url = reverse("agendaplan:meeting_to_agenda", kwargs={"committee": committee, "meeting_pk": coming.pk})
    assert as_persona("governance").get(url).status_code == 405


def test_the_plan_shows_warnings_in_words(as_persona, committee, quarter):
    soon = _today() + datetime.timedelta(days=10)
    meeting = MeetingFactory(committee=committee, quarter=quarter, date=soon)
    PlannedItemFactory(committee=committee, planned_date=soon, title="Transport Strategy", key_decision=True)
    content = as_persona("member").get(plan_url(committee)).content.decode()
    assert "Warning:</strong> Key decision not on the forward plan" in content
    assert meeting.date.strftime("%Y-%m-%d") in content  # the meeting's anchor


def test_the_meeting_page_shows_the_clear_day_deadlines(as_persona, committee, quarter):
    meeting = MeetingFactory(committee=committee, quarter=quarter, date=D(2024, 10, 8))
    content = as_persona("governance").get(reverse("meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    assert "Deadlines in clear days, and the agenda plan" in content
    assert "Agenda open to inspection by (5 clear days)" in content
    assert "Monday 30 September 2024" in content
    assert "Wednesday 28 August 2024" in content


def _plan_of(committee, quarter, meetings: int, items_each: int):
    start = _today() + datetime.timedelta(days=30)
    for index in range(meetings):
        meeting = MeetingFactory(committee=committee, quarter=quarter, date=start + datetime.timedelta(days=42 * index))
        AgendaItemFactory(meeting=meeting, number=1)  # a paper still to upload
        for _ in range(items_each):
            PlannedItemFactory(committee=committee, planned_date=meeting.date, key_decision=True)
        PlannedItemFactory(committee=committee, planned_date=meeting.date + datetime.timedelta(days=1))


@pytest.mark.parametrize(("meetings", "items_each"), [(1, 1), (6, 8)])
def test_plan_page_queries_do_not_grow_with_the_plan(
    as_persona, committee, quarter, meetings, items_each, django_assert_max_num_queries
):
    _plan_of(committee, quarter, meetings, items_each)
    client = as_persona("governance")
    with django_assert_max_num_queries(14):
        response = client.get(plan_url(committee))
    assert response.content.decode().count("Planned paper") >= meetings * (items_each + 1)


def test_a_key_decision_added_20_clear_days_before_is_warned_on_the_plan(as_persona, committee, quarter):
    meeting = MeetingFactory(committee=committee, quarter=quarter, date=D(2030, 10, 8))  # a Tuesday
    client = as_persona("governance")
    client.post(
        reverse("agendaplan:item_create", kwargs={"committee": committee}),
        {
            "title": "Music Education Hub Consortium Agreement",
            "lead_officer_name": "M Gunn",
            "meeting": meeting.pk,
            "key_decision": "on",
            "forward_plan_reference": "2030/085",
            "forward_plan_on": "2030-09-09",  # Monday: 20 working days lie between it and the meeting
            "added_on": "2030-09-09",
        },
    )
    content = client.get(plan_url(committee)).content.decode()
    assert (
        "Warning:</strong> Key decision put on the forward plan on Monday 9 September 2030, 20 clear days before "
        "the meeting: it needed 28"
    ) in content
