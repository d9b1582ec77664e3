"""Form pieces every app shares: a text area with a limit and its counter, and named length messages.

``LimitedTextField`` cleans what was typed on the way in (cyp.text.text_clean: Word's line
breaks become line breaks, control and bidi-override characters go), and refuses text over
its limit with cyp.limits' message, keeping the text in the form. Its widget prints the
limit under the text area as text ("1,204 of 12,000 characters"), so it is there without
JavaScript; static/js/text_counter.js keeps it up to date as the person types.

``text_limits_apply(form)`` gives every other length-limited text field of a form the same
named message ("Title is 305 characters; the limit is 300. …"), and turns the text areas
of a ModelForm whose model field has a ``TextLimit`` into limited ones.

``FormRenderer`` (settings.FORM_RENDERER) marks every field with an error, in every form and
whatever template draws it: Django gives it ``aria-invalid="true"`` and ``aria-describedby`` to
``<id>_error``; ``InvalidMarkingBoundField`` adds Bootstrap's ``is-invalid`` so the box shows it too.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxLengthValidator
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name
from django.utils.html import format_html

from cyp.limits import TextLimit, text_length
from cyp.text import text_clean


def counter_text(length: int, limit: int) -> str:
    """ "1,204 of 12,000 characters", or, over the limit, says so in words (not colour alone)."""
    if length > limit:
        return f"Too long: {length:,} of {limit:,} characters. Shorten it by {length - limit:,}."
    return f"{length:,} of {limit:,} characters"


class LimitedTextarea(forms.Textarea):
    """A text area followed by its counter, linked to it by aria-describedby.

    No ``maxlength`` attribute: a browser would silently cut a pasted text at the limit; the
    person sees the count instead and the form refuses an over-long text with a message.
    """

    def __init__(self, attrs=None, *, limit: int):
        super().__init__(attrs)
        self.limit = limit

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.pop("maxlength", None)
        element_id = widget_attrs.get("id")
        if element_id:
            counter_id = f"{element_id}_count"
            described = widget_attrs.get("aria-describedby", "").split()
            widget_attrs["aria-describedby"] = " ".join([*described, counter_id])
            widget_attrs["data-counter"] = counter_id
        widget_attrs["data-limit"] = str(self.limit)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        element_id = (attrs or {}).get("id") or self.attrs.get("id")
        if not element_id:
            return textarea
        # Counted as the field will clean it (and as the script counts): surrounding white space does not count.
        return textarea + counter_html(f"{element_id}_count", text_length(str(value or "").strip()), self.limit)


def counter_html(counter_id: str, length: int, limit: int):
    """The counter's markup: the visible count, and a polite live region the script fills when typing pauses."""
    over = length > limit
    return format_html(
        '<div class="form-text text-counter{}" id="{}" data-text-counter>'
        "<span data-counter-text>{}</span>"
        '<span class="visually-hidden" aria-live="polite" data-counter-live></span></div>',
        " text-counter-over" if over else "",
        counter_id,
        counter_text(length, limit),
    )


class LimitedTextField(forms.CharField):
    """Free text with a limit: cleaned on the way in, counted as the page counts, refused with a named message."""

    def __init__(self, *, limit: int, label: str, rows: int = 4, **kwargs):
        kwargs.setdefault("widget", LimitedTextarea(attrs={"rows": rows}, limit=limit))
        super().__init__(label=label, **kwargs)
        self.limit = limit
        self.validators.append(TextLimit(limit, label))

    def to_python(self, value):
        value = super().to_python(value)
        return text_clean(value).strip() if value else value


def text_limits_apply(form: forms.BaseForm) -> None:
    """Name the field and the fix in every length message of ``form``; give limited text areas their counter.

    - a CharField with ``max_length`` gets a TextLimit with its label instead of Django's
      "Ensure this value has at most …";
    - on a ModelForm, a text area whose model field carries a TextLimit becomes a
      LimitedTextField (same label, help text and rows), cleaned, counted and refused the same way.
    """
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, field in list(form.fields.items()):
        if isinstance(field, LimitedTextField) or not isinstance(field, forms.CharField):
            continue
        label = str(field.label or pretty_name(name))
        limit = field.max_length or _model_limit(model, name)
        if not limit:
            continue
        if isinstance(field.widget, forms.Textarea):
            attrs = {key: value for key, value in field.widget.attrs.items() if key != "maxlength"}
            replacement = LimitedTextField(
                limit=limit,
                label=label,
                required=field.required,
                help_text=field.help_text,
                initial=field.initial,
                disabled=field.disabled,
                error_messages=field.error_messages,
                widget=LimitedTextarea(attrs=attrs, limit=limit),
            )
            replacement.validators.extend(
                validator for validator in field.validators if not isinstance(validator, MaxLengthValidator)
            )
            form.fields[name] = replacement
            continue
        field.validators = [
            validator for validator in field.validators if not isinstance(validator, MaxLengthValidator)
        ] + [TextLimit(limit, label)]


def _model_limit(model, name: str) -> int | None:
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a form field of its own has no model limit
        return None
    limits = [validator.limit_value for validator in model_field.validators if isinstance(validator, TextLimit)]
    return min(limits) if limits else None


class InvalidMarkingBoundField(BoundField):
    """A field with errors: its box carries ``is-invalid`` as well as Django's ``aria-invalid="true"``."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if attrs.get("aria-invalid") == "true":
            widget = widget or self.field.widget
            # The widget's own classes are merged under these attrs later, so they are kept here.
            classes = f"{widget.attrs.get('class', '')} {attrs.get('class', '')}".split()
            attrs["class"] = " ".join(dict.fromkeys([*classes, "is-invalid"]))
        return attrs


class FormRenderer(DjangoTemplates):
    """Django's renderer, with fields that mark their errors (settings.FORM_RENDERER)."""

    bound_field_class = InvalidMarkingBoundField
