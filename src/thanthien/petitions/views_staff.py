"""Officials' pages: the inbox, entering a petition received off-line, and acting on one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from thanthien.core import permissions
from thanthien.core.actions import REFUSALS, apply_errors, refusal_text
from thanthien.core.models import Membership, Role, User
from thanthien.core.paging import page_of, paginate_by_ids

from . import case_views, selectors, services
from .forms import (
    AnswerForm,
    FindForm,
    ForwardForm,
    InboxFilterForm,
    MergeForm,
    ReasonForm,
    StartForm,
)
from .models import Answer, Attachment, Petition
from .procedures import procedure_for
from .views import file_response
from .workflow import TRANSITIONS, transitions_for


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    permissions.require(request.user, "petitions.view")
    form = InboxFilterForm(request.GET or None)
    flt = selectors.InboxFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        flt = selectors.InboxFilter(
            which=data["which"] or "open",
            state=data["state"],
            field=data["field"].pk if data["field"] else None,
            query=data["q"],
            assignee=request.user.pk if data["mine"] else None,
        )
    page = paginate_by_ids(selectors.inbox(request.user, flt), request.GET.get("page"), 50)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "petitions/staff/inbox.html",
        {
            "form": form,
            "page": page,
            "today": timezone.localdate(),
            "params": params.urlencode(),
            "can_enter": permissions.can(request.user, "petitions.enter"),
        },
    )


@login_required
def find(request: HttpRequest) -> HttpResponse:
    """The find box: an exact match (code, number, phone) opens the petition, else a short list."""
    permissions.require(request.user, "petitions.view")
    form = FindForm(request.GET or None)
    found = selectors.Found()
    if form.is_bound and form.is_valid():
        found = selectors.find_petitions(request.user, form.cleaned_data["q"])
        if found.exact is not None:
            return redirect("staff_petition", pk=found.exact.pk)
    return render(
        request,
        "petitions/staff/find.html",
        {"form": form, "found": found, "today": timezone.localdate()},
    )


@login_required
def waiting(request: HttpRequest) -> HttpResponse:
    """What waits for the signed-in official, one list at a time, with every list's count."""
    permissions.require(request.user, "petitions.view")
    counts = selectors.waiting_counts(request.user)
    request.waiting_counts = counts  # the menu shows the same counts: no second query
    which = request.GET.get("which", "")
    if which not in selectors.WAITING:
        which = next((name for name in selectors.WAITING if counts[name]), "assigned")
    page = page_of(selectors.waiting_list(request.user, which), request.GET.get("page"), 50)
    tabs = [(name, WAITING_LABELS[name], counts[name]) for name in selectors.WAITING]
    return render(
        request,
        "petitions/staff/waiting.html",
        {
            "tabs": tabs,
            "which": which,
            "counts": counts,
            "page": page,
            "today": timezone.localdate(),
        },
    )


WAITING_LABELS = {
    "approve": _lazy("To approve"),
    "accept": _lazy("To accept"),
    "overdue": _lazy("Overdue"),
    "due": _lazy("Due within 7 days"),
    "assigned": _lazy("Assigned to me"),
}


def officials_for(petition: Petition):
    user_ids = [
        m.user_id
        for m in Membership.objects.active_on(timezone.localdate())
        .filter(role__in=[Role.HANDLER, Role.LEADER])
        .select_related("body__unit")
        if petition.body.unit.path.startswith(m.body.unit.path)
    ]
    return User.objects.filter(pk__in=user_ids).order_by("full_name")


def _detail_context(request, petition: Petition, forms: dict | None = None) -> dict:
    user = request.user
    procedure = procedure_for(petition.kind)
    if procedure is not None:
        forms = forms or {}
        return {
            "petition": petition,
            "show_contact": selectors.can_see_contact(petition),
            "events": list(petition.events.select_related("actor", "body")),
            "files": []
            if petition.kind == "denunciation"
            else list(petition.attachments.filter(role=Attachment.Role.SUBMISSION)),
            "confidential_files": petition.kind == "denunciation"
            and petition.attachments.filter(role=Attachment.Role.SUBMISSION).exists(),
            "action_error": forms.get("error"),
            "today": timezone.localdate(),
            "statutory": True,
            **case_views.staff_context(request, petition, forms, procedure),
        }
    allowed = [name for name in TRANSITIONS if services.may(user, petition, name)]
    pending = petition.answers.filter(status=Answer.Status.PENDING).first()
    if pending is None:
        allowed = [a for a in allowed if a not in ("approve", "return")]
    else:
        allowed = [a for a in allowed if a != "answer"]
    forms = forms or {}
    return {
        "petition": petition,
        "show_contact": selectors.can_see_contact(petition),
        "events": list(petition.events.select_related("actor", "body")),
        "answers": list(
            petition.answers.select_related("author", "approved_by").prefetch_related("attachments")
        ),
        "files": list(petition.attachments.filter(role=Attachment.Role.SUBMISSION)),
        "pending": pending,
        "allowed": allowed,
        "merged": list(petition.merged.all()),
        "forward_form": forms.get("forward") or ForwardForm(),
        "merge_form": forms.get("merge") or MergeForm(),
        "decline_form": forms.get("decline") or ReasonForm(),
        "return_form": forms.get("return") or ReasonForm(),
        "answer_form": forms.get("answer") or AnswerForm(),
        "start_form": forms.get("start") or StartForm(officials=officials_for(petition)),
        "action_error": forms.get("error"),
        "today": timezone.localdate(),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.get_petition_for_user(request.user, pk)
    return render(request, "petitions/staff/detail.html", _detail_context(request, petition))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    petition = selectors.get_petition_for_user(request.user, pk)
    if action not in transitions_for(petition.kind):
        raise Http404
    forms: dict = {}
    try:
        if str(petition.version) != request.POST.get("version"):
            raise services.Conflict(
                _("Someone else has just changed this petition. Reload it and try again.")
            )
        procedure = procedure_for(petition.kind)
        if procedure is not None:
            done = case_views.staff_act(request, petition, action, forms, procedure)
        else:
            done = _act(request, petition, action, forms)
    except REFUSALS as exc:
        target = forms.get(action)
        if isinstance(exc, ValidationError) and target is not None:
            apply_errors(target, exc)
        else:
            forms["error"] = refusal_text(exc)
        done = False
    if done:
        messages.success(
            request,
            _("Done: %(action)s.") % {"action": transitions_for(petition.kind)[action].label},
        )
        return redirect("staff_petition", pk=petition.pk)
    petition = selectors.get_petition_for_user(request.user, pk)
    return render(
        request,
        "petitions/staff/detail.html",
        _detail_context(request, petition, forms),
        status=400,
    )


def _act(request, petition: Petition, action: str, forms: dict) -> bool:
    user, post = request.user, request.POST
    if action == "accept":
        services.petition_accept(petition=petition, actor=user)
    elif action == "start":
        form = forms["start"] = StartForm(post, officials=officials_for(petition))
        if not form.is_valid():
            return False
        services.petition_start(
            petition=petition, actor=user, assignee=form.cleaned_data["assignee"]
        )
    elif action == "forward":
        form = forms["forward"] = ForwardForm(post)
        if not form.is_valid():
            return False
        services.petition_forward(
            petition=petition,
            actor=user,
            body=form.cleaned_data["body"],
            outside=form.cleaned_data["outside"],
            reason=form.cleaned_data["reason"],
        )
    elif action == "merge":
        form = forms["merge"] = MergeForm(post)
        if not form.is_valid():
            return False
        code = selectors.normalize_tracking_code(form.cleaned_data["into"])
        into = selectors.petitions_for_user(user).filter(tracking_code=code).first()
        if into is None:
            form.add_error("into", _("No petition with this tracking code in your units."))
            return False
        services.petition_merge(
            petition=petition, actor=user, into=into, reason=form.cleaned_data["reason"]
        )
    elif action in ("decline", "return"):
        form = forms[action] = ReasonForm(post)
        if not form.is_valid():
            return False
        if action == "decline":
            services.petition_decline(
                petition=petition, actor=user, reason=form.cleaned_data["reason"]
            )
        else:
            services.petition_return(
                petition=petition, actor=user, note=form.cleaned_data["reason"]
            )
    elif action == "answer":
        form = forms["answer"] = AnswerForm(post, request.FILES)
        if not form.is_valid():
            return False
        services.petition_answer(
            petition=petition,
            actor=user,
            text=form.cleaned_data["text"],
            files=form.cleaned_data["files"],
        )
    elif action == "approve":
        services.petition_approve(petition=petition, actor=user)
    elif action == "close":
        services.petition_close(petition=petition, actor=user)
    else:
        raise Http404
    return True


@login_required
def staff_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    petition = selectors.get_petition_for_user(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=file_pk, petition=petition)
    if attachment.confidential:
        from .confidential import can_see_identity, decrypt_bytes

        if not can_see_identity(request.user, petition):
            raise Http404
        from django.http import HttpResponse as PlainResponse

        from thanthien.core.audit import audit_record

        audit_record(
            "denunciation.scan_viewed",
            obj=petition,
            unit=petition.body.unit,
            data={"attachment": attachment.pk},
        )
        with attachment.file.open("rb") as f:
            response = PlainResponse(decrypt_bytes(f.read()), content_type=attachment.content_type)
        response["Content-Disposition"] = "inline"
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return file_response(attachment)
