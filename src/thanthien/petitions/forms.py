import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanthien.core.models import AdminUnit, Body

from .models import SIMPLE_KINDS, Channel, ComplaintCase, Field, Kind, State
from .selectors import receiving_units


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


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
    unit = forms.ModelChoiceField(
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
        units = units if units is not None else receiving_units()
        self.fields["unit"].queryset = units
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


class TrackForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "placeholder": "ABCD-EFGH",
                "autocapitalize": "characters",
                "autocomplete": "off",
            }
        ),
    )


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        coerce=int,
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you not satisfied?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ForwardForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("To a body on the platform"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=_("— none —"),
    )
    outside = forms.CharField(
        label=_("Or to a body outside the platform"), max_length=200, required=False
    )
    reason = forms.CharField(
        label=_("Reason (the citizen sees it)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = (
            Body.objects.filter(is_active=True)
            .select_related("unit")
            .order_by("unit__path", "name")
        )


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Tracking code of the petition it duplicates"), max_length=20)
    reason = forms.CharField(label=_("Note (optional)"), max_length=2000, required=False)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )
    files = MultipleFileField(label=_("Evidence: photos or documents"))


class StartForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Handling official"), queryset=None, required=False, empty_label=_("— me —")
    )

    def __init__(self, *args, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officials


class InboxFilterForm(forms.Form):
    which = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("open", _("being handled")),
            ("overdue", _("overdue")),
            ("closed", _("finished")),
            ("all", _("all")),
        ],
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("any"))] + list(State.choices)
    )
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.all(), required=False, empty_label=_("any")
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


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
        self.fields["unit"].queryset = receiving_units()


# --- Complaints and denunciations ---------------------------------------------------------------


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatutoryBaseForm(forms.Form):
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.filter(is_active=True), empty_label=_("— choose —")
    )
    unit = forms.ModelChoiceField(
        label=_("Commune, ward or town"),
        queryset=AdminUnit.objects.none(),
        empty_label=_("— choose —"),
    )
    title = forms.CharField(label=_("Short title"), max_length=200)
    content = forms.CharField(
        label=_("Content"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    files = MultipleFileField(label=_("Documents or photos (up to 5 files, 10 MB each)"))
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, units=None, staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else receiving_units()
        if staff:
            self.fields["channel"] = forms.ChoiceField(
                label=_("How it was received"),
                choices=[c for c in Channel.choices if c[0] != Channel.API],
                initial=Channel.RECEPTION,
            )
            self.fields["received_at"] = forms.DateTimeField(
                label=_("Received on"),
                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
                initial=timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            )
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)

    def clean_submission_key(self):
        key = self.cleaned_data.get("submission_key", "").strip()
        return key if len(key) >= 16 else ""


class ComplaintForm(StatutoryBaseForm):
    act_complained_of = forms.CharField(
        label=_("Decision or act you complain about"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    respondent = forms.CharField(label=_("Who made the decision or did the act"), max_length=200)
    learned_on = forms.DateField(label=_("When you learned of it"), widget=_date_widget())
    name = forms.CharField(label=_("Your full name"), max_length=150)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    email = forms.CharField(label=_("Email"), max_length=254, required=False)
    complainants = forms.CharField(
        label=_("Other complainants on the same matter (one name per line)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, staff=False, **kwargs):
        super().__init__(*args, staff=staff, **kwargs)
        if staff:
            self.fields["late_reason"] = forms.CharField(
                label=_("If filed late: why the delay is accepted (illness, natural disaster…)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )


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


class ComplaintAcceptForm(forms.Form):
    is_complex = forms.BooleanField(label=_("Complex case (longer time limit)"), required=False)
    is_remote = forms.BooleanField(label=_("Remote area (longer time limit)"), required=False)


class DialogueForm(forms.Form):
    record = forms.CharField(
        label=_("Record of the dialogue"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    result = forms.CharField(
        label=_("Result of the dialogue"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    verification = forms.CharField(
        label=_("Verification results so far"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    verification_result = forms.CharField(
        label=_("Verification results"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )
    dialogue_result = forms.CharField(
        label=_("Result of the dialogue"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    conclusion = forms.CharField(
        label=_("Conclusion"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "—")] + list(ComplaintCase.Outcome.choices)
    )
    compensation = forms.CharField(
        label=_("Compensation, if any"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decision_number = forms.IntegerField(label=_("Decision number"), min_value=1, required=False)


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


class SignedScanForm(forms.Form):
    file = forms.FileField(label=_("Scan of the signed document (PDF or photo)"))


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Official"), queryset=None)

    def __init__(self, *args, officials=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = officials
