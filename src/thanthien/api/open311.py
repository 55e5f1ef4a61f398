"""Open311 GeoReport v2 at /open311/v2/, so that existing civic-reporting apps work unchanged.

Specification: http://wiki.open311.org/GeoReport_v2. Every resource comes as ``.xml`` and ``.json``;
errors come in the specification's own format, not the JSON API's. How the platform maps onto it:

- A **service** is a petition field (``service_code`` = the field's code, e.g. ``land``). No service
  has extra attributes, so ``metadata`` is false and a service definition has an empty attribute list.
- **jurisdiction_id** is the commune's official code (e.g. ``15190``). POST requires it (the endpoint
  serves many communes); on GET it is optional and narrows the answer to that commune.
- A **service request** is a feedback or a recommendation, never a complaint or a denunciation (those
  have their own procedures and secrecy). ``service_request_id`` is the petition's number, the same
  as on the public web page. The tracking code is *not* used as the id: it is the citizen's key to
  their petition (it shows the full text and lets its holder reopen or rate), so it must never appear
  in a public list.
- The tracking code is the request's **token**, and holding it is the proof of being the sender (as
  on the tracking page): eight characters from a 30-letter alphabet, drawn by ``secrets``, about
  6.6 × 10^11 codes. The POST answer carries it as ``token``; ``tokens/{token}`` gives the id; and
  ``requests/{id}?token={token}`` or ``requests/{token}`` gives the request to its holder, even one
  whose sender did not agree to publication. One code per call (``service_request_id=`` lists take
  numbers only, so that nobody tries guessed codes a thousand at a time), and a token not shaped
  like a tracking code is refused with 404 before any query.
- Only petitions whose senders agreed to publication are listed or found by their number alone. The
  holder of the token of an unpublished one sees its status only: ``status``, the times,
  ``agency_responsible``, the service; never its description, address, location or the answer's
  text (which may quote them), since an Open311 client is a third party. The full petition is on
  the tracking page, which ``service_notice`` names.
- ``status`` is ``open`` while the petition is received, accepted, in progress or reopened, else
  ``closed``. ``status_notes`` is the published answer, or the reason given at the last step the
  citizen was told of. ``agency_responsible`` is the handling body. ``expected_datetime`` is the end
  of the legal deadline's last day. Times are ISO 8601 with the offset, in Asia/Ho_Chi_Minh.
- POST takes ``api_key`` (a key from ``thanthien apikey create``), form-encoded as the specification
  says. ``first_name``/``last_name`` form the sender's name (family name first, as in Vietnamese);
  with no name, phone or email the petition is anonymous. ``consent_publish=true`` (an extension)
  records the sender's agreement to publish. ``media_url`` is kept as the last line of the text.
  ``device_id``, ``account_id`` and ``attribute[]`` are accepted and ignored.
"""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from thanthien.core.models import AdminUnit
from thanthien.core.workdays import end_of_day
from thanthien.petitions import selectors, services
from thanthien.petitions.models import (
    OPEN_STATES,
    SIMPLE_KINDS,
    TRACKING_ALPHABET,
    Answer,
    Channel,
    Field,
    Petition,
    PetitionEvent,
    State,
)
from thanthien.petitions.selectors import receiving_units

from .keys import apikey_authenticate

BASE_PATH = "/open311/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-28T00:00:00+07:00"  # when this endpoint last changed; bump with it
DEFAULT_SPAN = dt.timedelta(days=90)
MAX_SPAN = dt.timedelta(days=90)
MAX_RESULTS = 1000
DESCRIPTION_LIMIT = 4000  # the specification's limit for a request's description
ANSWERED_STATES = {State.ANSWERED, State.CLOSED, State.MERGED}
# A token as ``new_tracking_code`` draws it; the longest input worth normalizing ("abcd efgh" etc.).
TOKEN_SHAPE = re.compile(rf"[{TRACKING_ALPHABET}]{{4}}-[{TRACKING_ALPHABET}]{{4}}")
TOKEN_INPUT_LIMIT = 16

# XML element of each item in a list, by the list's element (the Spark convention, reversed).
ITEM_TAG = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


class Open311Error(Exception):
    def __init__(self, status: int, descriptions: str | Iterable[str]):
        self.status = status
        self.descriptions = [descriptions] if isinstance(descriptions, str) else list(descriptions)
        super().__init__("; ".join(self.descriptions))


# --- Output -------------------------------------------------------------------------------------


def _element(tag: str, value) -> ET.Element:
    element = ET.Element(tag)
    if isinstance(value, list):
        for item in value:
            element.append(_element(ITEM_TAG[tag], item))
    elif isinstance(value, dict):
        for key, item in value.items():
            element.append(_element(key, item))
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
    return element


def render(fmt: str, root: str, payload, status: int = 200) -> HttpResponse:
    if fmt == "json":
        body = json.dumps(payload, ensure_ascii=False)
    else:
        body = XML_DECLARATION + ET.tostring(_element(root, payload), encoding="unicode")
    return HttpResponse(body.encode(), status=status, content_type=CONTENT_TYPES[fmt])


def render_errors(fmt: str, status: int, descriptions: list[str]) -> HttpResponse:
    return render(
        fmt, "errors", [{"code": status, "description": d} for d in descriptions], status=status
    )


def w3_datetime(moment: dt.datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def open311_view(methods: Iterable[str]) -> Callable:
    """Check the method and turn every error into the specification's error format."""
    allowed = sorted(methods)

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, **kwargs):
            if request.method not in allowed:
                response = render_errors(
                    fmt,
                    405,
                    [
                        _("This address does not accept %(method)s. Use %(allowed)s.")
                        % {"method": request.method, "allowed": ", ".join(allowed)}
                    ],
                )
                response["Allow"] = ", ".join(allowed)
                return response
            try:
                return view(request, fmt, **kwargs)
            except Open311Error as exc:
                return render_errors(fmt, exc.status, exc.descriptions)
            except Http404:
                return render_errors(fmt, 404, [_("Not found.")])

        return wrapper

    return decorator


def not_found(request: HttpRequest) -> HttpResponse:
    fmt = "json" if request.path.endswith(".json") else "xml"
    return render_errors(
        fmt,
        404,
        [_("There is no such resource. Append .xml or .json to a resource of GeoReport v2.")],
    )


# --- Discovery and services -------------------------------------------------------------------------


@open311_view(["GET"])
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    payload = {
        "changeset": CHANGESET,
        "contact": f"{settings.SITE_NAME}: {settings.DEFAULT_FROM_EMAIL}",
        "key_service": _(
            "API keys are issued by the platform's administrator. Every POST needs "
            "jurisdiction_id: the official code of the commune, e.g. 15190."
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": request.build_absolute_uri(BASE_PATH),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, "discovery", payload)


def _communes(code: str) -> list[AdminUnit]:
    """The communes with this official code that receive petitions, the one in force first (an
    abolished one too: its requests stay readable, and a new one goes to its successor)."""
    units = (
        receiving_units(include_abolished=True)
        .filter(code=code)
        .order_by(F("valid_to").desc(nulls_first=True))
    )
    return list(units)


def _optional_jurisdiction(request: HttpRequest) -> list[AdminUnit] | None:
    code = request.GET.get("jurisdiction_id", "").strip()
    if not code:
        return None
    units = _communes(code)
    if not units:
        raise Open311Error(404, _jurisdiction_not_found(code))
    return units


def _jurisdiction_not_found(code: str) -> str:
    return _(
        "jurisdiction_id %(code)s was not found: give the official code of a commune that "
        "receives petitions on the platform."
    ) % {"code": code}


def _service(field: Field) -> dict:
    return {
        "service_code": field.code,
        "service_name": field.name,
        "description": field.description,
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": "",
    }


@open311_view(["GET"])
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    _optional_jurisdiction(request)
    fields = Field.objects.filter(is_active=True).order_by("order", "name")
    return render(fmt, "services", [_service(f) for f in fields])


@open311_view(["GET"])
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    _optional_jurisdiction(request)
    if not Field.objects.filter(code=service_code, is_active=True).exists():
        raise Open311Error(404, _service_not_found(service_code))
    return render(fmt, "service_definition", {"service_code": service_code, "attributes": []})


def _service_not_found(code: str) -> str:
    return _("service_code %(code)s was not found: see services.xml for the list.") % {"code": code}


# --- Service requests -----------------------------------------------------------------------------------


def _for_output(qs: QuerySet[Petition]) -> QuerySet[Petition]:
    """What each request needs, in one query: the last change, the last public reason, the answer."""
    events = PetitionEvent.objects.filter(petition=OuterRef("pk")).order_by("-at", "-id")
    return qs.select_related("field", "body", "contact").annotate(
        last_event_at=Subquery(events.values("at")[:1]),
        last_public_reason=Subquery(events.filter(public=True).values("reason")[:1]),
        answer_text=Subquery(
            Answer.objects.filter(petition=OuterRef("pk"), status=Answer.Status.APPROVED)
            .order_by("-created_at", "-id")
            .values("text")[:1]
        ),
    )


def _request(p: Petition, request: HttpRequest | None = None) -> dict:
    """A request as the specification has it. Unpublished (its token's holder is asking): status only,
    and ``request`` to name the tracking page where the holder reads the rest."""
    published = p.consent_publish
    contact = getattr(p, "contact", None)
    names = [contact.name] if contact is not None and contact.name else []
    if p.answer_text and p.state in ANSWERED_STATES:
        notes = p.answer_text
    else:
        notes = p.last_public_reason or ""
    located = published and p.latitude is not None and p.longitude is not None
    notice = None
    if not published and request is not None:
        notice = _("The text and the answer are on the tracking page: %(url)s") % {
            "url": request.build_absolute_uri(reverse("petition_track", args=[p.tracking_code]))
        }
    return {
        "service_request_id": str(p.pk),
        "status": "open" if p.state in OPEN_STATES else "closed",
        "status_notes": (selectors.redact(notes, names) or None) if published else None,
        "service_name": p.field.name,
        "service_code": p.field.code,
        "description": selectors.public_text(p)[:DESCRIPTION_LIMIT] if published else None,
        "agency_responsible": p.body.name,
        "service_notice": notice,
        "requested_datetime": w3_datetime(p.received_at),
        "updated_datetime": w3_datetime(p.last_event_at or p.received_at),
        "expected_datetime": w3_datetime(end_of_day(p.deadline)) if p.deadline else None,
        "address": (p.address or None) if published else None,
        "address_id": None,
        "zipcode": None,
        "lat": float(p.latitude) if located else None,
        "long": float(p.longitude) if located else None,
        "media_url": None,
    }


def _csv(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def _token(raw: str) -> str:
    """The tracking code a token names, or 404 at once: a malformed token costs no query."""
    code = selectors.normalize_tracking_code(raw) if len(raw) <= TOKEN_INPUT_LIMIT else ""
    if not TOKEN_SHAPE.fullmatch(code):
        raise Open311Error(
            404, _("token %(token)s was not found.") % {"token": raw[:TOKEN_INPUT_LIMIT]}
        )
    return code


def _by_id(request_id: str, token: str | None) -> QuerySet[Petition]:
    """A request by number (a published one), or by its token (any: its holder is asking), given
    in place of the number or beside it; then number and token must name the same request."""
    simple = Petition.objects.filter(kind__in=SIMPLE_KINDS)
    if token is not None:
        simple = simple.filter(tracking_code=_token(token))
    elif request_id.isdigit():
        simple = simple.filter(consent_publish=True)
    if request_id.isdigit():
        return simple.filter(pk=int(request_id))
    return simple.filter(tracking_code=_token(request_id))


def _parse_datetime(name: str, raw: str) -> dt.datetime:
    try:
        if len(raw) == 10:  # a date alone: the start of that day here
            return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(raw), dt.time.min))
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise Open311Error(
            400,
            _("%(name)s is not a date and time in w3 format, e.g. 2026-02-13T09:30:00+07:00.")
            % {"name": name},
        ) from None
    if timezone.is_naive(moment):
        raise Open311Error(
            400,
            _("%(name)s needs a time zone: Z or an offset such as +07:00.") % {"name": name},
        )
    return moment


def _date_range(request: HttpRequest) -> tuple[dt.datetime, dt.datetime]:
    start_raw = request.GET.get("start_date", "").strip()
    end_raw = request.GET.get("end_date", "").strip()
    start = _parse_datetime("start_date", start_raw) if start_raw else None
    end = _parse_datetime("end_date", end_raw) if end_raw else None
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - DEFAULT_SPAN
    if end is None:
        end = start + DEFAULT_SPAN
    if start > end:
        raise Open311Error(400, _("start_date is after end_date."))
    if end - start > MAX_SPAN:
        raise Open311Error(400, _("start_date and end_date may not be more than 90 days apart."))
    return start, end


def _search(request: HttpRequest) -> QuerySet[Petition]:
    ids = _csv(request.GET.get("service_request_id"))
    if ids:  # "This overrides all other arguments."
        if len(ids) > MAX_RESULTS:
            raise Open311Error(
                400, _("Ask for at most %(n)d service requests at once.") % {"n": MAX_RESULTS}
            )
        # Numbers only: a list of guessed tracking codes would test a thousand codes at a time.
        not_numbers = [i for i in ids if not i.isdigit()]
        if not_numbers:
            raise Open311Error(
                400,
                [
                    _("service_request_id %(id)s is not a request number.") % {"id": i}
                    for i in not_numbers
                ],
            )
        return Petition.objects.filter(
            kind__in=SIMPLE_KINDS, pk__in=[int(i) for i in ids], consent_publish=True
        )
    qs = Petition.objects.filter(kind__in=SIMPLE_KINDS, consent_publish=True)
    communes = _optional_jurisdiction(request)
    if communes is not None:
        qs = qs.filter(unit__in=communes)
    codes = _csv(request.GET.get("service_code"))
    if codes:
        known = set(Field.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise Open311Error(400, [_service_not_found(c) for c in unknown])
        qs = qs.filter(field__code__in=codes)
    statuses = set(_csv(request.GET.get("status")))
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status is open, closed, or both separated by a comma."))
    if statuses == {"open"}:
        qs = qs.filter(state__in=OPEN_STATES)
    elif statuses == {"closed"}:
        qs = qs.exclude(state__in=OPEN_STATES)
    start, end = _date_range(request)
    return qs.filter(received_at__gte=start, received_at__lte=end)


@open311_view(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    petitions = _for_output(_search(request)).order_by("-received_at", "-id")[:MAX_RESULTS]
    return render(fmt, "service_requests", [_request(p) for p in petitions])


@open311_view(["GET"])
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    qs = _by_id(request_id, request.GET.get("token"))
    communes = _optional_jurisdiction(request)
    if communes is not None:
        qs = qs.filter(unit__in=communes)
    petition = _for_output(qs).first()
    if petition is None:
        raise Open311Error(
            404, _("service_request_id %(id)s was not found.") % {"id": request_id[:20]}
        )
    response = render(fmt, "service_requests", [_request(petition, request)])
    if not request_id.isdigit() or request.GET.get("token"):
        add_never_cache_headers(response)  # its holder's view, found by the tracking code
    return response


@open311_view(["GET"])
@never_cache  # a lookup by a citizen's tracking code, as the tracking page
def token_detail(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    code = _token(token)
    _optional_jurisdiction(request)
    petition = (
        Petition.objects.filter(kind__in=SIMPLE_KINDS, tracking_code=code)
        .only("pk", "tracking_code")
        .first()
    )
    if petition is None:
        raise Open311Error(404, _("token %(token)s was not found.") % {"token": token})
    return render(
        fmt,
        "service_requests",
        [{"service_request_id": str(petition.pk), "token": petition.tracking_code}],
    )


# --- Creating a service request ----------------------------------------------------------------------

# Our names for the inputs → the specification's, for error messages the client can act on.
SPEC_NAMES = {
    "field": "service_code",
    "unit": "jurisdiction_id",
    "title": "description",
    "content": "description",
    "latitude": "lat",
    "longitude": "long",
    "name": "first_name",
    "phone": "phone",
    "email": "email",
}


def _title_from(description: str, fallback: str) -> str:
    first_line = description.strip().splitlines()[0].strip() if description.strip() else ""
    if len(first_line) > 100:
        first_line = first_line[:99].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
    return first_line if len(first_line) >= 5 else fallback


def _decimal(name: str, raw: str, problems: list[str]) -> Decimal | None:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        problems.append(_("%(name)s is not a number.") % {"name": name})
        return None
    limit = 90 if name == "lat" else 180
    if not value.is_finite() or abs(value) > limit:
        problems.append(_("%(name)s is out of range.") % {"name": name})
        return None
    return value.quantize(Decimal("0.000001"))


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    data = request.POST
    key = apikey_authenticate(data.get("api_key") or request.headers.get("X-API-Key"))
    if key is None:
        raise Open311Error(403, _("Invalid api_key received -- can't proceed with create_request."))

    missing = []
    jurisdiction = data.get("jurisdiction_id", "").strip()
    if not jurisdiction:
        missing.append(
            _(
                "jurisdiction_id was not provided: give the official code of the commune, e.g. 15190."
            )
        )
    service_code = data.get("service_code", "").strip()
    if not service_code:
        missing.append(_("service_code was not provided."))
    lat_raw, long_raw = data.get("lat", "").strip(), data.get("long", "").strip()
    address = data.get("address_string", "").strip()
    if (lat_raw or long_raw) and not (lat_raw and long_raw):
        missing.append(_("Send both lat and long."))
    elif not (lat_raw or address):
        missing.append(
            _("A location was not provided: send lat and long, or address_string.")
            if not data.get("address_id")
            else _("address_id is not supported here: send lat and long, or address_string.")
        )
    latitude = longitude = None
    if lat_raw and long_raw:
        latitude, longitude = _decimal("lat", lat_raw, missing), _decimal("long", long_raw, missing)
    if len(address) > 200:
        missing.append(_("address_string is too long (at most 200 characters)."))
    description = data.get("description", "")
    if not description.strip():
        missing.append(_("description was not provided: describe what happened."))
    elif len(description) > DESCRIPTION_LIMIT:
        missing.append(_("description is too long (at most 4,000 characters)."))
    media_url = data.get("media_url", "").strip()
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            missing.append(_("media_url is not a valid http or https address."))
    if missing:
        raise Open311Error(400, missing)

    unknown = []
    communes = _communes(jurisdiction)
    if not communes:
        unknown.append(_jurisdiction_not_found(jurisdiction))
    field = Field.objects.filter(code=service_code, is_active=True).first()
    if field is None:
        unknown.append(_service_not_found(service_code))
    if unknown:
        raise Open311Error(404, unknown)

    unit = communes[0]
    name = f"{data.get('last_name', '').strip()} {data.get('first_name', '').strip()}".strip()
    phone, email = data.get("phone", "").strip(), data.get("email", "").strip()
    content = description.strip()
    if media_url:
        content = f"{content}\n\nmedia_url: {media_url}"
    try:
        petition, _created = services.petition_submit(
            field=field,
            unit=unit,
            title=_title_from(description, f"{field.name} – {unit.name}"),
            content=content,
            address=address,
            latitude=latitude,
            longitude=longitude,
            share_location=latitude is not None,
            name=name[:150],
            phone=phone,
            email=email,
            is_anonymous=not (name or phone or email),
            consent_publish=data.get("consent_publish", "").strip().lower() in ("true", "1"),
            channel=Channel.API,
            entered_by=key.user,
        )
    except ValidationError as exc:
        raise Open311Error(400, _spec_messages(exc)) from None
    notice = _(
        "Tracking code %(code)s: keep it to follow the request. The answer is due by %(date)s."
    ) % {
        "code": petition.tracking_code,
        "date": date_format(petition.deadline, "SHORT_DATE_FORMAT"),
    }
    moved = services.unit_notice(petition)
    if moved:
        notice = f"{moved} {notice}"
    payload = [
        {
            "service_request_id": str(petition.pk),
            "token": petition.tracking_code,
            "service_notice": notice,
            "account_id": None,
        }
    ]
    return render(fmt, "service_requests", payload)


def _spec_messages(exc: ValidationError) -> list[str]:
    if not hasattr(exc, "error_dict"):
        return [str(m) for m in exc.messages]
    return [
        f"{SPEC_NAMES.get(name, name)}: {message}"
        for name, messages in exc.message_dict.items()
        for message in messages
    ]
