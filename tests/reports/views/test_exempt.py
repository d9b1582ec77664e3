"""Exempt (Part 2) items on the pages: who sees the item, its paper and the members' pack, and who does not.

Every test arranges an exempt item with a distinctive word in its title, cover sheet, paper and file
name (``tests.reports.exempt_factories``); a page closed to someone must not carry any of them.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cyp.enums import AuditAction
from cyp.models import AuditEvent
from reports import selectors
from reports.enums import PackFormat
from reports.exempt import public_notice
from reports.models import PackDownload
from reports.services import files
from reports.services.publishing import pack_publish
from tests.reports import exempt_factories
from tests.reports.exempt_factories import DESCRIPTION, SECRETS, exempt_item_add
from tests.reports.render_helpers import read_back
from tests.reports.workflow_factories import published_version, ready_build

pytestmark = pytest.mark.django_db

ready_meeting = exempt_factories.ready_meeting
assemble = exempt_factories.assemble
exempt_meeting = exempt_factories.exempt_meeting
other_body = exempt_factories.other_body
other_member = exempt_factories.other_member
other_body_lead = exempt_factories.other_body_lead

OUTSIDERS = ["other_member", "other_body_lead"]


def _no_secret(content: bytes | str) -> bool:
    text = content.decode() if isinstance(content, bytes) else content
    return not any(secret in text for secret in SECRETS.values())


def _item(meeting):
    return meeting.items.get(number=9)


def _sign_in(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


# --- The meeting page --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["member", "lead", "governance"])
def test_the_body_sees_the_exempt_item_on_the_meeting_page_marked(exempt_meeting, persona, as_persona):
    page = as_persona(persona).get(reverse("meeting_detail", kwargs={"pk": exempt_meeting.pk})).content.decode()

    assert f"{SECRETS['title']} placements contract award" in page
    assert "Exempt: paragraph 3" in page


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_another_bodys_people_cannot_open_the_meeting_page(exempt_meeting, persona, request, client):
    response = _sign_in(client, request.getfixturevalue(persona)).get(
        reverse("meeting_detail", kwargs={"pk": exempt_meeting.pk})
    )

    assert response.status_code == 404
    assert _no_secret(response.content)


def test_someone_not_of_the_body_reads_an_exempt_item_only_as_its_notice(exempt_meeting, other_member):
    agenda = selectors.agenda_for(meeting=exempt_meeting, user=other_member)

    withheld = [item for item in agenda if getattr(item, "withheld", False)]
    assert len(agenda) == exempt_meeting.items.count()
    assert [(item.number, item.notice, item.description, item.pk) for item in withheld] == [
        (9, public_notice(3), DESCRIPTION, None)
    ]
    assert _no_secret(repr(withheld))


def test_the_meeting_page_prints_a_withheld_item_as_its_notice(exempt_meeting, other_member, rf):
    # No one outside the body can open the page today (cyp.bodies); should that widen, the page prints this.
    request = rf.get(reverse("meeting_detail", kwargs={"pk": exempt_meeting.pk}))
    request.user, request.session = other_member, {}
    context = {
        "meeting": exempt_meeting,
        "items": selectors.agenda_for(meeting=exempt_meeting, user=other_member),
        "versions": [],
        "deadlines": [],
        "can_view_exempt": False,
    }

    page = render_to_string("reports/meeting_detail.html", context, request=request)

    assert "Exempt item" in page and public_notice(3) in page and DESCRIPTION in page
    assert _no_secret(page)


def test_the_body_reads_the_exempt_item_itself(exempt_meeting, member):
    agenda = selectors.agenda_for(meeting=exempt_meeting, user=member)

    assert _item(exempt_meeting) in agenda
    assert not any(getattr(item, "withheld", False) for item in agenda)


@pytest.mark.parametrize("persona", ["member", "governance"])
def test_the_meeting_page_runs_the_same_queries_with_one_or_six_exempt_items(
    persona, exempt_meeting, governance, as_persona, django_assert_num_queries
):
    client = as_persona(persona)
    url = reverse("meeting_detail", kwargs={"pk": exempt_meeting.pk})
    published_version(ready_build(exempt_meeting, by=governance, draft=False), by=governance)
    client.get(url)  # warm caches before counting
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for number in range(20, 25):
        exempt_item_add(exempt_meeting, number=number)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count("Exempt: paragraph 3") == 6


# --- The item page and its paper -----------------------------------------------------------------------


def test_governance_opens_the_exempt_items_page_with_its_paragraph(exempt_meeting, as_persona):
    item = _item(exempt_meeting)

    page = as_persona("governance").get(
        reverse("agenda_item_edit", kwargs={"pk": exempt_meeting.pk, "item_pk": item.pk})
    )

    content = page.content.decode()
    assert page.status_code == 200
    assert SECRETS["title"] in content
    assert '<option value="3" selected>Paragraph 3: information relating to the financial or business' in content
    assert DESCRIPTION in content


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("member", 403), ("other_member", 404), ("other_body_lead", 404)]
)
def test_others_cannot_open_the_exempt_items_page(exempt_meeting, persona, status, request, client):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    url = reverse("agenda_item_edit", kwargs={"pk": exempt_meeting.pk, "item_pk": _item(exempt_meeting).pk})

    response = _sign_in(client, user).get(url)

    assert response.status_code == status
    assert _no_secret(response.content)
    if status == 302:
        assert response["Location"].startswith(reverse("login"))


def test_governance_downloads_the_exempt_items_paper(exempt_meeting, as_persona):
    item = _item(exempt_meeting)

    response = as_persona("governance").get(
        reverse("agenda_item_paper", kwargs={"pk": exempt_meeting.pk, "item_pk": item.pk})
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.absolute(item.paper.name).read_bytes()
    assert SECRETS["file name"] in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("member", 404), ("lead", 404), ("other_member", 404), ("other_body_lead", 404)],
)
def test_others_cannot_download_the_exempt_items_paper(exempt_meeting, persona, status, request, client):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    url = reverse("agenda_item_paper", kwargs={"pk": exempt_meeting.pk, "item_pk": _item(exempt_meeting).pk})

    response = _sign_in(client, user).get(url)

    assert response.status_code == status
    assert not hasattr(response, "streaming_content")
    assert _no_secret(response.content)


def test_the_paragraph_is_set_on_the_item_form_and_audited(ready_meeting, governance, as_persona):
    item = ready_meeting.items.get(number=7)
    data = {
        "section": item.section,
        "number": "7",
        "title": item.title,
        "kind": item.kind,
        "note": "",
        "exempt_paragraph": "3",
        "exempt_public_description": DESCRIPTION,
        **{name: getattr(item, name) for name in ("cover_to", "cover_from", "electoral_divisions")},
        **{name: getattr(item, name) for name in ("forward_plan_reference", "executive_summary", "recommendation")},
        **{name: getattr(item, name) for name in ("officer_name", "officer_post", "officer_email")},
        "officer_telephone": "",
    }

    response = as_persona("governance").post(
        reverse("agenda_item_edit", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk}), data
    )

    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.exempt_paragraph, item.exempt_public_description) == (3, DESCRIPTION)
    event = AuditEvent.objects.get(action=AuditAction.AGENDA_EXEMPT)
    assert (event.actor, event.changes) == (governance, {"exempt_paragraph": [None, 3]})


def test_a_public_description_without_a_paragraph_is_refused_and_kept(ready_meeting, as_persona):
    item = ready_meeting.items.get(number=7)
    data = {
        "section": item.section,
        "number": "7",
        "title": item.title,
        "kind": item.kind,
        "exempt_paragraph": "",
        "exempt_public_description": "Typed for the public agenda",
        **{name: getattr(item, name) for name in ("cover_to", "cover_from", "electoral_divisions")},
    }

    response = as_persona("governance").post(
        reverse("agenda_item_edit", kwargs={"pk": ready_meeting.pk, "item_pk": item.pk}), data
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Only an exempt item has a description for the public agenda: choose the paragraph" in content
    assert "Typed for the public agenda" in content
    item.refresh_from_db()
    assert item.exempt_public_description == ""


# --- Downloads of a published pack -------------------------------------------------------------------


@pytest.fixture
def published_exempt(exempt_meeting, assemble, governance):
    return pack_publish(build=assemble(exempt_meeting, draft=False), by=governance)


@pytest.mark.parametrize("persona", ["member", "lead"])
def test_the_body_downloads_the_members_pack(published_exempt, persona, request, as_persona):
    version = published_exempt
    url = reverse("pack_version_download", kwargs={"pk": version.meeting_id, "number": 1, "fmt": "pdf"})

    response = as_persona(persona).get(url)

    pdf = b"".join(response.streaming_content)
    assert pdf == files.read(version.pdf_path)
    assert SECRETS["paper"] in read_back(pdf).text
    assert PackDownload.objects.get().format == PackFormat.PDF


def test_the_body_can_check_the_public_pack_too(published_exempt, as_persona):
    version = published_exempt
    url = reverse("pack_version_download", kwargs={"pk": version.meeting_id, "number": 1, "fmt": "public_html"})

    response = as_persona("member").get(url)

    html = b"".join(response.streaming_content)
    assert html == files.read(version.public_html_path)
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert _no_secret(html)
    assert PackDownload.objects.get().format == PackFormat.PUBLIC_HTML


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_another_bodys_people_cannot_download_the_pack(published_exempt, persona, request, client):
    url = reverse("pack_version_download", kwargs={"pk": published_exempt.meeting_id, "number": 1, "fmt": "pdf"})

    response = _sign_in(client, request.getfixturevalue(persona)).get(url)

    assert response.status_code == 404
    assert not PackDownload.objects.exists()


@pytest.mark.parametrize("fmt", [PackFormat.PDF, PackFormat.HTML])
def test_anyone_not_of_the_body_is_given_the_public_pack(published_exempt, other_member, fmt):
    version = published_exempt

    served = selectors.pack_format_for(version=version, fmt=fmt, user=other_member)

    assert served == selectors.PUBLIC_VARIANT[fmt]
    assert version.path_for(served) != version.path_for(fmt)
    assert _no_secret(read_back(files.read(version.path_for(served))).text if fmt == "pdf" else b"")


@pytest.mark.parametrize(
    ("fmt", "public"),
    [
        (PackFormat.PDF, PackFormat.PUBLIC_PDF),
        (PackFormat.HTML, PackFormat.PUBLIC_HTML),
        (PackFormat.PUBLIC_PDF, PackFormat.PUBLIC_PDF),
        (PackFormat.CSV, PackFormat.CSV),
        (PackFormat.XLSX, PackFormat.XLSX),
    ],
)
def test_the_public_sites_selector_never_gives_the_members_pack(published_exempt, fmt, public):
    version = published_exempt

    path = selectors.public_pack_file(version=version, fmt=fmt)

    assert path == version.path_for(public)
    assert path not in (version.pdf_path, version.html_path)
    if public in (PackFormat.PUBLIC_PDF, PackFormat.PUBLIC_HTML):
        data = files.read(path)
        assert _no_secret(read_back(data).text if public == PackFormat.PUBLIC_PDF else data)


def test_without_exempt_items_the_public_file_is_the_members_file(ready_meeting, assemble, governance, other_member):
    version = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert selectors.public_pack_file(version=version, fmt=PackFormat.PDF) == version.pdf_path
    assert selectors.pack_format_for(version=version, fmt=PackFormat.PDF, user=other_member) == PackFormat.PDF


def test_a_version_with_no_public_file_gives_the_public_nothing(published_exempt, other_member):
    version = published_exempt
    version.public_pdf_path = ""  # as a version would be that no migration filled (never saved)

    served = selectors.pack_format_for(version=version, fmt=PackFormat.PDF, user=other_member)

    assert (served, selectors.public_pack_file(version=version, fmt=PackFormat.PDF)) == (PackFormat.PUBLIC_PDF, "")


def test_the_meeting_page_offers_the_body_both_packs(published_exempt, as_persona):
    page = as_persona("member").get(reverse("meeting_detail", kwargs={"pk": published_exempt.meeting_id}))

    content = page.content.decode()
    assert "Public PDF" in content and "Public web page" in content
    assert f"Public pack SHA-256 {published_exempt.public_sha256}" in content


def test_governance_checks_a_builds_public_pack_before_publishing(exempt_meeting, assemble, as_persona):
    build = assemble(exempt_meeting, draft=False)
    url = reverse("pack_build_download", kwargs={"pk": exempt_meeting.pk, "build_pk": build.pk, "fmt": "public_pdf"})

    response = as_persona("governance").get(url)

    pdf = b"".join(response.streaming_content)
    assert pdf == files.read(build.public_pdf_path)
    assert response["Content-Disposition"].endswith(f'-pack-final-build-{build.pk}-public.pdf"')
    assert _no_secret(read_back(pdf).text)
    assert as_persona("member").get(url).status_code == 404
