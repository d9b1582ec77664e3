"""The admin: meetings and agendas can be edited; builds, versions and downloads are read-only records."""

from django.contrib import admin

from cyp.admin import ReadOnlyAdminMixin
from reports.models import AgendaItem, Meeting, PackBuild, PackDownload, PackVersion


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    exclude = ("paper",)  # papers are uploaded through the app, which checks them
    # The exemption is set on the agenda item's page, which audits it (agenda.exempt).
    readonly_fields = (
        "exempt_paragraph",
        "paper_name",
        "paper_pages",
        "paper_sha256",
        "paper_uploaded_at",
        "paper_uploaded_by",
    )


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("date", "time", "committee", "quarter", "venue")
    list_filter = ("committee", "quarter")
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


@admin.register(PackBuild)
class PackBuildAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "meeting", "draft", "status", "percent", "attempt", "created_by", "created_at")
    list_filter = ("status", "draft")


@admin.register(PackVersion)
class PackVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("meeting", "number", "published_at", "published_by", "page_count", "sha256", "public_sha256")


@admin.register(PackDownload)
class PackDownloadAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("version", "user", "format", "downloaded_at")
    list_filter = ("format",)
