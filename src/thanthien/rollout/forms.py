from django import forms

from .models import Plan


class PlanForm(forms.ModelForm):
    """The plan's text as data, section by section; lists are one item per line."""

    class Meta:
        model = Plan
        fields = [
            "layout",
            "issuer_parent",
            "issuer_heading",
            "issuer_code",
            "type_code",
            "number",
            "number_period",
            "issued_on",
            "place",
            "title",
            "implements",
            "preamble_end",
            "purposes",
            "content_areas",
            "process_steps",
            "place_text",
            "signer_title",
            "signer_name",
            "recipients",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "implements",
                    "preamble_end",
                    "purposes",
                    "content_areas",
                    "process_steps",
                    "place_text",
                    "recipients",
                )
            },
            "signer_title": forms.Textarea(attrs={"rows": 2}),
        }
