"""Complaint pages: filing by the citizen or by an official who received it, and the complaint's own
stages on the staff page of the petition core (accept, refuse, verify, dialogue, decide, finalize,
complain again)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from thanthien.petitions.case_views import file_case, valid_form
from thanthien.petitions.forms import ReasonForm

from . import services
from .forms import ComplaintAcceptForm, ComplaintForm, DecisionForm, DialogueForm

TEMPLATE = "complaints/new.html"


def _submit(data: dict, common: dict):
    return services.complaint_submit(
        **common,
        act_complained_of=data["act_complained_of"],
        respondent=data["respondent"],
        learned_on=data["learned_on"],
        name=data["name"],
        phone=data["phone"],
        email=data["email"],
        address=data["address"],
        complainants=data["complainants"].splitlines(),
        late_reason=data.get("late_reason", ""),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    return file_case(
        request, form_class=ComplaintForm, template=TEMPLATE, service=_submit, staff=False
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_complaint_new(request: HttpRequest) -> HttpResponse:
    return file_case(
        request, form_class=ComplaintForm, template=TEMPLATE, service=_submit, staff=True
    )


def staff_context(request, petition, forms: dict, allowed: list[str]) -> dict:
    case = petition.complaint
    if "finalize" in allowed and not services.complaint_may_finalize(case):
        allowed.remove("finalize")
    return {
        "case": case,
        "accept_form": forms.get("accept") or ComplaintAcceptForm(),
        "appeal_form": forms.get("appeal") or ReasonForm(),
        "dialogue_form": forms.get("dialogue") or DialogueForm(),
        "decide_form": forms.get("decide")
        or DecisionForm(
            initial={
                "verification_result": case.verification_result,
                "dialogue_result": case.dialogue_result,
            }
        ),
    }


def staff_act(request, petition, action: str, forms: dict) -> bool | None:
    """A complaint's own stage; None for the stages every case shares."""
    user, post = request.user, request.POST
    if action == "accept":
        if not valid_form(forms, "accept", ComplaintAcceptForm(post)):
            return False
        services.complaint_accept(petition=petition, actor=user, **forms["accept"].cleaned_data)
    elif action in ("refuse", "appeal"):
        if not valid_form(forms, action, ReasonForm(post)):
            return False
        step = services.complaint_refuse if action == "refuse" else services.complaint_appeal
        step(petition=petition, actor=user, reason=forms[action].cleaned_data["reason"])
    elif action == "verify":
        services.complaint_verify(petition=petition, actor=user)
    elif action == "dialogue":
        if not valid_form(forms, "dialogue", DialogueForm(post)):
            return False
        services.complaint_dialogue(petition=petition, actor=user, **forms["dialogue"].cleaned_data)
    elif action == "decide":
        if not valid_form(forms, "decide", DecisionForm(post)):
            return False
        services.complaint_decide(petition=petition, actor=user, **forms["decide"].cleaned_data)
    elif action == "finalize":
        services.complaint_finalize(petition=petition, actor=user)
    else:
        return None
    return True
