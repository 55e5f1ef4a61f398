import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thanthien.core.models import AdminUnit, Body

from .models import Channel, Field, State
from .selectors import in_force, receiving_units


class _OfferedUnits(forms.models.ModelChoiceIterator):
    def __init__(self, field):
        super().__init__(field)
        if field.offered is not None:
            self.queryset = field.offered


class UnitChoiceField(forms.ModelChoiceField):
    """The commune a new petition is sent to. It offers the units in force today, and still accepts
    an abolished one (an old page, a stale bookmark) so that the petition core can tell the sender
    where that unit went, or why the petition cannot go there (``services.receiving_unit``)."""

    iterator = _OfferedUnits
    offered = None

    def set_units(self, accepted) -> None:
        self.offered = in_force(accepted)
        self.queryset = accepted  # renders the widget's choices from ``offered``


def new_record_units():
    """What a new petition's unit field accepts (see ``UnitChoiceField``)."""
    return receiving_units(include_abolished=True)


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
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)


class FindForm(forms.Form):
    q = forms.CharField(
        label=_("Find a petition"),
        max_length=100,
        help_text=_("Tracking code, petition number, the sender's phone number or words"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


# --- Complaints and denunciations ---------------------------------------------------------------


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatutoryBaseForm(forms.Form):
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.filter(is_active=True), empty_label=_("— choose —")
    )
    unit = UnitChoiceField(
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
        self.fields["unit"].set_units(units if units is not None else new_record_units())
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


class SignedScanForm(forms.Form):
    file = forms.FileField(label=_("Scan of the signed document (PDF or photo)"))
