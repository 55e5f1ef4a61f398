"""Citizens' pages: send a petition, follow it by its tracking code, rate the answer; the public
list of answered petitions and the figures of each unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thanthien.core.actions import REFUSALS, refusal_text

from . import selectors, services
from .forms import RateForm, ReasonForm, ReopenForm, TrackForm
from .models import STATUTORY_KINDS, Answer, Attachment, Petition, State


def sent_page(petition: Petition) -> str:
    """The tracking page as the citizen first sees it, right after sending."""
    return f"{reverse('petition_track', args=[petition.tracking_code])}?sent=1"


def recorded_message(petition: Petition) -> str:
    """What an official who entered a petition on a citizen's behalf is told."""
    message = _("Recorded. Give the citizen the tracking code %(code)s.") % {
        "code": petition.tracking_code
    }
    moved = services.unit_notice(petition)
    return f"{message} {moved}" if moved else message


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
    except REFUSALS as exc:
        context["action_error"] = refusal_text(exc)
    return render(request, "petitions/track.html", context, status=400)


def petition_citizen_file(request: HttpRequest, code: str, pk: int) -> FileResponse:
    petition = selectors.get_petition_by_code(code)
    attachment = get_object_or_404(Attachment, pk=pk, petition=petition, confidential=False)
    if attachment.role == Attachment.Role.ANSWER and not (
        attachment.answer and attachment.answer.status == Answer.Status.APPROVED
    ):
        raise Http404
    return file_response(attachment)


def file_response(attachment: Attachment) -> FileResponse:
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
