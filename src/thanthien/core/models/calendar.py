from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A day the government announced as off, or as a make-up working day, for one year.

    The statutory public holidays come from the ``holidays`` package; these rows are the announced
    decisions on top (e.g. Tết 2026 off 14–22 February), and a day the package lists beyond the
    statutory ones once an administrator confirms it. They win over the package.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("day off")
        WORKING_DAY = "working_day", _("make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The announcement this day comes from."),
    )
    # A shipped default whose letter was not checked against the official text still applies (the
    # deadline must be computed somehow) but is shown as "to be confirmed" until an administrator
    # confirms it (LEGAL.md).
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_("Checked against the official announcement."),
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
