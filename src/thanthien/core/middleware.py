"""Keeps the current request at hand so that the audit trail can say who acted and from where,
without every service function taking the request as an argument."""

import ipaddress
from contextvars import ContextVar

from django.conf import settings
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
    """The address of the person's device, as far as the server can trust it.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies, each appends the address it received from to
    X-Forwarded-For, so the N-th address from the right is the one the outermost trusted proxy saw;
    whatever stands to its left was written by the client and may be false. With no trusted proxy
    the header is ignored: anyone can send one. Gunicorn does not rewrite REMOTE_ADDR.
    """
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if len(forwarded) < count:
        # The request did not pass through every trusted proxy: only the socket can be believed.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
