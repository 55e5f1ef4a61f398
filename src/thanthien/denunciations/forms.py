"""The forms of a denunciation: filing (the identity kept secret), extension, conclusion, and
the leader's grant of access to the identity."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thanthien.petitions.forms import StatutoryBaseForm


class DenunciationForm(StatutoryBaseForm):
    denounced = forms.CharField(
        label=_("Person or body whose violation you denounce"), max_length=200
    )
    is_anonymous = forms.BooleanField(label=_("Send without my name"), required=False)
    name = forms.CharField(label=_("Your full name (kept secret)"), max_length=150, required=False)
    address = forms.CharField(label=_("Your address (kept secret)"), max_length=200, required=False)
    id_number = forms.RegexField(
        label=_("ID number (kept secret)"),
        regex=r"^\s*(\d{9}|\d{12})\s*$",
        required=False,
        error_messages={"invalid": _("An ID number has 9 or 12 digits.")},
    )
    phone = forms.CharField(
        label=_("Phone number (kept secret)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    email = forms.CharField(label=_("Email (kept secret)"), max_length=254, required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Extension (days)"), min_value=1, max_value=30, initial=30)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Conclusion on the content denounced"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    measures = forms.CharField(
        label=_("Measures"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    conclusion_number = forms.IntegerField(
        label=_("Conclusion number"), min_value=1, required=False
    )


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Official"), queryset=None)

    def __init__(self, *args, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = officials
