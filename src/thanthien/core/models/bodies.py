import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Body(models.Model):
    """A body (cơ quan, tổ chức) of one unit: its People's Committee, Fatherland Front, a department…"""

    class Kind(models.TextChoices):
        PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
        PEOPLES_COUNCIL = "peoples_council", _("People's Council")
        PARTY_COMMITTEE = "party_committee", _("Party committee")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
        MASS_ORGANIZATION = "mass_organization", _("mass organization")
        MASS_MOBILIZATION_BOARD = "mass_mobilization_board", _("Mass Mobilization board")
        PEOPLES_INSPECTION_BOARD = "peoples_inspection_board", _("People's Inspection board")
        DEPARTMENT = "department", _("department")

    unit = models.ForeignKey(
        "core.AdminUnit", on_delete=models.PROTECT, related_name="bodies", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("abbreviation"),
        max_length=40,
        blank=True,
        help_text=_("Used in document numbers, e.g. UBND, HU."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["unit__path", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="body_name_unique_in_unit")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What an official does in a body. A role held at a unit covers the units below it."""

    CLERK = "clerk", _("clerk")
    HANDLER = "handler", _("handler")
    LEADER = "leader", _("leader")
    SUPERVISOR = "supervisor", _("supervisor")
    ADMINISTRATOR = "administrator", _("administrator")


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> "MembershipQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Membership(models.Model):
    """An official's place in a body, with a role and a title, for a period."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("official"),
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("body")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(
        _("title"),
        max_length=120,
        blank=True,
        help_text=_("e.g. Chủ tịch UBND, Công chức Văn phòng - Thống kê"),
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "body", "role"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.body}"
