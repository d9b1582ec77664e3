from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import Figure, Indicator, PublishedStatus, Target, UsefulLink


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


@admin.register(Figure)
class FigureAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "period_label", "period_end", "value", "not_updated")
    list_filter = ("indicator__service_area", "not_updated")
    search_fields = ("indicator__number", "period_label")


@admin.register(PublishedStatus)
class PublishedStatusAdmin(admin.ModelAdmin):
    list_display = ("indicator", "quarter", "rag", "source")
    list_filter = ("quarter", "rag", "source")
