"""Forms for returns. They parse and name the field in every message; the rules live in commentary.checks."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from types import SimpleNamespace

from django import forms

from commentary.checks import availability_problems
from commentary.models import CONTENT_FIELDS
from cyp import limits
from cyp.forms import LimitedTextField, text_limits_apply


class FigureInput(forms.TextInput):
    """Shows a stored number as a person would type it: 31.4, not the database's 31.4000."""

    def format_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return format(value.normalize(), "f")
        return super().format_value(value)


class FigureField(forms.DecimalField):
    """A number as people type it: "1,204", "78.9%", " 31.4 " are all fine."""

    def __init__(self, *, label: str, **kwargs):
        super().__init__(
            label=label,
            required=False,
            max_digits=16,
            decimal_places=4,
            widget=FigureInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            **kwargs,
        )
        self.error_messages = {
            **self.error_messages,
            "invalid": f"{label}: enter a number, e.g. 78.9 (you entered %(value)s).",
            "max_decimal_places": f"{label}: use at most 4 decimal places.",
            "max_digits": f"{label}: that number is too long; use at most 12 digits before the point.",
            "max_whole_digits": f"{label}: that number is too long; use at most 12 digits before the point.",
        }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("%", "").strip()
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None

    def validate(self, value):
        super().validate(value)
        if value is not None and not value.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput(),
        error_messages={"invalid": f"{label}: enter a date, e.g. 30/06/2024."},
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"],
    )


#: What ``commentary.checks.availability_problems`` reads of a return.
AVAILABILITY_FIELDS = ("not_available", "not_updated", "value", "numerator", "denominator")


class ReturnForm(forms.Form):
    """The lead's editor: figures, commentary and actions, and the version the lead started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    period_label = forms.CharField(label="Period, as printed", max_length=60, required=False)
    period_start = _date_field("Period starts")
    period_end = _date_field("Period ends")
    value = FigureField(label="Current value")
    numerator = FigureField(label="Numerator (X)")
    denominator = FigureField(label="Denominator (Y)")
    sn_mean = FigureField(label="Statistical neighbour mean")
    england_mean = FigureField(label="England mean")
    region_mean = FigureField(label="Region mean")
    other_mean = FigureField(label="Other comparator")
    other_mean_label = forms.CharField(label="Other comparator's label", max_length=100, required=False)
    not_updated = forms.BooleanField(label="Not updated this quarter", required=False)
    not_updated_reason = LimitedTextField(label="Why not updated", limit=limits.REASON, required=False, rows=2)
    not_available = forms.BooleanField(
        label="Not available (the source system could not produce this figure)",
        required=False,
        help_text="Leave the current value, X and Y empty: the figure is listed apart, never rated or counted.",
    )
    not_available_reason = forms.CharField(
        label="Why not available (optional)",
        max_length=300,
        required=False,
        help_text="Printed after “Not available: the source system could not produce this figure”. "
        "Leave it empty when there is nothing more to say.",
    )
    commentary = LimitedTextField(
        label="Commentary",
        limit=limits.COMMENTARY,
        required=False,
        rows=10,
        help_text="What the figures show, why, and how they compare with neighbours and England.",
    )
    actions = LimitedTextField(
        label="Actions",
        limit=limits.ACTIONS,
        required=False,
        rows=6,
        help_text="Required when the indicator is Red: what will be done, by whom and by when.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_limits_apply(self)
        for name, field in self.fields.items():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            field.widget.attrs["class"] = css
            if name in ("value", "numerator", "denominator") or name.endswith("_mean"):
                field.widget.attrs["class"] += " w-auto"

    def clean_denominator(self):
        denominator = self.cleaned_data.get("denominator")
        if denominator is not None and denominator == Decimal(0):
            raise forms.ValidationError("Denominator (Y): cannot be zero; enter the number the rate is out of.")
        return denominator

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", "Period ends: the period ends before it starts; check both days.")
        # Refused before saving (the database refuses it too): the form comes back with everything typed.
        typed = SimpleNamespace(**{name: cleaned.get(name) for name in AVAILABILITY_FIELDS})
        for name, text in availability_problems(content=typed):
            label = "Not available" if name == "not_available" else self.fields[name].label
            self.add_error(name, f"{label}: {text[0].upper()}{text[1:]}")
        return cleaned

    def content(self) -> dict:
        """The content fields as the service takes them (text stripped of trailing white space)."""
        content = {}
        for name in CONTENT_FIELDS:
            value = self.cleaned_data.get(name)
            if isinstance(value, str):
                value = value.strip()
            content[name] = value
        return content

    def lenient_content(self, fallback) -> dict:
        """For the live preview: every field that parses, and the stored value for any that does not."""
        content = {}
        for name in CONTENT_FIELDS:
            field = self.fields[name]
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            try:
                value = field.clean(raw)
            except (forms.ValidationError, InvalidOperation):
                value = getattr(fallback, name)
            content[name] = value.strip() if isinstance(value, str) else value
        return content


def initial_for(ret) -> dict:
    return {**ret.content(), "version": ret.version}


class CommentForm(forms.Form):
    """A decision's comment: required to send back or reopen, optional to approve."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
    comment = LimitedTextField(label="Comment", limit=limits.COMMENT, required=False, rows=3)
