"""Meeting pages: the list, a meeting's page for each persona, the meeting and agenda forms, paper uploads."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.enums import AgendaItemKind
from reports.models import AgendaItem, PackBuild
from tests.reports import workflow_factories
from tests.reports.workflow_factories import (
    AgendaItemFactory,
    MeetingFactory,
    published_version,
    ready_build,
)

pytestmark = pytest.mark.django_db

# Fixtures shared by the workflow tests.
ready_meeting = workflow_factories.ready_meeting


@pytest.fixture
def meeting_with_draft(ready_meeting, governance):
    """A published v1, and a newer draft the committee must not see."""
    published_version(ready_build(ready_meeting, by=governance, draft=False), by=governance)
    ready_build(ready_meeting, by=governance, draft=True, title="Secret draft")
    return ready_meeting


# --- The list ----------------------------------------------------------------------------------------


def test_members_see_every_meeting_with_its_latest_published_version(meeting_with_draft, as_persona):
    response = as_persona("member").get(reverse("meeting_list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("meeting_detail", kwargs={"pk": meeting_with_draft.pk}) in page
    assert "8 October 2024" in page
    assert "<td>v1</td>" in page
    assert "Assembling" not in page
    assert "Add a meeting" not in page


def test_governance_sees_the_list_with_the_builds_in_progress_and_can_add_a_meeting(meeting_with_draft, as_persona):
    page = as_persona("governance").get(reverse("meeting_list")).content.decode()

    assert "Assembling" in page
    assert reverse("meeting_create") in page


@pytest.mark.parametrize("persona", ["member", "governance"])
def test_the_meeting_list_runs_the_same_queries_for_1_and_6_meetings(
    persona, committee, quarter, as_persona, django_assert_num_queries, governance
):
    client = as_persona(persona)
    MeetingFactory(committee=committee, quarter=quarter)
    client.get(reverse("meeting_list"))  # warm caches before counting
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("meeting_list"))
    for day in range(1, 6):
        meeting = MeetingFactory(committee=committee, quarter=quarter, date=datetime.date(2025, 1, day))
        AgendaItemFactory(meeting=meeting, number=1)
        ready_build(meeting, by=governance, draft=True)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("meeting_list"))

    assert response.content.decode().count("/meetings/") >= 6


# --- A meeting's page --------------------------------------------------------------------------------


def test_governance_sees_deadlines_agenda_readiness_builds_and_versions(meeting_with_draft, as_persona):
    draft = meeting_with_draft.builds.get(draft=True)

    page = as_persona("governance").get(reverse("meeting_detail", kwargs={"pk": meeting_with_draft.pk})).content
    page = page.decode()

    assert "Thursday 26 September 2024" in page
    assert "Monday 30 September 2024" in page
    assert "Children and Young People&#x27;s Corporate Performance Report" in page
    assert 'id="blockers-none"' in page
    assert (
        reverse("pack_build_download", kwargs={"pk": meeting_with_draft.pk, "build_pk": draft.pk, "fmt": "pdf"}) in page
    )
    assert reverse("pack_version_download", kwargs={"pk": meeting_with_draft.pk, "number": 1, "fmt": "pdf"}) in page
    assert "Assemble the final pack" in page


@pytest.mark.parametrize("persona", ["member", "lead", "other_lead"])
def test_the_committee_and_leads_never_see_drafts_builds_or_readiness(meeting_with_draft, persona, as_persona):
    draft = meeting_with_draft.builds.get(draft=True)

    response = as_persona(persona).get(reverse("meeting_detail", kwargs={"pk": meeting_with_draft.pk}))

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("pack_version_download", kwargs={"pk": meeting_with_draft.pk, "number": 1, "fmt": "pdf"}) in page
    assert f"/builds/{draft.pk}/" not in page
    assert "/builds/" not in page
    for hidden in ("Readiness", "Assemble", "Secret draft", "Builds", "DRAFT", "paper.pdf", "/paper/"):
        assert hidden not in page, hidden


def test_readiness_lists_each_blocker_with_its_link_and_the_final_button_is_disabled(ready_meeting, as_persona):
    item = ready_meeting.items.get(number=7)
    AgendaItem.objects.filter(pk=item.pk).update(paper="")

    page = as_persona("governance").get(reverse("meeting_detail", kwargs={"pk": ready_meeting.pk})).content.decode()

    assert "1 thing stops the final pack" in page
    assert "Item 7 (Finance Monitoring Report – August 2024): the paper has not been uploaded." in page
    assert reverse("agenda_item_upload", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk}) in page
    assert 'disabled aria-describedby="final-why">Assemble the final pack' in page


def test_an_active_build_shows_a_progress_bar_that_polls(ready_meeting, governance, as_persona):
    build = PackBuild.objects.create(
        meeting=ready_meeting,
        created_by=governance,
        idempotency_key="k" * 32,
        status="running",
        percent=40,
        step="Rendering the pack",
    )

    page = as_persona("governance").get(reverse("meeting_detail", kwargs={"pk": ready_meeting.pk})).content.decode()

    progress_url = reverse("pack_build_progress", kwargs={"pk": ready_meeting.pk, "build_pk": build.pk})
    assert f'hx-get="{progress_url}" hx-trigger="every 1s"' in page
    assert 'role="progressbar"' in page
    assert 'aria-valuenow="40"' in page
    assert "40% · Rendering the pack" in page
    assert "disabled>Assemble a draft</button>" in page


@pytest.mark.parametrize("persona", ["member", "governance"])
def test_the_meeting_page_runs_the_same_queries_whatever_the_size_of_its_agenda_and_history(
    persona, ready_meeting, governance, as_persona, django_assert_num_queries
):
    client = as_persona(persona)
    url = reverse("meeting_detail", kwargs={"pk": ready_meeting.pk})
    published_version(ready_build(ready_meeting, by=governance, draft=False), by=governance)
    client.get(url)  # warm caches (content types, the session) before counting
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for number in range(20, 26):
        AgendaItemFactory(meeting=ready_meeting, number=number, kind=AgendaItemKind.NO_PAPER)
        published_version(ready_build(ready_meeting, by=governance, draft=False), by=governance)
        ready_build(ready_meeting, by=governance, draft=True)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count('<th scope="row">v') == 7
