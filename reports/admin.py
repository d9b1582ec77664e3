"""The admin: meetings and agendas can be edited; builds, versions and downloads are read-only records."""

from django.contrib import admin

from reports.models import AgendaItem, Meeting, PackBuild, PackDownload, PackVersion


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    exclude = ("paper",)  # papers are uploaded through the app, which checks them
    readonly_fields = ("paper_name", "paper_pages", "paper_sha256", "paper_uploaded_at", "paper_uploaded_by")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("date", "time", "committee", "quarter", "venue")
    list_filter = ("committee", "quarter")
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PackBuild)
class PackBuildAdmin(ReadOnlyAdmin):
    list_display = ("id", "meeting", "draft", "status", "percent", "attempt", "created_by", "created_at")
    list_filter = ("status", "draft")


@admin.register(PackVersion)
class PackVersionAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "number", "published_at", "published_by", "page_count", "sha256")


@admin.register(PackDownload)
class PackDownloadAdmin(ReadOnlyAdmin):
    list_display = ("version", "user", "format", "downloaded_at")
    list_filter = ("format",)
