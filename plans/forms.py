"""Forms of the plans pages. They parse and check input; services write."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from cyp import limits
from cyp.enums import Role
from cyp.forms import LimitedTextField, text_limits_apply
from cyp.imports import import_size_problem
from indicators.models import Indicator
from plans.enums import ActionStatus
from plans.smart import TimescaleError, timescale_parse


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OnDateForm(forms.Form):
    """The day a plan or report is worked out for."""

    on = forms.DateField(
        label="Position on",
        required=False,
        widget=DateInput(),
        help_text="Overdue and stale actions are worked out for this day.",
        error_messages={"invalid": "Enter a date such as 8 October 2024 (the picker writes it for you)."},
    )

    def day(self) -> datetime.date:
        if self.is_valid() and self.cleaned_data.get("on"):
            return self.cleaned_data["on"]
        return timezone.localdate()


class ProgressForm(forms.Form):
    date = forms.DateField(
        label="Progress as at",
        widget=DateInput(),
        help_text="The day this progress describes, usually today.",
        error_messages={"required": "Give the date the progress is reported as at, for example 30 September 2024."},
    )
    status = forms.ChoiceField(label="Status of the action", choices=ActionStatus.choices)
    text = LimitedTextField(
        label="Progress",
        limit=limits.PROGRESS,
        rows=6,
        help_text="What has been done since the last update, and what it has achieved against the success criteria.",
        error_messages={"required": "Write what has been done since the last update, and what it has achieved."},
    )
    evidence = LimitedTextField(
        label="Evidence",
        limit=limits.EVIDENCE,
        required=False,
        rows=3,
        help_text="What shows it: a report, a figure and its source, a decision and its date.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                "Progress cannot be reported as at a future date: give today's date or earlier."
            )
        return date


class ReviewForm(forms.Form):
    """Approve, return or reopen a progress update. The button pressed is the decision."""

    DECISIONS = ("approve", "return", "reopen")

    decision = forms.ChoiceField(choices=[(d, d) for d in DECISIONS], widget=forms.HiddenInput())
    comment = LimitedTextField(
        label="Comment",
        limit=limits.COMMENT,
        required=False,
        rows=3,
        help_text="Required when returning or reopening: say what needs to change and why.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput(), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Plan workbook (.xlsx)",
        help_text="The columns of the published plan: No, Item, Outcome, Responsible Officer, Timescale, "
        "Success criteria, Progress (and, optionally, Status, Due date, Progress date).",
    )
    as_at = forms.DateField(
        label="Date new progress is reported as at",
        widget=DateInput(),
        initial=timezone.localdate,
        help_text="Used for progress in the file when it has no Progress date column.",
    )
    check_only = forms.BooleanField(label="Check the file without importing it", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(f"'{upload.name}' is not an .xlsx workbook: save it from Excel as .xlsx.")
        too_large = import_size_problem(name=upload.name, size=upload.size)
        if too_large:
            raise forms.ValidationError(too_large)  # before reading it into memory
        return upload


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return f"{person} ({person.job_title or person.role_label})"


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        return f"{person} ({person.job_title or person.role_label})"


class IndicatorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, indicator):
        return f"{indicator.number}: {indicator.name}"


class ActionForm(forms.Form):
    """The governance team changes an action: its owner, timescale, criteria, status and links."""

    item = LimitedTextField(label="Item", limit=limits.ACTION_TEXT, rows=3)
    outcome = LimitedTextField(label="Outcome", limit=limits.ACTION_TEXT, required=False, rows=3)
    responsible_post = forms.CharField(label="Responsible officer (post, as printed)", required=False, max_length=300)
    responsible_user = PersonChoice(
        label="Responsible officer (person in cyp)",
        queryset=get_user_model().objects.none(),
        required=False,
        help_text="The person may write progress on the action.",
    )
    delegates = PeopleChoice(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="People who may also write progress on the action.",
    )
    timescale = forms.CharField(
        label="Timescale (as printed)",
        required=False,
        max_length=100,
        help_text="A month and year ('March 2025') or 'ongoing'. "
        "The due date is worked out from it unless given below.",
    )
    due_date = forms.DateField(label="Due date", required=False, widget=DateInput())
    success_criteria = LimitedTextField(
        label="Success criteria",
        limit=limits.SUCCESS_CRITERIA,
        required=False,
        rows=5,
        help_text="One criterion per line. State a figure, a percentage or a date to make it measurable.",
    )
    status = forms.ChoiceField(choices=ActionStatus.choices)
    indicators = IndicatorChoice(
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The indicators the action should move.",
    )
    notes = LimitedTextField(label="Notes", limit=limits.NOTES, required=False, rows=2)
    comment = LimitedTextField(
        label="Why the change",
        limit=limits.COMMENT,
        required=False,
        rows=2,
        help_text="Kept in the history.",
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        text_limits_apply(self)
        people = get_user_model().objects.filter(
            is_active=True, role__in=[Role.SERVICE_LEAD, Role.GOVERNANCE, Role.ADMINISTRATOR]
        )
        self.fields["responsible_user"].queryset = people
        self.fields["delegates"].queryset = people
        self.fields["indicators"].queryset = Indicator.objects.filter(committee=action.plan.committee)

    def clean(self):
        data = super().clean()
        timescale = (data.get("timescale") or "").strip()
        due = data.get("due_date")
        data["ongoing"] = timescale.lower() == "ongoing"
        if data["ongoing"] and due:
            self.add_error("due_date", "An ongoing action has no due date: clear the due date or change the timescale.")
        elif timescale and not due and not data["ongoing"]:
            try:
                data["due_date"] = timescale_parse(timescale).due_date
            except TimescaleError as error:
                self.add_error("timescale", f"{str(error)[0].upper()}{str(error)[1:]}, or give the due date below.")
        data["success_criteria"] = [
            line.strip(" •-\t") for line in (data.get("success_criteria") or "").splitlines() if line.strip(" •-\t")
        ]
        return data
