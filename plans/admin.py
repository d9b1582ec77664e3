"""The admin: plans, recommendations, SLI programmes. Progress is read-only here: it moves only through review."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cyp.admin import ReadOnlyAdminMixin
from plans.models import Action, Finding, Plan, ProgressUpdate, Recommendation, SliPhase, SliProgramme


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "source", "plan_date", "archived")
    list_filter = ("source", "archived")
    search_fields = ("title",)
    inlines = [RecommendationInline]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ("number", "plan", "responsible_post", "responsible_user", "due_date", "status")
    list_filter = ("plan", "status")
    search_fields = ("number", "item", "responsible_post")
    filter_horizontal = ("indicators", "delegates")


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: progress is written by its officers and moved by the review workflow, never edited here."""

    list_display = ("action", "date", "status", "state", "author")
    list_filter = ("state", "status", "action__plan")


class SliPhaseInline(admin.StackedInline):
    model = SliPhase
    extra = 0


@admin.register(SliProgramme)
class SliProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("title", "partner_council")
    inlines = [SliPhaseInline]


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin):
    list_display = ("finding_type", "number", "group", "text", "programme")
    list_filter = ("finding_type", "programme")
    filter_horizontal = ("actions",)
