from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thanthien.core.models import AdminUnit, Body

from .models import Category, Channel, Form, Notice, SearchEntry
from .services import EDITABLE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _units(levels):
    """Units that use the platform (they have a body) and their villages: a short list, not the
    province's every commune."""
    from django.db.models import Q

    in_use = Q(bodies__isnull=False) | Q(level="village", parent__bodies__isnull=False)
    return AdminUnit.objects.filter(in_use, level__in=levels).distinct().order_by("path")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    unit = forms.ModelChoiceField(
        label=_("Commune"),
        required=False,
        queryset=_units(["district", "commune"]),
        empty_label=_("All"),
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("disclosure", "Kind"),
        required=False,
        choices=[("", _("All")), *SearchEntry.Kind.choices],
    )
    category = forms.ModelChoiceField(
        label=_("Category"),
        required=False,
        queryset=Category.objects.filter(is_active=True),
        to_field_name="code",
        empty_label=_("All"),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class DisclosureForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=AdminUnit.objects.none())
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True)
    )
    title = forms.CharField(label=pgettext_lazy("disclosure", "Title"), max_length=250)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=60)
    document_date = forms.DateField(
        label=_("Document date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    document_issuer = forms.CharField(label=_("Issued by"), required=False, max_length=200)
    starts_on = forms.DateField(
        label=_("Disclosed from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Disclosed until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_year = forms.IntegerField(label=_("Year covered"), required=False)
    period_quarter = forms.IntegerField(label=_("Quarter covered"), required=False)
    spreadsheet = forms.FileField(
        label=_("Budget spreadsheet (.xlsx: code, item, planned, actual)"), required=False
    )
    files = MultipleFileField(label=_("Attachments (PDF, DOCX, XLSX, images)"))
    # Named like the service's argument; defined last because it shadows the forms module.
    forms = forms.MultipleChoiceField(
        label=_("Forms of disclosure"),
        choices=Form.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    field_order = ["unit", *EDITABLE]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["body"].queryset = Body.objects.filter(unit__in=units, is_active=True)


class FilesForm(forms.Form):
    files = MultipleFileField(label=_("Attachments (PDF, DOCX, XLSX, images)"), required=True)


class ImportForm(forms.Form):
    spreadsheet = forms.FileField(
        label=_("Budget spreadsheet (.xlsx: code, item, planned, actual)")
    )


class LineForm(forms.Form):
    code = forms.CharField(label=_("Code"), required=False, max_length=30)
    item = forms.CharField(label=_("Item"), required=False, max_length=300)
    planned = forms.CharField(label=_("Planned (đồng)"), required=False, max_length=30)
    actual = forms.CharField(label=_("Actual (đồng)"), required=False, max_length=30)


LineFormSet = forms.formset_factory(LineForm, extra=5, max_num=300, absolute_max=300)


class PostingForm(forms.Form):
    form = forms.ChoiceField(label=_("Form"), choices=Form.choices)
    place = forms.CharField(label=_("Place"), max_length=200)
    posted_on = forms.DateField(
        label=_("Posted on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    photo = forms.FileField(label=_("Photo of the notice board"), required=False)


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Your question in a few words"), max_length=200)
    content = forms.CharField(
        label=_("Your question or comment"), widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=150)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    email = forms.EmailField(label=_("Email"), required=False)
    consent_publish = forms.BooleanField(
        label=_("The answer may be published under the disclosure (without my name)"),
        required=False,
        initial=True,
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class NoticeForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Commune"), queryset=AdminUnit.objects.none())
    villages = forms.ModelMultipleChoiceField(
        label=_("Villages (none: the whole commune)"),
        queryset=AdminUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kind = forms.ChoiceField(label=_("Category"), choices=Notice.Kind.choices)
    title = forms.CharField(label=pgettext_lazy("disclosure", "Title"), max_length=250)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    loudspeaker_script = forms.CharField(
        label=_("Loudspeaker script"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    broadcasts = forms.CharField(
        label=_("Broadcast times"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: dd/mm/yyyy hh:mm, e.g. 05/06/2023 06:30"),
    )
    published_on = forms.DateField(
        label=_("Published on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    files = MultipleFileField(label=_("Attachments (PDF, DOCX, XLSX, images)"))
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(level="commune")
        self.fields["villages"].queryset = units.filter(level="village")

    def clean_broadcasts(self):
        import datetime as dt

        from django.utils import timezone

        found = []
        for line in self.cleaned_data["broadcasts"].splitlines():
            if not line.strip():
                continue
            try:
                moment = dt.datetime.strptime(line.strip(), "%d/%m/%Y %H:%M")
            except ValueError:
                raise forms.ValidationError(
                    _("“%(line)s” is not a time like 05/06/2023 06:30.")
                    % {"line": line.strip()[:30]}
                ) from None
            found.append(timezone.make_aware(moment))
        return found


class SubscribeForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Commune or village"), queryset=_units(["commune", "village"])
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    destination = forms.CharField(label=_("Email, phone number or Zalo id"), max_length=200)


class ComplianceForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=AdminUnit.objects.none(), required=False
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.filter(level__in=["province", "district", "commune"])


class ConventionForm(forms.Form):
    village = forms.ModelChoiceField(label=_("Village"), queryset=AdminUnit.objects.none())
    title = forms.CharField(label=pgettext_lazy("disclosure", "Title"), max_length=250)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = units.filter(level="village")


class ConventionChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[])
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Change it only for an amendment; the earlier version is kept."),
    )
    note = forms.CharField(label=_("What changed"), required=False, max_length=300)
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=60)
    decision_date = forms.DateField(
        label=_("Decision date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = list(statuses)
