"""Improvement plans: their source, recommendations or themes, actions, and progress under review.

Also the Sector Led Improvement programme: its phases and findings, and the
actions that answer each finding.
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
from cyp.models import Committee, Reviewable
from plans.enums import STATUS_SLUG, ActionStatus, FindingType, InspectionType, PlanSource


class SliProgramme(models.Model):
    """A Sector Led Improvement programme: a partner council's diagnostic visits to our services."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="sli_programmes")
    title = models.CharField(max_length=300)
    partner_council = models.CharField(max_length=200)
    partner_rating = models.CharField(
        "partner's Ofsted rating", max_length=100, blank=True, help_text="As printed: 'outstanding'."
    )
    funder = models.CharField(max_length=200, blank=True)
    funding = models.TextField(
        blank=True,
        help_text="What was funded and when, as printed (amounts if given).",
        validators=[TextLimit(limits.PLAN_PROSE)],
    )
    method = models.TextField(
        blank=True, help_text="How the diagnostic visits were run.", validators=[TextLimit(limits.PLAN_PROSE)]
    )
    background = models.TextField(blank=True, validators=[TextLimit(limits.PLAN_PROSE)])
    notes = models.TextField(
        blank=True, help_text="Gaps and inconsistencies in the source.", validators=[TextLimit(limits.NOTES)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Sector Led Improvement programme"
        constraints = [models.UniqueConstraint(fields=["committee", "title"], name="sli_programme_unique_title")]

    def __str__(self) -> str:
        return f"{self.title} with {self.partner_council}"


class SliPhase(models.Model):
    programme = models.ForeignKey(SliProgramme, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField()
    dates_as_printed = models.CharField(
        max_length=200, blank=True, help_text="As printed: 'from August 2023 to March 2024'."
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Empty while the phase is still running.")
    description = models.TextField(blank=True, validators=[TextLimit(limits.PLAN_PROSE)])
    services_visited = models.JSONField(default=list, blank=True, help_text="One service per entry, as printed.")

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = "Sector Led Improvement phase"
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="sli_phase_unique_number"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(start_date__lte=models.F("end_date")),
                name="sli_phase_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"Phase {self.number}"


class Plan(models.Model):
    """An improvement plan and what it answers: an inspection, an SLI programme, minutes, a self-assessment."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="plans")
    source = models.CharField(max_length=30, choices=PlanSource.choices)
    title = models.CharField(max_length=300)
    plan_date = models.DateField(help_text="The date the plan is as at; progress before it is the published progress.")
    plan_date_as_printed = models.CharField(max_length=60, blank=True, help_text="As printed: 'July 2024'.")
    introduction = models.TextField(
        blank=True,
        help_text="The plan's principles or introduction, as printed.",
        validators=[TextLimit(limits.PLAN_PROSE)],
    )
    inspection_type = models.CharField(max_length=30, choices=InspectionType.choices, blank=True)
    inspection_dates = models.CharField(max_length=100, blank=True, help_text="As printed: 'March 2024'.")
    inspection_start = models.DateField(null=True, blank=True)
    inspection_end = models.DateField(null=True, blank=True)
    judgement = models.CharField(max_length=200, blank=True, help_text="The overall judgement exactly as printed.")
    judgement_published = models.CharField(max_length=100, blank=True, help_text="When it was published: 'May 2024'.")
    programme = models.ForeignKey(SliProgramme, on_delete=models.PROTECT, null=True, blank=True, related_name="plans")
    archived = models.BooleanField(default=False, help_text="An archived plan is no longer reported to the committee.")
    notes = models.TextField(
        blank=True, help_text="Gaps and inconsistencies in the source.", validators=[TextLimit(limits.NOTES)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-plan_date", "title"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "title"], name="plan_unique_title"),
            models.CheckConstraint(
                condition=Q(source=PlanSource.OFSTED_INSPECTION) | Q(inspection_type=""),
                name="plan_inspection_type_only_for_inspections",
            ),
            models.CheckConstraint(
                condition=Q(inspection_end__isnull=True)
                | Q(inspection_start__isnull=True)
                | Q(inspection_start__lte=models.F("inspection_end")),
                name="plan_inspection_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Recommendation(models.Model):
    """A recommendation (of an inspection) or a theme (of a self-assessment, of minutes)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=200, blank=True, help_text="The heading as printed: 'WORKFORCE'.")
    text = models.TextField(help_text="The recommendation as printed.", validators=[TextLimit(limits.RECOMMENDATION)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="recommendation_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.theme or self.text[:60]}"

    @property
    def heading(self) -> str:
        """ "Recommendation 1: Workforce": a theme printed in capitals is shown in sentence case."""
        theme = self.theme.capitalize() if self.theme.isupper() else self.theme
        return f"Recommendation {self.number}: {theme}" if theme else f"Recommendation {self.number}"


def action_sort_key(number: str) -> list[int]:
    """ "5.10" sorts after "5.9": [5, 10]."""
    return [int(part) if part.isdigit() else 0 for part in number.split(".")]


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="actions")
    number = models.CharField(max_length=20, help_text="As printed: '1.1'.")
    position = models.PositiveIntegerField(default=0, help_text="Order within the plan (5.10 after 5.9).")
    item = models.TextField(validators=[TextLimit(limits.ACTION_TEXT)])
    outcome = models.TextField(blank=True, validators=[TextLimit(limits.ACTION_TEXT)])
    outcome_points = models.JSONField(default=list, blank=True, help_text="The outcome split into its points.")
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_actions",
        verbose_name="responsible officer (person in cyp)",
    )
    responsible_post = models.CharField(
        "responsible officer (post)",
        max_length=300,
        blank=True,
        help_text="As printed: 'Service Director: Children's Social Care'.",
    )
    timescale = models.CharField(max_length=100, blank=True, help_text="As printed: 'March 25', 'ongoing'.")
    due_date = models.DateField(null=True, blank=True)
    ongoing = models.BooleanField(default=False)
    success_criteria = models.JSONField(default=list, blank=True, help_text="One criterion per entry.")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    indicators = models.ManyToManyField("indicators.Indicator", blank=True, related_name="plan_actions")
    delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="delegated_actions",
        help_text="People who may write progress as well as the responsible officer.",
    )
    notes = models.TextField(blank=True, validators=[TextLimit(limits.NOTES)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="action_unique_number"),
            models.CheckConstraint(
                condition=~(Q(ongoing=True) & Q(due_date__isnull=False)), name="action_ongoing_has_no_due_date"
            ),
        ]

    def __str__(self) -> str:
        return f"Action {self.number}"

    @property
    def responsible_display(self) -> str:
        """The person (with the post when both are known), or the post as printed."""
        if self.responsible_user_id is None:
            return self.responsible_post
        person = str(self.responsible_user)
        return f"{person}, {self.responsible_post}" if self.responsible_post else person

    @property
    def has_owner(self) -> bool:
        return self.responsible_user_id is not None or bool(self.responsible_post.strip())

    @property
    def due_display(self) -> str:
        if self.ongoing:
            return "Ongoing"
        if self.due_date is None:
            return "No due date"
        return long_date(self.due_date)

    @property
    def timescale_note(self) -> str:
        """The timescale as printed when it says more than the due date ("March 25", "Q4"), else ""."""
        printed = self.timescale.strip()
        if not printed or self.ongoing or (self.due_date and printed == f"{self.due_date:%B %Y}"):
            return ""
        return printed

    @property
    def status_slug(self) -> str:
        return STATUS_SLUG[ActionStatus(self.status)]


class ProgressUpdate(Reviewable):
    """Progress on an action, reported by its officer or a delegate and approved by governance.

    The plan shows the latest approved update (by ``date``); earlier ones stay in
    the timeline. At most one update per action is open (not approved) at a time.
    """

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="progress_updates")
    date = models.DateField("progress as at", default=timezone.localdate)
    date_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the date is what it is, when it was not given: 'undated in the published plan'.",
    )
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.ON_TRACK)
    text = models.TextField("progress", blank=True, validators=[TextLimit(limits.PROGRESS)])
    evidence = models.TextField(
        blank=True,
        help_text="What shows it: a report, a figure, a decision and its date.",
        validators=[TextLimit(limits.EVIDENCE)],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="progress_updates"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-date", "-id"]
        get_latest_by = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action"], condition=~Q(state=ReviewState.APPROVED), name="progress_one_open_per_action"
            )
        ]

    def __str__(self) -> str:
        return f"Progress on action {self.action.number} as at {long_date(self.date)}"

    @property
    def is_approved(self) -> bool:
        return self.state == ReviewState.APPROVED

    @property
    def status_slug(self) -> str:
        return STATUS_SLUG[ActionStatus(self.status)]


class Finding(models.Model):
    """A finding of an SLI programme: a strength, an area for development or a staff survey theme."""

    programme = models.ForeignKey(SliProgramme, on_delete=models.CASCADE, related_name="findings")
    phase = models.ForeignKey(
        SliPhase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        help_text="Empty when the source does not say which phase found it.",
    )
    service = models.CharField(max_length=200, blank=True, help_text="The service visited, when the source says.")
    finding_type = models.CharField("type", max_length=30, choices=FindingType.choices)
    number = models.CharField(max_length=20, blank=True, help_text="The paragraph as printed: '3.3.1'.")
    group = models.CharField(max_length=200, blank=True, help_text="The heading it sits under: 'Recording'.")
    text = models.TextField(validators=[TextLimit(limits.RECOMMENDATION)])
    position = models.PositiveIntegerField(default=0)
    actions = models.ManyToManyField(Action, blank=True, related_name="findings", help_text="Actions that answer it.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_finding_type_display()}: {self.text[:80]}"
