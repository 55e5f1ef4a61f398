from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from thanthien.core.admin import SuperuserOnlyAdmin

from .keys import apikey_revoke
from .models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(SuperuserOnlyAdmin):
    """Keys are made with ``thanthien apikey`` (the key is shown once); here they are only seen and
    revoked, through the service that writes the revocation to the audit trail."""

    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected keys"), permissions=["change"])
    def revoke(self, request, queryset):
        revoked = sum(apikey_revoke(prefix=key.prefix) for key in queryset.filter(revoked_at=None))
        self.message_user(
            request, ngettext("Revoked %(n)d key.", "Revoked %(n)d keys.", revoked) % {"n": revoked}
        )
