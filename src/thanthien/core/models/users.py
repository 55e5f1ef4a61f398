from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Anyone who signs in: a citizen (by phone number or email) or an official (by user name).

    Citizens' ``username`` is their normalized phone number or email, so that one person has one
    account whichever way they sign in. Officials are the users with a ``Membership``.
    """

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone number"), max_length=15, unique=True, null=True, blank=True)
    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone_verified_at = models.DateTimeField(null=True, blank=True)
    email_verified_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self):
        super().clean()
        # AbstractUser.clean turns a missing email into "": keep it NULL, so that the unique
        # constraint holds between the many people without one.
        self.email = self.email or None

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_verified(self) -> bool:
        return bool(self.phone_verified_at or self.email_verified_at)


class OneTimeCode(models.Model):
    """A short code sent to a phone or an address to prove it belongs to the person.

    Only a hash is stored; a code expires, allows a few attempts and works once.
    """

    class Purpose(models.TextChoices):
        VERIFY_ACCOUNT = "verify_account", _("verify account")
        VERIFY_CONTACT = "verify_contact", _("verify contact")

    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    destination = models.CharField(max_length=254, db_index=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="one_time_codes"
    )
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["destination", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"{self.purpose} {self.destination} {self.created_at:%Y-%m-%d %H:%M}"


class LoginFailure(models.Model):
    """One failed sign-in, by account identifier and by address, for rate limiting across workers."""

    key = models.CharField(max_length=300, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key} {self.at:%Y-%m-%d %H:%M}"
