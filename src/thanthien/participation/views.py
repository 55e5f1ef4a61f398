"""Pages of participation. Thin: forms in, services called, selectors out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanthien.core import permissions
from thanthien.core.documents import document_response, render_docx, render_pdf, xlsx_table
from thanthien.core.models import AdminUnit, Body, OneTimeCode
from thanthien.core.paging import page_of
from thanthien.core.people import normalize_phone, otp_send, otp_verify
from thanthien.disclosure import selectors as disclosure_selectors

from . import forms, selectors, services
from .models import (
    Campaign,
    Consultation,
    Opinion,
    RecognitionTask,
    Recommendation,
    VillageDecision,
)

PER_PAGE = 30


def apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _error_message(request, exc) -> None:
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


# --- Public pages --------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/home.html",
        {
            "consultations": page_of(
                selectors.public_consultations(), request.GET.get("page"), PER_PAGE
            ),
            "decisions": page_of(selectors.public_decisions(), request.GET.get("dpage"), PER_PAGE),
            "campaigns": page_of(selectors.public_campaigns(), request.GET.get("kpage"), PER_PAGE),
            "today": timezone.localdate(),
        },
    )


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = selectors.get_public_consultation(pk)
    published = consultation.state == Consultation.State.PUBLISHED
    return render(
        request,
        "participation/consultation_detail.html",
        {
            "c": consultation,
            "sections": consultation.sections.all(),
            "open": services.accepts_opinions(consultation),
            "citizens_asked": bool(
                {Consultation.Audience.CITIZENS, Consultation.Audience.VILLAGES}
                & set(consultation.audiences)
            ),
            "opinions": selectors.opinions_of(consultation) if published else None,
            "counts": selectors.response_counts(consultation) if published else None,
            "newer": Consultation.objects.filter(previous=consultation).first(),
        },
    )


def consultation_responses_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The published table of responses as a spreadsheet."""
    consultation = selectors.get_public_consultation(pk)
    if consultation.state != Consultation.State.PUBLISHED:
        raise Http404
    header, rows = selectors.responses_table(consultation)
    content = xlsx_table(_("Responses"), header, rows)
    return document_response(content, f"Tiep thu giai trinh - {consultation.title}.xlsx")


PENDING = "participation_pending_comment"


def consultation_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Comment on a section: signed in, or by a code sent to a phone (or anonymous if allowed)."""
    consultation = selectors.get_public_consultation(pk)
    signed_in = request.user.is_authenticated
    code_form = None
    if request.method == "POST" and "code" in request.POST:
        pending = request.session.get(PENDING) or {}
        code_form = forms.CodeForm(request.POST)
        if pending.get("consultation") != consultation.pk:
            return redirect("participation_consultation_comment", pk=pk)
        if code_form.is_valid():
            try:
                otp_verify(
                    destination=pending["phone"],
                    purpose=OneTimeCode.Purpose.VERIFY_CONTACT,
                    code=code_form.cleaned_data["code"],
                )
                section = consultation.sections.filter(pk=pending.get("section")).first()
                services.opinion_submit_citizen(
                    consultation=consultation,
                    section=section,
                    text=pending["text"],
                    verified_phone=pending["phone"],
                    name=pending.get("name", ""),
                    is_anonymous=pending.get("is_anonymous", False),
                    submission_key=pending.get("key"),
                )
            except ValidationError as exc:
                apply_errors(code_form, exc)
            else:
                del request.session[PENDING]
                messages.success(request, _("Thank you. Your opinion was received."))
                return redirect("participation_consultation", pk=pk)
        return render(
            request, "participation/comment_code.html", {"c": consultation, "form": code_form}
        )
    form = forms.CommentForm(
        request.POST or None,
        consultation=consultation,
        signed_in=signed_in,
        initial={"section": request.GET.get("section")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        phone_raw = data.get("phone", "")
        try:
            if not signed_in and phone_raw:
                phone = normalize_phone(phone_raw)
                if not phone:
                    raise ValidationError({"phone": [_("Enter a valid phone number.")]})
                # Check the period and the text before sending a code.
                if not services.accepts_opinions(consultation):
                    services._check_open(consultation, None)
                request.session[PENDING] = {
                    "consultation": consultation.pk,
                    "section": data["section"].pk if data["section"] else None,
                    "text": data["text"],
                    "name": data["name"],
                    "phone": phone,
                    "is_anonymous": data["is_anonymous"],
                    "key": data["submission_key"],
                }
                services.check_code_allowance(phone)
                otp_send(destination=phone, purpose=OneTimeCode.Purpose.VERIFY_CONTACT)
                return render(
                    request,
                    "participation/comment_code.html",
                    {"c": consultation, "form": forms.CodeForm()},
                )
            services.opinion_submit_citizen(
                consultation=consultation,
                section=data["section"],
                text=data["text"],
                user=request.user if signed_in else None,
                name=data["name"],
                is_anonymous=data["is_anonymous"],
                submission_key=data["submission_key"] or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your opinion was received."))
            return redirect("participation_consultation", pk=pk)
    return render(request, "participation/comment.html", {"c": consultation, "form": form})


def consultation_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """The new version beside the old one, with the differences."""
    new = selectors.get_public_consultation(pk)
    if new.previous is None:
        raise Http404
    return render(
        request,
        "participation/changes.html",
        {"new": new, "old": new.previous, "diff": selectors.section_diff(new.previous, new)},
    )


def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(selectors.public_decisions(), pk=pk)
    outcome = (
        services.decision_outcome(decision)
        if decision.state == VillageDecision.State.PUBLISHED
        else None
    )
    return render(
        request,
        "participation/decision_detail.html",
        {"d": decision, "outcome": outcome, "options": decision.options.all()},
    )


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(selectors.public_campaigns(), pk=pk)
    header, rows = selectors.campaign_disclosure_rows(campaign)
    return render(
        request,
        "participation/campaign_detail.html",
        {
            "campaign": campaign,
            "progress": selectors.campaign_progress(campaign),
            "totals": selectors.campaign_totals(campaign),
            "header": header,
            "rows": rows[:500],
            "can_pledge": campaign.state == Campaign.State.OPEN
            and campaign.starts_on <= timezone.localdate() <= campaign.ends_on,
        },
    )


@login_required
def campaign_pledge(request: HttpRequest, pk: int) -> HttpResponse:
    """A signed-in citizen pledges for their household."""
    campaign = get_object_or_404(selectors.public_campaigns(), pk=pk)
    form = forms.ContributionForm(
        request.POST or None,
        campaign=campaign,
        initial={
            "on_date": timezone.localdate(),
            "kind": "pledge",
            "household_name": request.user.display_name,
        },
    )
    form.fields["kind"].choices = [("pledge", _("pledge"))]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.contribution_record(
                campaign=campaign,
                village=d["village"],
                household_name=d["household_name"],
                kind="pledge",
                on_date=timezone.localdate(),
                money=d["money"] or 0,
                labour_days=d["labour_days"] or 0,
                materials=d["materials"],
                citizen=request.user,
                submission_key=d["submission_key"] or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your pledge was recorded."))
            return redirect("participation_campaign", pk=pk)
    return render(
        request,
        "participation/form_page.html",
        {"form": form, "title": _("Pledge to %(c)s") % {"c": campaign.title}},
    )


# --- Staff: consultations ------------------------------------------------------------------------


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (
        permissions.can(user, "participation.manage")
        or permissions.can(user, "participation.joint_view")
    ):
        raise Http404
    return render(
        request,
        "participation/staff/home.html",
        {
            "consultations": page_of(
                selectors.staff_consultations(user), request.GET.get("page"), PER_PAGE
            ),
            "decisions": selectors.staff_decisions(user)[:30],
            "campaigns": selectors.staff_campaigns(user)[:30],
            "tasks": selectors.recognition_tasks(user).filter(state=RecognitionTask.State.PENDING)[
                :30
            ],
            "can_manage": permissions.can(user, "participation.manage"),
            "today": timezone.localdate(),
        },
    )


@login_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.manage")
    units = permissions.units_for(request.user, "participation.manage")
    form = forms.ConsultationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = services.consultation_create(
                actor=request.user,
                unit=d["unit"],
                kind=d["kind"],
                title=d["title"],
                summary=d["summary"],
                opens_on=d["opens_on"],
                closes_on=d["closes_on"],
                audiences=d["audiences"],
                target_units=d["target_units"],
                organizations=d["organizations"],
                allow_anonymous=d["allow_anonymous"],
                sections=services.parse_sections(d["sections"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("participation_staff_consultation", pk=c.pk)
    return render(
        request, "participation/form_page.html", {"form": form, "title": _("New consultation")}
    )


@login_required
def staff_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.get_staff_consultation(request.user, pk)
    opinions = page_of(selectors.opinions_of(c), request.GET.get("page"), PER_PAGE)
    return render(
        request,
        "participation/staff/consultation.html",
        {
            "c": c,
            "opinions": opinions,
            "counts": selectors.response_counts(c),
            "entry_form": forms.StaffOpinionForm(consultation=c),
            "response_form": forms.ResponseForm(),
            "version_form": forms.SectionsForm(
                initial={
                    "sections": "\n\n".join(f"## {s.heading}\n{s.text}" for s in c.sections.all())
                }
            ),
            "can_respond": permissions.can(request.user, "participation.respond", c.unit),
            "newer": Consultation.objects.filter(previous=c).first(),
        },
    )


@login_required
@require_POST
def consultation_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    c = selectors.get_staff_consultation(request.user, pk)
    actions = {
        "open": services.consultation_open,
        "close": services.consultation_close,
        "publish": services.consultation_publish,
    }
    if action not in actions:
        raise Http404
    try:
        actions[action](consultation=c, actor=request.user)
    except (ValidationError, services.Conflict) as exc:
        _error_message(request, exc)
    else:
        messages.success(request, _("Done."))
    return redirect("participation_staff_consultation", pk=pk)


@login_required
@require_POST
def opinion_enter(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.get_staff_consultation(request.user, pk)
    form = forms.StaffOpinionForm(request.POST, consultation=c)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.opinion_enter(
                consultation=c,
                actor=request.user,
                source=d["source"],
                text=d["text"],
                source_note=d["source_note"],
                author_name=d["author_name"],
                section=d["section"],
                submission_key=d["submission_key"] or None,
            )
        except ValidationError as exc:
            _error_message(request, exc)
        else:
            messages.success(request, _("The opinion was entered."))
    else:
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
    return redirect("participation_staff_consultation", pk=pk)


@login_required
@require_POST
def opinion_respond(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_object_or_404(Opinion.objects.select_related("consultation__unit"), pk=pk)
    c = selectors.get_staff_consultation(request.user, opinion.consultation_id)
    form = forms.ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.opinion_respond(
                opinion=opinion,
                actor=request.user,
                response=form.cleaned_data["response"],
                text=form.cleaned_data["text"],
            )
        except (ValidationError, services.Conflict) as exc:
            _error_message(request, exc)
        else:
            messages.success(request, _("The response was saved."))
    else:
        messages.error(request, _("Choose adopted, partly adopted or explained."))
    return redirect("participation_staff_consultation", pk=c.pk)


@login_required
@require_POST
def consultation_version(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.get_staff_consultation(request.user, pk)
    form = forms.SectionsForm(request.POST)
    if form.is_valid():
        try:
            new = services.consultation_new_version(
                consultation=c,
                actor=request.user,
                sections=services.parse_sections(form.cleaned_data["sections"]),
            )
        except ValidationError as exc:
            _error_message(request, exc)
        else:
            return redirect("participation_consultation_changes", pk=new.pk)
    return redirect("participation_staff_consultation", pk=pk)


@login_required
def synthesis_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    c = selectors.get_staff_consultation(request.user, pk)
    with translation.override("vi"):
        doc = selectors.synthesis_document(c)
    name = f"Bao cao tong hop y kien - {c.title}"
    if fmt == "pdf":
        return document_response(render_pdf(doc), name + ".pdf")
    if fmt == "docx":
        return document_response(render_docx(doc), name + ".docx")
    raise Http404


@login_required
def opinion_document(request: HttpRequest, pk: int) -> FileResponse:
    """The organization's signed document, to officials of the consultation's unit."""
    opinion = get_object_or_404(Opinion, pk=pk)
    selectors.get_staff_consultation(request.user, opinion.consultation_id)
    if not opinion.document:
        raise Http404
    response = FileResponse(
        opinion.document.open("rb"), filename=opinion.document.name.rsplit("/", 1)[-1]
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def organization_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """The Fatherland Front or a mass organization sends its formal opinion on a draft."""
    c = selectors.get_public_consultation(pk)
    if services.front_body_for(request.user, c.unit) is None:
        raise Http404
    form = forms.OrganizationOpinionForm(
        request.POST or None, request.FILES or None, consultation=c
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.opinion_submit_organization(
                consultation=c,
                actor=request.user,
                text=d["text"],
                section=d["section"],
                document=d["document"],
                submission_key=d["submission_key"] or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your organization's opinion was received."))
            return redirect("participation_consultation", pk=pk)
    return render(
        request,
        "participation/form_page.html",
        {"form": form, "title": _("Formal opinion on %(t)s") % {"t": c.title}, "multipart": True},
    )


# --- Staff: village decisions --------------------------------------------------------------------


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.manage")
    form = forms.DecisionForm(
        request.POST or None, units=permissions.units_for(request.user, "participation.manage")
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            decision = services.decision_create(
                actor=request.user,
                village=d["village"],
                title=d["title"],
                description=d["description"],
                method=d["method"],
                opens_on=d["opens_on"],
                closes_on=d["closes_on"],
                options=d["options"].splitlines(),
                counting_committee=d["counting_committee"].splitlines(),
                needs_recognition=d["needs_recognition"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("participation_staff_decision", pk=decision.pk)
    return render(
        request, "participation/form_page.html", {"form": form, "title": _("New village decision")}
    )


def _staff_decision(user, pk):
    return get_object_or_404(selectors.staff_decisions(user), pk=pk)


@login_required
def staff_decision(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _staff_decision(request.user, pk)
    return render(
        request,
        "participation/staff/decision.html",
        {
            "d": decision,
            "options": decision.options.all(),
            "committee": decision.counting_committee.all(),
            "household_count": decision.households.count(),
            "ballot_count": decision.ballots.count(),
            "households": page_of(decision.households.all(), request.GET.get("page"), 50),
            "outcome": services.decision_outcome(decision),
            "households_form": forms.HouseholdsForm(),
            "ballot_form": forms.BallotForm(decision=decision),
            "hands_form": forms.HandsForm(decision=decision),
        },
    )


@login_required
@require_POST
def decision_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    decision = _staff_decision(request.user, pk)
    user = request.user
    try:
        if action == "households":
            form = forms.HouseholdsForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError(_("Choose a file."))
            n = services.households_import(
                decision=decision, actor=user, upload=form.cleaned_data["file"]
            )
            messages.success(request, _("%(n)d households imported.") % {"n": n})
        elif action == "open":
            services.decision_open(decision=decision, actor=user)
        elif action == "ballot":
            form = forms.BallotForm(request.POST, decision=decision)
            if not form.is_valid():
                raise ValidationError(_("Give the household number and the ballot."))
            option = form.cleaned_data["option"]
            services.ballot_record(
                decision=decision,
                actor=user,
                household_code=form.cleaned_data["household"],
                option_number=option or None,
                spoiled=option == 0,
            )
            messages.success(request, _("Ballot recorded."))
        elif action == "hands":
            form = forms.HandsForm(request.POST, decision=decision)
            if not form.is_valid():
                raise ValidationError(_("Give whole numbers for every count."))
            services.hands_result_enter(
                decision=decision,
                actor=user,
                participants=form.cleaned_data["participants"],
                votes={o.number: form.cleaned_data[f"option_{o.number}"] for o in form.options},
            )
        elif action == "count":
            services.decision_count(decision=decision, actor=user)
        elif action == "publish":
            services.decision_publish(decision=decision, actor=user)
        else:
            raise Http404
    except (ValidationError, services.Conflict) as exc:
        _error_message(request, exc)
    return redirect("participation_staff_decision", pk=pk)


@login_required
def decision_minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    decision = _staff_decision(request.user, pk)
    with translation.override("vi"):
        doc = selectors.minutes_document(decision)
    name = f"Bien ban - {decision.title}"
    if fmt == "pdf":
        return document_response(render_pdf(doc), name + ".pdf")
    if fmt == "docx":
        return document_response(render_docx(doc), name + ".docx")
    raise Http404


@login_required
def recognition_decide(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(selectors.recognition_tasks(request.user), pk=pk)
    form = forms.RecognitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_decide(task=task, actor=request.user, **form.cleaned_data)
        except (ValidationError, services.Conflict) as exc:
            apply_errors(form, exc)
        else:
            return redirect("participation_staff")
    return render(
        request,
        "participation/form_page.html",
        {"form": form, "title": _("Recognition: %(t)s") % {"t": task.decision.title}},
    )


# --- Staff: campaigns ----------------------------------------------------------------------------


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.manage")
    form = forms.CampaignForm(
        request.POST or None, units=permissions.units_for(request.user, "participation.manage")
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            campaign = services.campaign_create(actor=request.user, **d)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("participation_staff_campaign", pk=campaign.pk)
    return render(
        request, "participation/form_page.html", {"form": form, "title": _("New campaign")}
    )


@login_required
def staff_campaign(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(selectors.staff_campaigns(request.user), pk=pk)
    form = forms.ContributionForm(
        request.POST or None,
        campaign=campaign,
        initial={"on_date": timezone.localdate(), "kind": "contribution"},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.contribution_record(
                campaign=campaign,
                village=d["village"],
                household_name=d["household_name"],
                kind=d["kind"],
                on_date=d["on_date"],
                money=d["money"] or 0,
                labour_days=d["labour_days"] or 0,
                materials=d["materials"],
                actor=request.user,
                submission_key=d["submission_key"] or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect("participation_staff_campaign", pk=pk)
    return render(
        request,
        "participation/staff/campaign.html",
        {
            "campaign": campaign,
            "form": form,
            "progress": selectors.campaign_progress(campaign),
            "totals": selectors.campaign_totals(campaign),
            "rows": page_of(
                campaign.contributions.select_related("village"), request.GET.get("page"), 50
            ),
            "disclosure": disclosure_selectors.by_source_key(
                f"participation:campaign:{campaign.pk}"
            ),
        },
    )


@login_required
@require_POST
def campaign_disclose(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the contributions in the commune's disclosure register (or bring them up to date)."""
    campaign = get_object_or_404(selectors.staff_campaigns(request.user), pk=pk)
    try:
        disclosure = services.campaign_disclose(campaign=campaign, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Published in the disclosure register: %(title)s") % {"title": disclosure}
        )
    return redirect("participation_staff_campaign", pk=pk)


# --- The Fatherland Front ------------------------------------------------------------------------


def _front_unit(user) -> tuple[Body, AdminUnit]:
    for m in permissions.active_memberships(user):
        if m.role == "supervisor" and m.body.kind in services.FRONT_KINDS:
            return m.body, m.body.unit
    raise Http404


@login_required
def front_report_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.front")
    body, unit = _front_unit(request.user)
    bodies = Body.objects.filter(unit__path__startswith=unit.path, is_active=True).exclude(
        kind__in=services.FRONT_KINDS
    )
    form = forms.FrontReportForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        recs = [
            (d[f"rec_{n}"], d[f"body_{n}"], d[f"days_{n}"] or 15)
            for n in range(1, 4)
            if (d.get(f"rec_{n}") or "").strip()
        ]
        try:
            services.front_report_submit(
                actor=request.user,
                unit=unit,
                kind=d["kind"],
                title=d["title"],
                findings=d["findings"],
                recommendations=recs,
                submission_key=d["submission_key"] or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Sent. Each recommendation is now tracked."))
            return redirect("participation_joint")
    return render(
        request,
        "participation/form_page.html",
        {"form": form, "title": _("Supervision or social criticism from %(b)s") % {"b": body.name}},
    )


@login_required
def front_forward(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.front")
    body, unit = _front_unit(request.user)
    form = forms.ForwardForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            petition, _created = services.front_forward_opinion(
                actor=request.user,
                unit=unit,
                field=d["field"],
                title=d["title"],
                content=d["content"],
                name=d["name"],
                phone=d["phone"],
                village=d["village"],
                submission_key=d["submission_key"] or None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("Forwarded as petition %(code)s.") % {"code": petition.tracking_code}
            )
            return redirect("participation_joint")
    return render(
        request,
        "participation/form_page.html",
        {"form": form, "title": _("Forward a citizen's opinion")},
    )


@login_required
def joint(request: HttpRequest) -> HttpResponse:
    """The Front and the People's Committee: what was asked, what was answered, what is late."""
    permissions.require(request.user, "participation.joint_view")
    today = timezone.localdate()
    which = request.GET.get("which", "")
    qs = selectors.joint_recommendations(request.user).order_by("due_on", "id")
    if which == "late":
        qs = qs.exclude(state=Recommendation.State.ANSWERED).filter(due_on__lt=today)
    elif which == "open":
        qs = qs.exclude(state=Recommendation.State.ANSWERED)
    elif which == "answered":
        qs = qs.filter(state=Recommendation.State.ANSWERED)
    return render(
        request,
        "participation/joint.html",
        {
            "summary": selectors.joint_summary(request.user, today),
            "page": page_of(qs, request.GET.get("page"), PER_PAGE),
            "today": today,
            "which": which,
            "can_front": permissions.can(request.user, "participation.front"),
        },
    )


@login_required
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rec = get_object_or_404(selectors.joint_recommendations(request.user), pk=pk)
    can_respond = permissions.can(request.user, "participation.respond", rec.responsible.unit)
    form = forms.RecommendationForm(request.POST or None)
    form.fields["state"].choices = [
        (s, Recommendation.State(s).label)
        for s in sorted(services.RECOMMENDATION_MOVES.get(rec.state, ()))
    ]
    if request.method == "POST":
        if not can_respond:
            raise Http404
        if form.is_valid():
            try:
                services.recommendation_update(
                    recommendation=rec, actor=request.user, **form.cleaned_data
                )
            except (ValidationError, services.Conflict) as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("participation_recommendation", pk=pk)
    return render(
        request,
        "participation/recommendation.html",
        {
            "rec": rec,
            "form": form if can_respond and form.fields["state"].choices else None,
            "today": timezone.localdate(),
        },
    )
