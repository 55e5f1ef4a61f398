"""One error shape for the whole JSON API, whatever raised the error.

    {"error": {"code": "invalid_input", "message": "…", "fields": {"title": ["…"]}}}

``code`` is for programs and never changes; ``message`` is for people, in the request's language
(Vietnamese unless the client asks for English); ``fields`` names the inputs that were wrong. The
Open311 paths use the error format of their own specification instead (``open311.py``).
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from thanthien.petitions.services import Conflict

logger = logging.getLogger(__name__)

NON_FIELD = "__all__"


class ApiError(Exception):
    """An error raised by the API's own code, with its status, machine code and message."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def error_response(status: int, code: str, message: str, fields=None) -> JsonResponse:
    response = JsonResponse(
        error_body(code, message, fields), status=status, json_dumps_params={"ensure_ascii": False}
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def validation_fields(exc: ValidationError) -> tuple[str, dict[str, list[str]]]:
    """The message and the per-field messages of a Django ValidationError."""
    if hasattr(exc, "error_dict"):
        fields = {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()}
        general = fields.pop(NON_FIELD, [])
        message = " ".join(general) or _("Check the fields marked below.")
        return message, fields
    return " ".join(str(m) for m in exc.messages), {}


# --- ninja's own validation of the request (types, required fields, unknown fields) ----------------


def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if kind == "string_too_long":
        return _("Too long (at most %(n)d characters).") % {"n": ctx.get("max_length", 0)}
    if kind == "string_too_short":
        return _("Too short (at least %(n)d characters).") % {"n": ctx.get("min_length", 0)}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return _("Enter a number.")
    if kind in ("decimal_max_digits", "decimal_max_places", "decimal_whole_digits"):
        return _("The number has too many digits.")
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _("The number is out of range.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind.startswith("date"):
        return _("Enter a date as YYYY-MM-DD.")
    if kind in ("enum", "literal_error"):
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in ("string_type", "string_unicode"):
        return _("Enter text.")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Send a JSON object.")
    return _("Enter a valid value.")


def _field_name(loc: list) -> str:
    # ninja reports places as ("body", "<parameter>", "title") or ("query", "limit").
    parts = [str(p) for p in loc[1:]]
    if loc and loc[0] == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD


def ninja_validation_response(exc: NinjaValidationError) -> JsonResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        if error.get("type") == "json_invalid" or "Cannot parse request body" in str(
            error.get("msg", "")
        ):
            return error_response(400, "invalid_json", _("The request body is not valid JSON."))
        loc = list(error.get("loc") or [])
        if loc and loc[0] == "body" and len(loc) <= 2:
            # The body as a whole is missing or is not an object.
            return error_response(400, "invalid_json", _("Send a JSON object in the request body."))
        fields.setdefault(_field_name(loc), []).append(_pydantic_message(error))
    general = fields.pop(NON_FIELD, [])
    message = " ".join(general) or _("Check the fields marked below.")
    return error_response(400, "invalid_input", message, fields)


def install(api: NinjaAPI) -> None:
    """Replace ninja's default error handlers with ones that answer in the shape above."""

    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(exc.status, exc.code, exc.message, exc.fields)

    def on_ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return ninja_validation_response(exc)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        message, fields = validation_fields(exc)
        return error_response(400, "invalid_input", message, fields)

    def on_permission(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or _("You may not do this.")
        return error_response(403, "permission_denied", message)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(404, "not_found", _("Not found."))

    def on_conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return error_response(409, "conflict", str(exc))

    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(
            401,
            "not_authenticated",
            _(
                "Sign in, or send an API key as 'Authorization: Bearer <key>' or in the "
                "X-API-Key header."
            ),
        )

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 403 and "CSRF" in exc.message:
            return error_response(
                403,
                "csrf_failed",
                _("The CSRF token is missing or wrong. Send it in the X-CSRFToken header."),
            )
        if exc.status_code == 400:
            return error_response(400, "invalid_json", _("The request body is not valid JSON."))
        return error_response(exc.status_code, "error", str(exc))

    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        if settings.DEBUG:
            raise exc
        logger.exception("API error", exc_info=exc)
        return error_response(500, "server_error", _("Something went wrong on our side."))

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(NinjaValidationError, on_ninja_validation)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(PermissionDenied, on_permission)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(Conflict, on_conflict)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Exception, on_unexpected)


# --- Outside ninja's routes: unknown paths and methods under /api/v1/ ---------------------------------


def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return error_response(404, "not_found", _("There is no such address in the API."))


def method_not_allowed(method: str, allowed) -> JsonResponse:
    response = error_response(
        405,
        "method_not_allowed",
        _("This address does not accept %(method)s. Use %(allowed)s.")
        % {"method": method, "allowed": ", ".join(sorted(allowed))},
    )
    response["Allow"] = ", ".join(sorted(allowed))
    return response
