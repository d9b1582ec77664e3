"""Admin for returns: read-only, history included. Returns change only through the workflow (commentary.services)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from commentary.models import Return
from cyp.admin import ReadOnlyAdminMixin


@admin.register(Return)
class ReturnAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Everything visible, nothing editable: no add, change, delete or revert to an old version."""

    list_display = ("__str__", "state", "locked", "shared", "updated_at", "updated_by")
    list_filter = ("state", "locked", "quarter", "indicator__service_area")
    search_fields = ("indicator__name", "commentary", "actions")
    list_select_related = ("indicator", "quarter", "quarter__year", "updated_by")
    history_list_display = ("state", "version")

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("History is read-only.")
        return super().history_form_view(request, object_id, version_id, extra_context)
