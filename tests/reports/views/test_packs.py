"""Pack pages: assemble, progress, publish, and downloads (members get published versions only, logged)."""

import pytest
from django.urls import reverse

from reports.enums import BuildStatus
from reports.models import PackBuild, PackDownload, PackVersion
from reports.services import files
from tests.reports import workflow_factories
from tests.reports.workflow_factories import published_version, ready_build

pytestmark = pytest.mark.django_db

# Fixtures shared by the workflow tests.
ready_meeting = workflow_factories.ready_meeting
assemble = workflow_factories.assemble


def assemble_url(meeting):
    return reverse("pack_assemble", kwargs={"pk": meeting.pk})


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- Assemble ----------------------------------------------------------------------------------------


def test_governance_assembles_a_draft_from_the_meeting_page(
    ready_meeting, as_persona, django_capture_on_commit_callbacks
):
    client = as_persona("governance")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(assemble_url(ready_meeting), {"draft": "1", "idempotency_key": "b" * 32}, follow=True)
    page = client.get(reverse("meeting_detail", kwargs={"pk": ready_meeting.pk})).content.decode()

    build = PackBuild.objects.get()
    assert (build.status, build.draft) == (BuildStatus.READY, True)
    assert response.redirect_chain == [(reverse("meeting_detail", kwargs={"pk": ready_meeting.pk}), 302)]
    # The task runs when the request's transaction commits: the answer says it is queued, the page then shows it.
    assert "The draft pack is queued: its progress shows below." in response.content.decode()
    assert reverse("pack_build_download", kwargs={"pk": ready_meeting.pk, "build_pk": build.pk, "fmt": "pdf"}) in page


def test_pressing_assemble_twice_makes_one_build(ready_meeting, as_persona, django_capture_on_commit_callbacks):
    client = as_persona("governance")
    data = {"draft": "1", "idempotency_key": "c" * 32}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(assemble_url(ready_meeting), data)
        client.post(assemble_url(ready_meeting), data)

    assert PackBuild.objects.count() == 1


def test_the_final_pack_is_refused_with_the_blockers_named(ready_meeting, as_persona):
    ready_meeting.items.filter(number=7).update(paper="")

    response = as_persona("governance").post(assemble_url(ready_meeting), {"draft": "0"}, follow=True)

    assert "The final pack cannot be assembled while 1 thing blocks it: Item 7" in response.content.decode()
    assert PackBuild.objects.count() == 0


@pytest.mark.parametrize("persona", ["member", "lead", "other_lead"])
def test_others_cannot_assemble(ready_meeting, persona, as_persona, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_persona(persona).post(assemble_url(ready_meeting), {"draft": "1"})

    assert response.status_code == 403
    assert PackBuild.objects.count() == 0


# --- Progress ------------------------------------------------------------------------------------------


def progress_url(build):
    return reverse("pack_build_progress", kwargs={"pk": build.meeting_id, "build_pk": build.pk})


def test_the_progress_of_a_running_build_polls_every_second(ready_meeting, governance, as_persona):
    build = PackBuild.objects.create(
        meeting=ready_meeting,
        created_by=governance,
        idempotency_key="d" * 32,
        status=BuildStatus.RUNNING,
        percent=65,
        step="Page 12 of 40",
    )

    page = as_persona("governance").get(progress_url(build)).content.decode()

    assert 'hx-trigger="every 1s"' in page
    assert 'role="progressbar"' in page and 'aria-valuenow="65"' in page
    assert "65% · Page 12 of 40" in page


def test_the_progress_of_a_ready_build_stops_polling_and_offers_the_files(ready_meeting, governance, as_persona):
    build = ready_build(ready_meeting, by=governance, draft=False)

    page = as_persona("governance").get(progress_url(build)).content.decode()

    assert "hx-trigger" not in page
    assert 'aria-valuenow="100"' in page
    assert reverse("pack_build_download", kwargs={"pk": ready_meeting.pk, "build_pk": build.pk, "fmt": "pdf"}) in page
    assert reverse("pack_publish", kwargs={"pk": ready_meeting.pk, "build_pk": build.pk}) in page


def test_a_failed_build_says_why(ready_meeting, governance, as_persona):
    build = PackBuild.objects.create(
        meeting=ready_meeting,
        created_by=governance,
        idempotency_key="e" * 32,
        status=BuildStatus.FAILED,
        failure_reason="Item 7 (Finance): the uploaded PDF cannot be read.",
    )

    page = as_persona("governance").get(progress_url(build)).content.decode()

    assert "The assembly failed: Item 7 (Finance): the uploaded PDF cannot be read." in page


# --- Publish -------------------------------------------------------------------------------------------


def publish_url(build):
    return reverse("pack_publish", kwargs={"pk": build.meeting_id, "build_pk": build.pk})


def test_governance_publishes_after_confirming(ready_meeting, governance, assemble, as_persona):
    build = assemble(ready_meeting, draft=False)
    client = as_persona("governance")

    page = client.get(publish_url(build)).content.decode()
    refused = client.post(publish_url(build), {})
    response = client.post(publish_url(build), {"confirm": "on"}, follow=True)

    assert "Publish the pack for 8 October 2024 as v1" in page
    assert "First published version." in page
    assert "Tick the box to confirm you have checked the pack before publishing it." in refused.content.decode()
    version = PackVersion.objects.get()
    assert f"Published v1 ({version.page_count} pages, SHA-256 {version.sha256[:12]}…)." in response.content.decode()


def test_a_draft_offers_no_publish_form(ready_meeting, governance, as_persona):
    build = ready_build(ready_meeting, by=governance, draft=True)

    response = as_persona("governance").get(publish_url(build))

    page = response.content.decode()
    assert "This is a draft: assemble the final pack to publish." in page
    assert 'name="confirm"' not in page


@pytest.mark.parametrize("persona", ["member", "lead", "other_lead"])
def test_others_cannot_publish_and_the_build_does_not_exist_for_them(ready_meeting, governance, persona, as_persona):
    build = ready_build(ready_meeting, by=governance, draft=False)

    response = as_persona(persona).post(publish_url(build), {"confirm": "on"})

    assert response.status_code == 404
    assert PackVersion.objects.count() == 0


# --- Downloads -----------------------------------------------------------------------------------------


@pytest.fixture
def published(ready_meeting, governance):
    """v1 published, and a newer draft that must not leak."""
    version = published_version(ready_build(ready_meeting, by=governance, draft=False), by=governance)
    draft = ready_build(ready_meeting, by=governance, draft=True, title="Secret draft")
    return version, draft


def version_url(version, fmt):
    return reverse("pack_version_download", kwargs={"pk": version.meeting_id, "number": version.number, "fmt": fmt})


@pytest.mark.parametrize(
    ("fmt", "content_type", "disposition"),
    [
        ("pdf", "application/pdf", "attachment"),
        ("html", "text/html; charset=utf-8", "inline"),
        ("csv", "text/csv; charset=utf-8", "attachment"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"),
    ],
)
def test_a_member_downloads_a_published_version_in_each_format_and_it_is_logged(
    published, member, as_persona, fmt, content_type, disposition
):
    version, _draft = published

    response = as_persona("member").get(version_url(version, fmt))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith(disposition)
    assert f'filename="2024-10-08-pack-v1.{fmt}"' in response["Content-Disposition"]
    assert body(response) == files.read(version.path_for(fmt))
    assert PackDownload.objects.get().format == fmt
    assert PackDownload.objects.get().user == member


def test_the_html_pack_is_served_with_a_policy_that_forbids_scripts(published, as_persona):
    version, _draft = published

    response = as_persona("member").get(version_url(version, "html"))

    assert response["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize("persona", ["member", "lead", "other_lead"])
def test_a_draft_does_not_exist_for_anyone_but_governance(published, persona, as_persona):
    _version, draft = published
    client = as_persona(persona)

    for fmt in ("pdf", "html", "csv", "xlsx"):
        url = reverse("pack_build_download", kwargs={"pk": draft.meeting_id, "build_pk": draft.pk, "fmt": fmt})
        assert client.get(url).status_code == 404
    assert client.get(progress_url(draft)).status_code == 404
    assert PackDownload.objects.count() == 0


def test_governance_downloads_a_draft_which_is_not_a_committee_download(published, as_persona):
    _version, draft = published
    url = reverse("pack_build_download", kwargs={"pk": draft.meeting_id, "build_pk": draft.pk, "fmt": "pdf"})

    response = as_persona("governance").get(url)

    assert response.status_code == 200
    assert body(response) == files.read(draft.pdf_path)
    assert PackDownload.objects.count() == 0


def test_a_build_that_is_not_ready_has_nothing_to_download(ready_meeting, governance, as_persona):
    build = PackBuild.objects.create(
        meeting=ready_meeting, created_by=governance, idempotency_key="f" * 32, status=BuildStatus.RUNNING
    )
    url = reverse("pack_build_download", kwargs={"pk": ready_meeting.pk, "build_pk": build.pk, "fmt": "pdf"})

    assert as_persona("governance").get(url).status_code == 404


def test_an_unknown_version_or_format_is_not_found_and_not_logged(published, as_persona):
    version, _draft = published
    client = as_persona("member")

    assert client.get(version_url(version, "docx")).status_code == 404
    missing = reverse("pack_version_download", kwargs={"pk": version.meeting_id, "number": 2, "fmt": "pdf"})
    assert client.get(missing).status_code == 404
    assert PackDownload.objects.count() == 0


def test_anonymous_people_are_sent_to_sign_in_and_nothing_is_logged(published, client):
    version, _draft = published

    response = client.get(version_url(version, "pdf"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert PackDownload.objects.count() == 0
