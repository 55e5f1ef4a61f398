"""The page parts that complaints and denunciations share on the petition core: filing (the form and
the service differ by procedure), the citizen's own steps (withdraw, complain again, escalate), the
stages every case has (refuse, withdraw, forward), the official documents and the signed scan."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanthien.core import permissions
from thanthien.core.actions import act, form_status, submit
from thanthien.core.documents import document_response, render_docx, render_pdf

from . import cases, documents, selectors, services
from .forms import ForwardForm, ReasonForm, SignedScanForm, new_record_units
from .models import Attachment, Petition
from .views import recorded_message, sent_page
from .workflow import transitions_for

# --- Filing -------------------------------------------------------------------------------------------


def file_case(
    request,
    *,
    form_class,
    template: str,
    service: Callable[[dict, dict], tuple[Petition, bool]],
    staff: bool,
) -> HttpResponse:
    """The filing page of a procedure: ``service(cleaned_data, common)`` calls its service."""
    units = None
    if staff:
        permissions.require(request.user, "petitions.enter")
        units = new_record_units().filter(
            permissions.scope_q(request.user, "petitions.enter", "path")
        )
    form = form_class(request.POST or None, request.FILES or None, units=units, staff=staff)

    def send(data: dict) -> Petition:
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
        petition, _created = service(data, common)
        return petition

    if staff:
        done = submit(
            request,
            form,
            send,
            success_message=recorded_message,
            redirect_to=lambda petition: reverse("staff_petition", args=[petition.pk]),
        )
    else:
        done = submit(request, form, send, redirect_to=sent_page)
    return done or render(
        request, template, {"form": form, "staff": staff}, status=form_status(request)
    )


# --- The citizen's own steps -----------------------------------------------------------------------

# Steps a citizen takes on a case with its tracking code; the procedures add theirs (``appeal``).
CITIZEN_STEPS: dict[str, Callable[..., Petition]] = {
    "withdraw": cases.withdraw,
    "escalate": cases.escalation_request,
}


@require_POST
def citizen_case_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Withdraw, complain again, or ask the superior body to step in when the case is overdue."""
    petition = selectors.get_petition_by_code(code)
    if petition.kind not in cases.STATUTORY_KINDS or action not in CITIZEN_STEPS:
        raise Http404
    form = ReasonForm(request.POST)

    def step() -> Petition:
        if not form.is_valid():
            raise ValidationError(form.errors["reason"])
        return CITIZEN_STEPS[action](petition=petition, reason=form.cleaned_data["reason"])

    return act(
        request,
        step,
        success_message=_("Recorded."),
        redirect_to=reverse("petition_track", args=[petition.tracking_code]),
    )


# --- Staff stages --------------------------------------------------------------------------------


def staff_context(request, petition: Petition, forms: dict, procedure) -> dict:
    """What every case's staff page shows, with the procedure's own part."""
    allowed = [a for a in transitions_for(petition.kind) if services.may(request.user, petition, a)]
    return {
        "allowed": allowed,
        "refuse_form": forms.get("refuse") or ReasonForm(),
        "withdraw_form": forms.get("withdraw") or ReasonForm(),
        "forward_form": forms.get("forward") or ForwardForm(),
        "scan_form": forms.get("scan") or SignedScanForm(),
        "scans": list(petition.attachments.filter(role=Attachment.Role.DECISION)),
        "documents": documents.available(petition),
        **procedure.staff_context(request, petition, forms, allowed),
    }


def valid_form(forms: dict, name: str, form) -> bool:
    """Keep the bound form for the page (its errors are shown there) and say whether it is valid."""
    forms[name] = form
    return form.is_valid()


def staff_act(request, petition: Petition, action: str, forms: dict, procedure) -> bool:
    """One stage of a case; False when a form has errors."""
    done = procedure.staff_act(request, petition, action, forms)
    if done is not None:
        return done
    user, post = request.user, request.POST
    if action == "withdraw":
        if not valid_form(forms, action, ReasonForm(post)):
            return False
        cases.withdraw(petition=petition, actor=user, reason=forms[action].cleaned_data["reason"])
    elif action == "forward":
        if not valid_form(forms, "forward", ForwardForm(post)):
            return False
        data = forms["forward"].cleaned_data
        services.petition_forward(
            petition=petition,
            actor=user,
            body=data["body"],
            outside=data["outside"],
            reason=data["reason"],
        )
    else:
        raise Http404
    return True


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

    def attach():
        if not form.is_valid():
            raise ValidationError([e for errs in form.errors.values() for e in errs])
        return services.attach_signed_scan(
            petition=petition, actor=request.user, upload=form.cleaned_data["file"]
        )

    return act(
        request,
        attach,
        success_message=_("The signed scan is attached."),
        redirect_to=reverse("staff_petition", args=[petition.pk]),
    )
