from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from cyp.admin import ReadOnlyAdminMixin
from indicators import rag
from indicators.derive import DERIVED_TYPED_MESSAGE
from indicators.enums import FigureSource
from indicators.models import (
    Benchmark,
    BodyTarget,
    Figure,
    FigureBreakdown,
    FigureLock,
    Indicator,
    IndicatorShare,
    PublishedStatus,
    Target,
    UsefulLink,
)
from indicators.services import (
    FIGURE_FIELDS,
    FigureChange,
    entered_basis,
    figure_lock_for,
    figure_locks,
    figure_write,
    figures_refused,
)
from indicators.services_sharing import (
    body_target_set,
    indicator_share,
    indicator_unshare,
    share_problems,
    target_value_problem,
)


class BenchmarkInline(admin.TabularInline):
    """The measure's named comparators, each with its own period (``indicators.benchmarks`` reads them)."""

    model = Benchmark
    extra = 0
    fields = ("kind", "label", "period_label", "period_end", "value", "source")


class FigureBreakdownInline(admin.TabularInline):
    """The figure's breakdown by category; read only once a published pack locked the figure."""

    model = FigureBreakdown
    extra = 0
    fields = ("dimension", "category", "value", "position")

    def _locked(self, obj) -> bool:
        return (
            obj is not None
            and obj.pk is not None
            and figure_lock_for(
                figure_locks(committee_ids={obj.indicator.committee_id}, indicator_ids={obj.indicator_id}),
                indicator=obj.indicator,
                period_end=obj.period_end,
            )
            is not None
        )

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class UsefulLinkInline(admin.TabularInline):
    model = UsefulLink
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # an address typed without one


def _target_written(text: str, field: str) -> tuple[str, Decimal | None, Decimal | None]:
    """ "above 95%" -> ("above", 95, None); "between 10 and 15" -> ("between", 10, 15); "" -> ("", None, None).
    Raises ValidationError naming the fix."""
    bounds = rag.split_range(text or "")
    if bounds is not None:
        if not all(bounds):
            raise forms.ValidationError(
                f"\u201c{text}\u201d needs both ends of the range: write it like between 10 and 15."
            )
        lower, upper = (_written_number(bound, text, field) for bound in bounds)
        problem = rag.range_problem(lower, upper)
        if problem:
            raise forms.ValidationError(f"\u201c{text}\u201d is not a range: {problem}")
        return rag.Comparator.BETWEEN.value, lower, upper
    comparator, rest = rag.split_comparator(text or "")
    if not rest:
        if comparator:
            raise forms.ValidationError(
                f"Write the number after \u201c{comparator.words}\u201d, like {comparator.words} 95."
            )
        return "", None, None
    return comparator.value, _written_number(rest, text, field), None


def _written_number(rest: str, text: str, field: str) -> Decimal:
    try:
        number = Decimal(rest.rstrip("%").replace(",", "").replace("\u2212", "-").strip())
    except InvalidOperation:
        raise forms.ValidationError(
            f"\u201c{text}\u201d is not a {field}: write a number (95), or the number with its words "
            "(above 95%, at least 90, below 10, between 10 and 15)."
        ) from None
    if not number.is_finite():
        raise forms.ValidationError(f"Write the {field} as a number, like 95.")
    return number


class WrittenTargetForm(forms.ModelForm):
    """A target typed as the council writes it: "above 95%" fills in the number and how it is written.

    Shared by an indicator's own targets (``TargetForm``) and a body's (``BodyTargetForm``).
    """

    value = forms.CharField(
        label="target",
        required=False,
        help_text="A number, or as written: above 95%, at least 90, below 10, between 10 and 15 (the words set "
        "\u201cwritten as\u201d, and a range its top).",
    )
    second_value = forms.CharField(
        label="second target", required=False, help_text="A stretch or national target, written the same way."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("value", "second_value"):
            stored = getattr(self.instance, name, None)
            if stored is not None:
                self.initial[name] = f"{stored.normalize():f}"

    def clean_value(self):
        comparator, number, upper = _target_written(self.cleaned_data.get("value"), "target")
        # Words set how it is written; a range sets its top too, and other words clear a range's top.
        self._written = {"comparator": comparator, "range_upper": upper} if comparator else {}
        return number

    def clean_second_value(self):
        comparator, number, upper = _target_written(self.cleaned_data.get("second_value"), "second target")
        if upper is not None:
            raise forms.ValidationError("A second target is one number, not a range: write it like 98.")
        self._second_written = {"second_comparator": comparator} if comparator else {}
        return number

    def clean(self):
        cleaned = super().clean()
        cleaned.update(getattr(self, "_written", {}))
        cleaned.update(getattr(self, "_second_written", {}))
        for name in ("comparator", "range_upper", "second_comparator"):
            if name in cleaned:
                setattr(self.instance, name, cleaned[name])
        return cleaned


class TargetForm(WrittenTargetForm):
    class Meta:
        model = Target
        fields = (
            "year",
            "value",
            "comparator",
            "range_upper",
            "status",
            "second_value",
            "second_comparator",
            "second_label",
            "note",
        )


class TargetInline(admin.TabularInline):
    model = Target
    form = TargetForm
    extra = 0


class IndicatorShareForm(forms.ModelForm):
    """Another body the indicator is reported to; the number it prints it under there (blank: the same)."""

    number = forms.IntegerField(
        min_value=1,
        required=False,
        help_text="As the other body prints it; leave blank for the indicator's own number.",
    )

    class Meta:
        model = IndicatorShare
        fields = ("committee", "number")

    def clean(self):
        cleaned = super().clean()
        indicator = getattr(self.instance, "indicator", None) if self.instance.indicator_id else None
        committee = cleaned.get("committee")
        if indicator is not None and committee is not None and not cleaned.get("DELETE"):
            number = cleaned.get("number") or indicator.number
            share = self.instance if self.instance.pk else None
            for problem in share_problems(indicator=indicator, committee=committee, number=number, share=share):
                self.add_error("number" if "prints" in problem else "committee", problem)
        return cleaned

    def _post_clean(self):
        # The share is written by indicators.services_sharing (checks and audit), not by the model form.
        pass


class IndicatorShareInline(admin.TabularInline):
    model = IndicatorShare
    form = IndicatorShareForm
    extra = 0
    verbose_name = "also reported to"
    verbose_name_plural = "also reported to (other bodies; one figure serves every body)"


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("number", "name", "committee", "service_area", "unit", "direction", "frequency", "status")
    list_filter = ("committee", "service_area", "unit", "frequency", "status")
    search_fields = ("number", "name")
    inlines = [UsefulLinkInline, TargetInline, BenchmarkInline, IndicatorShareInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not IndicatorShare:
            return super().save_formset(request, form, formset, change)
        indicator = form.instance
        for share_form in formset.forms:
            if not share_form.has_changed() and not share_form.cleaned_data.get("DELETE"):
                continue
            share = share_form.instance if share_form.instance.pk else None
            if share_form.cleaned_data.get("DELETE"):
                if share is not None:
                    indicator_unshare(share=share, by=request.user)
                continue
            committee = share_form.cleaned_data.get("committee")
            if committee is None:
                continue
            if share is not None and share.committee_id != committee.pk:
                indicator_unshare(share=share, by=request.user)
            indicator_share(
                indicator=indicator, committee=committee, number=share_form.cleaned_data.get("number"), by=request.user
            )
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        return None


#: A body target's fields as the form and ``body_target_set`` name them.
BODY_TARGET_FIELDS = (
    "share",
    "year",
    "value",
    "comparator",
    "range_upper",
    "status",
    "second_value",
    "second_comparator",
    "second_label",
    "note",
)


class BodyTargetForm(WrittenTargetForm):
    """A body's own target, written as the body writes it ("above 95%"), with its second target."""

    class Meta:
        model = BodyTarget
        fields = BODY_TARGET_FIELDS

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned:
            problem = target_value_problem(value=cleaned.get("value"), status=cleaned["status"])
            if problem:
                self.add_error("value", problem)
        if not self.errors and cleaned.get("share") is not None:
            # The terms' own rules (TargetTerms.clean): checked here, as the model form is not (_post_clean).
            candidate = BodyTarget(**{name: cleaned.get(name) for name in BODY_TARGET_FIELDS if name != "note"})
            try:
                candidate.clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned

    def _post_clean(self):
        # Checked and written by indicators.services_sharing.body_target_set (with the audit row).
        pass


@admin.register(BodyTarget)
class BodyTargetAdmin(SimpleHistoryAdmin):
    """A body's own target for an indicator shared with it: it replaces the indicator's target for the
    year in that body's reports. Saves go through ``indicators.services_sharing.body_target_set``."""

    form = BodyTargetForm
    list_display = ("share", "year", "value", "status")
    list_filter = ("share__committee", "year", "status")
    search_fields = ("share__number", "share__indicator__name")

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        written = body_target_set(
            share=data["share"],
            year=data["year"],
            value=data.get("value"),
            status=data["status"],
            note=data.get("note", ""),
            comparator=data.get("comparator") or "",
            range_upper=data.get("range_upper"),
            second_value=data.get("second_value"),
            second_comparator=data.get("second_comparator") or "",
            second_label=data.get("second_label") or "",
            by=request.user,
        )
        for name in BODY_TARGET_FIELDS:  # what the admin's log and message name
            setattr(obj, name, getattr(written, name))
        obj.pk = written.pk
        obj._state.adding = False


class FigureAdminForm(forms.ModelForm):
    """The admin's figure form: a change to a period a published pack printed is refused with the reason."""

    class Meta:
        model = Figure
        # "Derived" is the derivation's to set (``indicators.services_derive``), never typed.
        fields = ("indicator", "basis", "period_end", *(name for name in FIGURE_FIELDS if name != "derived"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "basis" in self.fields:
            self.fields["basis"].required = False
            self.fields["basis"].help_text = "What the value covers; empty: the figure the indicator reports."

    def clean(self):
        cleaned = super().clean()
        indicator = cleaned.get("indicator") or (self.instance.indicator if self.instance.pk else None)
        if not self.instance.pk and indicator is not None and not cleaned.get("basis"):
            cleaned["basis"] = entered_basis(indicator)  # a derived indicator's months
        period_end = cleaned.get("period_end") or (self.instance.period_end if self.instance.pk else None)
        if indicator is not None and period_end is not None and not self.errors:
            basis = cleaned.get("basis") or (self.instance.basis if self.instance.pk else None)
            if indicator.derivation and basis == indicator.derivation:
                raise forms.ValidationError(DERIVED_TYPED_MESSAGE)
            change = FigureChange(
                indicator, period_end, {name: cleaned.get(name) for name in FIGURE_FIELDS if name in self.fields}, basis
            )
            for refused in figures_refused(changes=[change]):
                raise forms.ValidationError(refused.message)
        return cleaned


@admin.register(Figure)
class FigureAdmin(SimpleHistoryAdmin):
    """Saves go through ``indicators.services.figure_write`` (lock check, history, audit); a locked
    figure cannot be deleted here. A published figure is corrected from the indicator's page."""

    form = FigureAdminForm
    inlines = [FigureBreakdownInline]
    list_display = ("indicator", "period_label", "period_end", "value", "not_updated")
    list_filter = ("indicator__service_area", "not_updated")
    search_fields = ("indicator__number", "period_label")

    def get_readonly_fields(self, request, obj=None):
        # A figure is named by its indicator and period: change them by adding the right figure instead.
        return ("indicator", "basis", "period_end") if obj is not None and obj.pk else ()

    def save_model(self, request, obj, form, change):
        written = figure_write(
            indicator=obj.indicator,
            period_end=obj.period_end,
            basis=obj.basis,
            fields={name: form.cleaned_data[name] for name in FIGURE_FIELDS if name in form.cleaned_data},
            by=request.user,
            reason="Changed in the admin",
            source=FigureSource.ADMIN,
        )
        obj.pk = written.figure.pk

    def has_delete_permission(self, request, obj=None):
        if obj is not None and figure_lock_for(
            figure_locks(committee_ids={obj.indicator.committee_id}, indicator_ids={obj.indicator.id}),
            indicator=obj.indicator,
            period_end=obj.period_end,
        ):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Deleting in bulk would pass over the lock of published figures.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(PublishedStatus)
class PublishedStatusAdmin(admin.ModelAdmin):
    list_display = ("indicator", "committee", "quarter", "rag", "source")
    list_filter = ("committee", "quarter", "rag", "source")


@admin.register(FigureLock)
class FigureLockAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: publishing writes the locks."""

    list_display = ("committee", "until", "meeting_date", "version", "created_at")
