"""Forms for meetings, agenda items, papers and the pack actions. They parse; services decide."""

from __future__ import annotations

from django import forms

from cyp.bodies import period_word
from cyp.forms import text_limits_apply
from indicators import reporting
from indicators.selectors import IndicatorRow
from reports.enums import AgendaItemKind, ExemptParagraph
from reports.models import ITEM_FIELDS, AgendaItem, Meeting
from reports.services.meetings import paper_check, paper_max_bytes, paper_too_large


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "date",
            "time",
            "venue",
            "quarter",
            "clerk_name",
            "clerk_email",
            "clerk_telephone",
            "membership",
            "draft_due_days_before",
            "despatch_days_before",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "membership": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {
            "quarter": "Quarter it reports",
            "clerk_email": "Clerk's e-mail",
            "clerk_telephone": "Clerk's telephone",
        }

    def __init__(self, *args, committee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        self.fields["quarter"].queryset = self.fields["quarter"].queryset.select_related("year")
        if committee is not None:
            # The body's periods (its months when it reports monthly), and the one the meeting already reports.
            periods = self.fields["quarter"].queryset
            self.fields["quarter"].queryset = periods.for_body(committee) | periods.filter(pk=self.instance.quarter_id)
            self.fields["quarter"].label = f"{period_word(committee).capitalize()} it reports"
        self.fields["quarter"].label_from_instance = lambda quarter: quarter.display
        text_limits_apply(self)

    def _post_clean(self):
        if self.committee is not None:
            self.instance.committee = self.committee
        super()._post_clean()

    def validate_unique(self):
        # committee is not a form field, so ModelForm would skip the (committee, date) constraint.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as error:
            self._update_errors(error)


class ExamplesField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(coerce=int, required=False, **kwargs)


class AgendaItemForm(forms.ModelForm):
    green_blue_examples = ExamplesField(
        label="Examples of Green and Blue commentary",
        help_text="The cover paper quotes the commentary of the indicators you tick.",
    )
    red_examples = ExamplesField(
        label="Examples of Red commentary",
        help_text="The cover paper quotes the commentary of the indicators you tick.",
    )

    class Meta:
        model = AgendaItem
        fields = list(ITEM_FIELDS)
        widgets = {
            "executive_summary": forms.Textarea(attrs={"rows": 4}),
            "recommendation": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "exempt_public_description": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"key_decision": "This is a key decision"}

    def __init__(self, *args, meeting: Meeting, rows: list[IndicatorRow] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        self.fields["kind"].choices = AgendaItemKind.choices
        self.fields["exempt_paragraph"].choices = [("", "Not exempt: a public item"), *ExemptParagraph.choices]
        text_limits_apply(self)
        rows = rows or []
        self.fields["green_blue_examples"].choices = _example_choices(rows, reporting.ExampleKind.GREEN_BLUE)
        self.fields["red_examples"].choices = _example_choices(rows, reporting.ExampleKind.RED)
        if not rows:
            del self.fields["green_blue_examples"]
            del self.fields["red_examples"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != AgendaItemKind.PERFORMANCE_REPORT:
            for name in ("green_blue_examples", "red_examples"):
                if name in self.fields:
                    cleaned[name] = []
                else:
                    setattr(self.instance, name, [])
        return cleaned

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError as error:
            self._update_errors(error)


def _example_choices(rows: list[IndicatorRow], kind: reporting.ExampleKind) -> list[tuple[int, str]]:
    """The rows that may be an example of this kind: a not-updated one may not (indicators.reporting)."""
    return [
        (row.indicator.number, f"Indicator {row.indicator.number}: {row.indicator.name} ({row.rag})")
        for row in rows
        if reporting.example_kind(
            status=row.rating.status, not_updated=row.not_updated, not_available=row.not_available
        )
        == kind
    ]


class PaperUploadForm(forms.Form):
    paper = forms.FileField(
        label="Paper (PDF)", widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        megabytes = paper_max_bytes() // 1024 // 1024
        self.fields["paper"].help_text = f"A PDF of at most {megabytes} MB, not password-protected."

    def clean_paper(self):
        upload = self.cleaned_data["paper"]
        too_large = paper_too_large(name=upload.name, size=upload.size)
        if too_large:
            raise forms.ValidationError(too_large)  # refused before reading it into memory
        data = upload.read()
        self.checked = paper_check(name=upload.name, data=data)
        return upload


class AssembleForm(forms.Form):
    draft = forms.TypedChoiceField(
        choices=[("1", "Draft"), ("0", "Final")], coerce=lambda value: value == "1", widget=forms.HiddenInput
    )
    idempotency_key = forms.RegexField(regex=r"^[0-9a-f]{32}$", required=False, widget=forms.HiddenInput)


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have checked this pack: publish it to the committee. A published version never changes.",
        error_messages={"required": "Tick the box to confirm you have checked the pack before publishing it."},
    )
