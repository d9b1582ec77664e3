"""The forms of Parts A and B: the cover and context, and one formset per list (people, documents,
inspections, and each of Part B's lists). Every text counted and refused with its field named."""

from __future__ import annotations

from django import forms

from cyp.forms import text_limits_apply
from selfassessment.enums import SummaryKind
from selfassessment.models import Inspection, KeyDocument, KeyPerson, SelfAssessment, SummaryItem


def _styled(form: forms.BaseForm) -> None:
    text_limits_apply(form)
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class CoverForm(forms.ModelForm):
    class Meta:
        model = SelfAssessment
        fields = [
            "date_as_printed",
            "local_authority",
            "contact_name",
            "contact_phone",
            "contact_email",
            "review_period",
            "introduction",
            "key_documents_note",
            "local_area",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "key_documents_note": forms.Textarea(attrs={"rows": 2}),
            "local_area": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class _RowForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class KeyPersonForm(_RowForm):
    class Meta:
        model = KeyPerson
        fields = ["position", "post", "name", "start_as_printed"]


class KeyDocumentForm(_RowForm):
    class Meta:
        model = KeyDocument
        fields = ["position", "title", "date_as_printed", "link"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}


class InspectionForm(_RowForm):
    class Meta:
        model = Inspection
        fields = ["position", "title", "date_as_printed", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 2})}


class SummaryItemForm(_RowForm):
    class Meta:
        model = SummaryItem
        fields = ["position", "text", "outcome", "reference", "date_as_printed", "risk_register_ref"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "outcome": forms.Textarea(attrs={"rows": 3})}


def _formset(form, extra: int = 1):
    return forms.inlineformset_factory(SelfAssessment, form._meta.model, form=form, extra=extra, can_delete=True)


KeyPeopleFormSet = _formset(KeyPersonForm)
KeyDocumentsFormSet = _formset(KeyDocumentForm)
InspectionsFormSet = _formset(InspectionForm)
SummaryFormSet = _formset(SummaryItemForm)


def context_forms(document: SelfAssessment, data=None):
    """The cover form and every formset of Parts A and B, bound to ``data`` when given."""
    formsets = {
        "key_people": KeyPeopleFormSet(data, instance=document, prefix="people"),
        "key_documents": KeyDocumentsFormSet(data, instance=document, prefix="documents"),
        "inspections": InspectionsFormSet(data, instance=document, prefix="inspections"),
    }
    for kind in SummaryKind:
        formsets[kind.value] = SummaryFormSet(
            data,
            instance=document,
            prefix=f"summary-{kind.value}",
            queryset=SummaryItem.objects.filter(document=document, kind=kind).order_by("position", "id"),
        )
    return CoverForm(data, instance=document), formsets
