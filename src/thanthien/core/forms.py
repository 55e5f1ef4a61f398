from django import forms
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .middleware import client_ip
from .models import CalendarDay
from .people import find_user, normalize_identifier, normalize_phone
from .signin import signin_failed, signin_succeeded, signin_wait, wait_message
from .units import VILLAGE_KINDS
from .workdays import DayCount


class LoginForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Phone number, email or user name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user_cache = None
        super().__init__(*args, **kwargs)

    def clean(self):
        identifier = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not identifier or not password:
            return self.cleaned_data
        ip = client_ip(self.request)
        wait = signin_wait(identifier, ip)
        if wait:
            raise ValidationError(wait_message(wait), code="rate_limited")
        user = authenticate(self.request, username=identifier, password=password)
        if user is None:
            signin_failed(identifier, ip)
            raise ValidationError(
                _("The phone number, email or user name and the password do not match."),
                code="invalid_login",
            )
        signin_succeeded(identifier, ip)
        self.user_cache = user
        return self.cleaned_data

    def get_user(self):
        return self.user_cache


class SignupForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    identifier = forms.CharField(
        label=gettext_lazy("Phone number or email"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "inputmode": "email", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=gettext_lazy("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise ValidationError(_("Enter your full name."))
        return name

    def clean_identifier(self):
        raw = self.cleaned_data["identifier"]
        key = normalize_identifier(raw)
        if "@" in key:
            forms.EmailField().clean(key)
        elif not normalize_phone(key):
            raise ValidationError(
                _("Enter a Vietnamese phone number (e.g. 0912 345 678) or an email.")
            )
        if find_user(key) is not None:
            raise ValidationError(_("An account with this phone number or email already exists."))
        return key

    def clean(self):
        data = super().clean()
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords are not the same."))
        elif password:
            try:
                password_validation.validate_password(password)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class PasswordResetRequestForm(forms.Form):
    identifier = forms.CharField(
        label=gettext_lazy("Phone number, email or user name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=gettext_lazy("Code"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("The code has 6 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class VillageForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=[(k, k) for k in VILLAGE_KINDS])
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)


class VillageImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Table of villages (.csv or .xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError(_("The file is too large (at most 2 MB)."))
        return upload


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "note", "source"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if not 2000 <= day.year <= 2100:
            raise ValidationError(_("Enter a date between 2000 and 2100."))
        return day

    def clean(self):
        data = super().clean()
        day, kind = data.get("date"), data.get("kind")
        if day and kind == CalendarDay.Kind.WORKING_DAY and day.weekday() < 5:
            self.add_error("kind", _("A make-up working day falls on a Saturday or Sunday."))
        return data


class DueDateForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    days = forms.IntegerField(label=gettext_lazy("Days"), min_value=0, max_value=365)
    count = forms.ChoiceField(
        label=gettext_lazy("Counted in"),
        choices=[
            (DayCount.WORKING.value, gettext_lazy("working days")),
            (DayCount.CALENDAR.value, gettext_lazy("calendar days")),
        ],
    )
