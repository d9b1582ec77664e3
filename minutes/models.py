"""The minutes of a meeting, their minute items, and the minutes action log.

Minutes are written in cyp (one ``MinuteItem`` per numbered minute, as printed: "223")
or taken from an uploaded PDF; either way the minutes that carry actions are items,
because the action log names each action's minute and report title. A later meeting
approves the minutes as an accurate record. Each action's officer answers it with
responses that go through the same review as improvement-plan progress
(``cyp.workflow``): only an approved response reaches the log in the pack.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cyp import limits
from cyp.dates import long_date
from cyp.enums import ReviewState
from cyp.limits import TextLimit
from cyp.models import Reviewable
from minutes.enums import STATUS_SLUG, LogStatus, MinutesState


class Minutes(models.Model):
    """The minutes of one meeting: written as minute items, or an uploaded PDF (or both)."""

    meeting = models.OneToOneField("reports.Meeting", on_delete=models.PROTECT, related_name="minutes")
    state = models.CharField(max_length=20, choices=MinutesState.choices, default=MinutesState.DRAFT)
    times = models.CharField(max_length=100, blank=True, help_text="As printed: '2.00 pm - 3.29 pm'.")
    attendance = models.TextField(
        "present",
        blank=True,
        help_text="Who was present, co-opted members and officers, as printed.",
        validators=[TextLimit(limits.MEMBERSHIP)],
    )
    approved_at = models.ForeignKey(
        "reports.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_approved",
        help_text="The later meeting that approved them as an accurate record.",
    )
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(
        blank=True, help_text="Gaps and inconsistencies in the source.", validators=[TextLimit(limits.NOTES)]
    )
    # The minutes as an uploaded PDF: served only through a view that checks permission.
    paper = models.FileField(upload_to="minutes/%Y/%m/", blank=True, max_length=300)
    paper_name = models.CharField("file name as uploaded", max_length=255, blank=True)
    paper_pages = models.PositiveIntegerField(null=True, blank=True)
    paper_sha256 = models.CharField(max_length=64, blank=True)
    paper_uploaded_at = models.DateTimeField(null=True, blank=True)
    paper_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=Q(state=MinutesState.APPROVED) | (Q(approved_at__isnull=True) & Q(approved_on__isnull=True)),
                name="minutes_draft_has_no_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    @property
    def is_approved(self) -> bool:
        return self.state == MinutesState.APPROVED

    @property
    def has_paper(self) -> bool:
        return bool(self.paper)

    @property
    def state_display(self) -> str:
        """ "Approved as an accurate record on 10 September 2024", or "Draft"."""
        if not self.is_approved:
            return "Draft: not yet approved as an accurate record"
        if self.approved_on:
            return f"Approved as an accurate record on {long_date(self.approved_on)}"
        return "Approved as an accurate record (the date is not in the published papers)"


class MinuteItem(models.Model):
    """A numbered minute, as printed: "223. Minutes - 25 June 2024 and minutes action log"."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField(help_text="As printed: 223.")
    title = models.CharField("title (report title)", max_length=300)
    text = models.TextField(
        blank=True, help_text="What was discussed, as minuted.", validators=[TextLimit(limits.PLAN_PROSE)]
    )
    decisions = models.TextField(
        blank=True,
        help_text="What was resolved, as minuted: 'It was resolved to: a) note the Agenda Plan'.",
        validators=[TextLimit(limits.PLAN_PROSE)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "number"],
                name="minute_item_unique_number",
                violation_error_message="These minutes already have a minute with this number: choose another.",
            )
        ]

    def __str__(self) -> str:
        return f"Minute {self.number}: {self.title}"


class MinuteAction(models.Model):
    """An action recorded in a minute: the officer responsible, the action, its status and due date."""

    minute = models.ForeignKey(MinuteItem, on_delete=models.PROTECT, related_name="actions")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the minute.")
    officer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minute_actions",
        verbose_name="officer responsible (person in cyp)",
        help_text="The person who writes the responses.",
    )
    officer_name = models.CharField(
        "officer responsible (as printed)", max_length=200, blank=True, help_text="As printed: 'Sarah Callaghan'."
    )
    text = models.TextField("action", validators=[TextLimit(limits.ACTION_TEXT)])
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=LogStatus.choices, default=LogStatus.OPEN)
    status_as_printed = models.CharField(
        max_length=100,
        blank=True,
        help_text="When the published log printed another word: 'On-going', 'See action 206'.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["minute", "position", "id"]

    def __str__(self) -> str:
        return f"Action of minute {self.minute.number}"

    @property
    def officer_display(self) -> str:
        """The officer as the log prints them, else the person in cyp."""
        if self.officer_name.strip() or self.officer_user_id is None:
            return self.officer_name
        return str(self.officer_user)

    @property
    def due_display(self) -> str:
        return long_date(self.due_date) if self.due_date else "No due date"


class ActionResponse(Reviewable):
    """The officer's response to a minute action, approved by the governance team before the log shows it.

    At most one response per action is open (not approved) at a time; the log shows the
    latest approved one by ``date``.
    """

    action = models.ForeignKey(MinuteAction, on_delete=models.PROTECT, related_name="responses")
    date = models.DateField("response as at", default=timezone.localdate)
    status = models.CharField(max_length=20, choices=LogStatus.choices, default=LogStatus.IN_PROGRESS)
    text = models.TextField("response", blank=True, validators=[TextLimit(limits.PROGRESS)])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="minute_responses"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "response to a minute action"
        ordering = ["action", "-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action"], condition=~Q(state=ReviewState.APPROVED), name="response_one_open_per_action"
            )
        ]

    def __str__(self) -> str:
        return f"Response to minute {self.action.minute.number} as at {long_date(self.date)}"

    @property
    def is_approved(self) -> bool:
        return self.state == ReviewState.APPROVED

    @property
    def status_slug(self) -> str:
        return STATUS_SLUG[LogStatus(self.status)]
