"""Denunciation pages: filing (named or anonymous, the identity kept secret), the denunciation's own
stages on the staff page of the petition core, and the denouncer's identity — shown on request to those
allowed, every reading audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from thanthien.core import permissions
from thanthien.core.actions import act
from thanthien.petitions import selectors
from thanthien.petitions.case_views import file_case, valid_form
from thanthien.petitions.confidential import (
    Identity,
    can_see_identity,
    identity_grant,
    identity_read,
)
from thanthien.petitions.forms import ReasonForm
from thanthien.petitions.models import Kind
from thanthien.petitions.views_staff import officials_for

from . import services
from .forms import ConclusionForm, DenunciationForm, ExtendForm, GrantForm

TEMPLATE = "denunciations/new.html"
SECRET_FIELDS = ("name", "address", "id_number", "phone", "email")


def _submit(data: dict, common: dict):
    return services.denunciation_submit(
        **common,
        denounced=data["denounced"],
        is_anonymous=data["is_anonymous"],
        identity=Identity(
            name=data["name"],
            address=data["address"],
            id_number=data["id_number"],
            phone=data["phone"],
            email=data["email"],
        ),
    )


@never_cache
@sensitive_post_parameters(*SECRET_FIELDS)
@require_http_methods(["GET", "POST"])
def denunciation_new(request: HttpRequest) -> HttpResponse:
    return file_case(
        request, form_class=DenunciationForm, template=TEMPLATE, service=_submit, staff=False
    )


@login_required
@sensitive_post_parameters(*SECRET_FIELDS)
@require_http_methods(["GET", "POST"])
def staff_denunciation_new(request: HttpRequest) -> HttpResponse:
    return file_case(
        request, form_class=DenunciationForm, template=TEMPLATE, service=_submit, staff=True
    )


def staff_context(request, petition, forms: dict, allowed: list[str]) -> dict:
    case = petition.denunciation
    sees_identity = can_see_identity(request.user, petition)
    return {
        "case": case,
        "can_see_identity": sees_identity,
        "secret_files": list(petition.attachments.filter(confidential=True))
        if sees_identity
        else [],
        "can_grant": permissions.can(request.user, "petitions.approve", petition.body.unit),
        "grant_form": GrantForm(officials=officials_for(petition)),
        "extend_form": forms.get("extend") or ExtendForm(),
        "conclude_form": forms.get("conclude") or ConclusionForm(),
        "extensions": list(case.extensions.all()),
    }


def staff_act(request, petition, action: str, forms: dict) -> bool | None:
    """A denunciation's own stage; None for the stages every case shares."""
    user, post = request.user, request.POST
    if action == "accept":
        services.denunciation_accept(petition=petition, actor=user)
    elif action == "refuse":
        if not valid_form(forms, action, ReasonForm(post)):
            return False
        services.denunciation_refuse(
            petition=petition, actor=user, reason=forms[action].cleaned_data["reason"]
        )
    elif action == "verify":
        services.denunciation_verify(petition=petition, actor=user)
    elif action == "extend":
        if not valid_form(forms, "extend", ExtendForm(post)):
            return False
        services.denunciation_extend(petition=petition, actor=user, **forms["extend"].cleaned_data)
    elif action == "conclude":
        if not valid_form(forms, "conclude", ConclusionForm(post)):
            return False
        services.denunciation_conclude(
            petition=petition, actor=user, **forms["conclude"].cleaned_data
        )
    elif action == "close":
        services.denunciation_close(petition=petition, actor=user)
    else:
        return None
    return True


# --- The denouncer's identity --------------------------------------------------------------------


def _denunciation(request: HttpRequest, pk: int):
    """A denunciation in the user's units; 404 for anything else."""
    petition = selectors.get_petition_for_user(request.user, pk)
    if petition.kind != Kind.DENUNCIATION:
        raise Http404
    return petition


@login_required
@require_POST
def identity_show(request: HttpRequest, pk: int) -> HttpResponse:
    """Shown on an explicit request (POST, so that no prefetch or crawler reads it), never cached."""
    petition = _denunciation(request, pk)
    try:
        identity = identity_read(petition=petition, user=request.user, purpose="staff page")
    except PermissionDenied:
        raise Http404 from None
    response = render(
        request, "denunciations/identity.html", {"petition": petition, "identity": identity}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def identity_grant_view(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _denunciation(request, pk)
    form = GrantForm(request.POST, officials=officials_for(petition))
    if not form.is_valid():
        messages.error(request, _("Choose an official of this unit."))
        return redirect("staff_petition", pk=petition.pk)
    return act(
        request,
        lambda: identity_grant(
            petition=petition, leader=request.user, user=form.cleaned_data["user"]
        ),
        success_message=_("Access granted."),
        redirect_to=reverse("staff_petition", args=[petition.pk]),
        refusals=(PermissionDenied,),
    )
