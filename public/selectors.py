"""Reads for the public site: what each body has published, and nothing else.

What counts as published has one home each, and this module only asks them:

- a body's quarter is published when ``cyp.models.QuarterPublication(committee, quarter)`` exists;
- its figures are the quarter's rows as the body's members see them
  (``indicators.selectors.quarter_rows(..., viewer=...)``): a figure corrected after publication
  shows as the published pack printed it until a later version names the correction;
- a meeting is published when it has a ``PackVersion``; its files are the ones
  ``reports.selectors.public_pack_file`` gives the public (never the members' pack);
- an exempt (Part 2) item is shown only as its notice (``reports.exempt.public_notice``).

The reader is ``PUBLIC``, an anonymous visitor: nothing here depends on who is signed in, so
every page can be cached by anyone. Every function runs a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, Min, Q

from cyp.models import Committee, QuarterPublication
from indicators.exports import export_row
from indicators.models import FigureLock, Indicator
from indicators.selectors import IndicatorPage, IndicatorRow, indicator_page, quarter_rows
from reports import selectors as report_selectors
from reports.enums import SECTION_ORDER, AgendaSection, PackFormat
from reports.exempt import public_notice
from reports.models import Meeting, PackVersion

#: Whose eyes the public site has: no sign-in, no role, so a member's view of published work at most.
PUBLIC = AnonymousUser()

#: The files of a published version the public may download, by the extension of their address: which
#: stored file answers for each is ``reports.selectors.public_pack_file``'s choice (the public pack's).
PUBLIC_FILES = {
    "pdf": PackFormat.PDF,
    "html": PackFormat.HTML,
    "csv": PackFormat.CSV,
    "xlsx": PackFormat.XLSX,
}


# --- Bodies and their published quarters ---------------------------------------------------------


def bodies() -> list[Committee]:
    """Every body of the council, in the council's order, with how many meetings each has published."""
    return list(
        Committee.objects.annotate(
            published_meetings=Count("meetings", filter=Q(meetings__versions__number=1), distinct=True),
            published_quarters=Count("publications", distinct=True),
        ).order_by("position", "name")
    )


def body_publications(*, committee: Committee) -> list[QuarterPublication]:
    """The quarters the body has published, newest first (one query)."""
    return list(
        QuarterPublication.objects.filter(committee=committee)
        .select_related("quarter__year")
        .order_by("-quarter__year__start_year", "-quarter__number")
    )


def period_param(params) -> tuple[str, str]:
    """(the parameter's name, the slug it gives) of ``?period=`` (either kind: "2024-08", "2024-25-Q1") or
    ``?quarter=``; ("quarter", "") when neither is given."""
    for name in ("period", "quarter"):
        slug = params.get(name, "").strip()
        if slug:
            return name, slug
    return "quarter", ""


def publication_named(publications: list[QuarterPublication], slug: str | None) -> QuarterPublication | None:
    """Of a body's publications (``body_publications``), the quarter a ``?quarter=`` names ("2024-25-Q1"), or the
    latest when none is named; None when the body has not published that quarter (or any). No query."""
    if not slug:
        return publications[0] if publications else None
    return next((p for p in publications if p.quarter.slug.lower() == slug.lower()), None)


# --- Figures -------------------------------------------------------------------------------------


def published_rows(*, committee: Committee, quarter) -> list[IndicatorRow]:
    """Every indicator of the body as its published quarter reports it, as its members see it.

    The caller has checked the quarter is published for the body (``publication_named``).
    """
    return quarter_rows(committee=committee, quarter=quarter, viewer=PUBLIC)


#: The open data's columns, in order: the names of the CSV heading and of the JSON fields.
FIGURE_FIELDS = (
    "indicator",
    "name",
    "service_area",
    "unit",
    "direction",
    "frequency",
    "period_label",
    "period_end",
    "value",
    "target",
    "target_status",
    "deviation_pct",
    "rag",
    "change",
    "sn_mean",
    "england_mean",
    "region_mean",
    "not_updated",
    "not_updated_reason",
)


def figure_record(row: IndicatorRow) -> dict[str, object]:
    """One indicator's published figure as open data: the export's values (``indicators.exports.export_row``,
    numbers at the indicator's decimals), the period's end, and "not updated" as true or false."""
    values = export_row(row)
    values["period_end"] = row.current.period_end if row.current else None
    values["not_updated"] = row.not_updated
    values["not_updated_reason"] = values["not_updated_reason"] or ""
    return {name: values[name] for name in FIGURE_FIELDS}


def figures_changed_at(*, committee: Committee, publication: QuarterPublication) -> datetime.datetime:
    """When what the public sees of the quarter last changed: its publication, or a later version of the body's
    pack (which can bring a correction of a figure into view). One query."""
    latest_lock = (
        FigureLock.objects.filter(committee=committee).order_by("-created_at").values_list("created_at", flat=True)
    ).first()
    return max(filter(None, (publication.published_at, latest_lock)))


# --- One indicator's published history -----------------------------------------------------------


def indicator_published(*, committee: Committee, number: int) -> IndicatorPage | None:
    """An indicator of the body as its members see it (``indicators.selectors.indicator_page``): figures up to
    the end of the body's latest published quarter, each as the published pack printed it, and the summary as
    that quarter reported it. None when the body reports no such indicator."""
    latest = publication_named(body_publications(committee=committee), None)
    try:
        return indicator_page(
            committee=committee, number=number, user=PUBLIC, quarter=latest.quarter if latest else None
        )
    except Indicator.DoesNotExist:
        return None


# --- Meetings ------------------------------------------------------------------------------------


def body_meetings(*, committee: Committee) -> list[Meeting]:
    """The body's meetings with a published pack, newest first, each with ``latest_version`` and
    ``first_published`` (one query)."""
    return list(
        Meeting.objects.filter(committee=committee, versions__isnull=False)
        .annotate(latest_version=Max("versions__number"), first_published=Min("versions__published_at"))
        .select_related("quarter__year")
        .order_by("-date")
    )


@dataclass(frozen=True)
class PublicItem:
    """An agenda item as the public agenda prints it: an exempt item is its number and notice, nothing else."""

    number: int
    section: str
    title: str
    notice: str

    @property
    def is_exempt(self) -> bool:
        return bool(self.notice)


@dataclass(frozen=True)
class PublicFile:
    extension: str
    label: str


@dataclass
class PublishedVersion:
    version: PackVersion
    files: list[PublicFile]


@dataclass
class PublishedMeeting:
    meeting: Meeting
    items: list[PublicItem]
    versions: list[PublishedVersion]  # newest first

    @property
    def latest(self) -> PublishedVersion:
        return self.versions[0]

    @property
    def sections(self) -> list[tuple[str, list[PublicItem]]]:
        """The agenda in its printed sections, empty sections left out."""
        return [
            (section.label, [item for item in self.items if item.section == section])
            for section in AgendaSection
            if any(item.section == section for item in self.items)
        ]


def meeting_published(*, committee: Committee, day: datetime.date) -> PublishedMeeting | None:
    """The body's meeting on that day as published: None when there is none or it has no published pack.

    The agenda is the latest version's: its items as that version's snapshot names them (an item added
    since, and not yet published, is left out), in the printed order. An item exempt when published or
    since is shown as its notice alone. Three queries.
    """
    meeting = Meeting.objects.filter(committee=committee, date=day).select_related("quarter__year").first()
    if meeting is None:
        return None
    versions = list(meeting.versions.order_by("-number"))
    if not versions:
        return None
    return PublishedMeeting(
        meeting=meeting,
        items=public_agenda(meeting=meeting, version=versions[0]),
        versions=[PublishedVersion(version, version_files(version=version)) for version in versions],
    )


def public_agenda(*, meeting: Meeting, version: PackVersion) -> list[PublicItem]:
    """The agenda a published version printed, each exempt item as its notice (one query)."""
    printed = (version.snapshot or {}).get("items")
    items = []
    for item in report_selectors.agenda_items(meeting=meeting):
        published = printed.get(str(item.number)) if printed is not None else {"title": item.title}
        if published is None:
            continue  # added since the version was published: the public sees it when a version prints it
        paragraph = item.exempt_paragraph or published.get("exempt_paragraph")
        items.append(
            PublicItem(
                number=item.number,
                section=item.section,
                title="" if paragraph else published.get("title", ""),
                notice=public_notice(paragraph) if paragraph else "",
            )
        )
    return sorted(items, key=lambda item: (SECTION_ORDER[AgendaSection(item.section)], item.number))


def published_version(*, committee: Committee, day: datetime.date, number: int) -> PackVersion | None:
    """Version ``number`` of the body's meeting on that day (one query)."""
    return (
        PackVersion.objects.filter(meeting__committee=committee, meeting__date=day, number=number)
        .select_related("meeting")
        .first()
    )


def version_file(*, version: PackVersion, extension: str) -> str:
    """The stored path of the version's file the public may have in that format, or "" when there is none.

    Only ``reports.selectors.public_pack_file`` decides which file that is (the public pack leaves
    exempt items out). No query.
    """
    fmt = PUBLIC_FILES.get(extension)
    if fmt is None:
        return ""
    return report_selectors.public_pack_file(version=version, fmt=fmt) or ""


FILE_LABELS = {
    "pdf": "Agenda and reports (PDF)",
    "html": "Agenda and reports (accessible web page)",
    "csv": "Performance figures (CSV)",
    "xlsx": "Performance figures (Excel)",
}


def version_files(*, version: PackVersion) -> list[PublicFile]:
    """The files of a version the public may download, in the order the page lists them."""
    return [
        PublicFile(extension, FILE_LABELS[extension])
        for extension in PUBLIC_FILES
        if version_file(version=version, extension=extension)
    ]
