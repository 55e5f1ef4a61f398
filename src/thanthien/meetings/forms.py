import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thanthien.core.models import Body

from .models import CommitmentState, Kind


class KeyField(forms.CharField):
    """A hidden idempotency key: a double submit carries the same key and makes one record."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, max_length=64, **kwargs)


def new_key() -> str:
    return uuid.uuid4().hex


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Kind.choices)
    title = forms.CharField(label=_("Name of the meeting"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    organizer = forms.ModelChoiceField(label=_("Organizing body"), queryset=None)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    chairs = forms.CharField(
        label=_("Chaired by"),
        max_length=300,
        required=False,
        help_text=_("Names and titles, separated by commas."),
    )
    invited_bodies = forms.ModelMultipleChoiceField(
        label=_("Invited bodies"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agenda = forms.CharField(
        label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    is_public = forms.BooleanField(label=_("Open to the public"), required=False, initial=True)
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Leave empty for no limit."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        paths = [u.path for u in units]
        bodies = Body.objects.filter(is_active=True).select_related("unit")
        allowed = [
            b.pk
            for b in bodies
            if any(p.startswith(b.unit.path) or b.unit.path.startswith(p) for p in paths)
        ]
        self.fields["organizer"].queryset = Body.objects.filter(pk__in=allowed)
        self.fields["invited_bodies"].queryset = Body.objects.filter(pk__in=allowed)


class AnnounceForm(forms.Form):
    accept_late = forms.BooleanField(label=_("Announce anyway"), required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    organization = forms.CharField(
        label=_("Organization or village"), max_length=200, required=False
    )


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Registration code"), max_length=200)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    author_name = forms.CharField(
        label=_("Name shown with your question"),
        max_length=150,
        required=False,
        help_text=_("Your phone number is never shown."),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        help_text=_("Without an account: we send a one-time code to this number."),
    )
    submission_key = KeyField()


class OtpForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=6, min_length=6)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason shown to the author"), max_length=300)


class MergeForm(forms.Form):
    into = forms.IntegerField(label=_("Merge into question no."), min_value=1)


class PetitionCodeForm(forms.Form):
    code = forms.CharField(label=_("Tracking code of the petition"), max_length=20)


class HoldForm(forms.Form):
    secretary = forms.CharField(label=_("Secretary"), max_length=150)
    summary = forms.CharField(
        label=_("Conclusions"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer given"), widget=forms.Textarea(attrs={"rows": 3}))
    answered_by = forms.CharField(label=_("Answered by"), max_length=200)
    commitment = forms.CharField(
        label=_("Commitment made (if any)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    # Plain choices, read once: the form is rendered under every question of the page.
    body = forms.TypedChoiceField(
        label=_("Responsible body"), required=False, coerce=int, empty_value=None
    )
    due_date = forms.DateField(
        label=_("By"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {b.pk: b for b in bodies}
        self.fields["body"].choices = [("", "—")] + [(b.pk, b.name) for b in self.bodies.values()]

    def clean_body(self):
        pk = self.cleaned_data.get("body")
        return self.bodies.get(pk) if pk is not None else None

    def clean(self):
        data = super().clean()
        if data.get("commitment") and (not data.get("body") or not data.get("due_date")):
            raise ValidationError(_("A commitment needs a responsible body and a date."))
        return data


class FloorQuestionForm(forms.Form):
    author_name = forms.CharField(label=_("Asked by"), max_length=150)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 3}))
    state = forms.ChoiceField(label=_("State"), choices=CommitmentState.choices)
    files = MultipleFileField(label=_("Evidence (photos, documents)"), required=False)
    submission_key = KeyField()

    def __init__(self, *args, allowed_states=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed_states is not None:
            self.fields["state"].choices = [
                (value, label)
                for value, label in CommitmentState.choices
                if value in allowed_states
            ]


class FollowForm(forms.Form):
    destination = forms.CharField(label=_("Phone number or email"), max_length=254)


class CommitmentFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), *CommitmentState.choices, ("late", _("late"))],
    )
    body = forms.ModelChoiceField(label=_("Body"), queryset=None, required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
