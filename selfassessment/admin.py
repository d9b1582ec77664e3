from django.contrib import admin

from selfassessment.models import SelfAssessment, SelfAssessmentVersion, Template, TemplateSection, TemplateStatement


class TemplateStatementInline(admin.TabularInline):
    model = TemplateStatement
    extra = 0
    fields = ("number", "position", "text", "mandatory", "new_this_year", "framework")


@admin.register(TemplateSection)
class TemplateSectionAdmin(admin.ModelAdmin):
    list_display = ("template", "number", "title", "optional")
    list_filter = ("template",)
    inlines = [TemplateStatementInline]


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ("programme", "title")


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    """Cover and Part A details; sections move only through the review workflow, so they are not here."""

    list_display = ("__str__", "committee", "year", "status")
    list_filter = ("committee", "status")
    fields = (
        "date_as_printed",
        "local_authority",
        "contact_name",
        "contact_phone",
        "contact_email",
        "introduction",
        "key_documents_note",
        "local_area",
        "review_period",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # A signed-off or published document is the director's: it no longer changes.
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SelfAssessmentVersion)
class SelfAssessmentVersionAdmin(admin.ModelAdmin):
    list_display = ("document", "number", "sha256", "published_at", "published_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
