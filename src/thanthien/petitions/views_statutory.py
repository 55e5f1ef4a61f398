"""Pages for complaints and denunciations: filing, the staff's stages, the denouncer's identity
(shown on request to those allowed, every reading audited) and the official documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from thanthien.core import permissions
from thanthien.core.documents import document_response, render_docx, render_pdf

from . import documents, selectors, services, statutory
from .confidential import Identity, can_see_identity, identity_grant, identity_read
from .forms import (
    ComplaintAcceptForm,
    ComplaintForm,
    ConclusionForm,
    DecisionForm,
    DenunciationForm,
    DialogueForm,
    ExtendForm,
    ForwardForm,
    GrantForm,
    ReasonForm,
    SignedScanForm,
)
from .models import Attachment, Kind, Petition
from .views import apply_errors
from .workflow import transitions_for

# --- Filing -------------------------------------------------------------------------------------------


def _file(request, kind: str, *, staff: bool) -> HttpResponse:
    units = None
    if staff:
        permissions.require(request.user, "petitions.enter")
        units = selectors.receiving_units().filter(
            permissions.scope_q(request.user, "petitions.enter", "path")
        )
    form_class = ComplaintForm if kind == Kind.COMPLAINT else DenunciationForm
    form = form_class(request.POST or None, request.FILES or None, units=units, staff=staff)
    template = f"petitions/{kind}_new.html"
    if request.method != "POST":
        return render(request, template, {"form": form, "staff": staff})
    if form.is_valid():
        data = form.cleaned_data
        common = {
            "field": data["field"],
            "unit": data["unit"],
            "title": data["title"],
            "content": data["content"],
            "files": data["files"],
            "submission_key": data["submission_key"] or None,
        }
        if staff:
            common.update(
                channel=data["channel"], received_at=data["received_at"], entered_by=request.user
            )
        else:
            common["submitter"] = request.user if request.user.is_authenticated else None
        try:
            if kind == Kind.COMPLAINT:
                petition, _created = statutory.complaint_submit(
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
            else:
                petition, _created = statutory.denunciation_submit(
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
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            if staff:
                messages.success(
                    request,
                    _("Recorded. Give the citizen the tracking code %(code)s.")
                    % {"code": petition.tracking_code},
                )
                return redirect("staff_petition", pk=petition.pk)
            return redirect(f"{reverse('petition_track', args=[petition.tracking_code])}?sent=1")
    return render(request, template, {"form": form, "staff": staff}, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    return _file(request, Kind.COMPLAINT, staff=False)


@never_cache
@sensitive_post_parameters("name", "address", "id_number", "phone", "email")
@require_http_methods(["GET", "POST"])
def denunciation_new(request: HttpRequest) -> HttpResponse:
    return _file(request, Kind.DENUNCIATION, staff=False)


@login_required
@require_http_methods(["GET", "POST"])
def staff_complaint_new(request: HttpRequest) -> HttpResponse:
    return _file(request, Kind.COMPLAINT, staff=True)


@login_required
@sensitive_post_parameters("name", "address", "id_number", "phone", "email")
@require_http_methods(["GET", "POST"])
def staff_denunciation_new(request: HttpRequest) -> HttpResponse:
    return _file(request, Kind.DENUNCIATION, staff=True)


# --- The citizen's own steps -----------------------------------------------------------------------


@require_POST
def citizen_statutory_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Withdraw, complain again, or ask the superior body to step in when the case is overdue."""
    petition = selectors.get_petition_by_code(code)
    if petition.kind not in (Kind.COMPLAINT, Kind.DENUNCIATION) or action not in (
        "withdraw",
        "appeal",
        "escalate",
    ):
        raise Http404
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["reason"])
        reason = form.cleaned_data["reason"]
        if action == "withdraw":
            statutory.withdraw(petition=petition, reason=reason)
        elif action == "appeal":
            statutory.complaint_appeal(petition=petition, reason=reason)
        else:
            statutory.escalation_request(petition=petition, reason=reason)
    except (ValidationError, PermissionDenied, services.Conflict) as exc:
        messages.error(
            request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        )
        return redirect("petition_track", code=petition.tracking_code)
    messages.success(request, _("Recorded."))
    return redirect("petition_track", code=petition.tracking_code)


# --- Staff stages --------------------------------------------------------------------------------


def statutory_context(request, petition: Petition, forms: dict) -> dict:
    user = request.user
    allowed = [a for a in transitions_for(petition.kind) if services.may(user, petition, a)]
    case = petition.complaint if petition.kind == Kind.COMPLAINT else petition.denunciation
    sees_identity = petition.kind == Kind.DENUNCIATION and can_see_identity(user, petition)
    if "finalize" in allowed and not statutory.complaint_may_finalize(case):
        allowed.remove("finalize")
    return {
        "case": case,
        "allowed": allowed,
        "can_see_identity": sees_identity,
        "secret_files": list(petition.attachments.filter(confidential=True))
        if sees_identity
        else [],
        "can_grant": petition.kind == Kind.DENUNCIATION
        and permissions.can(user, "petitions.approve", petition.body.unit),
        "accept_form": forms.get("accept") or ComplaintAcceptForm(),
        "refuse_form": forms.get("refuse") or ReasonForm(),
        "withdraw_form": forms.get("withdraw") or ReasonForm(),
        "appeal_form": forms.get("appeal") or ReasonForm(),
        "forward_form": forms.get("forward") or ForwardForm(),
        "dialogue_form": forms.get("dialogue") or DialogueForm(),
        "decide_form": forms.get("decide")
        or DecisionForm(
            initial={
                "verification_result": getattr(case, "verification_result", ""),
                "dialogue_result": getattr(case, "dialogue_result", ""),
            }
        ),
        "extend_form": forms.get("extend") or ExtendForm(),
        "conclude_form": forms.get("conclude") or ConclusionForm(),
        "scan_form": forms.get("scan") or SignedScanForm(),
        "extensions": list(case.extensions.all()) if petition.kind == Kind.DENUNCIATION else [],
        "scans": list(petition.attachments.filter(role=Attachment.Role.DECISION)),
        "documents": documents.available(petition),
    }


def act_statutory(request, petition: Petition, action: str, forms: dict) -> bool:
    """One stage of a complaint or a denunciation; False when a form has errors."""
    user, post = request.user, request.POST
    complaint = petition.kind == Kind.COMPLAINT

    def valid(name, form):
        forms[name] = form
        return form.is_valid()

    if action == "accept":
        if complaint:
            if not valid("accept", ComplaintAcceptForm(post)):
                return False
            statutory.complaint_accept(
                petition=petition, actor=user, **forms["accept"].cleaned_data
            )
        else:
            statutory.denunciation_accept(petition=petition, actor=user)
    elif action in ("refuse", "withdraw", "appeal"):
        if not valid(action, ReasonForm(post)):
            return False
        reason = forms[action].cleaned_data["reason"]
        if action == "refuse":
            (statutory.complaint_refuse if complaint else statutory.denunciation_refuse)(
                petition=petition, actor=user, reason=reason
            )
        elif action == "withdraw":
            statutory.withdraw(petition=petition, actor=user, reason=reason)
        else:
            statutory.complaint_appeal(petition=petition, actor=user, reason=reason)
    elif action == "forward":
        if not valid("forward", ForwardForm(post)):
            return False
        data = forms["forward"].cleaned_data
        services.petition_forward(
            petition=petition,
            actor=user,
            body=data["body"],
            outside=data["outside"],
            reason=data["reason"],
        )
    elif action == "verify":
        (statutory.complaint_verify if complaint else statutory.denunciation_verify)(
            petition=petition, actor=user
        )
    elif action == "dialogue":
        if not valid("dialogue", DialogueForm(post)):
            return False
        statutory.complaint_dialogue(
            petition=petition, actor=user, **forms["dialogue"].cleaned_data
        )
    elif action == "decide":
        if not valid("decide", DecisionForm(post)):
            return False
        statutory.complaint_decide(petition=petition, actor=user, **forms["decide"].cleaned_data)
    elif action == "finalize":
        statutory.complaint_finalize(petition=petition, actor=user)
    elif action == "extend":
        if not valid("extend", ExtendForm(post)):
            return False
        statutory.denunciation_extend(petition=petition, actor=user, **forms["extend"].cleaned_data)
    elif action == "conclude":
        if not valid("conclude", ConclusionForm(post)):
            return False
        statutory.denunciation_conclude(
            petition=petition, actor=user, **forms["conclude"].cleaned_data
        )
    elif action == "close":
        statutory.denunciation_close(petition=petition, actor=user)
    else:
        raise Http404
    return True


# --- The denouncer's identity --------------------------------------------------------------------


@login_required
@require_POST
def identity_show(request: HttpRequest, pk: int) -> HttpResponse:
    """Shown on an explicit request (POST, so that no prefetch or crawler reads it), never cached."""
    petition = selectors.get_petition_for_user(request.user, pk)
    if petition.kind != Kind.DENUNCIATION:
        raise Http404
    try:
        identity = identity_read(petition=petition, user=request.user, purpose="staff page")
    except PermissionDenied:
        raise Http404 from None
    response = render(
        request, "petitions/staff/identity.html", {"petition": petition, "identity": identity}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def identity_grant_view(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.get_petition_for_user(request.user, pk)
    if petition.kind != Kind.DENUNCIATION:
        raise Http404
    from .views_staff import _officials_for

    form = GrantForm(request.POST, officials=_officials_for(petition))
    if form.is_valid():
        try:
            identity_grant(petition=petition, leader=request.user, user=form.cleaned_data["user"])
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Access granted."))
    else:
        messages.error(request, _("Choose an official of this unit."))
    return redirect("staff_petition", pk=petition.pk)


# --- Documents -------------------------------------------------------------------------------------


@login_required
def document(request: HttpRequest, pk: int, name: str, fmt: str) -> HttpResponse:
    petition = selectors.get_petition_for_user(request.user, pk)
    doc = documents.build(petition, name)
    if doc is None:
        raise Http404
    filename = f"{name}-{petition.tracking_code}.{fmt}"
    if fmt == "docx":
        return document_response(render_docx(doc), filename)
    if fmt == "pdf":
        return document_response(render_pdf(doc), filename)
    raise Http404


@login_required
@require_POST
def signed_scan(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.get_petition_for_user(request.user, pk)
    if not permissions.can(request.user, "petitions.enter", petition.body.unit):
        raise Http404
    form = SignedScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_signed_scan(
                petition=petition, actor=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The signed scan is attached."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("staff_petition", pk=petition.pk)
