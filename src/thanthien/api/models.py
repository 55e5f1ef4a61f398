"""API keys: a client of the API proves who it is with a key; only the key's hash is stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A key for a program that calls the API.

    With a ``user`` the key acts as that official (staff endpoints, within the official's units).
    Without one it is a citizen-side client's key (a reporting app), good only for submitting
    Open311 service requests. The key itself is shown once, when it is created.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses the key, for what."))
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_keys",
        verbose_name=_("acts as"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
