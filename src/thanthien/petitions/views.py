"""Citizens' pages: send a petition, follow it by its tracking code, rate the answer; the public
list of answered petitions and the figures of each unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from thanthien.core.models import AdminUnit
from thanthien.core.paging import page_of

from . import selectors, services
from .forms import PetitionForm, PublicFilterForm, RateForm, ReasonForm, ReopenForm, TrackForm
from .models import STATUTORY_KINDS, Answer, Attachment, Petition, State
from .selectors import receiving_units


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form, on the fields it names where the form has them."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def submission_kwargs(data: dict) -> dict:
    keys = [
        "kind",
        "field",
        "unit",
        "village",
        "address",
        "title",
        "content",
        "name",
        "phone",
        "email",
        "is_anonymous",
        "consent_publish",
        "share_location",
        "latitude",
        "longitude",
        "files",
    ]
    return {k: data[k] for k in keys if k in data}


@never_cache
@require_http_methods(["GET", "POST"])
def petition_new(request: HttpRequest) -> HttpResponse:
    form = PetitionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            user = request.user if request.user.is_authenticated else None
            try:
                petition, _created = services.petition_submit(
                    **submission_kwargs(data),
                    submitter=user,
                    submission_key=data["submission_key"] or None,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                request.session.setdefault("tracking_codes", [])
                codes = request.session["tracking_codes"]
                if petition.tracking_code not in codes:
                    request.session["tracking_codes"] = [*codes[-19:], petition.tracking_code]
                return redirect(
                    f"{reverse('petition_track', args=[petition.tracking_code])}?sent=1"
                )
        return render(request, "petitions/new.html", {"form": form}, status=400)
    if request.user.is_authenticated and not form.is_bound:
        form.initial.update(
            {
                "name": request.user.display_name,
                "phone": request.user.phone or "",
                "email": request.user.email or "",
            }
        )
    return render(request, "petitions/new.html", {"form": form})


@never_cache
def petition_lookup(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = selectors.normalize_tracking_code(form.cleaned_data["code"])
        if Petition.objects.filter(tracking_code=code).exists():
            return redirect("petition_track", code=code)
        form.add_error("code", _("No petition has this tracking code. Check it and try again."))
    status = 404 if form.is_bound else 200
    return render(request, "petitions/lookup.html", {"form": form}, status=status)


def _track_context(request, petition: Petition) -> dict:
    policy = services.policy_for(petition.body.unit)
    events = list(petition.events.filter(public=True).select_related("body", "actor"))
    answer = petition.answers.filter(status=Answer.Status.APPROVED).first()
    return {
        "petition": petition,
        "events": events,
        "answer": answer,
        "answer_files": list(answer.attachments.all()) if answer else [],
        "show_names": policy.show_handler_names,
        "can_rate": petition.rated_at is None
        and (
            petition.state in (State.ANSWERED, State.CLOSED)
            or (petition.state == State.MERGED and answer)
        ),
        "can_reopen": services.may(None, petition, "reopen", as_citizen=True)
        and petition.reopen_count == 0,
        "can_close": services.may(None, petition, "close", as_citizen=True),
        "rate_form": RateForm(),
        "reopen_form": ReopenForm(),
        "reopen_days": policy.reopen_days,
        "just_sent": request.GET.get("sent") == "1",
        **_statutory_track(petition),
    }


def _statutory_track(petition: Petition) -> dict:
    if petition.kind not in STATUTORY_KINDS:
        return {"statutory": False}
    case = petition.complaint if petition.kind == "complaint" else petition.denunciation
    overdue = petition.is_open and petition.deadline and petition.deadline < timezone.localdate()
    return {
        "statutory": True,
        "case": case,
        "can_withdraw": services.may(None, petition, "withdraw", as_citizen=True),
        "can_appeal": services.may(None, petition, "appeal", as_citizen=True),
        "can_escalate": bool(overdue),
        "reason_form": ReasonForm(),
        "can_rate": False,
        "can_reopen": False,
        "can_close": False,
    }


@never_cache
def petition_track(request: HttpRequest, code: str) -> HttpResponse:
    petition = selectors.get_petition_by_code(code)
    return render(request, "petitions/track.html", _track_context(request, petition))


@require_POST
def petition_citizen_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Rate, reopen or close: whoever holds the tracking code is the citizen who sent it."""
    petition = selectors.get_petition_by_code(code)
    context = _track_context(request, petition)
    try:
        if action == "rate":
            form = context["rate_form"] = RateForm(request.POST)
            if form.is_valid():
                services.petition_rate(
                    petition=petition,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, _("Thank you for your rating."))
                return redirect("petition_track", code=petition.tracking_code)
        elif action == "reopen":
            form = context["reopen_form"] = ReopenForm(request.POST)
            if form.is_valid():
                services.petition_reopen(petition=petition, reason=form.cleaned_data["reason"])
                messages.success(
                    request, _("Your petition has been reopened and goes back to the officials.")
                )
                return redirect("petition_track", code=petition.tracking_code)
        elif action == "close":
            services.petition_close(petition=petition, as_citizen=True)
            messages.success(request, _("Your petition is closed. Thank you."))
            return redirect("petition_track", code=petition.tracking_code)
        else:
            raise Http404
    except (ValidationError, PermissionDenied, services.Conflict) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        context["action_error"] = message
    return render(request, "petitions/track.html", context, status=400)


def petition_citizen_file(request: HttpRequest, code: str, pk: int) -> FileResponse:
    petition = selectors.get_petition_by_code(code)
    attachment = get_object_or_404(Attachment, pk=pk, petition=petition, confidential=False)
    if attachment.role == Attachment.Role.ANSWER and not (
        attachment.answer and attachment.answer.status == Answer.Status.APPROVED
    ):
        raise Http404
    return _file_response(attachment)


def _file_response(attachment: Attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        filename=attachment.original_name,
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def my_petitions(request: HttpRequest) -> HttpResponse:
    petitions = (
        Petition.objects.filter(submitter=request.user)
        .select_related("field", "unit", "body")
        .order_by("-received_at", "-id")
    )
    page = Paginator(petitions, 20).get_page(request.GET.get("page"))
    return render(request, "petitions/mine.html", {"page": page})


def public_list(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET or None)
    flt = selectors.PublicFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        flt = selectors.PublicFilter(
            unit=data["unit"].pk if data["unit"] else None,
            field=data["field"].pk if data["field"] else None,
            state=data["state"],
            since=data["since"],
            until=data["until"],
            query=data["q"],
        )
    page = page_of(selectors.public_petitions(flt), request.GET.get("page"), 20)
    items = [{"petition": p, "text": selectors.public_text(p)} for p in page]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "petitions/public_list.html",
        {"form": form, "page": page, "items": items, "params": params.urlencode()},
    )


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = get_object_or_404(
        selectors.public_petitions(selectors.PublicFilter()).select_related("contact"), pk=pk
    )
    answer = petition.answers.filter(status=Answer.Status.APPROVED).first()
    return render(
        request,
        "petitions/public_detail.html",
        {
            "petition": petition,
            "text": selectors.public_text(petition),
            "answer": answer,
            "answer_files": list(answer.attachments.all()) if answer else [],
        },
    )


def public_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    petition = get_object_or_404(selectors.public_petitions(selectors.PublicFilter()), pk=pk)
    attachment = get_object_or_404(
        Attachment,
        pk=file_pk,
        petition=petition,
        role=Attachment.Role.ANSWER,
        answer__status=Answer.Status.APPROVED,
    )
    return _file_response(attachment)


def figures(request: HttpRequest) -> HttpResponse:
    units = list(receiving_units().select_related("parent"))
    parents = {u.parent for u in units if u.parent}
    choices = sorted(parents, key=lambda u: u.path) + units
    unit = None
    if request.GET.get("unit"):
        unit = (
            AdminUnit.objects.filter(pk=request.GET["unit"]).first()
            if request.GET["unit"].isdigit()
            else None
        )
        if unit is None:
            raise Http404
    unit = unit or (choices[0] if choices else None)
    rows = selectors.figures_by_month(unit) if unit else []
    totals = {
        "received": sum(r["received"] for r in rows),
        "answered": sum(r["answered"] for r in rows),
        "on_time": sum(r["on_time"] for r in rows),
        "overdue_open": sum(r["overdue_open"] for r in rows),
    }
    totals["on_time_pct"] = (
        round(100 * totals["on_time"] / totals["answered"]) if totals["answered"] else None
    )
    rated = [r for r in rows if r["satisfaction"] is not None]
    totals["satisfaction"] = (
        round(
            sum(r["satisfaction"] * r["rated"] for r in rated) / sum(r["rated"] for r in rated), 1
        )
        if rated
        else None
    )
    return render(
        request,
        "petitions/figures.html",
        {
            "by_kind": selectors.figures_by_kind(
                unit, selectors.first_of_months_back(timezone.localdate(), 12), timezone.localdate()
            )
            if unit
            else [],
            "unit": unit,
            "choices": choices,
            "rows": rows,
            "totals": totals,
            "max_received": max((r["received"] for r in rows), default=0),
        },
    )
