"""Two bodies, one of which has published a quarter and a meeting, with secrets planted where the public must
never look: unpublished commentary, a draft quarter's figure, a draft build, an exempt item, the members' pack
and the other body's unpublished work. Every test of the public site asserts none of ``SECRETS`` shows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from cyp.enums import CommitteeKind, ReviewState
from cyp.models import QuarterPublication
from reports.enums import AgendaItemKind
from reports.models import PackVersion
from reports.services import files
from tests.commentary.factories import ReturnFactory
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    QuarterFactory,
    ServiceAreaFactory,
    TargetFactory,
)
from tests.reports.workflow_factories import AgendaItemFactory, MeetingFactory, pdf_bytes, ready_build

SECRET_COMMENTARY = "SECRET-UNPUBLISHED-COMMENTARY-4711"
SECRET_DRAFT_QUARTER = "SECRET-DRAFT-QUARTER-REASON-4712"
SECRET_DRAFT_VALUE = "4242.4"
SECRET_DRAFT_BUILD = "SECRET-DRAFT-BUILD-4713"
SECRET_EXEMPT_TITLE = "SECRET-EXEMPT-TITLE-4714"
SECRET_EXEMPT_COVER = "SECRET-EXEMPT-COVER-4715"
SECRET_MEMBERS_PACK = "SECRET-MEMBERS-PACK-4716"
SECRET_OTHER_BODY = "SECRET-OTHER-BODY-4717"
SECRET_LATER_ITEM = "SECRET-ITEM-ADDED-SINCE-4718"
SECRETS = (
    SECRET_COMMENTARY,
    SECRET_DRAFT_QUARTER,
    SECRET_DRAFT_VALUE,
    SECRET_DRAFT_BUILD,
    SECRET_EXEMPT_TITLE,
    SECRET_EXEMPT_COVER,
    SECRET_MEMBERS_PACK,
    SECRET_OTHER_BODY,
    SECRET_LATER_ITEM,
)
PUBLIC_PACK_TEXT = "Public pack of the committee"
MEETING_DATE = datetime.date(2024, 10, 8)


def assert_no_secret(text: str, where: str = "") -> None:
    found = [secret for secret in SECRETS if secret in text]
    assert found == [], f"{where} shows what the public must never see: {found}"


def public_version(build, *, by, public_text: str = PUBLIC_PACK_TEXT) -> PackVersion:
    """Publish a build as the next version with its public files beside the members' (as the exempt parcel's
    publishing writes them), without the publishing checks. The members' files carry SECRET_MEMBERS_PACK."""
    meeting = build.meeting
    number = meeting.versions.count() + 1
    directory = files.version_dir(meeting_id=meeting.pk, number=number)
    members_pdf = pdf_bytes(pages=2, title=f"{SECRET_MEMBERS_PACK} {SECRET_EXEMPT_COVER}")
    public_pdf = pdf_bytes(pages=1, title=public_text)
    write = files.write_once
    return PackVersion.objects.create(
        meeting=meeting,
        build=build,
        number=number,
        pdf_path=write(f"{directory}/pack.pdf", members_pdf),
        html_path=write(f"{directory}/pack.html", f"<p>{SECRET_MEMBERS_PACK}</p>".encode()),
        csv_path=write(f"{directory}/figures.csv", b"indicator,name\r\n1,Published figure\r\n"),
        xlsx_path=write(f"{directory}/figures.xlsx", files.read(build.xlsx_path)),
        public_pdf_path=write(f"{directory}/public.pdf", public_pdf),
        public_html_path=write(f"{directory}/public.html", f"<p>{public_text}</p>".encode()),
        sha256=files.sha256_of(members_pdf),
        public_sha256=files.sha256_of(public_pdf),
        page_count=2,
        public_page_count=1,
        published_by=by,
        change_log=["First published version."] if number == 1 else [f"Item 9 added: {SECRET_EXEMPT_TITLE}"],
        snapshot=build.snapshot,
    )


@dataclass
class PublicWorld:
    body: object
    other_body: object
    quarter: object
    draft_quarter: object
    indicator: object
    meeting: object
    version: object
    draft: object
    other_indicator: object
    other_meeting: object
    publication: object


@pytest.fixture
def public_world(committee, area, governance, settings, tmp_path) -> PublicWorld:
    """Body A has published Quarter 1 2024/25 and its 8 October 2024 meeting (v1 and v2); Quarter 2 is a draft.
    Body B (a board) has published nothing: a meeting with a draft build only, and figures."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    quarter = QuarterFactory(year__start_year=2024, number=1)
    draft_quarter = QuarterFactory(year__start_year=2024, number=2)
    indicator = IndicatorFactory(
        committee=committee, service_area=area, number=11, name="Two-year-olds taking up free early education"
    )
    TargetFactory(indicator=indicator, year=quarter.year, value=Decimal("75.0"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 5, 31), value=Decimal("74.6"))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal("78.9"))
    FigureFactory(
        indicator=indicator,
        period_end=datetime.date(2024, 9, 30),
        value=Decimal(SECRET_DRAFT_VALUE),
        not_updated=True,
        not_updated_reason=SECRET_DRAFT_QUARTER,
    )
    ReturnFactory(indicator=indicator, quarter=quarter, state=ReviewState.DRAFT, commentary=SECRET_COMMENTARY)
    publication = QuarterPublication.objects.create(committee=committee, quarter=quarter)

    meeting = MeetingFactory(committee=committee, quarter=quarter, date=MEETING_DATE)
    AgendaItemFactory(meeting=meeting, number=1, title="Apologies for absence", kind=AgendaItemKind.NO_PAPER)
    AgendaItemFactory(
        meeting=meeting, number=8, title="Corporate Performance Report", kind=AgendaItemKind.PERFORMANCE_REPORT
    )
    AgendaItemFactory(
        meeting=meeting,
        number=9,
        title=SECRET_EXEMPT_TITLE,
        executive_summary=SECRET_EXEMPT_COVER,
        kind=AgendaItemKind.NO_PAPER,
        exempt_paragraph=3,
    )
    first = ready_build(meeting, by=governance, draft=False)
    version_one = public_version(first, by=governance, public_text=f"{PUBLIC_PACK_TEXT} v1")
    second = ready_build(meeting, by=governance, draft=False)
    version = public_version(second, by=governance)
    draft = ready_build(meeting, by=governance, draft=True, title=SECRET_DRAFT_BUILD)
    # Added after the latest version was published: not on the public agenda until a version prints it.
    AgendaItemFactory(meeting=meeting, number=12, title=SECRET_LATER_ITEM)
    assert version_one.number == 1 and version.number == 2

    other_body = CommitteeFactory(name="Corporate Parenting Board", kind=CommitteeKind.BOARD)
    other_area = ServiceAreaFactory(committee=other_body, name="Children in care", slug="children-in-care")
    other_indicator = IndicatorFactory(committee=other_body, service_area=other_area, number=11, name="Placements")
    FigureFactory(
        indicator=other_indicator,
        period_end=datetime.date(2024, 6, 30),
        value=Decimal("12.0"),
        not_updated=True,
        not_updated_reason=SECRET_OTHER_BODY,
    )
    other_meeting = MeetingFactory(
        committee=other_body, quarter=quarter, date=datetime.date(2024, 11, 5), venue=f"Room {SECRET_OTHER_BODY}"
    )
    ready_build(other_meeting, by=governance, draft=True, title=SECRET_OTHER_BODY)
    return PublicWorld(
        body=committee,
        other_body=other_body,
        quarter=quarter,
        draft_quarter=draft_quarter,
        indicator=indicator,
        meeting=meeting,
        version=version,
        draft=draft,
        other_indicator=other_indicator,
        other_meeting=other_meeting,
        publication=publication,
    )
