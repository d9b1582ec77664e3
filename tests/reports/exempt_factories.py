"""An exempt (Part 2) item on a meeting nothing blocks, with a distinctive word in every place its content goes.

The tests of the workflow, pages and downloads assert that none of ``SECRETS`` reaches anyone outside
the body (or any file of the public pack), and that the body's people see every one.
"""

from __future__ import annotations

import pytest

from cyp.enums import Role
from reports.enums import AgendaSection, ExemptParagraph
from reports.models import AgendaItem
from tests.factories import CommitteeFactory, ServiceAreaFactory, UserFactory
from tests.reports import workflow_factories
from tests.reports.workflow_factories import AgendaItemFactory, paper_attach, pdf_bytes

SECRETS = {
    "title": "Zebraquill",
    "cover": "Marmosetcover",
    "paper": "Ocelotpaper",
    "file name": "Pangolinfile",
}
DESCRIPTION = "Award of a contract for residential placements"


def exempt_item_add(meeting, *, number: int = 9) -> AgendaItem:
    """An uploaded paper exempt under paragraph 3, its paper attached."""
    item = AgendaItemFactory(
        meeting=meeting,
        number=number,
        section=AgendaSection.KEY_DECISIONS,
        title=f"{SECRETS['title']} placements contract award",
        executive_summary=f"Tenders from {SECRETS['cover']} Homes Ltd were evaluated.",
        exempt_paragraph=ExemptParagraph.FINANCIAL,
        exempt_public_description=DESCRIPTION,
    )
    paper_attach(item, pdf_bytes(pages=2, title=f"{SECRETS['paper']} tendered prices"))
    AgendaItem.objects.filter(pk=item.pk).update(paper_name=f"{SECRETS['file name']}-prices.pdf", paper_pages=2)
    item.refresh_from_db()
    return item


@pytest.fixture
def exempt_meeting(ready_meeting):
    """``ready_meeting`` (nothing blocks it) with an exempt item 9."""
    exempt_item_add(ready_meeting)
    return ready_meeting


@pytest.fixture
def other_body():
    return CommitteeFactory(name="Corporate Parenting Panel")


@pytest.fixture
def other_member(other_body):
    """A member who sits on another body only."""
    return UserFactory(username="other-member", role=Role.MEMBER, committees=[other_body])


@pytest.fixture
def other_body_lead(other_body):
    """A service lead whose only service area reports to another body."""
    area = ServiceAreaFactory(committee=other_body, name="Fostering", slug="fostering")
    return UserFactory(username="other-body-lead", role=Role.SERVICE_LEAD, service_areas=[area])


# Re-exported for the modules that import the fixtures from here.
ready_meeting = workflow_factories.ready_meeting
assemble = workflow_factories.assemble
