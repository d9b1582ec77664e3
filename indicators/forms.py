"""Forms for indicators: the governance team's import upload."""

from django import forms

from indicators.imports import ImportKind

#: The largest file the upload page accepts. A quarter's figures for a few hundred indicators
#: are a few hundred kilobytes; anything near this limit is not a performance return.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024

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
        help_text=(
            "A CSV file (.csv) or an Excel workbook (.xlsx), at most 5 MB. The first row holds the column headings."
        ),
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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            megabytes = upload.size / (1024 * 1024)
            raise forms.ValidationError(
                f"The file is {megabytes:.1f} MB; the largest accepted is 5 MB. Split it into smaller files."
            )
        return upload
