"""Feedback and recommendations (phản ánh, kiến nghị; Decree 20/2008): the citizen's form, an
official's entry of one received on paper or at the office, the published answers and the figures.
Tracking, the staff inbox and the staff page are the petition core's, shared with every procedure."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from thanthien.core import permissions
from thanthien.core.actions import form_status, submit
from thanthien.core.models import AdminUnit
from thanthien.core.paging import page_of
from thanthien.petitions import selectors, services
from thanthien.petitions.forms import new_record_units
from thanthien.petitions.models import Answer, Attachment
from thanthien.petitions.selectors import receiving_units
from thanthien.petitions.views import file_response, recorded_message, sent_page

from .forms import PetitionForm, PublicFilterForm, StaffPetitionForm


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

    def send(data: dict):
        petition, _created = services.petition_submit(
            **submission_kwargs(data),
            submitter=request.user if request.user.is_authenticated else None,
            submission_key=data["submission_key"] or None,
        )
        codes = request.session.setdefault("tracking_codes", [])
        if petition.tracking_code not in codes:
            request.session["tracking_codes"] = [*codes[-19:], petition.tracking_code]
        return petition

    if request.method == "POST":
        return submit(request, form, send, redirect_to=sent_page) or render(
            request, "feedback/new.html", {"form": form}, status=400
        )
    if request.user.is_authenticated and not form.is_bound:
        form.initial.update(
            {
                "name": request.user.display_name,
                "phone": request.user.phone or "",
                "email": request.user.email or "",
            }
        )
    return render(request, "feedback/new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def staff_petition_new(request: HttpRequest) -> HttpResponse:
    """A petition received on paper, by phone, at reception…, entered on the citizen's behalf."""
    permissions.require(request.user, "petitions.enter")
    units = new_record_units().filter(permissions.scope_q(request.user, "petitions.enter", "path"))
    form = StaffPetitionForm(request.POST or None, request.FILES or None, units=units)

    def enter(data: dict):
        petition, _created = services.petition_submit(
            **submission_kwargs(data),
            channel=data["channel"],
            received_at=data["received_at"],
            entered_by=request.user,
            submission_key=data["submission_key"] or None,
        )
        return petition

    return submit(
        request,
        form,
        enter,
        success_message=recorded_message,
        redirect_to=lambda petition: reverse("staff_petition", args=[petition.pk]),
    ) or render(request, "feedback/staff/enter.html", {"form": form}, status=form_status(request))


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
        "feedback/public_list.html",
        {"form": form, "page": page, "items": items, "params": params.urlencode()},
    )


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = get_object_or_404(
        selectors.public_petitions(selectors.PublicFilter()).select_related("contact"), pk=pk
    )
    answer = petition.answers.filter(status=Answer.Status.APPROVED).first()
    return render(
        request,
        "feedback/public_detail.html",
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
    return file_response(attachment)


def figures(request: HttpRequest) -> HttpResponse:
    units = list(receiving_units(include_abolished=True).select_related("parent"))
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
        "feedback/figures.html",
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
