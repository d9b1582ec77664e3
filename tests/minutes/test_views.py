"""The minutes pages: who can see and do what (with data present that could leak), what they show, query counts."""

import datetime

import pytest
from django.urls import reverse

from cyp.enums import ReviewState
from minutes.enums import LogStatus, MinutesState
from minutes.models import ActionResponse, MinuteItem, Minutes
from tests.minutes.factories import ActionResponseFactory, MinuteActionFactory, MinuteItemFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "lead", "other_lead", "governance", "member", "administrator", "outsider", "outside_lead"]
READERS = ["lead", "other_lead", "governance", "member", "administrator"]
GOVERNANCE = ["governance", "administrator"]
SECRET_DRAFT = "Draft response nobody but the officer and governance reads"
APPROVED = "A briefing on this project will be provided to Spokes in November."


@pytest.fixture
def responses(action, lead):
    ActionResponseFactory(action=action, text=APPROVED)
    return ActionResponseFactory(action=action, text=SECRET_DRAFT, state=ReviewState.DRAFT, author=lead)


@pytest.fixture
def people(outsider, outside_lead, member):
    """Make sure the other body's people and the committee's member exist for every persona."""


def expected(persona, allowed):
    if persona == "anonymous":
        return 302
    if persona in ("outsider", "outside_lead"):
        return 404  # another body's page does not exist for them
    return 200 if persona in allowed else 403


def pages(meeting, minute, action, committee):
    return {
        "minutes:minutes_detail": (reverse("minutes:minutes_detail", kwargs={"pk": meeting.pk}), READERS),
        "minutes:action_log": (reverse("minutes:action_log", kwargs={"committee": committee}), READERS),
        "minutes:action_detail": (reverse("minutes:action_detail", kwargs={"action_id": action.pk}), READERS),
        "minutes:minutes_edit": (reverse("minutes:minutes_edit", kwargs={"pk": meeting.pk}), GOVERNANCE),
        "minutes:minute_item_create": (reverse("minutes:minute_item_create", kwargs={"pk": meeting.pk}), GOVERNANCE),
        "minutes:minute_item_edit": (
            reverse("minutes:minute_item_edit", kwargs={"pk": meeting.pk, "item_pk": minute.pk}),
            GOVERNANCE,
        ),
        "minutes:minutes_upload": (reverse("minutes:minutes_upload", kwargs={"pk": meeting.pk}), GOVERNANCE),
        "minutes:action_create": (
            reverse("minutes:action_create", kwargs={"pk": meeting.pk, "item_pk": minute.pk}),
            GOVERNANCE,
        ),
        "minutes:action_edit": (reverse("minutes:action_edit", kwargs={"action_id": action.pk}), GOVERNANCE),
        "minutes:response_edit": (
            reverse("minutes:response_edit", kwargs={"action_id": action.pk}),
            ["lead", "administrator"],
        ),
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name",
    [
        "minutes:minutes_detail",
        "minutes:action_log",
        "minutes:action_detail",
        "minutes:minutes_edit",
        "minutes:minute_item_create",
        "minutes:minute_item_edit",
        "minutes:minutes_upload",
        "minutes:action_create",
        "minutes:action_edit",
        "minutes:response_edit",
    ],
)
def test_minutes_pages_by_persona(as_persona, persona, name, september, minute, action, committee, responses, people):
    url, allowed = pages(september, minute, action, committee)[name]

    response = as_persona(persona).get(url)

    assert response.status_code == expected(persona, allowed)
    content = response.content.decode()
    if response.status_code != 200:
        assert APPROVED not in content and "Education Capital Projects" not in content
    elif name in ("minutes:action_detail", "minutes:action_log", "minutes:minutes_detail"):
        assert APPROVED in content
        assert (SECRET_DRAFT in content) is (name == "minutes:action_detail" and persona in ("lead", *GOVERNANCE))


def test_a_service_lead_cannot_respond_to_someone_elses_action(as_persona, action, other_lead):
    response = as_persona("other_lead").post(
        reverse("minutes:response_edit", kwargs={"action_id": action.pk}),
        {"date": "2024-09-30", "status": LogStatus.IN_PROGRESS, "text": "Not mine to write", "submit": "1"},
    )

    assert response.status_code == 403
    assert not ActionResponse.objects.exists()


def test_a_member_of_another_body_cannot_review_a_response(as_persona, action, lead, outsider):
    submitted = ActionResponseFactory(action=action, state=ReviewState.SUBMITTED, author=lead)

    response = as_persona("outsider").post(
        reverse("minutes:response_review", kwargs={"response_id": submitted.pk}), {"decision": "approve"}
    )

    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == ReviewState.SUBMITTED


def test_anonymous_cannot_post_a_minute(client, september):
    response = client.post(
        reverse("minutes:minute_item_create", kwargs={"pk": september.pk}), {"number": 221, "title": "Membership"}
    )

    assert response.status_code == 302 and response.url.startswith("/sign-in/")
    assert not MinuteItem.objects.exists()


def test_the_officer_responds_and_governance_approves_through_the_pages(as_persona, action):
    url = reverse("minutes:response_edit", kwargs={"action_id": action.pk})
    response = as_persona("lead").post(
        url, {"date": "2024-09-30", "status": LogStatus.COMPLETED, "text": "The note was circulated.", "submit": "1"}
    )
    assert response.status_code == 302
    submitted = ActionResponse.objects.get()
    assert submitted.state == ReviewState.SUBMITTED

    review = reverse("minutes:response_review", kwargs={"response_id": submitted.pk})
    as_persona("governance").post(review, {"decision": "approve", "version": submitted.version})

    page = as_persona("member").get(
        reverse("minutes:action_log", kwargs={"committee": action.minute.minutes.meeting.committee})
    )
    content = page.content.decode()
    assert "The note was circulated." in content
    assert "Completed" in content


def test_a_response_with_an_unreadable_date_keeps_what_was_typed_and_names_the_fix(as_persona, action):
    response = as_persona("lead").post(
        reverse("minutes:response_edit", kwargs={"action_id": action.pk}),
        {"date": "end of September", "status": LogStatus.IN_PROGRESS, "text": "Half a sentence typed", "save": "1"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter a date such as 30 September 2024" in content
    assert "Half a sentence typed" in content
    assert not ActionResponse.objects.exists()


def test_a_minute_number_used_twice_keeps_the_typed_minute(as_persona, september, minute):
    response = as_persona("governance").post(
        reverse("minutes:minute_item_create", kwargs={"pk": september.pk}),
        {"number": 225, "title": "Risk Report", "text": "What the clerk typed"},
    )

    content = response.content.decode()
    assert "These minutes already have minute 225: choose another number." in content
    assert "What the clerk typed" in content


def test_governance_writes_the_minutes_and_records_their_approval(as_persona, september, october):
    client = as_persona("governance")
    client.post(
        reverse("minutes:minute_item_create", kwargs={"pk": september.pk}),
        {
            "number": 221,
            "title": "Changes to Committee Membership",
            "decisions": "It was resolved to: appoint Jon Young",
        },
    )
    client.post(reverse("minutes:minutes_approve", kwargs={"pk": september.pk}), {"at_meeting": october.pk})

    minutes = Minutes.objects.get(meeting=september)
    assert minutes.state == MinutesState.APPROVED and minutes.approved_at == october
    page = client.get(reverse("minutes:minutes_detail", kwargs={"pk": september.pk})).content.decode()
    assert "Approved as an accurate record on 8 October 2024" in page
    assert "Write a minute" not in page  # approved minutes are the record: no more edits


def test_the_action_log_filters_by_status(as_persona, minute, action, committee):
    closed = MinuteActionFactory(minute=minute, text="A closed action", status=LogStatus.CLOSED, position=2)
    url = reverse("minutes:action_log", kwargs={"committee": committee})
    client = as_persona("member")

    default = client.get(url).content.decode()
    only_closed = client.get(url, {"status": LogStatus.CLOSED}).content.decode()

    assert action.text in default and closed.text not in default
    assert closed.text in only_closed and action.text not in only_closed


def test_long_text_wraps_on_the_pages(as_persona, minute, action, september, committee):
    word = "Transport" * 600  # one 5,400-character word: it must wrap, not widen the page
    MinuteItem.objects.filter(pk=minute.pk).update(text=word)
    ActionResponseFactory(action=action, text=word)
    client = as_persona("member")

    for url in (
        reverse("minutes:minutes_detail", kwargs={"pk": september.pk}),
        reverse("minutes:action_log", kwargs={"committee": committee}),
        reverse("minutes:action_detail", kwargs={"action_id": action.pk}),
    ):
        content = client.get(url).content.decode()
        assert 'class="pre-wrap' in content and word in content


@pytest.mark.parametrize("size", [3, 30])
def test_the_action_log_page_runs_a_fixed_number_of_queries(
    as_persona, committee, minutes, size, django_assert_max_num_queries
):
    for number in range(size):
        item = MinuteItemFactory(minutes=minutes, number=600 + number)
        ActionResponseFactory(action=MinuteActionFactory(minute=item, due_date=datetime.date(2024, 1, 1)))
    client = as_persona("governance")
    url = reverse("minutes:action_log", kwargs={"committee": committee})

    with django_assert_max_num_queries(14):
        response = client.get(url)

    assert response.content.decode().count("Overdue: due 1 January 2024") == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_minutes_page_runs_a_fixed_number_of_queries(
    as_persona, september, minutes, size, django_assert_max_num_queries
):
    for number in range(size):
        item = MinuteItemFactory(minutes=minutes, number=700 + number)
        ActionResponseFactory(action=MinuteActionFactory(minute=item))
    client = as_persona("member")

    with django_assert_max_num_queries(14):
        response = client.get(reverse("minutes:minutes_detail", kwargs={"pk": september.pk}))

    assert response.content.decode().count(APPROVED) == size
