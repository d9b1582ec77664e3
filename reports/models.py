"""Meetings, their agendas, pack builds and published pack versions.

A build is one run of the assembly: it may be a draft (watermarked) or final,
and ends ready or failed. Publishing a ready final build freezes a version
whose files are written once and never change.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format

from cyp import limits
from cyp.limits import TextLimit
from cyp.models import Committee, Quarter
from reports.document import CoverSheet
from reports.enums import (
    ACTIVE_BUILD_STATUSES,
    SECTION_ORDER,
    AgendaItemKind,
    AgendaSection,
    BuildStatus,
    ExemptParagraph,
    PackFormat,
)

#: Template placeholders left in a published front sheet: "Red Kite Room [Venue Address]".
PLACEHOLDER = re.compile(r"\[[^\]]*\]|\{\{.*?\}\}|<[^>]*>|\bTBC\b|\bXXX+\b", re.IGNORECASE)


def validate_no_placeholder(value: str) -> None:
    match = PLACEHOLDER.search(value or "")
    if match:
        raise ValidationError(
            "Remove the template placeholder “%(placeholder)s” and write the real text.",
            code="placeholder",
            params={"placeholder": match.group(0)},
        )


class Meeting(models.Model):
    """A meeting of the committee, and the quarter whose performance it reports."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    time = models.TimeField(help_text="The time the meeting starts, as 14:00.")
    venue = models.CharField(max_length=300, validators=[validate_no_placeholder])
    clerk_name = models.CharField(max_length=200, validators=[validate_no_placeholder])
    clerk_email = models.EmailField(blank=True)
    clerk_telephone = models.CharField(max_length=40, blank=True)
    membership = models.TextField(
        blank=True,
        help_text="One member per line, as printed: Councillor Bryony Goodliffe (Chair).",
        validators=[TextLimit(limits.MEMBERSHIP)],
    )
    quarter = models.ForeignKey(
        Quarter,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text="The quarter whose performance it reports.",
    )
    draft_due_days_before = models.PositiveSmallIntegerField(
        "draft reports due (days before)",
        default=12,
        help_text="12 makes the Thursday before a Tuesday meeting, as in the council's agenda plan.",
    )
    despatch_days_before = models.PositiveSmallIntegerField(
        "agenda despatch (days before)", default=8, help_text="8 makes the Monday before a Tuesday meeting."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-time"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "date"],
                name="meeting_one_per_committee_day",
                violation_error_message="The committee already meets on this date: choose another date, "
                "or change the meeting that is there.",
            ),
            models.CheckConstraint(
                condition=Q(draft_due_days_before__gte=F("despatch_days_before")),
                name="meeting_drafts_due_before_despatch",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee.name}, {date_format(self.date, 'j F Y')}"

    def clean(self) -> None:
        due, despatch = self.draft_due_days_before, self.despatch_days_before
        if due is not None and despatch is not None and due < despatch:
            raise ValidationError(
                {
                    "draft_due_days_before": (
                        "Draft reports must be due before the agenda is despatched: make this at least "
                        f"{despatch} days (you entered {due})."
                    )
                }
            )

    @property
    def draft_due_date(self) -> datetime.date:
        return self.date - datetime.timedelta(days=self.draft_due_days_before)

    @property
    def despatch_date(self) -> datetime.date:
        return self.date - datetime.timedelta(days=self.despatch_days_before)

    @property
    def members(self) -> list[str]:
        return [line.strip() for line in self.membership.splitlines() if line.strip()]

    @property
    def time_display(self) -> str:
        return self.time.strftime("%H:%M")


#: The council's cover sheet of a paper, as AgendaItem fields.
COVER_FIELDS = (
    "cover_to",
    "cover_from",
    "electoral_divisions",
    "key_decision",
    "forward_plan_reference",
    "executive_summary",
    "recommendation",
    "officer_name",
    "officer_post",
    "officer_email",
    "officer_telephone",
)
#: Everything a person edits on an agenda item (the form, and the audit of its changes).
ITEM_FIELDS = (
    "section",
    "number",
    "title",
    "kind",
    "note",
    "exempt_paragraph",
    "exempt_public_description",
    *COVER_FIELDS,
    "green_blue_examples",
    "red_examples",
)


class AgendaItem(models.Model):
    """One item of a meeting's agenda: a generated report or a paper uploaded as a PDF."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=20, choices=AgendaSection.choices)
    number = models.PositiveSmallIntegerField(help_text="As printed on the agenda: 8.")
    title = models.CharField(max_length=300, validators=[validate_no_placeholder])
    kind = models.CharField(max_length=30, choices=AgendaItemKind.choices)
    note = models.TextField(
        blank=True,
        help_text="Printed under the title on the agenda: “Guidance on declaring interests is …”.",
        validators=[TextLimit(limits.AGENDA_NOTE)],
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        "exempt (Part 2) under",
        choices=ExemptParagraph.choices,
        null=True,
        blank=True,
        help_text="Leave empty for a public item. An exempt item is left out of the public pack, with a notice.",
    )
    exempt_public_description = models.TextField(
        "description for the public agenda",
        blank=True,
        help_text=(
            "Only for an exempt item: printed under the notice in the public pack, as “Award of a contract for "
            "residential placements”. Leave empty to print the notice alone. Never put exempt information here."
        ),
        validators=[TextLimit(limits.AGENDA_NOTE)],
    )
    # The council's cover sheet. The meeting date printed on it is always the meeting's own.
    cover_to = models.CharField("to", max_length=200, blank=True)
    cover_from = models.CharField("from", max_length=300, blank=True)
    electoral_divisions = models.CharField("electoral division(s)", max_length=200, blank=True, default="All")
    key_decision = models.BooleanField(default=False)
    forward_plan_reference = models.CharField(
        "forward plan reference", max_length=100, blank=True, default="Not applicable"
    )
    executive_summary = models.TextField(blank=True, validators=[TextLimit(limits.EXECUTIVE_SUMMARY)])
    recommendation = models.TextField(blank=True, validators=[TextLimit(limits.COVER_RECOMMENDATION)])
    officer_name = models.CharField("officer contact: name", max_length=200, blank=True)
    officer_post = models.CharField("officer contact: post", max_length=200, blank=True)
    officer_email = models.EmailField("officer contact: e-mail", blank=True)
    officer_telephone = models.CharField("officer contact: telephone", max_length=40, blank=True)
    # An uploaded paper: served only through a view that checks permission.
    paper = models.FileField(upload_to="papers/%Y/%m/", blank=True, max_length=300)
    paper_name = models.CharField("file name as uploaded", max_length=255, blank=True)
    paper_pages = models.PositiveIntegerField(null=True, blank=True)
    paper_sha256 = models.CharField(max_length=64, blank=True)
    paper_uploaded_at = models.DateTimeField(null=True, blank=True)
    paper_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The performance report: the indicators whose commentary the cover paper quotes.
    green_blue_examples = models.JSONField(
        "Green and Blue examples", default=list, blank=True, help_text="Indicator numbers."
    )
    red_examples = models.JSONField("Red examples", default=list, blank=True, help_text="Indicator numbers.")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_unique_number",
                violation_error_message="Another item of this agenda has this number: choose another number.",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="agenda_item_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Item {self.number}: {self.title}"

    @property
    def section_position(self) -> int:
        return SECTION_ORDER[AgendaSection(self.section)]

    @property
    def is_uploaded_paper(self) -> bool:
        return self.kind == AgendaItemKind.UPLOADED_PAPER

    @property
    def is_exempt(self) -> bool:
        return self.exempt_paragraph is not None

    @property
    def is_performance_report(self) -> bool:
        return self.kind == AgendaItemKind.PERFORMANCE_REPORT

    def clean(self) -> None:
        if not self.is_exempt and self.exempt_public_description.strip():
            raise ValidationError(
                {
                    "exempt_public_description": (
                        "Only an exempt item has a description for the public agenda: choose the paragraph of "
                        "Schedule 12A it is exempt under, or empty this box."
                    )
                }
            )

    @property
    def has_paper(self) -> bool:
        return bool(self.paper)

    #: Cover-sheet fields a paper cannot go to committee without, with the words a person reads.
    REQUIRED_COVER_FIELDS = {
        "cover_to": "To",
        "cover_from": "From",
        "electoral_divisions": "Electoral division(s)",
        "forward_plan_reference": "Forward plan reference",
        "executive_summary": "Executive summary",
        "recommendation": "Recommendation",
        "officer_name": "Officer contact name",
        "officer_post": "Officer contact post",
        "officer_email": "Officer contact e-mail",
    }

    @property
    def has_cover_sheet(self) -> bool:
        # The agenda plan and the minutes with their action log are standing items printed without a
        # cover sheet (seed 002, items 9 and 2).
        return self.kind not in (AgendaItemKind.NO_PAPER, AgendaItemKind.AGENDA_PLAN, AgendaItemKind.ACTION_LOG)

    def missing_cover_fields(self) -> list[str]:
        if not self.has_cover_sheet:
            return []
        return [label for name, label in self.REQUIRED_COVER_FIELDS.items() if not str(getattr(self, name)).strip()]

    def cover_sheet(self) -> CoverSheet:
        return CoverSheet(
            title=self.title,
            to=self.cover_to,
            meeting_date=self.meeting.date,
            from_=self.cover_from,
            electoral_divisions=self.electoral_divisions,
            key_decision="Yes" if self.key_decision else "No",
            forward_plan_reference=self.forward_plan_reference,
            executive_summary=self.executive_summary,
            recommendation=self.recommendation,
            officer_name=self.officer_name,
            officer_post=self.officer_post,
            officer_email=self.officer_email,
            officer_telephone=self.officer_telephone,
        )


class PackBuild(models.Model):
    """One assembly of a meeting's pack, from queued to ready or failed.

    Files are written under MEDIA_ROOT by the worker (temporary name, then an
    atomic rename) and the paths are set in the same update that marks the
    build ready, so nothing can download a partial file. ``attempt`` goes up by
    one each time a worker claims the build; a worker whose attempt is no longer
    the current one writes nothing more (see reports.services.assembly.pack_assemble).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="builds")
    draft = models.BooleanField(default=True, help_text="A draft is watermarked DRAFT on every page.")
    status = models.CharField(max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    step = models.CharField(max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField(default=0)
    failure_reason = models.TextField(blank=True)
    task_id = models.CharField(max_length=255, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    attempt = models.PositiveIntegerField(default=0)
    pdf_path = models.CharField(max_length=300, blank=True)
    html_path = models.CharField(max_length=300, blank=True)
    csv_path = models.CharField(max_length=300, blank=True)
    xlsx_path = models.CharField(max_length=300, blank=True)
    public_pdf_path = models.CharField(max_length=300, blank=True)
    public_html_path = models.CharField(max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    item_pages = models.JSONField(default=dict, blank=True, help_text="Agenda item id -> [first page, last page].")
    # The public pack (reports.exempt): the same files as the members' when the meeting has no exempt item.
    public_pdf_sha256 = models.CharField(max_length=64, blank=True)
    public_page_count = models.PositiveIntegerField(null=True, blank=True)
    public_item_pages = models.JSONField(
        default=dict, blank=True, help_text="In the public pack: agenda item id -> [first page, last page]."
    )
    snapshot = models.JSONField(default=dict, blank=True, help_text="What the pack said, for the next change log.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="The last time a worker reported progress.")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(status__in=ACTIVE_BUILD_STATUSES),
                name="pack_build_one_active_per_meeting",
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="pack_build_percent_at_most_100"),
            models.CheckConstraint(
                condition=~Q(status=BuildStatus.READY) | ~Q(pdf_path=""), name="pack_build_ready_has_pdf"
            ),
        ]

    def __str__(self) -> str:
        return f"{'Draft' if self.draft else 'Final'} build {self.pk} of {self.meeting}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_BUILD_STATUSES

    @property
    def is_ready(self) -> bool:
        return self.status == BuildStatus.READY

    @property
    def kind_label(self) -> str:
        return "Draft" if self.draft else "Final"

    @property
    def is_publishable(self) -> bool:
        """A ready final build not yet published (one query)."""
        return self.is_ready and not self.draft and not PackVersion.objects.filter(build_id=self.pk).exists()

    def path_for(self, fmt: PackFormat | str) -> str:
        return getattr(self, f"{PackFormat(fmt).value}_path")

    @property
    def has_public_variant(self) -> bool:
        """The public pack is files of its own (the meeting had an exempt item), not the members' files."""
        return bool(self.public_pdf_path) and self.public_pdf_path != self.pdf_path


class PackVersion(models.Model):
    """A published pack: v1, v2 … of a meeting. Written once; never changed or deleted."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="versions")
    build = models.OneToOneField(PackBuild, on_delete=models.PROTECT, related_name="version")
    number = models.PositiveIntegerField()
    pdf_path = models.CharField(max_length=300)
    html_path = models.CharField(max_length=300)
    csv_path = models.CharField(max_length=300, blank=True)
    xlsx_path = models.CharField(max_length=300, blank=True)
    public_pdf_path = models.CharField(max_length=300, blank=True)
    public_html_path = models.CharField(max_length=300, blank=True)
    sha256 = models.CharField("SHA-256 of the PDF", max_length=64)
    public_sha256 = models.CharField("SHA-256 of the public PDF", max_length=64, blank=True)
    page_count = models.PositiveIntegerField()
    public_page_count = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    change_log = models.JSONField(default=list, blank=True, help_text="What changed since the previous version.")
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="pack_version_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="pack_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("A published pack version is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A published pack version is never deleted.")

    @property
    def label(self) -> str:
        return f"v{self.number}"

    def path_for(self, fmt: PackFormat | str) -> str:
        return getattr(self, f"{PackFormat(fmt).value}_path")

    @property
    def has_public_variant(self) -> bool:
        """The public pack is files of its own (the meeting had an exempt item), not the members' files."""
        return bool(self.public_pdf_path) and self.public_pdf_path != self.pdf_path


class PackDownload(models.Model):
    """Someone downloaded a published version (the governance team reads the log)."""

    version = models.ForeignKey(PackVersion, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(max_length=20, choices=PackFormat.choices)
    downloaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-downloaded_at", "-id"]
        indexes = [models.Index(fields=["version", "-downloaded_at"], name="pack_download_by_version")]

    def __str__(self) -> str:
        return f"{self.user} downloaded {self.version} ({self.format})"
