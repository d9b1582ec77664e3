"""Publishing fixes the figures a pack printed; a correction is explicit and the next version names it.
And ``manage.py publish_pack`` publishes from the command line."""

import datetime
import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.enums import FigureSource
from indicators.models import Figure, FigureLock
from indicators.services import FigureLocked, figure_correct, figure_write
from reports.enums import AgendaItemKind
from reports.models import PackBuild, PackVersion
from reports.services import files
from reports.services.publishing import pack_publish
from tests.factories import FigureFactory, QuarterFactory
from tests.reports import workflow_factories

pytestmark = pytest.mark.django_db

assemble = workflow_factories.assemble
ready_meeting = workflow_factories.ready_meeting

JUNE = datetime.date(2024, 6, 30)


def indicator_3(meeting):
    return meeting.committee.indicators.get(number=3)


def test_publishing_locks_the_committees_figures_to_the_quarters_end(ready_meeting, assemble, governance):
    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    lock = FigureLock.objects.get()
    assert (lock.committee, lock.until, lock.meeting_date, lock.version) == (
        ready_meeting.committee,
        JUNE,
        datetime.date(2024, 10, 8),
        1,
    )
    with pytest.raises(FigureLocked) as refused:
        figure_write(
            indicator=indicator_3(ready_meeting),
            period_end=datetime.date(2024, 5, 31),
            fields={"value": Decimal("41")},
            by=governance,
            reason="Late",
            source=FigureSource.IMPORT,
        )
    assert refused.value.messages[0].startswith(
        "Indicator 3, May 2024 is in the published pack for 8 October 2024 (v1): it cannot be changed."
    )


def test_a_pack_without_the_performance_report_locks_no_figure(ready_meeting, assemble, governance):
    ready_meeting.items.filter(kind=AgendaItemKind.PERFORMANCE_REPORT).delete()

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert FigureLock.objects.count() == 0


def test_a_correction_leads_to_v2_whose_change_log_names_it_and_v1_stays_as_published(
    ready_meeting, assemble, governance
):
    v1 = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    v1_snapshot, v1_pdf = v1.snapshot, files.read(v1.pdf_path)

    figure_correct(
        indicator=indicator_3(ready_meeting),
        period_end=JUNE,
        fields={"value": Decimal("32.0")},
        by=governance,
        reason="The June return counted a child twice.",
    )
    v2 = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert v2.number == 2
    assert v2.change_log == [
        "Indicator 3, June 2024 corrected: 30.0 → 32.0 (reason: The June return counted a child twice.) by "
        f"{governance.get_full_name()}",
        "Indicator 3: current value 30.0% → 32.0%",
    ]
    v1 = PackVersion.objects.get(pk=v1.pk)
    assert v1.snapshot == v1_snapshot
    assert v1.snapshot["indicators"]["3"]["current"] == "30.0%"
    assert files.read(v1.pdf_path) == v1_pdf
    assert files.sha256_of(v1_pdf) == v1.sha256
    assert sorted(FigureLock.objects.values_list("version", flat=True)) == [1, 2]


def test_a_final_build_assembled_before_a_correction_cannot_be_published(ready_meeting, assemble, governance):
    april = FigureFactory(indicator=indicator_3(ready_meeting), period_end=datetime.date(2024, 4, 30), value=45)
    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    stale = assemble(ready_meeting, draft=False)

    figure_correct(
        indicator=april.indicator,
        period_end=april.period_end,
        fields={"value": Decimal("44.0")},
        by=governance,
        reason="Recount.",
    )

    with pytest.raises(ValidationError) as refused:
        pack_publish(build=stale, by=governance)
    assert refused.value.messages == [
        f"A published figure was corrected after build {stale.pk} was assembled (Indicator 3, April 2024 corrected: "
        f"45.0 → 44.0 (reason: Recount.) by {governance.get_full_name()}): assemble the final pack again, then "
        "publish it."
    ]
    v2 = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    assert v2.change_log == [
        f"Indicator 3, April 2024 corrected: 45.0 → 44.0 (reason: Recount.) by {governance.get_full_name()}"
    ]


def test_a_correction_is_named_once_in_the_version_that_follows_it(ready_meeting, assemble, governance):
    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    figure_correct(
        indicator=indicator_3(ready_meeting), period_end=JUNE, fields={"value": 32}, by=governance, reason="Recount."
    )
    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    v3 = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert v3.change_log == ["No change to the content; the pack was published again."]


# --- manage.py publish_pack --------------------------------------------------------------------------------------


def publish_pack(*args) -> str:
    out = io.StringIO()
    call_command("publish_pack", *args, stdout=out)
    return out.getvalue()


def test_publish_pack_assembles_the_final_pack_and_publishes_it(ready_meeting, governance):
    out = publish_pack("2024-10-08", "--by", "governance")

    version = PackVersion.objects.get()
    assert (version.number, version.published_by, version.build.draft) == (1, governance, False)
    assert f"Assembled the final pack: {version.page_count} pages (build {version.build_id})." in out
    assert f"Published v1 of the pack for {ready_meeting}: {version.page_count} pages, SHA-256 {version.sha256}" in out
    assert FigureLock.objects.filter(version=1).exists()


def test_publish_pack_publishes_the_ready_final_build_of_the_current_content(ready_meeting, assemble, governance):
    build = assemble(ready_meeting, draft=False)

    publish_pack(str(ready_meeting.pk), "--by", "governance")

    assert PackVersion.objects.get().build == build
    assert PackBuild.objects.count() == 1


def test_publish_pack_assembles_again_when_the_content_changed_since_the_build(ready_meeting, assemble, governance):
    old = assemble(ready_meeting, draft=False)
    Figure.objects.filter(indicator__number=3, period_end=JUNE).update(value=Decimal("31.0"))

    publish_pack("2024-10-08", "--by", "governance")

    version = PackVersion.objects.get()
    assert version.build != old
    assert version.snapshot["indicators"]["3"]["current"] == "31.0%"


def test_publish_pack_exits_non_zero_with_the_blockers_when_the_pack_is_not_ready(ready_meeting, governance):
    workflow_factories.AgendaItemFactory(meeting=ready_meeting, number=9, title="Schools report")

    with pytest.raises(CommandError) as error:
        publish_pack("2024-10-08", "--by", "governance")

    assert str(error.value) == (
        "The pack cannot be published while 1 thing blocks it: Item 9 (Schools report): the paper has not been "
        "uploaded. Fix it under Readiness."
    )
    assert error.value.returncode == 1
    assert (PackVersion.objects.count(), PackBuild.objects.count()) == (0, 0)


@pytest.mark.parametrize("persona", ["lead", "member"])
def test_publish_pack_refuses_a_person_outside_governance(persona, request, ready_meeting):
    user = request.getfixturevalue(persona)

    with pytest.raises(CommandError) as error:
        publish_pack("2024-10-08", "--by", user.username)

    assert str(error.value) == f"{user.username} is not in the governance team and cannot publish packs."
    assert PackVersion.objects.count() == 0


def test_publish_pack_needs_a_person_to_name(ready_meeting, governance):
    with pytest.raises(CommandError, match="--by"):
        publish_pack("2024-10-08")

    assert PackVersion.objects.count() == 0


def test_publish_pack_says_when_no_meeting_matches(ready_meeting, governance):
    with pytest.raises(CommandError) as error:
        publish_pack("2031-01-01", "--by", "governance")

    assert str(error.value) == "No meeting matches '2031-01-01'."


def test_publish_pack_assembles_again_after_a_correction_since_the_ready_build(ready_meeting, assemble, governance):
    april = FigureFactory(indicator=indicator_3(ready_meeting), period_end=datetime.date(2024, 4, 30), value=45)
    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    stale = assemble(ready_meeting, draft=False)
    figure_correct(
        indicator=april.indicator, period_end=april.period_end, fields={"value": 44}, by=governance, reason="Recount."
    )

    publish_pack("2024-10-08", "--by", "governance")

    v2 = PackVersion.objects.get(number=2)
    assert v2.build != stale
    assert v2.change_log[0].startswith("Indicator 3, April 2024 corrected: 45.0 → 44.0 (reason: Recount.)")


def test_a_correction_is_named_by_the_next_version_of_each_meeting_that_prints_it(
    ready_meeting, assemble, governance, quarter
):
    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    figure_correct(
        indicator=indicator_3(ready_meeting), period_end=JUNE, fields={"value": 32}, by=governance, reason="Recount."
    )
    january = workflow_factories.MeetingFactory(
        committee=ready_meeting.committee,
        date=datetime.date(2025, 1, 14),
        quarter=QuarterFactory(year=quarter.year, number=2),
    )
    workflow_factories.paper_attach(
        workflow_factories.AgendaItemFactory(meeting=january, number=1, title="Finance"),
        workflow_factories.pdf_bytes(),
    )
    line = f"Indicator 3, June 2024 corrected: 30.0 → 32.0 (reason: Recount.) by {governance.get_full_name()}"

    january_v1 = pack_publish(build=assemble(january, draft=False), by=governance)
    october_v2 = pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert january_v1.change_log == [line, "First published version."]
    assert october_v2.change_log[0] == line


def test_the_migration_locks_the_figures_of_packs_published_before_locks_were_recorded(ready_meeting, governance):
    build = workflow_factories.ready_build(ready_meeting, by=governance, draft=False)
    workflow_factories.published_version(build, by=governance)  # as an older release published it: no lock
    migration = importlib.import_module("indicators.migrations.0004_figure_lock_backfill")

    migration.backfill(apps, None)
    migration.backfill(apps, None)

    assert list(FigureLock.objects.values_list("committee", "until", "meeting_date", "version")) == [
        (ready_meeting.committee_id, JUNE, datetime.date(2024, 10, 8), 1)
    ]


# --- Members see figures as published until the correction is ---------------------------------------------------


def _dashboard_current(client, user, quarter, number):
    from django.urls import reverse

    client.force_login(user)
    response = client.get(reverse("dashboard", kwargs={"quarter": quarter}))
    return next(row for row in response.context["rows"] if row["number"] == number)["current"]


def test_members_see_the_published_value_until_a_version_naming_the_correction_is_published(
    ready_meeting, assemble, governance, member, client
):
    from indicators.exports import quarter_export
    from indicators.selectors import indicator_page

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)
    quarter = ready_meeting.quarter
    figure_correct(
        indicator=indicator_3(ready_meeting),
        period_end=JUNE,
        fields={"value": Decimal("32.0")},
        by=governance,
        reason="Recount.",
    )

    assert _dashboard_current(client, member, quarter, 3) == "30.0%"
    assert _dashboard_current(client, governance, quarter, 3) == "32.0%"
    page = indicator_page(committee=ready_meeting.committee, number=3, user=member, quarter=quarter)
    assert page.reported.current.value == Decimal("30")
    assert [entry["figure"].value for entry in page.history if entry["figure"].period_end == JUNE] == [Decimal("30")]
    exported = {
        row["indicator"]: row
        for row in quarter_export(committee=ready_meeting.committee, quarter=quarter, viewer=member)
    }
    assert Decimal(str(exported[3]["value"])) == Decimal("30")

    pack_publish(build=assemble(ready_meeting, draft=False), by=governance)

    assert _dashboard_current(client, member, quarter, 3) == "32.0%"
    page = indicator_page(committee=ready_meeting.committee, number=3, user=member, quarter=quarter)
    assert page.reported.current.value == Decimal("32")
