"""Keeps the current request at hand so that the audit trail can say who acted and from where,
without every service function taking the request as an argument."""

from contextvars import ContextVar

from django.http import HttpRequest

current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # REMOTE_ADDR is what the socket saw; behind a proxy, gunicorn's --forwarded-allow-ips
    # rewrites it from X-Forwarded-For only for trusted proxies.
    return request.META.get("REMOTE_ADDR") or None
