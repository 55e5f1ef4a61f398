"""The JSON API, version 1, at /api/v1/ (schema at /api/v1/openapi.json).

Citizens submit a petition, follow it by its tracking code and read the published ones; officials
work their inbox with an API key or their signed-in session. Every endpoint calls the same services
and selectors as the web pages, and answers errors in one shape (``errors.py``).
"""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from ninja import NinjaAPI, Query
from ninja.decorators import decorate_view
from ninja.responses import Status

from thanthien.core import permissions
from thanthien.core.models import AdminUnit, Body
from thanthien.core.paging import rows_in_order
from thanthien.core.units import unit_on
from thanthien.petitions import selectors, services
from thanthien.petitions.models import Answer, Channel, Field, Petition
from thanthien.petitions.selectors import receiving_units
from thanthien.petitions.workflow import TRANSITIONS

from . import errors
from .auth import STAFF_AUTH
from .errors import ApiError
from .schemas import (
    ActionIn,
    AnswerIn,
    DeclineIn,
    ErrorOut,
    FiguresOut,
    ForwardIn,
    InboxFilterIn,
    InboxPage,
    MergeIn,
    PetitionIn,
    PetitionStatusOut,
    PublishedFilter,
    PublishedPage,
    ReceiptOut,
    ReturnIn,
    StaffPetitionOut,
    StartIn,
)

DESCRIPTION = """
Petitions (feedback and recommendations) to communes.

**Errors** always come as `{"error": {"code": "...", "message": "...", "fields": {"<input>": ["..."]}}}`;
`message` is in Vietnamese unless the request asks for English (`Accept-Language: en`).

**Staff endpoints** take an API key (`Authorization: Bearer <key>` or `X-API-Key: <key>`; keys are
made with `thanthien apikey create --name NAME --user USERNAME`) or a signed-in session (with the CSRF
token in `X-CSRFToken` for POST). Petitions outside the official's units answer 404.

The Open311 GeoReport v2 endpoints are at `/open311/v2/` (discovery: `/open311/v2/discovery.json`).
"""

api = NinjaAPI(
    title="Thân Thiện API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # The interactive docs page loads its scripts from a CDN; the platform uses none.
    docs_url=None,
)
errors.install(api)

E400 = {400: ErrorOut}
E404 = {404: ErrorOut}
STAFF_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


# --- Shared helpers -----------------------------------------------------------------------------------


def _field_by_code(code: str | None, name: str = "field") -> Field | None:
    if not code:
        return None
    field = Field.objects.filter(code=code).first()
    if field is None:
        raise ValidationError({name: [_("Choose a field from the list.")]})
    return field


def _idempotency_key(request: HttpRequest, in_body: str | None) -> str | None:
    """The client's idempotency key, stored hashed and namespaced so that it cannot collide with the
    keys of the web form (and any length a client picks fits the column)."""
    header = request.headers.get("Idempotency-Key", "").strip() or None
    if header and in_body and header != in_body:
        raise ValidationError(
            {"submission_key": [_("The Idempotency-Key header and submission_key differ.")]}
        )
    raw = header or in_body
    if raw is None:
        return None
    if len(raw) > 200:
        raise ValidationError(
            {"submission_key": [_("Too long (at most %(n)d characters).") % {"n": 200}]}
        )
    return "api:" + hashlib.sha256(raw.encode()).hexdigest()[:60]


def _field_ref(field: Field) -> dict:
    return {"code": field.code, "name": field.name}


def _unit_ref(unit: AdminUnit) -> dict:
    return {"id": unit.pk, "name": unit.name}


def _body_ref(body: Body) -> dict:
    return {"id": body.pk, "name": body.name}


def _person(user) -> dict | None:
    return {"id": user.pk, "name": user.display_name} if user is not None else None


def _receipt(petition: Petition) -> dict:
    return {
        "tracking_code": petition.tracking_code,
        "state": petition.state,
        "deadline": petition.deadline,
        "received_at": petition.received_at,
        "unit": petition.unit_id,
        "notice": services.unit_notice(petition),
    }


def _approved_answer_text():
    return Subquery(
        Answer.objects.filter(petition=OuterRef("pk"), status=Answer.Status.APPROVED)
        .order_by("-created_at", "-id")
        .values("text")[:1]
    )


# --- Citizens -------------------------------------------------------------------------------------------


@api.post(
    "/petitions",
    response={200: ReceiptOut, 201: ReceiptOut, 400: ErrorOut, 409: ErrorOut},
    tags=["citizens"],
    summary="Submit a petition",
)
def petition_submit(request: HttpRequest, payload: PetitionIn):
    """201 with the tracking code; 200 with the same petition when it is sent again (the same
    idempotency key, or the same text from the same person within ten minutes)."""
    key = _idempotency_key(request, payload.submission_key)
    problems: dict[str, list[str]] = {}
    field = Field.objects.filter(code=payload.field, is_active=True).first()
    if field is None:
        problems["field"] = [_("Choose a field from the list.")]
    # Abolished communes too: the petition core sends to the successor, or says why it cannot.
    unit = receiving_units(include_abolished=True).filter(pk=payload.unit).first()
    if unit is None:
        problems["unit"] = [_("This commune does not receive petitions on the platform.")]
    village = None
    if payload.village is not None:
        village = AdminUnit.objects.filter(pk=payload.village).first()
        if village is None or unit is None or village.parent_id != unit.pk:
            problems["village"] = [_("This village is not in the chosen commune.")]
    if problems:
        raise ValidationError(problems)
    latitude, longitude = _point(payload.latitude, payload.longitude)
    petition, created = services.petition_submit(
        kind=payload.kind,
        field=field,
        unit=unit,
        village=village,
        title=payload.title,
        content=payload.content,
        address=payload.address,
        latitude=latitude,
        longitude=longitude,
        share_location=latitude is not None,
        name=payload.name,
        phone=payload.phone,
        email=payload.email,
        is_anonymous=payload.is_anonymous,
        consent_publish=payload.consent_publish,
        channel=Channel.API,
        submission_key=key,
    )
    if not created and not _same_submission(petition, field, unit, payload):
        # Someone else's key, or the same key for a different petition: tell nothing about it.
        raise ApiError(
            409,
            "idempotency_key_reused",
            _("This idempotency key was already used for a different petition."),
        )
    return Status(201 if created else 200, _receipt(petition))


def _successor_id(unit: AdminUnit, petition: Petition) -> int | None:
    """The commune that took ``petition`` in place of ``unit``, if ``unit`` had been abolished."""
    try:
        return unit_on(unit, timezone.localdate(petition.received_at)).unit.pk
    except ValidationError:
        return None


def _point(latitude: Decimal | None, longitude: Decimal | None):
    if latitude is None or longitude is None:
        return latitude, longitude  # the service explains when only one is given
    step = Decimal("0.000001")
    return latitude.quantize(step), longitude.quantize(step)


def _same_submission(
    petition: Petition, field: Field, unit: AdminUnit, payload: PetitionIn
) -> bool:
    return (
        petition.field_id == field.pk
        and petition.unit_id in (unit.pk, _successor_id(unit, petition))
        and petition.title == payload.title.strip()
        and petition.content == payload.content.strip()
    )


# Declared before /petitions/{tracking_code} so that "published" is not read as a code.
@api.get(
    "/petitions/published",
    response={200: PublishedPage, 400: ErrorOut},
    tags=["citizens"],
    summary="Published petitions and their answers",
)
def petitions_published(request: HttpRequest, filters: Query[PublishedFilter]):
    """Answered petitions whose senders agreed to publication, newest first. The text has phone
    numbers, email addresses, ID numbers and the sender's name removed."""
    field = _field_by_code(filters.field)
    flt = selectors.PublicFilter(
        unit=filters.unit,
        field=field.pk if field else None,
        state=filters.state or "",
        since=filters.since,
        until=filters.until,
        query=filters.q.strip(),
    )
    qs = selectors.public_petitions(flt)
    count = qs.count()
    rows = qs.select_related("contact").annotate(answer_text=_approved_answer_text())[
        filters.offset : filters.offset + filters.limit
    ]
    items = []
    for p in rows:
        contact = getattr(p, "contact", None)
        names = [contact.name] if contact is not None and contact.name else []
        items.append(
            {
                "id": p.pk,
                "kind": p.kind,
                "state": p.state,
                "title": p.title,
                "text": selectors.public_text(p),
                "field": _field_ref(p.field),
                "unit": _unit_ref(p.unit),
                "body": _body_ref(p.body),
                "received_at": p.received_at,
                "answered_at": p.answered_at,
                "answer": selectors.redact(p.answer_text, names) if p.answer_text else None,
            }
        )
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}


@api.get(
    "/petitions/{tracking_code}",
    response={200: PetitionStatusOut, 404: ErrorOut},
    tags=["citizens"],
    summary="Follow a petition by its tracking code",
)
@decorate_view(never_cache)  # one citizen's petition, as the tracking page: kept by no cache
def petition_status(request: HttpRequest, tracking_code: str):
    """Whoever holds the tracking code is taken to be its sender and sees the petition's own text;
    never the contact details, and only the events meant for the citizen."""
    petition = selectors.get_petition_by_code(tracking_code)
    events = petition.events.filter(public=True).order_by("at", "id")
    answer = petition.answers.filter(status=Answer.Status.APPROVED).order_by("-created_at").first()
    return {
        "tracking_code": petition.tracking_code,
        "kind": petition.kind,
        "state": petition.state,
        "state_label": str(petition.get_state_display()),
        "field": _field_ref(petition.field),
        "unit": _unit_ref(petition.unit),
        "body": _body_ref(petition.body),
        "title": petition.title,
        "content": petition.content,
        "address": petition.address,
        "received_at": petition.received_at,
        "deadline": petition.deadline,
        "answered_at": petition.answered_at,
        "closed_at": petition.closed_at,
        "events": [
            {"action": e.action, "new_state": e.new_state, "at": e.at, "reason": e.reason}
            for e in events
        ],
        "answer": {"text": answer.text, "at": answer.decided_at} if answer else None,
    }


# --- Staff ------------------------------------------------------------------------------------------------


def _official(request: HttpRequest):
    user = request.auth
    if not permissions.can(user, "petitions.view"):
        raise PermissionDenied(_("Only officials who handle petitions may use this."))
    return user


@api.get(
    "/staff/petitions",
    response={200: InboxPage, **STAFF_ERRORS},
    auth=STAFF_AUTH,
    tags=["staff"],
    summary="The official's inbox",
)
def staff_inbox(request: HttpRequest, filters: Query[InboxFilterIn]):
    """Petitions in the official's units: overdue first, then due soon, then by deadline."""
    user = _official(request)
    field = _field_by_code(filters.field)
    flt = selectors.InboxFilter(
        state=filters.state or "",
        body=filters.body,
        unit=filters.unit,
        field=field.pk if field else None,
        query=filters.q.strip(),
        which=filters.which,
    )
    qs = selectors.inbox(user, flt)
    count = qs.count()
    items = [
        {
            "id": p.pk,
            "tracking_code": p.tracking_code,
            "kind": p.kind,
            "state": p.state,
            "title": p.title,
            "field": _field_ref(p.field),
            "unit": _unit_ref(p.unit),
            "body": _body_ref(p.body),
            "assignee": _person(p.assignee),
            "received_at": p.received_at,
            "deadline": p.deadline,
            "overdue": p.urgency == 0,
            "due_soon": p.urgency == 1,
        }
        for p in rows_in_order(
            qs,
            list(qs.values_list("id", flat=True)[filters.offset : filters.offset + filters.limit]),
        )
    ]
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}


DETAIL_RELATED = ["field", "unit", "village", "body__unit", "assignee", "contact", "merged_into"]


def _staff_detail(user, petition: Petition) -> dict:
    contact = getattr(petition, "contact", None)
    answers = list(petition.answers.select_related("author").order_by("created_at", "id"))
    pending = any(a.status == Answer.Status.PENDING for a in answers)
    allowed = [
        name for name, t in TRANSITIONS.items() if t.roles and services.may(user, petition, name)
    ]
    # As on the web page: approving and returning need a waiting answer; answering needs none.
    if pending:
        allowed = [a for a in allowed if a != "answer"]
    else:
        allowed = [a for a in allowed if a not in ("approve", "return")]
    events = petition.events.select_related("actor", "body").order_by("at", "id")
    return {
        "id": petition.pk,
        "tracking_code": petition.tracking_code,
        "version": petition.version,
        "kind": petition.kind,
        "state": petition.state,
        "channel": petition.channel,
        "title": petition.title,
        "content": petition.content,
        "address": petition.address,
        "latitude": float(petition.latitude) if petition.latitude is not None else None,
        "longitude": float(petition.longitude) if petition.longitude is not None else None,
        "field": _field_ref(petition.field),
        "unit": _unit_ref(petition.unit),
        "village": _unit_ref(petition.village) if petition.village else None,
        "body": _body_ref(petition.body),
        "assignee": _person(petition.assignee),
        "received_at": petition.received_at,
        "deadline": petition.deadline,
        "answered_at": petition.answered_at,
        "closed_at": petition.closed_at,
        "is_anonymous": petition.is_anonymous,
        "consent_publish": petition.consent_publish,
        "forwarded_to": petition.forwarded_to,
        "merged_into": petition.merged_into.tracking_code if petition.merged_into else None,
        "contact": (
            {"name": contact.name, "phone": contact.phone, "email": contact.email}
            if contact is not None and not petition.is_anonymous
            else None
        ),
        "events": [
            {
                "action": e.action,
                "old_state": e.old_state,
                "new_state": e.new_state,
                "at": e.at,
                "reason": e.reason,
                "public": e.public,
                "actor": e.actor.display_name if e.actor else None,
                "body": e.body.name if e.body else None,
            }
            for e in events
        ],
        "answers": [
            {
                "id": a.pk,
                "text": a.text,
                "status": a.status,
                "author": a.author.display_name,
                "created_at": a.created_at,
                "decided_at": a.decided_at,
                "note": a.note,
            }
            for a in answers
        ],
        "allowed_actions": allowed,
    }


@api.get(
    "/staff/petitions/{int:petition_id}",
    response={200: StaffPetitionOut, **STAFF_ERRORS},
    auth=STAFF_AUTH,
    tags=["staff"],
    summary="A petition, with its contact details, events and answers",
)
def staff_petition(request: HttpRequest, petition_id: int):
    user = _official(request)
    return _staff_detail(user, selectors.get_petition_for_user(user, petition_id))


def _load_for_action(request: HttpRequest, petition_id: int, version: int | None):
    user = _official(request)
    petition = selectors.get_petition_for_user(user, petition_id)
    if version is not None and version != petition.version:
        raise services.Conflict(
            _("Someone else has just changed this petition. Reload it and try again.")
        )
    return user, petition


def _done(user, petition_id: int) -> dict:
    # Not through the user's scope: a petition just forwarded out of the official's units is still
    # theirs to see in the answer to the action they took (with nothing more they may do to it).
    petition = Petition.objects.select_related(*DETAIL_RELATED).get(pk=petition_id)
    return _staff_detail(user, petition)


ACTION_RESPONSES = {200: StaffPetitionOut, 409: ErrorOut, **STAFF_ERRORS}


def _action(name: str):
    return api.post(
        f"/staff/petitions/{{int:petition_id}}/actions/{name}",
        response=ACTION_RESPONSES,
        auth=STAFF_AUTH,
        tags=["staff actions"],
        summary=str(TRANSITIONS[name].label),
        operation_id=f"staff_petition_{name}",
    )


@_action("accept")
def staff_accept(request: HttpRequest, petition_id: int, payload: ActionIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    services.petition_accept(petition=petition, actor=user)
    return _done(user, petition_id)


@_action("start")
def staff_start(request: HttpRequest, petition_id: int, payload: StartIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    assignee = None
    if payload.assignee is not None:
        assignee = type(user).objects.filter(pk=payload.assignee, is_active=True).first()
        if assignee is None:
            raise ValidationError(
                {"assignee": [_("This official cannot handle petitions of this unit.")]}
            )
    services.petition_start(petition=petition, actor=user, assignee=assignee)
    return _done(user, petition_id)


@_action("forward")
def staff_forward(request: HttpRequest, petition_id: int, payload: ForwardIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    body = None
    if payload.body is not None:
        body = Body.objects.select_related("unit").filter(pk=payload.body).first()
        if body is None:
            raise ValidationError(
                {"body": [_("Choose a body on the platform or name one outside it.")]}
            )
    services.petition_forward(
        petition=petition, actor=user, reason=payload.reason, body=body, outside=payload.outside
    )
    return _done(user, petition_id)


@_action("merge")
def staff_merge(request: HttpRequest, petition_id: int, payload: MergeIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    code = selectors.normalize_tracking_code(payload.into)
    into = (
        selectors.petitions_for_user(user)
        .select_related("body__unit")
        .filter(tracking_code=code)
        .first()
    )
    if into is None:
        raise ValidationError({"into": [_("No petition with this tracking code in your units.")]})
    services.petition_merge(petition=petition, actor=user, into=into, reason=payload.reason)
    return _done(user, petition_id)


@_action("decline")
def staff_decline(request: HttpRequest, petition_id: int, payload: DeclineIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    services.petition_decline(petition=petition, actor=user, reason=payload.reason)
    return _done(user, petition_id)


@_action("answer")
def staff_answer(request: HttpRequest, petition_id: int, payload: AnswerIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    services.petition_answer(petition=petition, actor=user, text=payload.text)
    return _done(user, petition_id)


@_action("approve")
def staff_approve(request: HttpRequest, petition_id: int, payload: ActionIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    services.petition_approve(petition=petition, actor=user)
    return _done(user, petition_id)


@_action("return")
def staff_return(request: HttpRequest, petition_id: int, payload: ReturnIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    services.petition_return(petition=petition, actor=user, note=payload.note)
    return _done(user, petition_id)


@_action("close")
def staff_close(request: HttpRequest, petition_id: int, payload: ActionIn):
    user, petition = _load_for_action(request, petition_id, payload.version)
    services.petition_close(petition=petition, actor=user)
    return _done(user, petition_id)


# --- Figures ---------------------------------------------------------------------------------------


@api.get(
    "/figures/{unit_id}",
    response={200: FiguresOut, 400: ErrorOut, 404: ErrorOut},
    tags=["figures"],
    summary="Petitions of a unit by kind: received, accepted, resolved on time, overdue, extended",
)
def figures(
    request: HttpRequest, unit_id: int, since: dt.date | None = None, until: dt.date | None = None
):
    """Public figures (no personal data), for the period of receipt [since, until]; the last twelve
    months by default."""
    unit = AdminUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    until = until or timezone.localdate()
    since = since or until - dt.timedelta(days=365)
    if since > until:
        raise ValidationError({"since": [_("The start of the period is after its end.")]})
    if (until - since).days > 3660:
        raise ValidationError({"since": [_("The period is too long (at most ten years).")]})
    return {
        "unit": unit.pk,
        "unit_name": unit.name,
        "since": since,
        "until": until,
        "kinds": selectors.figures_by_kind(unit, since, until),
    }
