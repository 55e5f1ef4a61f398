"""The administration (/admin/). Administrators administer; they do not impersonate.

An administrator who is not a superuser (superusers are made on the command line) cannot type
anyone's password, make anyone staff or superuser, touch groups and permissions, change the contact
through which a person receives their password link, or give themselves a role that may read
confidential records. To help someone who forgot their password they send a one-time link to the
person's own phone or email. Every change is in the audit trail.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import permissions
from .audit import audit_record
from .models import AdminUnit, AuditEvent, Body, CalendarDay, Membership, UnitSuccession, User
from .people import normalize_phone, password_reset_send

admin.site.site_header = _("Thân Thiện administration")
admin.site.site_title = _("Thân Thiện")


class AuditedAdmin(admin.ModelAdmin):
    """Writes every change made in the administration to the audit trail."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            f"admin.{'change' if change else 'add'}",
            obj=obj,
            data={"fields": sorted(form.changed_data), **self.audit_data(obj)},
        )

    def audit_data(self, obj) -> dict:
        """What the trail should say about the record besides the changed fields' names."""
        return {}

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


class MembershipForm(forms.ModelForm):
    request = None  # set by MembershipAdmin.get_form

    def clean(self):
        data = super().clean()
        actor = self.request.user
        if actor.is_superuser:
            return data
        body, user, role = data.get("body"), data.get("user"), data.get("role")
        if body is not None and not permissions.can(actor, "people.manage", body.unit):
            self.add_error("body", _g("You do not administer the unit of this body."))
        if user is not None and user.is_superuser:
            self.add_error("user", _g("Only a superuser changes a superuser's roles."))
        if user is not None and user.pk == actor.pk and role in permissions.confidential_roles():
            self.add_error(
                "role",
                _g(
                    "You cannot give yourself a role that may read confidential records; "
                    "another administrator must do it."
                ),
            )
        return data


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    scope_action = "people.manage"
    scope_path_field = "body__unit__path"
    list_display = ["user", "role", "title", "body", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__full_name", "user__username", "body__name"]
    raw_id_fields = ["user", "body"]
    form = MembershipForm

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def audit_data(self, obj) -> dict:
        return {
            "user": obj.user.username,
            "role": obj.role,
            "body": obj.body_id,
            "valid_from": obj.valid_from.isoformat() if obj.valid_from else None,
            "valid_to": obj.valid_to.isoformat() if obj.valid_to else None,
        }


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ["date", "kind", "note", "source", "verified"]
    list_filter = ["kind", "verified"]
    date_hierarchy = "date"


class SuperuserOnlyAdmin(AuditedAdmin):
    """Records only a superuser sees and changes."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin, SuperuserOnlyAdmin):
    """Groups carry the administration's permissions: changing them is a superuser's work."""


class OfficialCreationForm(forms.ModelForm):
    """A new person, added by an administrator: no password; they choose one from a link."""

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "phone"]

    def clean_email(self):
        email = self.cleaned_data.get("email")
        return email.lower() if email else None

    def clean_phone(self):
        raw = self.cleaned_data.get("phone")
        if not raw:
            return None
        phone = normalize_phone(raw)
        if phone is None:
            raise forms.ValidationError(_g("Enter a Vietnamese phone number (e.g. 0912 345 678)."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(
                _g("Give a phone number or an email: the person receives the link there.")
            )
        return data

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


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
    actions = ["send_password_reset"]

    def get_queryset(self, request):
        """An administrator sees the officials of their units, and themselves; no superuser."""
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        officials = Membership.objects.filter(
            permissions.scope_q(request.user, "people.manage", "body__unit__path")
        ).values("user")
        return qs.filter(Q(pk__in=officials, is_superuser=False) | Q(pk=request.user.pk))

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        if obj is None:
            return ((None, {"fields": ("username", "full_name", "email", "phone")}),)
        return (
            (None, {"fields": ("username", "full_name", "email", "phone", "is_active")}),
            (_("Contact"), {"fields": ("phone_verified_at", "email_verified_at")}),
            (_("Important dates"), {"fields": ("last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        readonly = ["phone_verified_at", "email_verified_at", "last_login", "date_joined"]
        if obj is not None and obj.pk != request.user.pk:
            # The password link goes to these: changing them would send it to someone else.
            readonly += ["email", "phone"]
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = OfficialCreationForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and not obj.has_usable_password():
            channels = password_reset_send(user=obj)
            self.message_user(
                request,
                _g("A link to choose a password was sent through: %(channels)s.")
                % {"channels": ", ".join(channels) or "—"},
                messages.SUCCESS if channels else messages.WARNING,
            )

    def response_add(self, request, obj, post_url_continue=None):
        if request.user.is_superuser or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        # The new person is an official once they have a role: give it to them next.
        return HttpResponseRedirect(f"{reverse('admin:core_membership_add')}?user={obj.pk}")

    def user_change_password(self, request, id, form_url=""):
        """Typing someone's password is a superuser's work only; and it is in the trail."""
        if not request.user.is_superuser:
            raise PermissionDenied
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, unquote(id))
            audit_record("admin.password_set", obj=user)
        return response

    @admin.action(description=_("Send a link to choose a new password"), permissions=["change"])
    def send_password_reset(self, request, queryset):
        sent = [user for user in queryset if password_reset_send(user=user)]
        missing = queryset.count() - len(sent)
        self.message_user(
            request,
            ngettext("Sent %(n)d link.", "Sent %(n)d links.", len(sent)) % {"n": len(sent)},
        )
        if missing:
            self.message_user(
                request,
                ngettext(
                    "%(n)d person has no phone number or email: no link sent.",
                    "%(n)d people have no phone number or email: no link sent.",
                    missing,
                )
                % {"n": missing},
                messages.WARNING,
            )

    def audit_data(self, obj) -> dict:
        return {"username": obj.username}


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
