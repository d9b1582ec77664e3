from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cyp.models import Committee, FinancialYear, Quarter, ServiceArea, User


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
