"""The forward agenda plan: the items a body plans to take at its future meetings.

An item belongs to a body and to a meeting: a ``reports.Meeting`` once the meeting is
set up, else the date it is planned for (``planned_date``). ``meeting_date`` is the one
place that says which. When the item goes onto the meeting's agenda,
``agenda_item`` is the ``reports.AgendaItem`` it became.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from agendaplan.enums import OPEN_STATUSES, PlannedItemStatus
from cyp import limits
from cyp.limits import TextLimit
from cyp.models import Committee
from reports.models import AgendaItem, Meeting, validate_no_placeholder

#: What a person edits on an item (the form, and the audit of its changes).
ITEM_FIELDS = (
    "title",
    "lead_officer_name",
    "lead_officer_post",
    "key_decision",
    "forward_plan_reference",
    "forward_plan_on",
    "full_council",
    "confidential",
    "note",
    "meeting",
    "planned_date",
    "added_on",
)


class PlannedItem(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="planned_items")
    title = models.CharField(
        "agenda item", max_length=300, validators=[validate_no_placeholder], help_text="As the agenda will print it."
    )
    lead_officer_name = models.CharField("lead officer", max_length=200, help_text="As printed: R Springbett.")
    lead_officer_post = models.CharField("lead officer's post", max_length=200, blank=True)
    key_decision = models.BooleanField(default=False)
    forward_plan_reference = models.CharField(
        "forward plan reference",
        max_length=100,
        blank=True,
        help_text="A key decision's reference on the council's forward plan: 2024/070.",
    )
    forward_plan_on = models.DateField(
        "first published on the forward plan",
        null=True,
        blank=True,
        help_text="A key decision must be on the forward plan 28 clear days before the meeting. "
        "Leave empty while it is not on it yet.",
    )
    full_council = models.BooleanField(
        "for determination by full Council", default=False, help_text="Printed with a * in the plan."
    )
    confidential = models.BooleanField(
        "expected to be confidential",
        default=False,
        help_text="Printed with a + in the plan (press and public excluded).",
    )
    note = models.TextField(blank=True, validators=[TextLimit(limits.NOTES)], help_text="Printed under the title.")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="planned_items")
    planned_date = models.DateField(
        "planned meeting date", null=True, blank=True, help_text="When the meeting is not set up yet."
    )
    added_on = models.DateField("first put on the plan", default=timezone.localdate)
    status = models.CharField(max_length=20, choices=PlannedItemStatus.choices, default=PlannedItemStatus.PLANNED)
    deferred_from = models.DateField("deferred from the meeting of", null=True, blank=True)
    status_reason = models.TextField(
        "reason", blank=True, validators=[TextLimit(limits.REASON)], help_text="Why it was deferred or withdrawn."
    )
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="planned_item"
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Items of a meeting print in this order.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["committee", "planned_date", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(planned_date__isnull=False),
                name="planned_item_has_meeting_or_date",
                violation_error_message="Choose the meeting, or the date it is planned for.",
            ),
            models.CheckConstraint(
                condition=~Q(status=PlannedItemStatus.ON_AGENDA) | Q(meeting__isnull=False),
                name="planned_item_on_agenda_has_meeting",
            ),
        ]
        indexes = [models.Index(fields=["committee", "status"], name="planned_item_by_status")]

    def __str__(self) -> str:
        return f"{self.title} ({date_format(self.meeting_date, 'j F Y')})"

    @property
    def meeting_date(self) -> datetime.date:
        """The meeting's date when it is set up, else the planned date."""
        return self.meeting.date if self.meeting_id is not None else self.planned_date

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def forward_plan_label(self) -> str:
        """The plan's "Reference if key decision" column."""
        if not self.key_decision:
            return "Not applicable"
        return self.forward_plan_reference or "Key decision: reference to follow"

    @property
    def marks(self) -> str:
        """The plan's marks after a title: * full Council, + confidential."""
        return ("*" if self.full_council else "") + ("+" if self.confidential else "")
