"""The reports app's entries in the URL permission table (tests/test_url_permissions.py).

The world gains a meeting with a ready draft (which must not leak), a ready
final build, a published version and an uploaded paper. Members and leads see
meetings and published versions; builds, drafts and papers do not exist for
them (404).
"""

from __future__ import annotations

from reports.enums import AgendaItemKind
from tests.reports.scorecard_factories import scorecard_body
from tests.reports.workflow_factories import (
    AgendaItemFactory,
    MeetingFactory,
    paper_attach,
    pdf_bytes,
    published_version,
    ready_build,
)
from tests.test_url_permissions import Entry, answers, none


def arrange(world) -> None:
    meeting = MeetingFactory(committee=world.committee, quarter=world.quarter)
    AgendaItemFactory(meeting=meeting, number=8, title="Performance report", kind=AgendaItemKind.PERFORMANCE_REPORT)
    world.paper_item = paper_attach(AgendaItemFactory(meeting=meeting, number=7, title="Finance"), pdf_bytes())
    world.meeting = meeting
    final = ready_build(meeting, by=world.governance, draft=False)
    world.version = published_version(final, by=world.governance)
    world.draft = ready_build(meeting, by=world.governance, draft=True, title="Secret draft")
    # A monthly scorecard body none of the world's leads or members sits on (tests.reports.scorecard_factories).
    world.scorecard_board, world.scorecard_month = scorecard_body()


def meeting(world) -> dict:
    return {"pk": world.meeting.pk}


def item(world) -> dict:
    return {"pk": world.meeting.pk, "item_pk": world.paper_item.pk}


def draft(world) -> dict:
    return {"pk": world.meeting.pk, "build_pk": world.draft.pk}


def draft_file(world) -> dict:
    return {**draft(world), "fmt": "pdf"}


def scorecard_period(world) -> dict:
    return {"committee": world.scorecard_board.slug, "quarter": world.scorecard_month.slug}


def version_file(world) -> dict:
    return {"pk": world.meeting.pk, "number": world.version.number, "fmt": "pdf"}


SIGNED_IN = answers(302, 200, 200, 200, 200, 200)
GOVERNANCE_ONLY = answers(302, 403, 403, 200, 403, 200)
HIDDEN_FROM_OTHERS = answers(302, 404, 404, 200, 404, 200)

ENTRIES = {
    "meeting_list": Entry(none, SIGNED_IN),
    "meeting_create": Entry(none, GOVERNANCE_ONLY),
    "meeting_detail": Entry(meeting, SIGNED_IN),
    "meeting_edit": Entry(meeting, GOVERNANCE_ONLY),
    "agenda_item_create": Entry(meeting, GOVERNANCE_ONLY),
    "agenda_item_edit": Entry(item, GOVERNANCE_ONLY),
    "agenda_item_upload": Entry(item, GOVERNANCE_ONLY),
    "agenda_item_paper": Entry(item, HIDDEN_FROM_OTHERS),
    # Without the form's fields the request is refused with a message: nothing is queued.
    "pack_assemble": Entry(meeting, answers(302, 403, 403, 302, 403, 302), method="post"),
    "pack_build_progress": Entry(draft, HIDDEN_FROM_OTHERS),
    "pack_publish": Entry(draft, HIDDEN_FROM_OTHERS),
    "pack_build_download": Entry(draft_file, HIDDEN_FROM_OTHERS),
    "pack_version_download": Entry(version_file, SIGNED_IN),
    "scorecard": Entry(scorecard_period, HIDDEN_FROM_OTHERS),
}
