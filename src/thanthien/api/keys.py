"""Creating, checking and revoking API keys.

A key is ``tt_`` followed by 43 URL-safe characters (256 random bits). The first eight characters
are stored as a prefix to find the row; the SHA-256 of the whole key is what is compared. A plain
hash is enough (no slow password hash): the key is random, not chosen by a person.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thanthien.core.audit import audit_record

from .models import ApiKey

KEY_PREFIX = "tt_"
PREFIX_LENGTH = 8
# Recording every use would write to the database on every request; once a minute tells enough.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def apikey_create(*, name: str, username: str | None = None) -> tuple[ApiKey, str]:
    """Create a key; return the row and the key itself, which is not stored and not shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the key a name.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("The name is too long (at most 100 characters).")]})
    user = None
    if username:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise ValidationError({"user": [_("No active user with this user name.")]})
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        name=name, prefix=raw[:PREFIX_LENGTH], key_hash=_hash(raw), user=user
    )
    audit_record("api.key_created", obj=key, data={"name": name, "user": username or ""})
    return key, raw


@transaction.atomic
def apikey_revoke(*, prefix: str) -> int:
    """Revoke the active keys that start with ``prefix``; return how many."""
    prefix = (prefix or "").strip()
    if len(prefix) < PREFIX_LENGTH:
        raise ValidationError(
            {"prefix": [_("Give the first %(n)d characters of the key.") % {"n": PREFIX_LENGTH}]}
        )
    keys = list(ApiKey.objects.filter(prefix=prefix[:PREFIX_LENGTH], revoked_at__isnull=True))
    now = timezone.now()
    for key in keys:
        key.revoked_at = now
        key.save(update_fields=["revoked_at"])
        audit_record("api.key_revoked", obj=key, data={"name": key.name})
    return len(keys)


def apikey_authenticate(raw: str | None) -> ApiKey | None:
    """The active key ``raw`` is, with its user; None for a wrong, revoked or malformed key."""
    raw = (raw or "").strip()
    if not raw.startswith(KEY_PREFIX) or len(raw) > 200:
        return None
    digest = _hash(raw)
    candidates = ApiKey.objects.filter(
        prefix=raw[:PREFIX_LENGTH], revoked_at__isnull=True
    ).select_related("user")
    for key in candidates:
        if hmac.compare_digest(key.key_hash, digest):
            if key.user is not None and not key.user.is_active:
                return None
            _touch(key)
            return key
    return None


def _touch(key: ApiKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
