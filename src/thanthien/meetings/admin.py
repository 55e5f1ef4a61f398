from django.contrib import admin

from thanthien.core.admin import AuditedAdmin

from .models import MeetingRule


@admin.register(MeetingRule)
class MeetingRuleAdmin(AuditedAdmin):
    """The legal periods (announcement lead time, publication of the minutes) as editable data;
    rows whose source is unverified show as "to be confirmed" (LEGAL.md)."""

    list_display = ["name", "days", "count", "effective_from", "to_be_confirmed", "source"]
    list_filter = ["name", "to_be_confirmed", "count"]
