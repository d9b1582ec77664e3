"""A quarterly return: one indicator's figures, commentary and actions for one quarter.

A return goes through the shared review workflow (cyp.workflow: not started,
draft, submitted, returned, approved) and is locked when the quarter's pack is
published. It holds its own copy of the figures for the period it reports; they
reach ``indicators.Figure`` (and so the dashboard and the pack) only when the
return is approved (commentary.services.return_approve).

Every stored change has a field-level history row (HistoricalRecords; the
workflow writes it for its compare-and-set updates too) and every move an
AuditEvent (return.save, return.submit, ...).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cyp import limits
from cyp.enums import ReviewState
from cyp.limits import TextLimit
from cyp.models import Quarter, Reviewable
from indicators.models import VALUE, Indicator

#: The fields a lead edits; a save writes exactly these (see services.return_save).
FIGURE_FIELDS = (
    "period_label",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "sn_mean",
    "england_mean",
    "region_mean",
    "other_mean",
    "other_mean_label",
    "not_updated",
    "not_updated_reason",
    "not_available",
    "not_available_reason",
)
CONTENT_FIELDS = (*FIGURE_FIELDS, "commentary", "actions")


class Return(Reviewable):
    """One indicator's return for one quarter.

    ``shared`` lets leads of other service areas read the return before it is
    approved (the governance team shares a draft as an example); otherwise a lead
    sees only the returns of the areas they lead. Members never see returns.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="returns")
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="returns")

    period_label = models.CharField(max_length=60, blank=True, help_text='As printed: "June 2024".')
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    value = models.DecimalField("current value", **VALUE)
    numerator = models.DecimalField("numerator (X)", **VALUE)
    denominator = models.DecimalField("denominator (Y)", **VALUE)
    sn_mean = models.DecimalField("statistical neighbour mean", **VALUE)
    england_mean = models.DecimalField(**VALUE)
    region_mean = models.DecimalField(**VALUE)
    other_mean = models.DecimalField("other comparator", **VALUE)
    other_mean_label = models.CharField("other comparator's label", max_length=100, blank=True)
    not_updated = models.BooleanField("not updated this quarter", default=False)
    not_updated_reason = models.TextField("why not updated", blank=True, validators=[TextLimit(limits.REASON)])
    # As on ``indicators.Figure``: approval copies both to the figure (services.figure_from_return).
    not_available = models.BooleanField(
        "not available",
        default=False,
        help_text="The source system could not produce the figure (#N/A): no value, and kept apart from "
        "\u201cnot updated this quarter\u201d in every count.",
    )
    not_available_reason = models.CharField(
        "why not available", max_length=300, blank=True, help_text="Not available in the source system, unless said."
    )

    commentary = models.TextField(blank=True, validators=[TextLimit(limits.COMMENTARY)])
    actions = models.TextField(
        blank=True, help_text="Required when the indicator is Red.", validators=[TextLimit(limits.ACTIONS)]
    )
    shared = models.BooleanField("shared with other service leads", default=False)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["quarter", "indicator__number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter"], name="return_one_per_indicator_quarter"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | ~Q(denominator=0), name="return_denominator_not_zero"
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=models.F("period_end")),
                name="return_period_order",
            ),
            # What reaches the pack is complete, whatever path wrote it.
            models.CheckConstraint(
                condition=~Q(state=ReviewState.APPROVED)
                | (
                    ~Q(commentary="")
                    & Q(period_end__isnull=False, period_start__isnull=False)
                    & (
                        Q(not_updated=False, value__isnull=False)
                        | (Q(not_updated=True) & ~Q(not_updated_reason=""))
                        | Q(not_available=True, value__isnull=True)
                    )
                ),
                name="return_approved_is_complete",
            ),
            # "Not available" stands instead of a value and apart from "not updated", in every state (as on Figure).
            models.CheckConstraint(
                condition=Q(not_available=False) | Q(value__isnull=True), name="return_not_available_has_no_value"
            ),
            models.CheckConstraint(
                condition=Q(not_available=False) | Q(not_updated=False), name="return_not_available_or_not_updated"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="return_version_positive"),
        ]
        indexes = [models.Index(fields=["quarter", "state"], name="return_by_quarter_state")]

    def __str__(self) -> str:
        return f"Return {self.quarter.label}, indicator {self.indicator.number}"

    @property
    def is_editable_state(self) -> bool:
        return self.state in (ReviewState.NOT_STARTED, ReviewState.DRAFT, ReviewState.RETURNED)

    def content(self) -> dict:
        return {field: getattr(self, field) for field in CONTENT_FIELDS}
