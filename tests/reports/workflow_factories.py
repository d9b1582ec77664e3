"""Factories and builders for the pack's workflow tests: meetings, agenda items, approved returns, PDFs.

``pack_ready_meeting`` arranges a meeting whose final pack nothing blocks: three
indicators (Blue, Red with actions, Green), each with an approved return, a
performance report item with its examples and an uploaded paper.
"""

from __future__ import annotations

import datetime
import io
import uuid
from decimal import Decimal

import factory
import pytest
from factory.django import DjangoModelFactory
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from commentary.models import Return
from cyp.enums import ReviewState
from reports.enums import AgendaItemKind, AgendaSection, BuildStatus
from reports.models import AgendaItem, Meeting, PackBuild, PackVersion
from tests.factories import (
    CommitteeFactory,
    FigureFactory,
    IndicatorFactory,
    QuarterFactory,
    TargetFactory,
)

MEETING_DATE = datetime.date(2024, 10, 8)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting
        django_get_or_create = ("committee", "date")

    committee = factory.SubFactory(CommitteeFactory)
    date = MEETING_DATE
    time = datetime.time(14, 0)
    venue = "Red Kite Room, New Shire Hall, Alconbury Weald, Huntingdon PE28 4YE"
    clerk_name = "Tamar Oviatt-Ham"
    clerk_email = "tamar.oviatt-ham@example.org"
    clerk_telephone = "01223 715668"
    membership = "Councillor Bryony Goodliffe (Chair)\nCouncillor Michael Atkins (Vice-Chair)"
    quarter = factory.SubFactory(QuarterFactory)


COVER = {
    "cover_to": "Children and Young People Committee",
    "cover_from": "Executive Director, Children, Education and Families",
    "electoral_divisions": "All",
    "forward_plan_reference": "Not applicable",
    "executive_summary": "This report provides an update on performance for quarter 1.",
    "recommendation": "The Committee is asked to note the report.",
    "officer_name": "Richard Springbett",
    "officer_post": "Governance and Performance Manager",
    "officer_email": "richard.springbett@example.org",
}


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    section = AgendaSection.DECISIONS
    number = factory.Sequence(lambda n: 10 + n)
    title = factory.Sequence(lambda n: f"Paper {n}")
    kind = AgendaItemKind.UPLOADED_PAPER
    cover_to = COVER["cover_to"]
    cover_from = COVER["cover_from"]
    electoral_divisions = COVER["electoral_divisions"]
    forward_plan_reference = COVER["forward_plan_reference"]
    executive_summary = COVER["executive_summary"]
    recommendation = COVER["recommendation"]
    officer_name = COVER["officer_name"]
    officer_post = COVER["officer_post"]
    officer_email = COVER["officer_email"]


def pdf_bytes(*, pages: int = 2, title: str = "Finance Monitoring Report", encrypt: str | None = None) -> bytes:
    """A small real PDF: each page says its title and number; with ``encrypt``, password-protected."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        canvas.drawString(72, 760, f"{title}: page {number} of {pages}")
        canvas.showPage()
    canvas.save()
    if encrypt is None:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=io.BytesIO(buffer.getvalue()))
    writer.encrypt(user_password=encrypt, owner_password=encrypt, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def indicator_with_figures(*, committee, area, number: int, target: str, current: str, previous: str, **kwargs):
    indicator = IndicatorFactory(committee=committee, service_area=area, number=number, **kwargs)
    TargetFactory(indicator=indicator, year__start_year=2024, value=Decimal(target))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 5, 31), value=Decimal(previous))
    FigureFactory(indicator=indicator, period_end=datetime.date(2024, 6, 30), value=Decimal(current))
    return indicator


def return_for(*, indicator, quarter, state=ReviewState.APPROVED, commentary="Commentary as approved.", actions=""):
    return Return.objects.update_or_create(
        indicator=indicator,
        quarter=quarter,
        defaults={
            "state": state,
            "period_label": "June 2024",
            "period_start": datetime.date(2024, 6, 1),
            "period_end": datetime.date(2024, 6, 30),
            "value": indicator.figures.order_by("-period_end").first().value,
            "commentary": commentary,
            "actions": actions,
        },
    )[0]


def pack_ready_meeting(*, committee, area, quarter, with_paper: bool = True) -> Meeting:
    """A meeting whose final pack nothing blocks (see the module docstring)."""
    blue = indicator_with_figures(
        committee=committee, area=area, number=117, target="75.0", current="85.0", previous="80.0"
    )
    red = indicator_with_figures(
        committee=committee, area=area, number=3, target="50.0", current="30.0", previous="40.0"
    )
    green = indicator_with_figures(
        committee=committee, area=area, number=8, target="80.0", current="81.0", previous="79.0"
    )
    return_for(indicator=blue, quarter=quarter, commentary="Strong quarter for indicator 117.")
    return_for(
        indicator=red, quarter=quarter, commentary="Indicator 3 fell again.", actions="- Review every case by July."
    )
    return_for(indicator=green, quarter=quarter, commentary="Indicator 8 is on target.")
    meeting = MeetingFactory(committee=committee, quarter=quarter)
    AgendaItemFactory(
        meeting=meeting,
        number=8,
        title="Children and Young People's Corporate Performance Report",
        kind=AgendaItemKind.PERFORMANCE_REPORT,
        green_blue_examples=[117],
        red_examples=[3],
    )
    if with_paper:
        paper_attach(
            AgendaItemFactory(meeting=meeting, number=7, title="Finance Monitoring Report – August 2024"),
            pdf_bytes(pages=3),
        )
    return meeting


def paper_attach(item: AgendaItem, data: bytes) -> AgendaItem:
    """Store a paper as an upload would, without the upload's checks (tests of the checks use the service)."""
    from django.core.files.base import ContentFile

    from reports.services import files

    item.paper.save(f"meeting-{item.meeting_id}-item-{item.number}.pdf", ContentFile(data), save=False)
    item.paper_name = "finance.pdf"
    item.paper_pages = 3
    item.paper_sha256 = files.sha256_of(data)
    item.save()
    return item


def ready_build(meeting: Meeting, *, by, draft: bool, title: str = "") -> PackBuild:
    """A build as a finished assembly leaves it, with small real files, without rendering (for page tests)."""
    from reports.services import files
    from reports.services.assembly import pack_snapshot

    build = PackBuild.objects.create(
        meeting=meeting,
        draft=draft,
        created_by=by,
        idempotency_key=uuid.uuid4().hex,
        status=BuildStatus.RUNNING,
        attempt=1,
    )
    directory = files.build_dir(meeting_id=meeting.pk, build_id=build.pk, attempt=1)
    pdf = pdf_bytes(pages=2, title=title or ("DRAFT pack" if draft else "Final pack"))
    pdf_path = files.write_atomic(f"{directory}/pack.pdf", pdf)
    html_path = files.write_atomic(f"{directory}/pack.html", f"<p>{title or 'Pack'}</p>".encode())
    PackBuild.objects.filter(pk=build.pk).update(
        status=BuildStatus.READY,
        step="Ready",
        percent=100,
        pdf_path=pdf_path,
        html_path=html_path,
        csv_path=files.write_atomic(f"{directory}/figures.csv", b"number,name\n"),
        xlsx_path=files.write_atomic(f"{directory}/figures.xlsx", b"PK\x03\x04"),
        # No exempt item: the public pack is the members' files.
        public_pdf_path=pdf_path,
        public_html_path=html_path,
        pdf_sha256=files.sha256_of(pdf),
        public_pdf_sha256=files.sha256_of(pdf),
        page_count=2,
        public_page_count=2,
        snapshot=pack_snapshot(meeting=meeting),
    )
    build.refresh_from_db()
    return build


def published_version(build: PackBuild, *, by) -> PackVersion:
    """Publish a build's files as the next version without the publishing checks (for page tests)."""
    from reports.services import files

    number = build.meeting.versions.count() + 1
    directory = files.version_dir(meeting_id=build.meeting_id, number=number)
    paths = {
        fmt: files.write_once(f"{directory}/pack.{fmt}", files.read(build.path_for(fmt)))
        for fmt in ("pdf", "html", "csv", "xlsx")
    }
    return PackVersion.objects.create(
        meeting=build.meeting,
        build=build,
        number=number,
        pdf_path=paths["pdf"],
        html_path=paths["html"],
        csv_path=paths["csv"],
        xlsx_path=paths["xlsx"],
        public_pdf_path=paths["pdf"],
        public_html_path=paths["html"],
        sha256=build.pdf_sha256,
        public_sha256=build.pdf_sha256,
        page_count=build.page_count,
        public_page_count=build.page_count,
        published_by=by,
        change_log=["First published version."] if number == 1 else ["Indicator 117: commentary changed"],
        snapshot=build.snapshot,
    )


# --- Fixtures (imported by the workflow test modules) ----------------------------------------------


@pytest.fixture
def ready_meeting(committee, area, quarter, settings, tmp_path):
    """A meeting nothing blocks, with a media directory of its own (SQLite reuses ids after a rollback,
    so files of an earlier test could otherwise sit where this test's build writes)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return pack_ready_meeting(committee=committee, area=area, quarter=quarter)


@pytest.fixture
def assemble(django_capture_on_commit_callbacks, governance):
    """``assemble(meeting, draft=True)``: queue a build as the governance team and run its task
    (in-process), as the commit of the request would; returns the build as it ended."""
    from reports.services.assembly import pack_queue

    def run(meeting, *, draft: bool = True, by=None, idempotency_key: str = ""):
        with django_capture_on_commit_callbacks(execute=True):
            build = pack_queue(meeting=meeting, by=by or governance, draft=draft, idempotency_key=idempotency_key)
        build.refresh_from_db()
        return build

    return run
