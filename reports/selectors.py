"""Reads: meetings, their deadlines and readiness, builds and versions a person may see.

Every list here runs a fixed number of queries whatever its length; the pages
that use them are guarded by query-count tests.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from commentary import selectors as commentary_selectors
from cyp.enums import ReviewState
from cyp.models import Committee, Quarter
from indicators import reporting
from indicators.selectors import IndicatorRow, quarter_rows
from plans.selectors import current_ofsted_plan
from reports import exempt
from reports.document import ItemKind
from reports.enums import AgendaItemKind, BlockerKind, BuildStatus, PackFormat
from reports.models import AgendaItem, Meeting, PackBuild, PackVersion
from reports.papers import paper_build

# --- Deadlines -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    label: str
    date: datetime.date
    today: datetime.date

    @property
    def days_left(self) -> int:
        return (self.date - self.today).days

    @property
    def is_past(self) -> bool:
        return self.days_left < 0

    @property
    def when(self) -> str:
        """ "in 3 days", "today", "2 days ago": for a board read at a glance."""
        days = self.days_left
        if days == 0:
            return "today"
        if days > 0:
            return f"in {days} day{'s' if days != 1 else ''}"
        return f"{-days} day{'s' if days != -1 else ''} ago"


def meeting_deadlines(*, meeting: Meeting, today: datetime.date | None = None) -> list[Deadline]:
    """The dates that follow from the meeting, in order: returns due (the quarter's data deadline,
    when set), draft reports due, agenda despatch, the meeting itself. No queries beyond the quarter."""
    today = today or timezone.localdate()
    deadlines = []
    if meeting.quarter.data_deadline:
        deadlines.append(Deadline("Returns due", meeting.quarter.data_deadline, today))
    deadlines += [
        Deadline("Draft reports due", meeting.draft_due_date, today),
        Deadline("Agenda despatched", meeting.despatch_date, today),
        Deadline("Committee meeting", meeting.date, today),
    ]
    return deadlines


def meetings_for_quarter(*, quarter: Quarter) -> list[Meeting]:
    """The meetings that report a quarter, earliest first (one query)."""
    return list(Meeting.objects.filter(quarter=quarter).select_related("committee", "quarter__year").order_by("date"))


# --- Lists and pages -------------------------------------------------------------------------------


def meetings_list(*, user, committee: Committee) -> QuerySet[Meeting]:
    """Every meeting of the body, newest first, with counts; people who may not see drafts get no build counts."""
    meetings = (
        Meeting.objects.filter(committee=committee)
        .select_related("committee", "quarter__year")
        .annotate(
            item_count=Count("items", distinct=True),
            latest_version=Max("versions__number"),
        )
        .order_by("-date", "-time")
    )
    if user.has_perm("reports.view_builds"):
        meetings = meetings.annotate(
            active_builds=Count("builds", filter=Q(builds__status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING]))
        )
    return meetings


def meeting_for_page(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("committee", "quarter__year").get(pk=pk)


def agenda_items(*, meeting: Meeting) -> list[AgendaItem]:
    """The agenda in printed order: by section, then number (one query)."""
    items = list(meeting.items.all())
    for item in items:
        item.meeting = meeting  # avoid a query per item in cover_sheet()
    return sorted(items, key=lambda item: (item.section_position, item.number))


def builds_for(*, meeting: Meeting, limit: int = 20) -> list[PackBuild]:
    return list(meeting.builds.select_related("created_by").order_by("-created_at", "-id")[:limit])


def versions_for(*, meeting: Meeting) -> list[PackVersion]:
    return list(meeting.versions.select_related("published_by").order_by("-number"))


def active_build(*, meeting: Meeting) -> PackBuild | None:
    return meeting.builds.filter(status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING]).first()


def meetings_with_versions() -> QuerySet[Meeting]:
    return Meeting.objects.prefetch_related(Prefetch("versions", queryset=PackVersion.objects.order_by("-number")))


# --- Readiness -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Blocker:
    """Something that stops a final pack: what it is, and where to go to fix it."""

    kind: BlockerKind
    message: str
    url: str
    link_text: str


@dataclass(frozen=True)
class ReadinessWarning:
    """Something the final pack can go ahead with, but should not: what it is, and where to fix it."""

    message: str
    url: str
    link_text: str


def pack_warnings(*, meeting: Meeting, items: list[AgendaItem] | None = None) -> list[ReadinessWarning]:
    """What readiness warns about: each uploaded paper that is not tagged for screen readers (the paper
    check's ``paper_file_tagged`` reads the stored file; no query when ``items`` is given)."""
    from reports.services.files import absolute
    from reports.services.meetings import paper_file_tagged, paper_untagged_message

    if items is None:
        items = agenda_items(meeting=meeting)
    warnings = []
    for item in items:
        if not (item.is_uploaded_paper and item.has_paper):
            continue
        path = absolute(item.paper.name)
        if path.exists() and paper_file_tagged(path) is False:
            warnings.append(
                ReadinessWarning(
                    paper_untagged_message(number=item.number, title=item.title, name=item.paper_name or path.name),
                    reverse("agenda_item_upload", kwargs={"pk": meeting.pk, "item_pk": item.pk}),
                    f"Upload a tagged paper for item {item.number}",
                )
            )
    return warnings


def return_url(ret, quarter: Quarter) -> str:
    """The return's page, or the quarter's governance board when there is no return to point at."""
    if ret is not None:
        return reverse("return_detail", kwargs={"pk": ret.pk})
    return reverse("governance_board", kwargs={"quarter": quarter})


def pack_readiness(
    *, meeting: Meeting, rows: list[IndicatorRow] | None = None, items: list[AgendaItem] | None = None
) -> list[Blocker]:
    """Everything that stops the final pack, each with a link to where it is fixed.

    Returns not approved and Red indicators without actions count only when the
    agenda has a performance report. A Red indicator needs actions whether or not
    its figure was updated (``indicators.reporting.actions_missing``, as the return
    check and the pack say). A draft can be assembled whatever this says.
    ``rows`` and ``items`` save queries when the caller has them already.
    """
    if items is None:
        items = agenda_items(meeting=meeting)
    blockers: list[Blocker] = []
    if not items:
        blockers.append(
            Blocker(
                BlockerKind.AGENDA_EMPTY,
                "The agenda has no items yet.",
                reverse("agenda_item_create", kwargs={"pk": meeting.pk}),
                "Add an agenda item",
            )
        )
    for item in items:
        edit_url = reverse("agenda_item_edit", kwargs={"pk": meeting.pk, "item_pk": item.pk})
        missing = item.missing_cover_fields()
        if missing:
            blockers.append(
                Blocker(
                    BlockerKind.COVER_INCOMPLETE,
                    f"Item {item.number} ({item.title}): the cover sheet has no {', '.join(missing)}.",
                    edit_url,
                    f"Complete the cover sheet of item {item.number}",
                )
            )
        if item.is_uploaded_paper and not item.has_paper:
            blockers.append(
                Blocker(
                    BlockerKind.PAPER_MISSING,
                    f"Item {item.number} ({item.title}): the paper has not been uploaded.",
                    reverse("agenda_item_upload", kwargs={"pk": meeting.pk, "item_pk": item.pk}),
                    f"Upload the paper for item {item.number}",
                )
            )
        if item.kind == AgendaItemKind.IMPROVEMENT_PLAN_REPORT and (
            current_ofsted_plan(committee=meeting.committee) is None
        ):
            blockers.append(
                Blocker(
                    BlockerKind.PLAN_REPORT_UNAVAILABLE,
                    f"Item {item.number} ({item.title}): there is no current Ofsted improvement plan to report.",
                    reverse("plans:plan_list"),
                    "Open the improvement plans",
                )
            )
        if item.kind == AgendaItemKind.ACTION_LOG and paper_build(ItemKind.ACTION_LOG, meeting=meeting) is None:
            blockers.append(
                Blocker(
                    BlockerKind.ACTION_LOG_EMPTY,
                    f"Item {item.number} ({item.title}): the body has no earlier minutes and no minute actions "
                    "to print. Write the last meeting's minutes, or change the item's kind.",
                    reverse("minutes:action_log", kwargs={"committee": meeting.committee}),
                    "Open the action log",
                )
            )
    performance_items = [item for item in items if item.is_performance_report]
    if performance_items:
        if rows is None:
            rows = quarter_rows(committee=meeting.committee, quarter=meeting.quarter)
        for item in performance_items:
            blockers += _example_blockers(meeting, item, rows)
        blockers += _return_blockers(meeting, rows)
    return blockers


def _example_blockers(meeting: Meeting, item: AgendaItem, rows: list[IndicatorRow]) -> list[Blocker]:
    edit_url = reverse("agenda_item_edit", kwargs={"pk": meeting.pk, "item_pk": item.pk})
    link_text = f"Choose the examples for item {item.number}"
    ratings = {row.indicator.number: row.rating.status for row in rows}
    # Only a counted row can be an example: a not-updated one is listed apart (indicators.reporting).
    kinds = {
        row.indicator.number: reporting.example_kind(
            status=row.rating.status, not_updated=row.not_updated, not_available=row.not_available
        )
        for row in rows
    }
    blockers = []
    if not item.green_blue_examples or not item.red_examples:
        wanted = [
            kind.value
            for kind, chosen in (
                (reporting.ExampleKind.GREEN_BLUE, item.green_blue_examples),
                (reporting.ExampleKind.RED, item.red_examples),
            )
            if not chosen and kind in kinds.values()
        ]
        if wanted:
            blockers.append(
                Blocker(
                    BlockerKind.EXAMPLES_MISSING,
                    f"Item {item.number} ({item.title}): choose the {' and '.join(wanted)} examples of commentary.",
                    edit_url,
                    link_text,
                )
            )
    not_updated = {row.indicator.number for row in rows if row.not_updated}
    not_available = {row.indicator.number for row in rows if row.not_available}
    checks = (
        (item.green_blue_examples, reporting.ExampleKind.GREEN_BLUE, "a Green or Blue example"),
        (item.red_examples, reporting.ExampleKind.RED, "a Red example"),
    )
    for numbers, wanted_kind, role in checks:
        for number in numbers:
            if number not in ratings:
                message = f"Indicator {number} is chosen as {role} but is not one of the committee's indicators."
            elif number in not_updated:
                message = f"Indicator {number} is chosen as {role} but was not updated this quarter."
            elif number in not_available:
                message = f"Indicator {number} is chosen as {role} but its figure is not available this period."
            elif kinds[number] != wanted_kind:
                status = ratings[number].value if ratings[number] else "not rated"
                message = f"Indicator {number} is chosen as {role} but is rated {status} this quarter."
            else:
                continue
            blockers.append(Blocker(BlockerKind.EXAMPLE_MISMATCH, message, edit_url, link_text))
    return blockers


def _return_blockers(meeting: Meeting, rows: list[IndicatorRow]) -> list[Blocker]:
    quarter = meeting.quarter
    returns = commentary_selectors.returns_for_quarter(quarter=quarter)
    by_indicator = {ret.indicator_id: ret for ret in returns}
    blockers = []
    for row in rows:
        indicator = row.indicator
        ret = by_indicator.get(indicator.id)
        if ret is None and indicator.is_suspended:
            continue  # a suspended indicator has no return to make; the report says it is suspended
        if ret is None:
            blockers.append(
                Blocker(
                    BlockerKind.RETURN_NOT_APPROVED,
                    f"Indicator {indicator.number} ({indicator.name}): there is no return for {quarter.display}.",
                    return_url(None, quarter),
                    f"Open the {quarter.display} returns",
                )
            )
            continue
        if ret.state != ReviewState.APPROVED:
            blockers.append(
                Blocker(
                    BlockerKind.RETURN_NOT_APPROVED,
                    f"Indicator {indicator.number} ({indicator.name}): the return is "
                    f"{ReviewState(ret.state).label.lower()}, not approved.",
                    return_url(ret, quarter),
                    f"Review the return for indicator {indicator.number}",
                )
            )
        if reporting.actions_missing(status=row.rating.status, actions=ret.actions):
            blockers.append(
                Blocker(
                    BlockerKind.RED_WITHOUT_ACTIONS,
                    f"Indicator {indicator.number} ({indicator.name}) is Red and its return has no actions.",
                    return_url(ret, quarter),
                    f"Add actions for indicator {indicator.number}",
                )
            )
    return blockers


# --- Exempt items and the public pack --------------------------------------------------------------

#: The members' pack files and their public variants (the figures files are public already).
PUBLIC_VARIANT = {PackFormat.PDF: PackFormat.PUBLIC_PDF, PackFormat.HTML: PackFormat.PUBLIC_HTML}


@dataclass
class WithheldItem:
    """An exempt item on the agenda of someone who may not see it: the public agenda's notice, nothing more."""

    number: int
    section: str
    section_display: str
    notice: str
    description: str
    pk: None = None
    withheld: bool = True
    pages: None = None

    def get_section_display(self) -> str:
        return self.section_display


def agenda_for(*, meeting: Meeting, user, items: list[AgendaItem] | None = None) -> list[AgendaItem | WithheldItem]:
    """The agenda as the person may read it: an exempt item they may not see is only its notice (no query
    beyond ``agenda_items``, and one for the person's bodies when the agenda has an exempt item)."""
    if items is None:
        items = agenda_items(meeting=meeting)
    if not any(item.is_exempt for item in items) or user.has_perm("reports.view_exempt", meeting):
        return items
    return [
        WithheldItem(
            number=item.number,
            section=item.section,
            section_display=item.get_section_display(),
            notice=exempt.public_notice(item.exempt_paragraph),
            description=item.exempt_public_description,
        )
        if item.is_exempt
        else item
        for item in items
    ]


def public_format(fmt: PackFormat | str) -> PackFormat:
    """The format of the public pack's file that stands for ``fmt`` (PDF → public PDF, HTML → public HTML)."""
    fmt = PackFormat(fmt)
    return PUBLIC_VARIANT.get(fmt, fmt)


def public_pack_file(*, version: PackVersion, fmt: PackFormat | str) -> str:
    """The stored path (relative to MEDIA_ROOT) of the published version's file for the public: the public
    pack's PDF or HTML (never the members' one when the meeting has an exempt item), or the figures CSV or
    XLSX (made from the public pack). "" when the version has no such file. No query."""
    return version.path_for(public_format(fmt))


def pack_format_for(*, version: PackVersion, fmt: PackFormat | str, user) -> PackFormat:
    """Which file of a published version a signed-in person gets for ``fmt``: the members' pack for people
    of the body (``reports.view_exempt``), the public pack for everyone else. When the meeting has no exempt
    item the two are one file, named as asked."""
    fmt = PackFormat(fmt)
    if fmt in PUBLIC_VARIANT and user.has_perm("reports.view_exempt", version.meeting):
        return fmt
    served = public_format(fmt)
    if served != fmt and version.path_for(served) == version.path_for(fmt):
        return fmt
    return served


def pages_for(*, source: PackBuild | None, user, meeting: Meeting) -> dict[str, list[int]]:
    """Each agenda item's pages in the pack the person reads (members' or public), from a ready build."""
    if source is None:
        return {}
    if user.has_perm("reports.view_exempt", meeting):
        return source.item_pages
    return source.public_item_pages
