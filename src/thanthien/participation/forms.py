import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from thanthien.core.models import AdminUnit, Body

from .models import Consultation, Contribution, FrontReport, Opinion, VillageDecision

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KeyedForm(forms.Form):
    """A form with a hidden idempotency key: a double submit makes one record."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)


class CommentForm(KeyedForm):
    section = forms.ModelChoiceField(queryset=None, label=_("Section"), required=False)
    text = forms.CharField(label=_("Your opinion"), widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(label=_("Your name"), required=False, max_length=150)
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=20,
        help_text=_("We send a code to confirm it. It is not published."),
    )
    is_anonymous = forms.BooleanField(label=_("Publish without my name"), required=False)

    def __init__(self, *args, consultation: Consultation, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = consultation.sections.all()
        self.fields["section"].empty_label = _("The whole draft")
        if signed_in:
            del self.fields["phone"]


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code sent to your phone"), max_length=6)


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Commune"))
    kind = forms.ChoiceField(choices=Consultation.Kind.choices, label=_("Kind of draft"))
    title = forms.CharField(label=_("Title of the draft"), max_length=250)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE)
    audiences = forms.MultipleChoiceField(
        choices=Consultation.Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("Who is asked"),
    )
    target_units = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Villages asked"),
        widget=forms.CheckboxSelectMultiple,
    )
    organizations = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Organizations asked"),
        widget=forms.CheckboxSelectMultiple,
    )
    allow_anonymous = forms.BooleanField(
        label=_("Accept comments without name or verification"), required=False
    )
    sections = forms.CharField(
        label=_("Text of the draft"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Start each section with a line '## Heading'."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        communes = units.filter(
            level=AdminUnit.Level.COMMUNE, valid_to__isnull=False
        ) | units.filter(level=AdminUnit.Level.COMMUNE)
        self.fields["unit"].queryset = communes.distinct()
        paths = list(communes.values_list("path", flat=True))
        villages = AdminUnit.objects.none()
        bodies = Body.objects.none()
        for path in paths:
            villages |= AdminUnit.objects.filter(level="village", path__startswith=path)
            bodies |= Body.objects.filter(
                unit__path__startswith=path,
                kind__in=[Body.Kind.FATHERLAND_FRONT, Body.Kind.MASS_ORGANIZATION],
            )
        self.fields["target_units"].queryset = villages
        self.fields["organizations"].queryset = bodies


class SectionsForm(forms.Form):
    sections = forms.CharField(
        label=_("Revised text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Start each section with a line '## Heading'."),
    )


class OrganizationOpinionForm(KeyedForm):
    section = forms.ModelChoiceField(queryset=None, label=_("Section"), required=False)
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 6}))
    document = forms.FileField(label=_("Signed document"), required=False)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = consultation.sections.all()
        self.fields["section"].empty_label = _("The whole draft")


class StaffOpinionForm(KeyedForm):
    section = forms.ModelChoiceField(queryset=None, label=_("Section"), required=False)
    source = forms.ChoiceField(
        label=_("Gathered"),
        choices=[
            (Opinion.Source.MEETING, Opinion.Source.MEETING.label),
            (Opinion.Source.QUESTIONNAIRE, Opinion.Source.QUESTIONNAIRE.label),
        ],
    )
    source_note = forms.CharField(label=_("Where and when"), max_length=250)
    author_name = forms.CharField(label=_("Name"), required=False, max_length=150)
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = consultation.sections.all()
        self.fields["section"].empty_label = _("The whole draft")


class ResponseForm(forms.Form):
    response = forms.ChoiceField(choices=Opinion.Response.choices, label=_("Response"))
    text = forms.CharField(
        label=_("How it was taken in, or why not"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    village = forms.ModelChoiceField(queryset=None, label=_("Village"))
    title = forms.CharField(label=_("Matter"), max_length=250)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    method = forms.ChoiceField(choices=VillageDecision.Method.choices, label=_("Voting method"))
    opens_on = forms.DateField(label=_("Voting opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Voting closes on"), widget=DATE)
    options = forms.CharField(
        label=_("Options, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="Đồng ý\nKhông đồng ý",
    )
    counting_committee = forms.CharField(
        label=_("Counting committee (secret ballot), one name per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    needs_recognition = forms.BooleanField(
        label=_("Needs the commune's recognition"), required=False
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = units.filter(level=AdminUnit.Level.VILLAGE)


class HouseholdsForm(forms.Form):
    file = forms.FileField(
        label=_("Households (.xlsx or .csv)"),
        help_text=_(
            "Columns: household no., head of household, representative. List every household "
            "of the village: the vote is counted against all of them."
        ),
    )


class BallotForm(forms.Form):
    household = forms.CharField(label=_("Household no."), max_length=30)
    option = forms.TypedChoiceField(label=_("Ballot"), coerce=int, choices=())

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [
            *[(o.number, o.text) for o in decision.options.all()],
            (0, _("Spoiled ballot")),
        ]


class HandsForm(forms.Form):
    participants = forms.IntegerField(label=_("Household representatives taking part"), min_value=0)

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = list(decision.options.all())
        for o in self.options:
            self.fields[f"option_{o.number}"] = forms.IntegerField(label=o.text, min_value=0)


class RecognitionForm(forms.Form):
    recognized = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Recognize")), ("0", _("Do not recognize"))],
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CampaignForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Commune"))
    title = forms.CharField(label=_("Name of the campaign"), max_length=250)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    villages = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Villages"), widget=forms.CheckboxSelectMultiple
    )
    target_money = forms.IntegerField(label=_("Target in money (VND)"), min_value=0, required=False)
    target_labour_days = forms.IntegerField(
        label=_("Target in labour days"), min_value=0, required=False
    )
    target_materials = forms.CharField(label=_("Materials sought"), required=False, max_length=250)
    hide_household_amounts = forms.BooleanField(
        label=_("Do not publish what each household gave"), required=False, initial=True
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(level=AdminUnit.Level.COMMUNE)
        self.fields["villages"].queryset = units.filter(level=AdminUnit.Level.VILLAGE)


class ContributionForm(KeyedForm):
    village = forms.ModelChoiceField(queryset=None, label=_("Village"))
    household_name = forms.CharField(label=_("Household"), max_length=150)
    kind = forms.ChoiceField(choices=Contribution.Kind.choices, label=_("Pledge or contribution"))
    money = forms.IntegerField(label=_("Money (VND)"), min_value=0, required=False)
    labour_days = forms.IntegerField(label=_("Labour days"), min_value=0, required=False)
    materials = forms.CharField(label=_("Materials"), required=False, max_length=250)
    on_date = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = campaign.villages.all()


class FrontReportForm(KeyedForm):
    kind = forms.ChoiceField(choices=FrontReport.Kind.choices, label=_("Kind of report"))
    title = forms.CharField(label=_("Subject"), max_length=250)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = bodies
        for n in range(1, 4):
            self.fields[f"rec_{n}"] = forms.CharField(
                label=_("Recommendation %(n)d") % {"n": n},
                required=n == 1,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"body_{n}"] = forms.ModelChoiceField(
                queryset=bodies, label=_("Responsible body"), required=False
            )
            self.fields[f"days_{n}"] = forms.IntegerField(
                label=_("Working days to answer"),
                min_value=1,
                max_value=90,
                initial=15,
                required=False,
            )


class RecommendationForm(forms.Form):
    state = forms.ChoiceField(label=_("Step"), choices=())
    answer = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ForwardForm(KeyedForm):
    field = forms.ModelChoiceField(queryset=None, label=_("Field"))
    village = forms.ModelChoiceField(queryset=None, label=_("Village"), required=False)
    title = forms.CharField(label=_("Short title"), max_length=200)
    content = forms.CharField(
        label=_("What the citizen said"), widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(
        label=_("Citizen's name"),
        required=False,
        max_length=150,
        help_text=_("Leave empty if the citizen does not want to be named."),
    )
    phone = forms.CharField(label=_("Citizen's phone"), required=False, max_length=20)

    def __init__(self, *args, unit, **kwargs):
        from thanthien.petitions.models import Field

        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(is_active=True)
        self.fields["village"].queryset = AdminUnit.objects.filter(parent=unit)
