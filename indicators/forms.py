"""Forms for indicators: the governance team's import upload."""

from django import forms

from cyp import limits
from cyp.forms import text_limits_apply
from cyp.imports import import_max_bytes, import_size_problem
from indicators.imports import ImportKind
from indicators.services import FIGURE_FIELDS

KIND_CHOICES = [
    (ImportKind.INDICATORS.value, "Indicators: the catalogue (number, name, unit, direction…)"),
    (ImportKind.TARGETS.value, "Targets: one per indicator and financial year"),
    (ImportKind.FIGURES.value, "Figures: values for each indicator and period"),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": "Choose what the file holds: indicators, targets or figures."},
    )
    file = forms.FileField(
        label="File",
        widget=forms.FileInput(
            attrs={
                "class": "form-control",
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
        help_text="A CSV file (.csv) or an Excel workbook (.xlsx). The first row holds the column headings.",
        error_messages={
            "required": "Choose the file to import.",
            "empty": "The file is empty: there is nothing to import.",
        },
    )
    dry_run = forms.BooleanField(
        label="Only check the file and say what would change; write nothing",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        megabytes = import_max_bytes() // 1024 // 1024
        self.fields["file"].help_text = (
            f"A CSV file (.csv) or an Excel workbook (.xlsx) of at most {megabytes} MB. "
            "The first row holds the column headings."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        too_large = import_size_problem(name=upload.name, size=upload.size)
        if too_large:
            raise forms.ValidationError(too_large)  # before reading it into memory
        return upload


def _number_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=16,
        decimal_places=4,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
        error_messages={"invalid": f"The {label.lower()} must be a number, like 78.9."},
    )


class FigureCorrectionForm(forms.Form):
    """A published figure's fields, prefilled with what is stored, and the reason for the correction."""

    period_end = forms.DateField(widget=forms.HiddenInput)
    value = _number_field("Value")
    numerator = _number_field("Numerator (X)")
    denominator = _number_field("Denominator (Y)")
    sn_mean = _number_field("Statistical neighbour mean")
    england_mean = _number_field("England mean")
    region_mean = _number_field("Regional mean")
    other_mean = _number_field("Other comparator")
    other_mean_label = forms.CharField(
        label="Other comparator's label",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    not_updated = forms.BooleanField(
        label="Not updated this quarter",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    not_updated_reason = forms.CharField(
        label="Why it was not updated",
        required=False,
        max_length=limits.REASON,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    not_available = forms.BooleanField(
        label="Not available (the source system could not produce the figure)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    not_available_reason = forms.CharField(
        label="Why it is not available",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    reason = forms.CharField(
        label="Reason for the correction",
        max_length=limits.REASON,
        help_text="Recorded with the correction and printed in the next version's change log.",
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        error_messages={
            "required": "Say why the figure is corrected: the reason is recorded and printed in the pack's change log."
        },
    )

    #: The figure's fields on this form, in order: what the one writer sets, less how the period is named.
    FIGURE_FIELDS = tuple(
        name for name in FIGURE_FIELDS if name not in ("period_label", "period_start", "as_at", "derived")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_limits_apply(self)  # the reasons get their counters and named length messages

    def figure_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIGURE_FIELDS}
