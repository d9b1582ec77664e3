"""Forms for planned items: they parse; ``agendaplan.services`` decides."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.formats import date_format

from agendaplan.models import PlannedItem
from cyp.forms import text_limits_apply

DATE_WIDGET = {"type": "date"}


class PlannedItemForm(forms.ModelForm):
    """An item of the plan: the meeting it is planned for (one set up, or a date), and what it is."""

    class Meta:
        model = PlannedItem
        fields = [
            "title",
            "lead_officer_name",
            "lead_officer_post",
            "meeting",
            "planned_date",
            "key_decision",
            "forward_plan_reference",
            "forward_plan_on",
            "full_council",
            "confidential",
            "note",
            "added_on",
        ]
        widgets = {
            "planned_date": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "forward_plan_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "added_on": forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"meeting": "Meeting (when it is set up)"}

    def __init__(self, *args, committee, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        field = self.fields["meeting"]
        field.queryset = meetings
        field.label_from_instance = lambda meeting: date_format(meeting.date, "l j F Y")
        field.empty_label = "Not set up yet: give the planned date"
        field.required = False
        text_limits_apply(self)

    def clean(self):
        data = super().clean()
        meeting, planned = data.get("meeting"), data.get("planned_date")
        if meeting is None and planned is None and "planned_date" not in self.errors:
            self.add_error("planned_date", "Choose the meeting, or give the date it is planned for, as 26/11/2024.")
        if meeting is not None and planned is not None and planned != meeting.date:
            self.add_error(
                "planned_date",
                f"The meeting chosen is on {date_format(meeting.date, 'j F Y')}: empty the planned date, "
                "or choose “Not set up yet” for another date.",
            )
        if meeting is not None:
            data["planned_date"] = meeting.date
        if not data.get("key_decision") and (data.get("forward_plan_reference") or "").strip():
            self.add_error(
                "forward_plan_reference",
                "Only a key decision has a forward plan reference: tick Key decision or empty this box.",
            )
        return data


class DeferForm(forms.Form):
    new_date = forms.DateField(
        label="New meeting date",
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        help_text="The meeting it is deferred to: if that meeting is set up, the item moves under it.",
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, item: PlannedItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        text_limits_apply(self)

    def clean_new_date(self) -> datetime.date:
        new_date = self.cleaned_data["new_date"]
        if new_date <= self.item.meeting_date:
            raise forms.ValidationError(
                f"Defer to a date after the meeting it is planned for ({date_format(self.item.meeting_date, 'j F Y')})."
            )
        return new_date


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_limits_apply(self)
