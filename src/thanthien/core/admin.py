from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import permissions
from .audit import audit_record
from .models import AdminUnit, AuditEvent, Body, CalendarDay, Membership, UnitSuccession, User

admin.site.site_header = _("Thân Thiện administration")
admin.site.site_title = _("Thân Thiện")


class AuditedAdmin(admin.ModelAdmin):
    """Writes every change made in the administration to the audit trail."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            f"admin.{'change' if change else 'add'}",
            obj=obj,
            data={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request, obj):
        audit_record("admin.delete", obj=obj, data={"repr": str(obj)[:200]})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record("admin.delete", obj=obj, data={"repr": str(obj)[:200]})
        super().delete_queryset(request, queryset)


class ScopedAdmin(AuditedAdmin):
    """Shows an administrator only the records of the units they administer."""

    scope_action = "bodies.manage"
    scope_path_field = "unit__path"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(
            permissions.scope_q(request.user, self.scope_action, self.scope_path_field)
        )


@admin.register(AdminUnit)
class AdminUnitAdmin(AuditedAdmin):
    list_display = ["name", "code", "level", "kind", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "code", "name_folded"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(AuditedAdmin):
    list_display = ["predecessor", "successor", "effective", "is_default"]
    raw_id_fields = ["predecessor", "successor"]


@admin.register(Body)
class BodyAdmin(ScopedAdmin):
    list_display = ["name", "short_name", "kind", "unit", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "unit__name"]
    raw_id_fields = ["unit"]


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    scope_action = "people.manage"
    scope_path_field = "body__unit__path"
    list_display = ["user", "role", "title", "body", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__full_name", "user__username", "body__name"]
    raw_id_fields = ["user", "body"]


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ["date", "kind", "note", "source"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(User)
class UserAdmin(BaseUserAdmin, AuditedAdmin):
    list_display = ["username", "full_name", "phone", "email", "is_staff", "is_active"]
    search_fields = ["username", "full_name", "phone", "email"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            _("Contact"),
            {"fields": ("full_name", "phone", "phone_verified_at", "email_verified_at")},
        ),
    )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "unit", "ip"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action", "object_id"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.filter(permissions.scope_q(request.user, "audit.view", "unit_path"))
