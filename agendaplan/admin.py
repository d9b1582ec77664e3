"""The admin: planned items can be read and corrected; status moves go through the app (and its audit)."""

from django.contrib import admin

from agendaplan.models import PlannedItem


@admin.register(PlannedItem)
class PlannedItemAdmin(admin.ModelAdmin):
    list_display = ("title", "committee", "meeting", "planned_date", "lead_officer_name", "key_decision", "status")
    list_filter = ("committee", "status", "key_decision")
    search_fields = ("title", "lead_officer_name", "forward_plan_reference")
    readonly_fields = ("status", "deferred_from", "status_reason", "agenda_item", "created_at", "updated_at")
