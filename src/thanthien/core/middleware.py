"""The middleware of the platform: the current request for the audit trail; sessions that make a
page vary on cookies only when the visitor has one; whole public pages from the cache."""

import hashlib
import ipaddress
from contextvars import ContextVar

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions import middleware as sessions_middleware
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re

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


# Cookies that change what a page shows: who is signed in (or what a visitor keeps in the session,
# e.g. a verified phone) and messages waiting to be shown after a redirect.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
# Request headers by which a client says who it is, or asks for a fragment of a page (htmx).
PERSONAL_HEADERS = ("Authorization", "X-API-Key", "HX-Request")
# Cache-Control directives by which a view says that its page is for one person only.
PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}


class PublicPageCacheMiddleware:
    """Whole pages for visitors who are not signed in, from the cache, for PUBLIC_CACHE_SECONDS.

    A page is kept only when nothing in it can be personal: a GET without a session or messages
    cookie and without credentials, answered 200 with no cookie set (a page with a POST form sets
    the CSRF cookie, so it is never kept), not varying on cookies and not marked private or
    never-cache by its view. It is found again by address, host and language.

    Not Django's UpdateCacheMiddleware/FetchFromCacheMiddleware: they would keep the pages of
    signed-in people too (one copy per session cookie, then shown stale right after that person
    acts), serve an anonymous copy to a signed-in person, key by the raw Accept-Language header
    (a copy per browser), and send Cache-Control max-age, so that browsers would keep the
    anonymous page after signing in and the old language after a switch. This one keeps pages
    on the server only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PUBLIC_CACHE_SECONDS
        if seconds <= 0 or not _may_be_served_from_cache(request):
            return self.get_response(request)
        key = _cache_key(request)
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if _may_be_kept(request, response):
            cache.set(key, (response.content, list(response.items())), seconds)
        return response


def _may_be_served_from_cache(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        and not any(name in request.headers for name in PERSONAL_HEADERS)
    )


def _cache_key(request: HttpRequest) -> str:
    # The scheme and host are in the key because feeds and documents write absolute addresses.
    address = f"{request.LANGUAGE_CODE} {request.build_absolute_uri()}"
    return "public-page:" + hashlib.sha256(address.encode()).hexdigest()


def _may_be_kept(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # The session middleware sets its cookie after this one has seen the response.
    if request.session.modified:
        return False
    # An API key makes the request someone's (api/auth.py sets request.user from it).
    if request.user.is_authenticated:
        return False
    vary = {h.lower() for h in cc_delim_re.split(response.get("Vary", "")) if h}
    # The language is in the key; any other header the page depends on keeps it out.
    if vary - {"accept-language"}:
        return False
    cache_control = cc_delim_re.split(response.get("Cache-Control", ""))
    return not {d.split("=")[0].lower() for d in cache_control} & PRIVATE_DIRECTIVES
