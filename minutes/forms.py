"""Forms of the minutes pages. They parse and check input; services write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from cyp import limits
from cyp.enums import Role
from cyp.forms import LimitedTextField, text_limits_apply
from minutes.enums import LogStatus
from plans.forms import DateInput


class MinutesForm(forms.Form):
    times = forms.CharField(label="Time", max_length=100, required=False, help_text="As printed: 2.00 pm - 3.29 pm.")
    attendance = LimitedTextField(
        label="Present",
        limit=limits.MEMBERSHIP,
        required=False,
        rows=4,
        help_text="Who was present, co-opted members and officers, as the minutes print them.",
    )
    notes = LimitedTextField(label="Notes", limit=limits.NOTES, required=False, rows=2, help_text="Gaps in the source.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_limits_apply(self)


class MinuteItemForm(forms.Form):
    number = forms.IntegerField(
        label="Minute number",
        min_value=1,
        help_text="As printed: 223.",
        error_messages={
            "required": "Give the minute's number as printed, for example 223.",
            "invalid": "Give the minute's number as a whole number, for example 223.",
            "min_value": "Give the minute's number as printed: a whole number from 1, for example 223.",
        },
    )
    title = forms.CharField(
        label="Title (report title)",
        max_length=300,
        help_text="As printed: Education Capital Projects.",
        error_messages={"required": "Give the minute's title as printed, for example 'Education Capital Projects'."},
    )
    text = LimitedTextField(
        label="Minute", limit=limits.PLAN_PROSE, required=False, rows=10, help_text="What was discussed, as minuted."
    )
    decisions = LimitedTextField(
        label="Decisions",
        limit=limits.PLAN_PROSE,
        required=False,
        rows=5,
        help_text="What was resolved: 'It was resolved to: a) note the Agenda Plan and Training plan.'",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_limits_apply(self)


class ApproveForm(forms.Form):
    at_meeting = forms.ModelChoiceField(
        label="Approved at the meeting of",
        queryset=None,
        empty_label=None,
        help_text="The later meeting whose minutes record that these were approved as an accurate record.",
        error_messages={"required": "Choose the meeting that approved the minutes."},
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings
        self.fields["at_meeting"].label_from_instance = lambda meeting: f"{meeting.date.day} {meeting.date:%B %Y}"


def _officers():
    return get_user_model().objects.filter(is_active=True, role__in=[Role.SERVICE_LEAD, Role.GOVERNANCE])


class MinuteActionForm(forms.Form):
    text = LimitedTextField(
        label="Action",
        limit=limits.ACTION_TEXT,
        rows=4,
        help_text="What the officer undertook to do, as minuted.",
        error_messages={"required": "Write the action as minuted: what the officer undertook to do."},
    )
    officer_user = forms.ModelChoiceField(
        label="Officer responsible (person in cyp)",
        queryset=None,
        required=False,
        help_text="The person who writes the responses. Leave empty when they have no account yet.",
    )
    officer_name = forms.CharField(
        label="Officer responsible (as printed)",
        max_length=200,
        required=False,
        help_text="As printed: Sarah Callaghan.",
    )
    due_date = forms.DateField(
        label="Due date",
        required=False,
        widget=DateInput(),
        help_text="When the response is due; without one the action is never overdue.",
        error_messages={"invalid": "Enter a date such as 26 November 2024 (the picker writes it for you)."},
    )
    status = forms.ChoiceField(label="Status", choices=LogStatus.choices, initial=LogStatus.OPEN)
    status_as_printed = forms.CharField(
        label="Status as printed",
        max_length=100,
        required=False,
        help_text="Only when the published log printed another word: 'See action 206'.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer_user"].queryset = _officers()
        text_limits_apply(self)

    def clean(self):
        data = super().clean()
        if not data.get("officer_user") and not (data.get("officer_name") or "").strip():
            self.add_error("officer_name", "Name the officer responsible, or choose the person in cyp.")
        return data


class ResponseForm(forms.Form):
    date = forms.DateField(
        label="Response as at",
        widget=DateInput(),
        help_text="The day this response describes, usually today.",
        error_messages={
            "required": "Give the date the response is as at, for example 30 September 2024.",
            "invalid": "Enter a date such as 30 September 2024 (the picker writes it for you).",
        },
    )
    status = forms.ChoiceField(label="Status of the action", choices=LogStatus.choices)
    text = LimitedTextField(
        label="Response",
        limit=limits.PROGRESS,
        rows=8,
        help_text="What has been done about the action, and what happens next.",
        error_messages={"required": "Write the response: what has been done about the action, and what is next."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Open, in progress and completed"), *LogStatus.choices, ("all", "Every status")],
    )
