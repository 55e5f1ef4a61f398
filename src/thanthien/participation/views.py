"""Pages of participation. Thin: forms in, services called, selectors out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thanthien.core import permissions
from thanthien.core.actions import act, apply_errors, submit
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


def _form_page(request, form, title: str, **extra) -> HttpResponse:
    """The page of a form of its own (shown again, with its errors, after a refusal)."""
    return render(request, "participation/form_page.html", {"form": form, "title": title, **extra})


def _staff_page(consultation: Consultation) -> str:
    return reverse("participation_staff_consultation", args=[consultation.pk])


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
    thanks = _("Thank you. Your opinion was received.")
    back = reverse("participation_consultation", args=[pk])
    if request.method == "POST" and "code" in request.POST:
        pending = request.session.get(PENDING) or {}
        code_form = forms.CodeForm(request.POST)
        if pending.get("consultation") != consultation.pk:
            return redirect("participation_consultation_comment", pk=pk)

        def submit_pending(data: dict) -> None:
            otp_verify(
                destination=pending["phone"],
                purpose=OneTimeCode.Purpose.VERIFY_CONTACT,
                code=data["code"],
            )
            services.opinion_submit_citizen(
                consultation=consultation,
                section=consultation.sections.filter(pk=pending.get("section")).first(),
                text=pending["text"],
                verified_phone=pending["phone"],
                name=pending.get("name", ""),
                is_anonymous=pending.get("is_anonymous", False),
                submission_key=pending.get("key"),
            )
            del request.session[PENDING]

        return submit(
            request, code_form, submit_pending, success_message=thanks, redirect_to=back
        ) or render(
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
            messages.success(request, thanks)
            return redirect(back)
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
    return submit(
        request,
        form,
        lambda d: services.contribution_record(
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
        ),
        success_message=_("Thank you. Your pledge was recorded."),
        redirect_to=reverse("participation_campaign", args=[pk]),
    ) or _form_page(request, form, _("Pledge to %(c)s") % {"c": campaign.title})


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
    return submit(
        request,
        form,
        lambda d: services.consultation_create(
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
        ),
        redirect_to=lambda c: reverse("participation_staff_consultation", args=[c.pk]),
    ) or _form_page(request, form, _("New consultation"))


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
    return act(
        request,
        lambda: actions[action](consultation=c, actor=request.user),
        success_message=_("Done."),
        redirect_to=_staff_page(c),
    )


@login_required
@require_POST
def opinion_enter(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.get_staff_consultation(request.user, pk)
    form = forms.StaffOpinionForm(request.POST, consultation=c)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        return redirect(_staff_page(c))
    d = form.cleaned_data
    return act(
        request,
        lambda: services.opinion_enter(
            consultation=c,
            actor=request.user,
            source=d["source"],
            text=d["text"],
            source_note=d["source_note"],
            author_name=d["author_name"],
            section=d["section"],
            submission_key=d["submission_key"] or None,
        ),
        success_message=_("The opinion was entered."),
        redirect_to=_staff_page(c),
    )


@login_required
@require_POST
def opinion_respond(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = get_object_or_404(Opinion.objects.select_related("consultation__unit"), pk=pk)
    c = selectors.get_staff_consultation(request.user, opinion.consultation_id)
    form = forms.ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose adopted, partly adopted or explained."))
        return redirect(_staff_page(c))
    return act(
        request,
        lambda: services.opinion_respond(
            opinion=opinion,
            actor=request.user,
            response=form.cleaned_data["response"],
            text=form.cleaned_data["text"],
        ),
        success_message=_("The response was saved."),
        redirect_to=_staff_page(c),
    )


@login_required
@require_POST
def consultation_version(request: HttpRequest, pk: int) -> HttpResponse:
    c = selectors.get_staff_consultation(request.user, pk)
    form = forms.SectionsForm(request.POST)
    if not form.is_valid():
        return redirect(_staff_page(c))
    return act(
        request,
        lambda: services.consultation_new_version(
            consultation=c,
            actor=request.user,
            sections=services.parse_sections(form.cleaned_data["sections"]),
        ),
        redirect_to=lambda new: reverse("participation_consultation_changes", args=[new.pk]),
        refused_to=_staff_page(c),
    )


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
    return submit(
        request,
        form,
        lambda d: services.opinion_submit_organization(
            consultation=c,
            actor=request.user,
            text=d["text"],
            section=d["section"],
            document=d["document"],
            submission_key=d["submission_key"] or None,
        ),
        success_message=_("Your organization's opinion was received."),
        redirect_to=reverse("participation_consultation", args=[pk]),
    ) or _form_page(request, form, _("Formal opinion on %(t)s") % {"t": c.title}, multipart=True)


# --- Staff: village decisions --------------------------------------------------------------------


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.manage")
    form = forms.DecisionForm(
        request.POST or None, units=permissions.units_for(request.user, "participation.manage")
    )
    return submit(
        request,
        form,
        lambda d: services.decision_create(
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
        ),
        redirect_to=lambda decision: reverse("participation_staff_decision", args=[decision.pk]),
    ) or _form_page(request, form, _("New village decision"))


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

    def step() -> str | None:
        """Take the step; say what was done where the page does not show it by itself."""
        if action == "households":
            form = forms.HouseholdsForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError(_("Choose a file."))
            n = services.households_import(
                decision=decision, actor=user, upload=form.cleaned_data["file"]
            )
            return _("%(n)d households imported.") % {"n": n}
        if action == "open":
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
            return _("Ballot recorded.")
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
        return None

    return act(
        request,
        step,
        success_message=lambda said: said,
        redirect_to=reverse("participation_staff_decision", args=[pk]),
    )


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
    return submit(
        request,
        form,
        lambda d: services.recognition_decide(task=task, actor=request.user, **d),
        redirect_to="participation_staff",
    ) or _form_page(request, form, _("Recognition: %(t)s") % {"t": task.decision.title})


# --- Staff: campaigns ----------------------------------------------------------------------------


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.manage")
    form = forms.CampaignForm(
        request.POST or None, units=permissions.units_for(request.user, "participation.manage")
    )
    return submit(
        request,
        form,
        lambda d: services.campaign_create(actor=request.user, **d),
        redirect_to=lambda campaign: reverse("participation_staff_campaign", args=[campaign.pk]),
    ) or _form_page(request, form, _("New campaign"))


@login_required
def staff_campaign(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(selectors.staff_campaigns(request.user), pk=pk)
    form = forms.ContributionForm(
        request.POST or None,
        campaign=campaign,
        initial={"on_date": timezone.localdate(), "kind": "contribution"},
    )
    return submit(
        request,
        form,
        lambda d: services.contribution_record(
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
        ),
        success_message=_("Recorded."),
        redirect_to=reverse("participation_staff_campaign", args=[pk]),
    ) or render(
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
    return act(
        request,
        lambda: services.campaign_disclose(campaign=campaign, actor=request.user),
        success_message=lambda disclosure: (
            _("Published in the disclosure register: %(title)s") % {"title": disclosure}
        ),
        redirect_to=reverse("participation_staff_campaign", args=[pk]),
    )


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
    return submit(
        request,
        form,
        lambda d: services.front_report_submit(
            actor=request.user,
            unit=unit,
            kind=d["kind"],
            title=d["title"],
            findings=d["findings"],
            recommendations=[
                (d[f"rec_{n}"], d[f"body_{n}"], d[f"days_{n}"] or 15)
                for n in range(1, 4)
                if (d.get(f"rec_{n}") or "").strip()
            ],
            submission_key=d["submission_key"] or None,
        ),
        success_message=_("Sent. Each recommendation is now tracked."),
        redirect_to="participation_joint",
    ) or _form_page(
        request, form, _("Supervision or social criticism from %(b)s") % {"b": body.name}
    )


@login_required
def front_forward(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "participation.front")
    body, unit = _front_unit(request.user)
    form = forms.ForwardForm(request.POST or None, unit=unit)
    return submit(
        request,
        form,
        lambda d: services.front_forward_opinion(
            actor=request.user,
            unit=unit,
            field=d["field"],
            title=d["title"],
            content=d["content"],
            name=d["name"],
            phone=d["phone"],
            village=d["village"],
            submission_key=d["submission_key"] or None,
        )[0],
        success_message=lambda petition: (
            _("Forwarded as petition %(code)s.") % {"code": petition.tracking_code}
        ),
        redirect_to="participation_joint",
    ) or _form_page(request, form, _("Forward a citizen's opinion"))


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
    if request.method == "POST" and not can_respond:
        raise Http404
    return submit(
        request,
        form,
        lambda d: services.recommendation_update(recommendation=rec, actor=request.user, **d),
        success_message=_("Saved."),
        redirect_to=reverse("participation_recommendation", args=[pk]),
    ) or render(
        request,
        "participation/recommendation.html",
        {
            "rec": rec,
            "form": form if can_respond and form.fields["state"].choices else None,
            "today": timezone.localdate(),
        },
    )
