"""Meetings, agenda items, builds and versions: what the database and the models refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from reports.enums import AgendaItemKind, BuildStatus
from reports.models import PackBuild, validate_no_placeholder
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [("Red Kite Room [Venue Address]", "[Venue Address]"), ("{{ venue }}", "{{ venue }}"), ("Venue TBC", "TBC")],
)
def test_a_template_placeholder_is_refused_naming_it(text, placeholder):
    with pytest.raises(ValidationError) as refused:
        validate_no_placeholder(text)

    assert refused.value.messages == [f"Remove the template placeholder “{placeholder}” and write the real text."]


def test_a_real_venue_is_accepted(committee, quarter):
    meeting = MeetingFactory.build(committee=committee, quarter=quarter, venue="Red Kite Room, New Shire Hall")

    meeting.full_clean()


def test_the_clerk_cannot_be_a_placeholder_either(committee, quarter):
    meeting = MeetingFactory.build(committee=committee, quarter=quarter, clerk_name="[Clerk Name]")

    with pytest.raises(ValidationError) as refused:
        meeting.full_clean()

    assert list(refused.value.message_dict) == ["clerk_name"]


def test_the_database_refuses_drafts_due_after_despatch(committee, quarter):
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(committee=committee, quarter=quarter, draft_due_days_before=3, despatch_days_before=8)


def test_the_database_allows_one_active_build_per_meeting(committee, quarter, governance):
    meeting = MeetingFactory(committee=committee, quarter=quarter)
    PackBuild.objects.create(meeting=meeting, created_by=governance, idempotency_key="1" * 32)

    with pytest.raises(IntegrityError), transaction.atomic():
        PackBuild.objects.create(
            meeting=meeting, created_by=governance, idempotency_key="2" * 32, status=BuildStatus.RUNNING
        )
    PackBuild.objects.create(meeting=meeting, created_by=governance, idempotency_key="3" * 32, status="failed")

    assert PackBuild.objects.count() == 2


def test_the_database_refuses_a_ready_build_without_its_pdf(committee, quarter, governance):
    meeting = MeetingFactory(committee=committee, quarter=quarter)

    with pytest.raises(IntegrityError), transaction.atomic():
        PackBuild.objects.create(meeting=meeting, created_by=governance, idempotency_key="4" * 32, status="ready")


def test_an_item_without_a_paper_has_no_cover_sheet_to_complete(committee, quarter):
    item = AgendaItemFactory(
        meeting=MeetingFactory(committee=committee, quarter=quarter),
        kind=AgendaItemKind.NO_PAPER,
        cover_to="",
        officer_name="",
    )

    assert item.missing_cover_fields() == []


def test_the_cover_sheet_prints_the_meetings_own_date(committee, quarter):
    meeting = MeetingFactory(committee=committee, quarter=quarter, date=datetime.date(2024, 10, 8))
    item = AgendaItemFactory(meeting=meeting)

    cover = item.cover_sheet()

    assert (cover.title, cover.meeting_date, cover.key_decision) == (item.title, datetime.date(2024, 10, 8), "No")


def test_the_board_shows_the_deadlines_of_the_meetings_reporting_the_quarter(committee, quarter, governance):
    MeetingFactory(committee=committee, quarter=quarter, date=datetime.date(2024, 10, 8))

    html = render_to_string("reports/partials/board_deadlines.html", {"quarter": quarter, "user": governance})

    assert "Committee deadlines for Quarter 1 2024/25" in html
    assert "Thursday 26 September 2024" in html
    assert "Monday 30 September 2024" in html
    assert "Tuesday 8 October 2024" in html


def test_the_board_says_when_no_meeting_reports_the_quarter(quarter, governance):
    html = render_to_string("reports/partials/board_deadlines.html", {"quarter": quarter, "user": governance})

    assert "No committee meeting reports this quarter yet." in html
    assert "Add the meeting" in html
