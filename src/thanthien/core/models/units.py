import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..search import fold


class AdminUnitQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> "AdminUnitQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def current(self) -> "AdminUnitQuerySet":
        return self.filter(valid_to__isnull=True)

    def descendants_of(self, unit: "AdminUnit", include_self: bool = True) -> "AdminUnitQuerySet":
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)


class AdminUnit(models.Model):
    """An administrative unit (đơn vị hành chính): a node in a tree with an official code.

    The tree holds both generations: the three-tier units in force until 30 June 2025 (province →
    district → commune) and the two-tier units since 1 July 2025 (province → commune). A unit that
    did not change (a province that was not merged) belongs to both. Villages hang under communes.
    ``path`` is the chain of primary keys from the root ("/1/7/42/") so that a unit's subtree is one
    indexed prefix query.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        DISTRICT = "district", _("district")
        COMMUNE = "commune", _("commune")
        VILLAGE = "village", _("village")

    code = models.CharField(_("code"), max_length=20)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    kind = models.CharField(
        _("type"), max_length=40, help_text=_("e.g. Xã, Phường, Thị trấn, Thôn")
    )
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    name_folded = models.CharField(max_length=120, editable=False, default="", db_index=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_to__isnull=True),
                name="unit_code_unique_current",
            ),
            models.UniqueConstraint(
                fields=["level", "code", "valid_to"],
                condition=Q(valid_to__isnull=False),
                name="unit_code_unique_historic",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)
        expected = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if self.path != expected:
            self.path = expected
            type(self).objects.filter(pk=self.pk).update(path=expected)

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def ancestors(self) -> models.QuerySet["AdminUnit"]:
        return AdminUnit.objects.filter(pk__in=self.ancestor_ids).order_by("path")

    def is_within(self, other: "AdminUnit") -> bool:
        return self.path.startswith(other.path)

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def current_successors(self) -> list["AdminUnit"]:
        """The units in force today that this unit became part of, following every step."""
        if self.valid_to is None:
            return [self]
        found: list[AdminUnit] = []
        frontier = [self]
        seen = {self.pk}
        while frontier:
            steps = UnitSuccession.objects.filter(predecessor__in=frontier).select_related(
                "successor"
            )
            frontier = []
            for step in steps:
                if step.successor_id in seen:
                    continue
                seen.add(step.successor_id)
                if step.successor.valid_to is None:
                    found.append(step.successor)
                else:
                    frontier.append(step.successor)
        return found


class UnitSuccession(models.Model):
    """One step of a reorganization: ``predecessor`` became (part of) ``successor`` on ``effective``.

    Many predecessors may merge into one successor; one predecessor split between several
    successors has one row each, with ``is_default`` on the one that takes its records by default.
    """

    predecessor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecessions")
    effective = models.DateField(_("effective date"))
    is_default = models.BooleanField(default=True)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
