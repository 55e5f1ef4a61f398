"""The feedback forms: the citizen's, the official's entry on a citizen's behalf, the public filter."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanthien.core.models import AdminUnit
from thanthien.petitions.forms import MultipleFileField, UnitChoiceField, new_record_units
from thanthien.petitions.models import SIMPLE_KINDS, Channel, Field, Kind, State
from thanthien.petitions.selectors import receiving_units


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.parent.name}"


class PetitionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("This is"),
        choices=[(k, v) for k, v in Kind.choices if k in SIMPLE_KINDS],
        initial=Kind.FEEDBACK,
        widget=forms.RadioSelect,
    )
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.filter(is_active=True), empty_label=_("— choose —")
    )
    unit = UnitChoiceField(
        label=_("Commune, ward or town"),
        queryset=AdminUnit.objects.none(),
        empty_label=_("— choose —"),
    )
    village = VillageChoiceField(
        label=_("Village (if known)"),
        queryset=AdminUnit.objects.none(),
        required=False,
        empty_label=_("— not sure —"),
    )
    address = forms.CharField(label=_("Address or landmark"), max_length=200, required=False)
    title = forms.CharField(
        label=_("Short title"),
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Street light broken in village 2")}),
    )
    content = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    files = MultipleFileField(label=_("Photos or PDF (up to 5 files, 10 MB each)"))
    share_location = forms.BooleanField(
        label=_("Share the location of the problem"),
        required=False,
        widget=forms.CheckboxInput(
            attrs={
                "data-failed": _(
                    "The location could not be read; describe the place in the address instead."
                )
            }
        ),
    )
    latitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    is_anonymous = forms.BooleanField(
        label=_("Send anonymously (we cannot answer you directly)"), required=False
    )
    name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}),
    )
    consent_publish = forms.BooleanField(
        label=_("I agree that the answer is published, without my name and contact details"),
        required=False,
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = units if units is not None else new_record_units()
        self.fields["unit"].set_units(units)
        self.fields["village"].queryset = (
            AdminUnit.objects.filter(level=AdminUnit.Level.VILLAGE, parent__in=units)
            .select_related("parent")
            .order_by("parent__name", "code")
        )
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)

    def clean_submission_key(self):
        key = self.cleaned_data.get("submission_key", "").strip()
        return key if len(key) >= 16 else ""


class StaffPetitionForm(PetitionForm):
    channel = forms.ChoiceField(
        label=_("How it was received"), choices=[c for c in Channel.choices if c[0] != Channel.API]
    )
    received_at = forms.DateTimeField(
        label=_("Received on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )

    field_order = ["channel", "received_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_publish"].label = _("The citizen agrees that the answer is published")
        self.fields["is_anonymous"].label = _("The citizen did not give a name")
        self.fields["name"].label = _("Citizen's name")
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
            self.initial.setdefault("channel", Channel.PAPER)


class PublicFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Commune"), queryset=AdminUnit.objects.none(), required=False, empty_label=_("all")
    )
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.all(), required=False, empty_label=_("all")
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("all")), (State.ANSWERED, _("answered")), (State.CLOSED, _("closed"))],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Reading: the answers of abolished units stay public under their names.
        self.fields["unit"].queryset = receiving_units(include_abolished=True)
