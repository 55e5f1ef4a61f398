from functools import wraps

from django.http import HttpResponseNotAllowed
from django.urls import URLPattern, include, path, re_path

from . import errors, open311
from .v1 import api


def _json_405(view):
    """ninja answers a wrong method with a plain-text 405; give it the API's error shape."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = [m.strip() for m in response["Allow"].split(",") if m.strip()]
            return errors.method_not_allowed(request.method, allowed)
        return response

    wrapper.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapper


def _v1_patterns():
    patterns, app_name, namespace = api.urls
    wrapped = [
        URLPattern(p.pattern, _json_405(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]
    return (wrapped, app_name), namespace


_v1, _v1_namespace = _v1_patterns()

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    path("api/v1/", include(_v1, namespace=_v1_namespace)),
    re_path(r"^api/v1/", errors.not_found, name="api_not_found"),
    re_path(r"^open311/v2/discovery" + FMT, open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + FMT, open311.service_list, name="open311_services"),
    re_path(
        r"^open311/v2/services/(?P<service_code>[^/]+?)" + FMT,
        open311.service_definition,
        name="open311_service",
    ),
    re_path(r"^open311/v2/requests" + FMT, open311.requests, name="open311_requests"),
    re_path(
        r"^open311/v2/requests/(?P<request_id>[^/]+?)" + FMT,
        open311.request_detail,
        name="open311_request",
    ),
    re_path(
        r"^open311/v2/tokens/(?P<token>[^/]+?)" + FMT, open311.token_detail, name="open311_token"
    ),
    re_path(r"^open311/v2/", open311.not_found, name="open311_not_found"),
]
