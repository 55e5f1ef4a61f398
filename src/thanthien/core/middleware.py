"""The middleware of the platform: the current request for the audit trail; sessions that make a
page vary on cookies only when the visitor has one."""

from contextvars import ContextVar

from django.conf import settings
from django.contrib.sessions import middleware as sessions_middleware
from django.http import HttpRequest, HttpResponse

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


class SessionMiddleware(sessions_middleware.SessionMiddleware):
    """Django's, except that reading the session of a request without a session cookie does not
    make the page vary on cookies.

    Such a session is empty, whoever the visitor is: asking it who is signed in (every page does)
    or which phone was verified tells nothing about the visitor. Django adds ``Vary: Cookie``
    all the same, and that keeps any cache from giving one copy of a page to every visitor who is
    not signed in. Writing to the session still sets the cookie and varies, as before.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        if (
            session is not None
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not session.modified
        ):
            session.accessed = False
        return super().process_response(request, response)
