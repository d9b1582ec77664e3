from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cyp.models import AuditEvent, Committee, FinancialYear, Notification, Quarter, ServiceArea, User


class ReadOnlyAdminMixin:
    """Everything visible, nothing editable: for records only services write (the audit log, workflow
    content, packs). Nothing can be added, changed or deleted here, not even by a superuser."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Role in cyp", {"fields": ("role", "job_title", "service_areas")}))
    list_display = ("username", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "service_areas")
    filter_horizontal = ("service_areas", "groups", "user_permissions")


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "council", "rag_wording")


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ("name", "committee")
    prepopulated_fields = {"slug": ("name",)}


class QuarterInline(admin.TabularInline):
    model = Quarter
    extra = 0


@admin.register(FinancialYear)
class FinancialYearAdmin(admin.ModelAdmin):
    inlines = [QuarterInline]


@admin.register(Quarter)
class QuarterAdmin(admin.ModelAdmin):
    list_display = ("__str__", "is_open", "data_deadline", "published_at")
    list_filter = ("is_open",)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the audit log is never edited or deleted, not even here."""

    list_display = ("created_at", "action", "target_repr", "actor", "actor_role")
    list_filter = ("action", "actor_role")
    search_fields = ("target_repr", "comment")
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "subject", "read_at", "emailed_at")
    list_filter = ("kind",)
