from django.contrib import admin

from .models import Category, Convention, Requirement


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "group", "posting_days", "loudspeaker_days", "is_active"]
    list_editable = ["posting_days", "loudspeaker_days", "is_active"]


@admin.register(Requirement)
class RequirementAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "frequency", "reference", "due_days", "is_active"]


@admin.register(Convention)
class ConventionAdmin(admin.ModelAdmin):
    list_display = ["title", "village", "status", "recognition_number", "recognition_date"]
    readonly_fields = ["status", "version"]
