from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cyp.admin import ReadOnlyAdminMixin
from indicators.enums import FigureSource
from indicators.models import Figure, FigureLock, Indicator, PublishedStatus, Target, UsefulLink
from indicators.services import (
    FIGURE_FIELDS,
    FigureChange,
    figure_lock_for,
    figure_locks,
    figure_write,
    figures_refused,
)


class UsefulLinkInline(admin.TabularInline):
    model = UsefulLink
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("number", "name", "service_area", "unit", "direction", "frequency", "status")
    list_filter = ("service_area", "unit", "frequency", "status")
    search_fields = ("number", "name")
    inlines = [UsefulLinkInline, TargetInline]


class FigureAdminForm(forms.ModelForm):
    """The admin's figure form: a change to a period a published pack printed is refused with the reason."""

    class Meta:
        model = Figure
        fields = ("indicator", "period_end", *FIGURE_FIELDS)

    def clean(self):
        cleaned = super().clean()
        indicator = cleaned.get("indicator") or (self.instance.indicator if self.instance.pk else None)
        period_end = cleaned.get("period_end") or (self.instance.period_end if self.instance.pk else None)
        if indicator is not None and period_end is not None and not self.errors:
            change = FigureChange(indicator, period_end, {name: cleaned.get(name) for name in FIGURE_FIELDS})
            for refused in figures_refused(changes=[change]):
                raise forms.ValidationError(refused.message)
        return cleaned


@admin.register(Figure)
class FigureAdmin(SimpleHistoryAdmin):
    """Saves go through ``indicators.services.figure_write`` (lock check, history, audit); a locked
    figure cannot be deleted here. A published figure is corrected from the indicator's page."""

    form = FigureAdminForm
    list_display = ("indicator", "period_label", "period_end", "value", "not_updated")
    list_filter = ("indicator__service_area", "not_updated")
    search_fields = ("indicator__number", "period_label")

    def get_readonly_fields(self, request, obj=None):
        # A figure is named by its indicator and period: change them by adding the right figure instead.
        return ("indicator", "period_end") if obj is not None and obj.pk else ()

    def save_model(self, request, obj, form, change):
        written = figure_write(
            indicator=obj.indicator,
            period_end=obj.period_end,
            fields={name: form.cleaned_data[name] for name in FIGURE_FIELDS if name in form.cleaned_data},
            by=request.user,
            reason="Changed in the admin",
            source=FigureSource.ADMIN,
        )
        obj.pk = written.figure.pk

    def has_delete_permission(self, request, obj=None):
        if obj is not None and figure_lock_for(
            figure_locks(committee_ids={obj.indicator.committee_id}), indicator=obj.indicator, period_end=obj.period_end
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
    list_display = ("indicator", "quarter", "rag", "source")
    list_filter = ("quarter", "rag", "source")


@admin.register(FigureLock)
class FigureLockAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: publishing writes the locks."""

    list_display = ("committee", "until", "meeting_date", "version", "created_at")
