"""Exempt (Part 2) items through the workflow: one build writes the members' and the public pack,
publishing freezes both, and nothing the public or another body reads names the item."""

from __future__ import annotations

import stat

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from cyp.enums import AuditAction
from cyp.models import AuditEvent
from reports.enums import ExemptParagraph, PackFormat
from reports.exempt import members_marking, public_notice
from reports.models import COVER_FIELDS, AgendaItem, PackBuild, PackVersion
from reports.services import files
from reports.services.assembly import pack_snapshot
from reports.services.meetings import agenda_item_save, values_before
from reports.services.publishing import change_log_between, pack_publish
from tests.reports import exempt_factories
from tests.reports.exempt_factories import DESCRIPTION, SECRETS
from tests.reports.render_helpers import read_back

pytestmark = pytest.mark.django_db

ready_meeting = exempt_factories.ready_meeting
assemble = exempt_factories.assemble
exempt_meeting = exempt_factories.exempt_meeting


def _public_everything(build_or_version) -> str:
    pdf = files.read(build_or_version.public_pdf_path)
    html = files.read(build_or_version.public_html_path).decode()
    csv_text = files.read(build_or_version.csv_path).decode()
    return "\n".join([read_back(pdf).text, html, csv_text])


def test_a_meeting_with_an_exempt_item_gets_a_public_pack_of_its_own(exempt_meeting, assemble):
    build = assemble(exempt_meeting, draft=False)

    item = exempt_meeting.items.get(number=9)
    assert build.status == "ready", build.failure_reason
    assert build.has_public_variant
    assert build.public_pdf_path.endswith("-public.pdf") and build.public_html_path.endswith("-public.html")
    assert build.public_pdf_sha256 == files.sha256_of(files.read(build.public_pdf_path))
    assert build.public_page_count == build.page_count - 3  # the cover sheet and the paper's two pages
    assert str(item.pk) in build.item_pages and str(item.pk) not in build.public_item_pages
    public = _public_everything(build)
    for place, secret in SECRETS.items():
        assert secret not in public, place
    assert public_notice(3) in public and DESCRIPTION in public
    members = read_back(files.read(build.pdf_path)).text
    assert SECRETS["title"] in members and SECRETS["paper"] in members and members_marking(3) in members


def test_a_meeting_without_exempt_items_has_one_pack_for_everyone(ready_meeting, assemble):
    build = assemble(ready_meeting, draft=False)

    assert not build.has_public_variant
    assert (build.public_pdf_path, build.public_html_path) == (build.pdf_path, build.html_path)
    assert (build.public_pdf_sha256, build.public_page_count) == (build.pdf_sha256, build.page_count)
    assert build.public_item_pages == build.item_pages


def test_a_draft_of_a_meeting_with_an_exempt_item_reports_progress_to_the_end(exempt_meeting, assemble):
    build = assemble(exempt_meeting, draft=True)

    assert (build.status, build.percent, build.step) == ("ready", 100, "Ready")
    assert build.has_public_variant


def test_publishing_freezes_the_public_pack_with_its_sha256(exempt_meeting, assemble, governance):
    build = assemble(exempt_meeting, draft=False)

    version = pack_publish(build=build, by=governance)

    public_pdf = files.read(version.public_pdf_path)
    assert version.has_public_variant
    assert version.public_sha256 == files.sha256_of(public_pdf) == build.public_pdf_sha256
    assert public_pdf == files.read(build.public_pdf_path)
    assert files.read(version.public_html_path) == files.read(build.public_html_path)
    assert version.public_page_count == build.public_page_count < version.page_count
    for fmt in (PackFormat.PUBLIC_PDF, PackFormat.PUBLIC_HTML):
        mode = files.absolute(version.path_for(fmt)).stat().st_mode
        assert not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH), fmt
    public = _public_everything(version)
    assert not any(secret in public for secret in SECRETS.values())


def test_a_public_pdf_changed_on_disk_is_not_published(exempt_meeting, assemble, governance):
    build = assemble(exempt_meeting, draft=False)
    path = files.absolute(build.public_pdf_path)
    path.write_bytes(path.read_bytes() + b"\n% changed")

    with pytest.raises(ValidationError, match="public PDF has changed on disk"):
        pack_publish(build=build, by=governance)

    assert not PackVersion.objects.exists()


def test_making_an_item_exempt_after_the_build_stops_its_publication(ready_meeting, assemble, governance):
    build = assemble(ready_meeting, draft=False)
    item = ready_meeting.items.get(number=7)
    before = values_before(item)
    item.exempt_paragraph = ExemptParagraph.FINANCIAL
    agenda_item_save(item=item, by=governance, before=before)

    with pytest.raises(ValidationError, match="Item 7: now exempt \\(paragraph 3 of Schedule 12A\\)"):
        pack_publish(build=build, by=governance)


def test_the_change_log_never_names_an_exempt_item(exempt_meeting):
    current = pack_snapshot(meeting=exempt_meeting)
    previous = {**current, "items": {key: value for key, value in current["items"].items() if key != "9"}}
    renamed = {**current, "items": {**current["items"], "9": {**current["items"]["9"], "title": "Other title"}}}

    added = change_log_between(previous, current)
    changed = change_log_between(renamed, current)

    assert "Item 9 added (exempt)" in added
    assert changed == ["Item 9: title changed"]
    assert not any(SECRETS["title"] in line for line in added + changed)


def test_changing_the_paragraph_is_audited(ready_meeting, governance):
    item = ready_meeting.items.get(number=7)
    before = values_before(item)
    item.exempt_paragraph = ExemptParagraph.LEGAL_PRIVILEGE
    item.exempt_public_description = "Legal advice on a placement dispute"

    agenda_item_save(item=item, by=governance, before=before)

    event = AuditEvent.objects.get(action=AuditAction.AGENDA_EXEMPT)
    assert (event.actor, event.target_id, event.changes) == (governance, item.pk, {"exempt_paragraph": [None, 5]})
    before = values_before(item)
    item.exempt_paragraph = None
    item.exempt_public_description = ""
    agenda_item_save(item=item, by=governance, before=before)
    events = AuditEvent.objects.filter(action=AuditAction.AGENDA_EXEMPT).order_by("id")
    assert [event.changes for event in events] == [{"exempt_paragraph": [None, 5]}, {"exempt_paragraph": [5, None]}]


def test_a_public_description_of_a_public_item_is_refused_naming_the_field(ready_meeting, governance):
    item = ready_meeting.items.get(number=7)
    item.exempt_public_description = "A description"

    with pytest.raises(ValidationError) as error:
        agenda_item_save(item=item, by=governance, before=values_before(item))

    assert error.value.message_dict == {
        "exempt_public_description": [
            "Only an exempt item has a description for the public agenda: choose the paragraph of Schedule 12A "
            "it is exempt under, or empty this box."
        ]
    }
    assert AgendaItem.objects.get(pk=item.pk).exempt_public_description == ""


def test_the_migration_gives_earlier_versions_their_own_files_as_the_public_pack(ready_meeting, assemble, governance):
    version = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    PackVersion.objects.filter(pk=version.pk).update(
        public_pdf_path="", public_html_path="", public_sha256="", public_page_count=None
    )
    PackBuild.objects.filter(pk=version.build_id).update(
        public_pdf_path="", public_html_path="", public_pdf_sha256="", public_page_count=None, public_item_pages={}
    )
    fill = __import__("reports.migrations.0005_public_pack_files_before_exempt", fromlist=["fill"]).fill

    fill(apps, None)
    fill(apps, None)  # a second run changes nothing

    version = PackVersion.objects.get(pk=version.pk)
    assert (version.public_pdf_path, version.public_html_path) == (version.pdf_path, version.html_path)
    assert (version.public_sha256, version.public_page_count) == (version.sha256, version.page_count)
    build = PackBuild.objects.get(pk=version.build_id)
    assert (build.public_pdf_path, build.public_item_pages) == (build.pdf_path, build.item_pages)


def test_the_snapshot_of_a_public_item_matches_one_taken_before_exempt_items_existed(ready_meeting):
    item = ready_meeting.items.get(number=7)
    # The digest as versions published before this change stored it: no exempt fields in it.
    printed = [*(str(getattr(item, name)) for name in COVER_FIELDS), item.note, item.section]
    printed += [str(item.green_blue_examples), str(item.red_examples)]
    earlier = {"cover": files.sha256_of("\x1f".join(printed).encode())[:16], "title": item.title}

    current = pack_snapshot(meeting=ready_meeting)["items"]["7"]

    assert (current["cover"], current["title"], current["exempt_paragraph"]) == (earlier["cover"], item.title, None)
    previous = {"items": {"7": {**earlier, "kind": item.kind, "paper_sha256": item.paper_sha256}}}
    assert change_log_between(previous, {"items": {"7": current}}) == [
        "No change to the content; the pack was published again."
    ]
