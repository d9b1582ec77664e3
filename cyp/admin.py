from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cyp.models import (
    AuditEvent,
    Committee,
    FinancialYear,
    NonWorkingDay,
    Notification,
    Quarter,
    QuarterPublication,
    ServiceArea,
    User,
)


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
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            "Role in cyp",
            {
                "fields": ("role", "job_title", "service_areas", "committees"),
                "description": "Members see the bodies they sit on; service leads the bodies their service areas "
                "report to and those they serve; the governance team and administrators see every body.",
            },
        ),
    )
    list_display = ("username", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "committees", "service_areas")
    filter_horizontal = ("service_areas", "committees", "groups", "user_permissions")


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "cadence", "slug", "position", "council")
    list_editable = ("position",)
    list_filter = ("kind", "cadence")
    search_fields = ("name", "slug")
    fieldsets = (
        (None, {"fields": ("name", "council", "kind", "cadence", "position", "email")}),
        (
            "Address",
            {
                "fields": ("slug",),
                "description": "The body's pages are at /bodies/<slug>/. Changing it breaks links people saved.",
            },
        ),
        (
            "Performance report",
            {
                "fields": (
                    "report_period",
                    "report_layout",
                    "rag_wording",
                    "rag_bands",
                    "rag_red_threshold",
                    "rag_blue_threshold",
                )
            },
        ),
        (
            "Deadlines before a meeting (clear days)",
            {
                "fields": (
                    "inspection_clear_days",
                    "key_decision_clear_days",
                    "clear_days_exclude_weekends",
                    "clear_days_exclude_bank_holidays",
                )
            },
        ),
    )
    inlines = [ServiceAreaInline]

    def get_prepopulated_fields(self, request, obj=None):
        # A new body's address follows its name; an existing one's stays put (links people saved keep working).
        return {"slug": ("name",)} if obj is None else {}


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(admin.ModelAdmin):
    """The council's closure days beyond bank holidays: clear-day deadlines leave them out."""

    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)


@admin.register(QuarterPublication)
class QuarterPublicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: publishing a body's pack records it (``reports.services.publishing.pack_publish``)."""

    list_display = ("quarter", "committee", "published_at")
    list_filter = ("committee",)


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
    list_display = ("__str__", "is_open", "data_deadline")
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
