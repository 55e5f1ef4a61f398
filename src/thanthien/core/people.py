"""Accounts: sign-up by phone number or email, one-time codes, password reset links."""

import datetime as dt
import re
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .audit import audit_record
from .middleware import current_request
from .models import AuditEvent, OneTimeCode, User
from .notify import send_message

_PHONE_CHARS = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^0\d{9,10}$")


def normalize_phone(raw: str) -> str | None:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678'; None if not a phone."""
    value = _PHONE_CHARS.sub("", raw or "")
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) in (11, 12):
        value = "0" + value[2:]
    return value if _PHONE.match(value) else None


def normalize_identifier(raw: str) -> str:
    """The form in which a sign-in identifier is stored: phone, lower-case email or user name."""
    raw = (raw or "").strip()
    phone = normalize_phone(raw)
    if phone:
        return phone
    return raw.lower() if "@" in raw else raw


def find_user(identifier: str) -> User | None:
    key = normalize_identifier(identifier)
    if not key:
        return None
    if "@" in key:
        return User.objects.filter(email__iexact=key).first()
    if _PHONE.match(key):
        return User.objects.filter(phone=key).first()
    return User.objects.filter(username=key).first()


@transaction.atomic
def citizen_signup(*, identifier: str, full_name: str, password: str) -> User:
    """Create an unverified citizen account and send it a one-time code."""
    key = normalize_identifier(identifier)
    phone = normalize_phone(key)
    email = key if "@" in key else None
    if not phone and not email:
        raise ValidationError(_("Enter a Vietnamese phone number (e.g. 0912 345 678) or an email."))
    if find_user(key) is not None:
        raise ValidationError(_("An account with this phone number or email already exists."))
    user = User(username=key, full_name=full_name.strip(), phone=phone, email=email)
    user.set_password(password)
    user.save()
    audit_record("account.signup", actor=user, obj=user)
    otp_send(user=user, destination=key, purpose=OneTimeCode.Purpose.VERIFY_ACCOUNT)
    return user


def otp_send(*, destination: str, purpose: str, user: User | None = None) -> OneTimeCode:
    code = f"{secrets.randbelow(1_000_000):06d}"
    otp = OneTimeCode.objects.create(
        purpose=purpose,
        destination=destination,
        user=user,
        code_hash=make_password(code),
        expires_at=timezone.now() + dt.timedelta(seconds=settings.OTP_TTL_SECONDS),
    )
    send_message(
        destination,
        _("Thân Thiện verification code"),
        _("Your code is %(code)s. It expires in %(minutes)d minutes.")
        % {"code": code, "minutes": settings.OTP_TTL_SECONDS // 60},
    )
    return otp


def otp_verify(*, destination: str, purpose: str, code: str) -> OneTimeCode:
    """Check the newest unused code for ``destination``; raise ValidationError with the reason.

    A wrong try is counted in its own committed transaction before the error is raised, so that
    raising does not roll the count back.
    """
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(destination=destination, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at", "-id")
            .first()
        )
        now = timezone.now()
        if otp is None or otp.expires_at < now:
            error = _("The code has expired. Ask for a new one.")
        elif otp.attempts >= settings.OTP_MAX_ATTEMPTS:
            error = _("Too many wrong codes. Ask for a new one.")
        elif not check_password((code or "").strip(), otp.code_hash):
            otp.attempts += 1
            otp.save(update_fields=["attempts"])
            error = _("The code is not correct.")
        else:
            otp.used_at = now
            otp.save(update_fields=["used_at"])
            return otp
    raise ValidationError(error)


def account_verify(*, user: User, code: str) -> None:
    otp_verify(destination=user.username, purpose=OneTimeCode.Purpose.VERIFY_ACCOUNT, code=code)
    now = timezone.now()
    if user.phone:
        user.phone_verified_at = now
        user.save(update_fields=["phone_verified_at"])
    else:
        user.email_verified_at = now
        user.save(update_fields=["email_verified_at"])
    audit_record("account.verified", actor=user, obj=user)


def _absolute(path: str) -> str:
    """A link for a message: on SITE_URL (or the first trusted origin), never on a Host header a
    client chose; in development, on the current request's host, which ALLOWED_HOSTS checked."""
    origins = settings.CSRF_TRUSTED_ORIGINS
    base = (settings.SITE_URL or (origins[0] if origins else "")).rstrip("/")
    if base:
        return base + path
    request = current_request.get()
    return (
        request.build_absolute_uri(path) if request is not None else "http://localhost:8000" + path
    )


def password_reset_send(*, user: User) -> list[str]:
    """Send ``user`` a link to choose a new password, through their own email and phone.

    The link works once (the token is bound to the current password) and expires after
    PASSWORD_RESET_TIMEOUT. Nobody else sees or chooses the password: this is how an administrator
    helps an official who forgot theirs. Returns the channels used (none: no contact to send to).
    """
    if not user.is_active:
        return []
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = _absolute(
        reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
    )
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    used: set[str] = set()
    for destination in filter(None, [user.email, user.phone]):
        used.update(
            send_message(
                destination,
                _("Thân Thiện: choose a new password"),
                _(
                    "Open this link to choose a new password for %(account)s: %(link)s "
                    "It works once, within %(hours)d hours. If you did not ask for it, ignore it."
                )
                % {"account": user.username, "link": link, "hours": hours},
            )
        )
    audit_record("account.password_reset_sent", obj=user, data={"channels": sorted(used)})
    return sorted(used)


def password_reset_request(*, identifier: str) -> None:
    """A person who forgot their password asks for a link. Whether the account exists is not told;
    at most three links an hour go to one account, so that nobody floods a person's phone."""
    user = find_user(identifier)
    if user is None:
        return
    recent = AuditEvent.objects.filter(
        action="account.password_reset_sent",
        object_type=User._meta.label_lower,
        object_id=str(user.pk),
        at__gte=timezone.now() - dt.timedelta(hours=1),
    ).count()
    if recent < 3:
        password_reset_send(user=user)
