"""Citizen reception forms: booking a place, the regular days and unscheduled sessions, a
cancellation, the log's period, and a visit with every action the official may take.

They check the shape of the input; the rules (who may, what the law allows) are the services'.
"""

import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thanthien.core.models import AdminUnit, Body
from thanthien.petitions.models import Field, Kind, ReceptionRule, ReceptionVisit, Weekday

from . import selectors
from .services import MAX_CAPACITY


def _time_field(label):
    return forms.TimeField(
        label=label,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M", "%Hh"],
    )


def _date_field(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


def _text(label, *, max_length: int = 2000, rows: int | None = None, required: bool = False):
    """A text field, optional unless said otherwise; with ``rows``, a text area that high."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else None,
    )


def _new_key(form: forms.Form) -> None:
    if not form.is_bound:
        form.initial.setdefault("submission_key", uuid.uuid4().hex)


def _clean_key(form: forms.Form) -> str:
    key = (form.cleaned_data.get("submission_key") or "").strip()
    return key if len(key) >= 16 else ""


class BookingForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=150, required=False)
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    subject = _text(
        gettext_lazy("What do you want to raise?"), max_length=1000, rows=4, required=True
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _new_key(self)

    def clean_submission_key(self):
        return _clean_key(self)


class HostFields(forms.Form):
    """Who receives: a leader of the unit, or a named official."""

    host = forms.ModelChoiceField(
        label=gettext_lazy("Leader who receives"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("— another official, named below —"),
    )
    host_name = _text(gettext_lazy("Or the official who receives"), max_length=150)
    host_title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("e.g. Chủ tịch UBND. Empty for a leader: the title of the role."),
    )

    def __init__(self, *args, unit: AdminUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = selectors.leaders_of(unit)
        self.fields["host"].label_from_instance = lambda u: u.display_name


class RuleForm(HostFields):
    weekday = forms.TypedChoiceField(
        label=gettext_lazy("Day of the week"), choices=Weekday.choices, coerce=int
    )
    week_of_month = forms.TypedChoiceField(
        label=gettext_lazy("Which week"),
        choices=[("", gettext_lazy("every week"))]
        + list(ReceptionRule._meta.get_field("week_of_month").choices),
        coerce=int,
        empty_value=None,
        required=False,
    )
    start_time = _time_field(gettext_lazy("Starts at"))
    end_time = _time_field(gettext_lazy("Ends at"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    is_leader = forms.BooleanField(
        label=gettext_lazy("The official named above is the chairman or a vice-chairman"),
        required=False,
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Places that can be booked (0: no booking)"),
        min_value=0,
        max_value=MAX_CAPACITY,
        initial=10,
    )
    valid_from = _date_field(gettext_lazy("Valid from"))
    valid_to = _date_field(gettext_lazy("Valid to (empty: until changed)"), required=False)

    field_order = ["weekday", "week_of_month", "start_time", "end_time", "place"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())


class SessionForm(HostFields):
    date = _date_field(gettext_lazy("Date"))
    start_time = _time_field(gettext_lazy("Starts at"))
    end_time = _time_field(gettext_lazy("Ends at"))
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)
    capacity = forms.IntegerField(
        label=gettext_lazy("Places that can be booked (0: no booking)"),
        min_value=0,
        max_value=MAX_CAPACITY,
        initial=0,
    )

    field_order = ["date", "start_time", "end_time", "place"]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown on the public schedule)"), max_length=300
    )


class PeriodForm(forms.Form):
    since = _date_field(gettext_lazy("From"), required=False)
    until = _date_field(gettext_lazy("To"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end of the period is before its start."))
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        since, until = dt.date(today.year, 1, 1), today
        if self.is_bound and self.is_valid():
            since = self.cleaned_data["since"] or since
            until = self.cleaned_data["until"] or until
            if since > until:
                since = dt.date(until.year, 1, 1)
        return since, until


class VisitForm(forms.Form):
    received_on = _date_field(gettext_lazy("Date of reception"))
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of petition"), choices=Kind.choices, widget=forms.RadioSelect
    )
    people_count = forms.IntegerField(
        label=gettext_lazy("Number of people"), min_value=1, max_value=1000, initial=1
    )
    name = forms.CharField(
        label=gettext_lazy("Full name (the representative of a group)"), max_length=150
    )
    address = _text(gettext_lazy("Address"), max_length=200)
    id_number = _text(gettext_lazy("ID card or passport number"), max_length=20)
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    content = _text(gettext_lazy("Content"), max_length=5000, rows=5, required=True)
    handled_before = _text(gettext_lazy("Body that already handled it (if any)"), max_length=300)
    action = forms.ChoiceField(
        label=gettext_lazy("Action taken"),
        choices=ReceptionVisit.Action.choices,
        widget=forms.RadioSelect,
    )
    # Accept for handling
    field = forms.ModelChoiceField(
        label=gettext_lazy("Field"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        empty_label=gettext_lazy("— choose —"),
    )
    act_complained_of = _text(gettext_lazy("Decision or act complained of"))
    respondent = _text(gettext_lazy("Person or body complained against"), max_length=200)
    learned_on = _date_field(gettext_lazy("Date the complainant learned of it"), required=False)
    late_reason = _text(gettext_lazy("Reason a late complaint is accepted (if late)"))
    denounced = _text(gettext_lazy("Person or body denounced"), max_length=200)
    # Return with guidance
    guidance = _text(gettext_lazy("Guidance given"), rows=3)
    # Forward
    forward_body = forms.ModelChoiceField(
        label=gettext_lazy("To a body on the platform"),
        queryset=Body.objects.none(),
        required=False,
        empty_label=gettext_lazy("— none —"),
    )
    forward_to = _text(gettext_lazy("Or to a body outside the platform"), max_length=200)
    # Refuse (Art. 9)
    refusal_reason = forms.ChoiceField(
        label=gettext_lazy("Reason (Luật Tiếp công dân, Art. 9)"),
        choices=[("", gettext_lazy("— choose —")), *ReceptionVisit.RefusalReason.choices],
        required=False,
    )
    refusal_note = _text(gettext_lazy("What happened"), rows=2)
    refusal_notice = _text(
        gettext_lazy("Written notice (number and date), for a resolved matter"), max_length=200
    )
    follow_up = _text(gettext_lazy("Result follow-up"), rows=2)
    notes = _text(gettext_lazy("Notes"), rows=2)
    booking = forms.CharField(widget=forms.HiddenInput, required=False, max_length=12)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    SECTIONS = [
        (
            gettext_lazy("Visitor"),
            ["received_on", "name", "address", "id_number", "phone", "people_count"],
        ),
        (gettext_lazy("What it is about"), ["kind", "content", "handled_before"]),
        (gettext_lazy("Action taken"), ["action"]),
        (gettext_lazy("If accepted for handling"), ["field"]),
        (
            gettext_lazy("For a complaint"),
            ["act_complained_of", "respondent", "learned_on", "late_reason"],
        ),
        (gettext_lazy("For a denunciation"), ["denounced"]),
        (gettext_lazy("If returned with guidance"), ["guidance"]),
        (gettext_lazy("If forwarded"), ["forward_body", "forward_to"]),
        (gettext_lazy("If refused (only for a reason of Art. 9)"), ["refusal_reason"]),
        (None, ["refusal_note", "refusal_notice"]),
        (gettext_lazy("Follow-up"), ["follow_up", "notes"]),
    ]

    def __init__(self, *args, unit: AdminUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forward_body"].queryset = (
            Body.objects.filter(is_active=True)
            .select_related("unit")
            .order_by("unit__path", "name")
        )
        self.fields["forward_body"].label_from_instance = lambda b: f"{b.name} ({b.unit.name})"
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            self.initial.setdefault("people_count", 1)
        _new_key(self)

    def clean_submission_key(self):
        return _clean_key(self)

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


class VisitUpdateForm(forms.Form):
    follow_up = _text(gettext_lazy("Result follow-up"), rows=3)
    notes = _text(gettext_lazy("Notes"), rows=2)
