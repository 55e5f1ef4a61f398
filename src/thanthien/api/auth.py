"""Who is calling the staff endpoints: an API key (two ways to send it) or a signed-in session.

A key that is sent but wrong is refused at once (401) rather than falling back to the session, so
that a client with a revoked key learns why. Session requests that change something need the CSRF
token, as in the web pages; key requests don't (a key is not sent by the browser on its own).
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyHeader, HttpBearer, SessionAuth

from .errors import ApiError
from .keys import apikey_authenticate


def user_for_key(request: HttpRequest, raw: str | None):
    if not raw:
        return None
    key = apikey_authenticate(raw)
    if key is None:
        raise ApiError(401, "invalid_api_key", _("The API key is wrong or has been revoked."))
    if key.user is None:
        raise ApiError(
            403,
            "key_without_user",
            _("This API key only submits service requests; it does not act for an official."),
        )
    # The audit trail reads the actor from the request.
    request.user = key.user
    request.api_key = key
    return key.user


class BearerKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return user_for_key(request, token)


class HeaderKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None):
        return user_for_key(request, key)


class Session(SessionAuth):
    def _get_key(self, request: HttpRequest):
        # Without a signed-in user there is nothing to protect: answer 401, not a CSRF error.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


STAFF_AUTH = [BearerKey(), HeaderKey(), Session(csrf=True)]
