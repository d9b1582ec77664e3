"""Publishing: versions v1, v2 … with their SHA-256 and change log; published files never change."""

import stat
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commentary.models import Return
from cyp.models import AuditEvent, Notification, QuarterPublication
from indicators.enums import StatusSource
from indicators.models import Figure, PublishedStatus
from reports.enums import PackFormat
from reports.models import PackDownload, PackVersion
from reports.services import files
from reports.services.publishing import change_log_between, pack_download_record, pack_publish
from tests.reports import workflow_factories

pytestmark = pytest.mark.django_db

# Fixtures shared by the workflow tests.
assemble = workflow_factories.assemble
ready_meeting = workflow_factories.ready_meeting


def test_publishing_a_final_build_freezes_v1_with_its_sha256(ready_meeting, assemble, governance):
    build = assemble(ready_meeting, draft=False)

    version = pack_publish(build=build, by=governance)

    pdf = files.read(version.pdf_path)
    assert (version.number, version.label, version.published_by) == (1, "v1", governance)
    assert version.sha256 == files.sha256_of(pdf) == build.pdf_sha256
    assert pdf == files.read(build.pdf_path)
    assert version.page_count == build.page_count
    assert version.change_log == ["First published version."]
    assert version.snapshot["indicators"]["3"]["actions"] == "- Review every case by July."
    assert all(version.path_for(fmt) for fmt in PackFormat)
    # No exempt item: the public pack is the members' pack, the same frozen files (reports.exempt).
    assert (version.public_pdf_path, version.public_html_path) == (version.pdf_path, version.html_path)
    assert (version.public_sha256, version.public_page_count) == (version.sha256, version.page_count)


def test_publishing_records_the_quarter_published_for_the_meetings_body_once(
    ready_meeting, assemble, governance, quarter
):
    first = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    publications = QuarterPublication.objects.filter(quarter=quarter)
    assert [(p.committee, p.published_at) for p in publications] == [(ready_meeting.committee, first.published_at)]


def test_publishing_records_the_quarters_statuses_as_the_base_of_next_quarters_movements(
    ready_meeting, assemble, governance, quarter
):
    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    statuses = PublishedStatus.objects.filter(quarter=quarter).values_list("indicator__number", "rag", "source")
    assert sorted(statuses) == [
        (3, "Red", StatusSource.PUBLISHED),
        (8, "Green", StatusSource.PUBLISHED),
        (117, "Blue", StatusSource.PUBLISHED),
    ]


def test_publishing_locks_the_quarters_returns(ready_meeting, assemble, governance, quarter):
    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert set(Return.objects.filter(quarter=quarter).values_list("locked", flat=True)) == {True}
    assert AuditEvent.objects.filter(action="return.lock").count() == 3


def test_publishing_records_the_audit_event(ready_meeting, assemble, governance):
    build = assemble(ready_meeting, draft=False)

    version = pack_publish(build=build, by=governance)

    event = AuditEvent.objects.get(action="pack.publish")
    assert (event.actor, event.changes["version"], event.comment) == (
        governance,
        [None, "v1"],
        "First published version.",
    )
    assert event.changes["sha256"] == [None, version.sha256]


def test_publishing_notifies_each_member_once(
    ready_meeting, assemble, governance, member, django_capture_on_commit_callbacks
):
    build = assemble(ready_meeting, draft=False)

    with django_capture_on_commit_callbacks(execute=True):
        version = pack_publish(build=build, by=governance)

    notification = Notification.objects.get(recipient=member)
    assert notification.subject == f"Published: {ready_meeting} pack v1"
    assert notification.dedupe_key == f"pack.publish:{version.pk}"
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_v2_carries_a_change_log_against_v1(ready_meeting, assemble, governance, quarter):
    v1 = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    # After publication the governance team corrects indicator 117's figure and commentary (a correction
    # to a published pack), which moves it from Blue to Green.
    Figure.objects.filter(indicator__number=117, period_end="2024-06-30").update(value=Decimal("76.0"))
    Return.objects.filter(indicator__number=117, quarter=quarter).update(commentary="Corrected commentary.")

    v2 = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert v2.number == 2
    assert v2.change_log == ["Indicator 117: current value 85.0% → 76.0%; commentary changed; RAG Blue → Green"]
    assert v2.sha256 != v1.sha256
    assert PublishedStatus.objects.get(indicator__number=117, quarter=quarter).rag == "Green"


def test_a_published_file_never_changes(ready_meeting, assemble, governance, quarter):
    v1 = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    pdf_before = files.read(v1.pdf_path)
    Return.objects.filter(indicator__number=3, quarter=quarter).update(commentary="Later words.")

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    v1 = PackVersion.objects.get(pk=v1.pk)
    assert files.read(v1.pdf_path) == pdf_before
    assert files.sha256_of(files.read(v1.pdf_path)) == v1.sha256
    mode = files.absolute(v1.pdf_path).stat().st_mode
    assert not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    with pytest.raises(FileExistsError):
        files.write_once(v1.pdf_path, b"%PDF- something else")
    with pytest.raises(PermissionError):
        v1.save()
    with pytest.raises(PermissionError):
        v1.delete()


def test_a_draft_cannot_be_published(ready_meeting, assemble, governance):
    build = assemble(ready_meeting, draft=True)

    with pytest.raises(ValidationError, match="A draft cannot be published"):
        pack_publish(build=build, by=governance)

    assert PackVersion.objects.count() == 0
    assert not QuarterPublication.objects.exists()


def test_a_build_cannot_be_published_twice(ready_meeting, assemble, governance):
    build = assemble(ready_meeting, draft=False)
    pack_publish(build=build, by=governance)

    with pytest.raises(ValidationError, match="already published"):
        pack_publish(build=build, by=governance)

    assert PackVersion.objects.count() == 1


def test_a_pack_cannot_be_published_while_something_blocks_it(ready_meeting, assemble, governance, quarter):
    build = assemble(ready_meeting, draft=False)
    Return.objects.filter(indicator__number=3, quarter=quarter).update(state="submitted")

    with pytest.raises(ValidationError, match="cannot be published while 1 thing blocks it: Indicator 3"):
        pack_publish(build=build, by=governance)

    assert PackVersion.objects.count() == 0


def test_a_build_is_refused_when_the_content_changed_since_it_was_assembled(
    ready_meeting, assemble, governance, quarter
):
    build = assemble(ready_meeting, draft=False)
    Return.objects.filter(indicator__number=8, quarter=quarter).update(commentary="Rewritten after the build.")

    with pytest.raises(ValidationError, match="Indicator 8: commentary changed"):
        pack_publish(build=build, by=governance)

    assert PackVersion.objects.count() == 0


@pytest.mark.parametrize("persona", ["member", "lead", "other_lead"])
def test_only_governance_can_publish(ready_meeting, assemble, persona, request):
    build = assemble(ready_meeting, draft=False)

    with pytest.raises(PermissionDenied):
        pack_publish(build=build, by=request.getfixturevalue(persona))

    assert PackVersion.objects.count() == 0


def test_a_download_is_logged_with_its_format(ready_meeting, assemble, governance, member):
    version = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    pack_download_record(version=version, user=member, fmt="xlsx")

    download = PackDownload.objects.get()
    assert (download.version, download.user, download.format) == (version, member, "xlsx")
    assert download.downloaded_at <= timezone.now()
    assert AuditEvent.objects.get(action="pack.download").actor == member


def test_change_log_lists_items_and_indicators_added_removed_and_changed():
    before = {
        "meeting": {"date": "2024-10-08", "time": "14:00", "venue": "New Shire Hall"},
        "items": {
            "7": {"title": "Finance", "paper_sha256": "a", "cover": "x"},
            "9": {"title": "Agenda plan", "paper_sha256": ""},
        },
        "indicators": {
            "3": {"name": "Children in care", "current": "30.0", "rag": "Red", "commentary": "x", "actions": "a"},
            "11": {"name": "Gone", "current": "1", "rag": "Green", "commentary": "", "actions": ""},
        },
    }
    after = {
        "meeting": {"date": "2024-10-08", "time": "10:00", "venue": "New Shire Hall"},
        "items": {
            "7": {"title": "Finance", "paper_sha256": "b", "cover": "y"},
            "8": {"title": "Performance", "paper_sha256": ""},
        },
        "indicators": {
            "3": {"name": "Children in care", "current": "30.0", "rag": "Amber", "commentary": "x", "actions": "b"},
            "117": {"name": "New", "current": "5", "rag": "Blue", "commentary": "", "actions": ""},
        },
    }

    assert change_log_between(before, after) == [
        "Meeting time: 14:00 → 10:00",
        "Item 7: paper replaced; cover sheet changed",
        "Item 8 added: Performance",
        "Item 9 removed: Agenda plan",
        "Indicator 3: actions changed; RAG Red → Amber",
        "Indicator 11 removed: Gone",
        "Indicator 117 added: New",
    ]
    assert change_log_between(None, after) == ["First published version."]
    assert change_log_between(after, after) == ["No change to the content; the pack was published again."]


def test_a_build_is_refused_when_a_cover_sheet_changed_since_it_was_assembled(ready_meeting, assemble, governance):
    build = assemble(ready_meeting, draft=False)
    ready_meeting.items.filter(number=8).update(recommendation="The Committee is asked to note and comment.")

    with pytest.raises(ValidationError, match="Item 8: cover sheet changed"):
        pack_publish(build=build, by=governance)


def test_publishing_locks_the_plan_progress_the_pack_shows(ready_meeting, assemble, governance):
    from reports.enums import AgendaItemKind
    from tests.plans.factories import ActionFactory, PlanFactory, ProgressUpdateFactory, RecommendationFactory
    from tests.reports.workflow_factories import AgendaItemFactory

    plan = PlanFactory(committee=ready_meeting.committee)
    action = ActionFactory(recommendation=RecommendationFactory(plan=plan))
    shown = ProgressUpdateFactory(action=action, date=ready_meeting.date)
    later = ProgressUpdateFactory(action=action, date=ready_meeting.date + timezone.timedelta(days=1))
    AgendaItemFactory(
        meeting=ready_meeting, number=6, title="Ofsted Action plan", kind=AgendaItemKind.IMPROVEMENT_PLAN_REPORT
    )

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    shown.refresh_from_db()
    later.refresh_from_db()
    assert (shown.locked, later.locked) == (True, False)
    assert AuditEvent.objects.filter(action="progress.lock").count() == 1
