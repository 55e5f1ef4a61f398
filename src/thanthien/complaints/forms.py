"""The forms of a complaint: filing, acceptance, dialogue and decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from thanthien.petitions.forms import StatutoryBaseForm, date_widget
from thanthien.petitions.models import ComplaintCase


class ComplaintForm(StatutoryBaseForm):
    act_complained_of = forms.CharField(
        label=_("Decision or act you complain about"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    respondent = forms.CharField(label=_("Who made the decision or did the act"), max_length=200)
    learned_on = forms.DateField(label=_("When you learned of it"), widget=date_widget())
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
