"""Forms of the self-assessment: every text cleaned, counted and refused with the field's name (cyp.forms)."""

from __future__ import annotations

from django import forms

from cyp.enums import Role
from cyp.forms import LimitedTextField
from cyp.limits import COMMENT, SUCCESS_CRITERIA
from cyp.models import User
from selfassessment.enums import Grade
from selfassessment.models import EVIDENCE_TEXT, SUMMARY_TEXT


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.plan.title}: action {obj.number}"


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number}. {obj.name}"


class SectionForm(forms.Form):
    """One summary, evidence and grade per box of the section, and the version the author started from."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, blocks, indicators=None, actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = list(blocks)
        for block in self.blocks:
            numbers = ", ".join(s.number for s in block.statements.all()) or "the section"
            self.fields[f"summary_{block.pk}"] = LimitedTextField(
                limit=SUMMARY_TEXT, label=f"Summary for {numbers}", rows=5, required=False
            )
            self.fields[f"evidence_{block.pk}"] = LimitedTextField(
                limit=EVIDENCE_TEXT,
                label=f"Evidence for {numbers}",
                rows=12,
                required=False,
                help_text="Paragraphs separated by a blank line; a line starting “- ” is a list item; "
                "lines with tabs (pasted from a Word table) print as a table.",
            )
            self.fields[f"grade_{block.pk}"] = forms.ChoiceField(
                label=f"Grade for {numbers} (optional)",
                choices=[("", "No grade"), *Grade.choices],
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            if indicators is not None:
                self.fields[f"indicators_{block.pk}"] = IndicatorChoiceField(
                    label=f"Indicators that evidence {numbers}",
                    queryset=indicators,
                    required=False,
                    widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
                    help_text="Hold Ctrl (or Cmd) to choose several.",
                )
            if actions is not None:
                self.fields[f"actions_{block.pk}"] = ActionChoiceField(
                    label=f"Plan actions that evidence {numbers}",
                    queryset=actions,
                    required=False,
                    widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
                    help_text="Hold Ctrl (or Cmd) to choose several.",
                )

    def block_fields(self):
        names = ("summary", "evidence", "grade", "indicators", "actions")
        return [
            (block, [self[f"{name}_{block.pk}"] for name in names if f"{name}_{block.pk}" in self.fields])
            for block in self.blocks
        ]

    def block_values(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            block.pk: {
                "summary": data.get(f"summary_{block.pk}") or "",
                "evidence": data.get(f"evidence_{block.pk}") or "",
                "grade": data.get(f"grade_{block.pk}") or "",
                **({"indicators": list(data[f"indicators_{block.pk}"])} if f"indicators_{block.pk}" in data else {}),
                **({"plan_actions": list(data[f"actions_{block.pk}"])} if f"actions_{block.pk}" in data else {}),
            }
            for block in self.blocks
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("return", "Return"), ("reopen", "Reopen")])
    comment = LimitedTextField(limit=COMMENT, label="Comment", rows=3, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(forms.Form):
    author = forms.ModelChoiceField(
        label="Author (service lead)",
        queryset=User.objects.filter(is_active=True, role=Role.SERVICE_LEAD).order_by("last_name", "first_name"),
        required=False,
        empty_label="Nobody yet",
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class EvidenceForm(forms.Form):
    block = forms.TypedChoiceField(
        label="For the statements", coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    title = forms.CharField(
        label="Title of the document",
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": "Give the document a title, as the list of evidence will show it."},
    )
    file = forms.FileField(
        label="Document (PDF)",
        help_text="A PDF of at most the size a pack paper may be.",
        error_messages={"required": "Choose the PDF to upload.", "empty": "The file is empty: choose the PDF again."},
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "application/pdf"}),
    )

    def __init__(self, *args, blocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [
            (block.pk, ", ".join(s.number for s in block.statements.all()) or f"Box {block.position + 1}")
            for block in blocks
        ]


class NextYearForm(forms.Form):
    date_as_printed = forms.CharField(
        label="Date on the cover", max_length=60, help_text="As it will be printed, for example “August 2018”."
    )


class AreaActionForm(forms.Form):
    responsible_user = forms.ModelChoiceField(
        label="Responsible officer (a person in cyp)",
        queryset=User.objects.filter(is_active=True).exclude(role=Role.MEMBER).order_by("last_name", "first_name"),
        required=False,
        empty_label="Nobody in cyp: name the post below",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    responsible_post = forms.CharField(
        label="Responsible officer (post)",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    due_date = forms.DateField(
        label="Due date",
        widget=DateInput(attrs={"class": "form-control"}),
        required=False,
        error_messages={"invalid": "Enter the due date as a date, for example 31 March 2018."},
    )
    success_criteria = LimitedTextField(
        limit=SUCCESS_CRITERIA,
        label="Success criteria, one a line",
        rows=4,
        required=False,
        help_text="What will show it is done, with a figure or a date: “Re-referrals below 20% by March 2018”.",
    )

    def criteria(self) -> list[str]:
        return [line.strip() for line in (self.cleaned_data.get("success_criteria") or "").splitlines() if line.strip()]


class CatalogueTableForm(forms.Form):
    indicator = forms.TypedChoiceField(
        label="Indicator", coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    periods = forms.IntegerField(
        label="How many latest figures",
        min_value=1,
        max_value=20,
        initial=5,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={"min_value": "Show at least 1 figure.", "max_value": "Show at most 20 figures."},
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = {indicator.pk: indicator for indicator in indicators}
        self.fields["indicator"].choices = [(i.pk, f"{i.number}. {i.name}") for i in indicators]


class StartForm(forms.Form):
    template = forms.ModelChoiceField(
        label="Template", queryset=None, widget=forms.Select(attrs={"class": "form-select"}), empty_label=None
    )
    committee = forms.ModelChoiceField(
        label="Body", queryset=None, widget=forms.Select(attrs={"class": "form-select"}), empty_label=None
    )
    start_year = forms.IntegerField(
        label="Year it looks forward to (its first year, e.g. 2025 for 2025/26)",
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={
            "required": "Give the first year of the year it looks forward to: 2025 for 2025/26.",
            "invalid": "Give the year as four digits: 2025 for 2025/26.",
            "min_value": "Give a year from 2000.",
            "max_value": "Give a year up to 2100.",
        },
    )
    date_as_printed = forms.CharField(
        label="Date on the cover",
        max_length=60,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": "Give the date on the cover, for example “August 2025”."},
    )
    local_authority = forms.CharField(
        label="Local authority",
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": "Give the local authority’s name as the cover prints it: “Cambridgeshire”."},
    )

    def __init__(self, *args, templates, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["committee"].queryset = bodies
