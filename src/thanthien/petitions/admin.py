from django.contrib import admin

from thanthien.core import permissions
from thanthien.core.admin import AuditedAdmin

from .models import (
    CompetenceRule,
    DeadlineRule,
    Field,
    LegalRule,
    Petition,
    PetitionEvent,
    ReceptionRule,
    RoutingRule,
    UnitPolicy,
)


@admin.register(Field)
class FieldAdmin(AuditedAdmin):
    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdmin):
    list_display = ["kind", "unit", "days", "count", "to_be_confirmed", "source"]
    list_filter = ["kind", "to_be_confirmed"]
    raw_id_fields = ["unit"]


@admin.register(UnitPolicy)
class UnitPolicyAdmin(AuditedAdmin):
    list_display = ["unit", "answer_needs_approval", "reopen_days", "show_handler_names"]
    raw_id_fields = ["unit"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_q(request.user, "petitions.configure", "unit__path"))
        )


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdmin):
    list_display = ["unit", "field", "body"]
    list_filter = ["field"]
    raw_id_fields = ["unit", "body"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_q(request.user, "petitions.configure", "unit__path"))
        )


class PetitionEventInline(admin.TabularInline):
    model = PetitionEvent
    extra = 0
    can_delete = False
    readonly_fields = [
        "at",
        "action",
        "old_state",
        "new_state",
        "actor",
        "body",
        "reason",
        "public",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    """Read-only: petitions change only through their workflow (the staff pages and the API)."""

    list_display = ["tracking_code", "title", "state", "unit", "body", "received_at", "deadline"]
    list_filter = ["state", "kind", "channel"]
    search_fields = ["tracking_code", "title"]
    inlines = [PetitionEventInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_q(request.user, "petitions.view", "scope_path"))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalRule)
class LegalRuleAdmin(AuditedAdmin):
    list_display = ["name", "code", "days", "count", "effective_from", "to_be_confirmed", "source"]
    list_filter = ["to_be_confirmed", "count"]
    search_fields = ["name", "code", "source"]


@admin.register(CompetenceRule)
class CompetenceRuleAdmin(AuditedAdmin):
    list_display = [
        "procedure",
        "from_level",
        "to_level",
        "body_kind",
        "effective_from",
        "verified",
    ]
    list_filter = ["verified", "procedure"]
    search_fields = ["source"]


@admin.register(ReceptionRule)
class ReceptionRuleAdmin(AuditedAdmin):
    list_display = ["__str__", "unit"]
    # Ids, not drop-downs of every account: a list of all users is nobody's business here.
    raw_id_fields = ["unit", "host", "created_by"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(permissions.scope_q(request.user, "petitions.configure", "unit__path"))
        )
