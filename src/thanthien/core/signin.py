"""Sign-in limits that slow guessing down without locking anyone out.

Failures are counted under three keys, each with its own threshold (settings ``LOGIN_*``):

- one address on one account (``pair:``): the strict limit, so that someone guessing a chairman's
  password from their own machine slows down quickly, while the chairman signing in from elsewhere
  is not affected;
- one account from any address (``id:``): a higher threshold, against guessing spread over many
  addresses;
- one address on any accounts (``ip:``): a higher one still, against trying one password on many
  accounts; many people may share an address (an office, a mobile network).

Past a threshold, the next try waits 2, 4, 8… seconds after the last failure, up to
``LOGIN_MAX_DELAY_SECONDS``. A refused try is not counted, so waiting always ends, and the right
password after the wait signs in. The address is ``client_ip``, which honours trusted proxies.
"""

import datetime as dt
import math

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import LoginFailure
from .people import normalize_identifier

KEY_LENGTH = LoginFailure._meta.get_field("key").max_length


def _limits(identifier: str, ip: str | None) -> dict[str, int]:
    """Each key a failure is counted under → the number of failures before tries are slowed."""
    account = normalize_identifier(identifier)
    if not ip:
        return {f"id:{account}"[:KEY_LENGTH]: settings.LOGIN_MAX_FAILURES}
    return {
        f"pair:{ip}|{account}"[:KEY_LENGTH]: settings.LOGIN_MAX_FAILURES,
        f"id:{account}"[:KEY_LENGTH]: settings.LOGIN_ACCOUNT_MAX_FAILURES,
        f"ip:{ip}": settings.LOGIN_ADDRESS_MAX_FAILURES,
    }


def delay_after(failures: int, threshold: int) -> int:
    """Seconds to wait after the last of ``failures``: none below the threshold, then doubling."""
    if failures < threshold:
        return 0
    return min(2 ** min(failures - threshold + 1, 30), settings.LOGIN_MAX_DELAY_SECONDS)


def signin_wait(identifier: str, ip: str | None) -> int:
    """Seconds until this account may be tried from this address; 0 when it may be tried now."""
    limits = _limits(identifier, ip)
    now = timezone.now()
    since = now - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    # One query: the count and the latest failure of each key.
    rows = (
        LoginFailure.objects.filter(key__in=limits, at__gte=since)
        .values("key")
        .annotate(n=Count("id"), last=Max("at"))
    )
    wait = 0.0
    for row in rows:
        until = row["last"] + dt.timedelta(seconds=delay_after(row["n"], limits[row["key"]]))
        wait = max(wait, (until - now).total_seconds())
    return math.ceil(wait)


def signin_failed(identifier: str, ip: str | None) -> None:
    now = timezone.now()
    LoginFailure.objects.bulk_create([LoginFailure(key=k, at=now) for k in _limits(identifier, ip)])
    keep = max(settings.LOGIN_FAILURE_WINDOW_SECONDS, 24 * 3600)
    LoginFailure.objects.filter(at__lt=now - dt.timedelta(seconds=keep)).delete()


def signin_succeeded(identifier: str, ip: str | None) -> None:
    """The person knows the password: forget their own failures from this address.

    The account's and the address's counts stay: they may be someone else's attack.
    """
    keys = [k for k in _limits(identifier, ip) if k.startswith("pair:")]
    LoginFailure.objects.filter(key__in=keys).delete()


def wait_message(seconds: int) -> str:
    if seconds < 60:
        wait = ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    else:
        minutes = math.ceil(seconds / 60)
        wait = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    return _("Too many failed sign-in attempts. Try again in %(wait)s.") % {"wait": wait}
