"""The admin: minutes, minute items, actions and responses, read-only.

Each is written by one service (``minutes.services``), which checks the rules (approved
minutes never change), records the audit event and keeps the history; the admin shows
them, with their field history, and changes nothing.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cyp.admin import ReadOnlyAdminMixin
from minutes.models import ActionResponse, MinuteAction, MinuteItem, Minutes


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("meeting", "state", "approved_on", "paper_name")
    list_filter = ("state", "meeting__committee")


@admin.register(MinuteItem)
class MinuteItemAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("number", "title", "minutes")
    list_filter = ("minutes__meeting__committee",)
    search_fields = ("title", "text", "decisions")


@admin.register(MinuteAction)
class MinuteActionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("minute", "officer_name", "officer_user", "due_date", "status")
    list_filter = ("status", "minute__minutes__meeting__committee")
    search_fields = ("text", "officer_name")


@admin.register(ActionResponse)
class ActionResponseAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Responses are written by their officer and moved by the review workflow, never edited here."""

    list_display = ("action", "date", "status", "state", "author")
    list_filter = ("state", "status")
