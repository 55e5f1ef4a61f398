from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "thanthien.reception"
    label = "reception"
    verbose_name = _("Citizen reception")

    def ready(self) -> None:
        from thanthien.core.models import Role
        from thanthien.core.permissions import register_actions

        office = {Role.CLERK, Role.HANDLER, Role.LEADER}
        register_actions(
            {
                # Record visits, read and export the log (never public).
                "reception.record": office,
                # Unscheduled sessions, cancellations, the bookings of a session.
                "reception.sessions": office,
                # The regular reception days.
                "reception.schedule": {Role.LEADER, Role.ADMINISTRATOR},
            },
            labels={
                "reception.record": _("Record citizen reception visits"),
                "reception.sessions": _("Manage reception sessions and bookings"),
                "reception.schedule": _("Set the regular reception days"),
            },
        )
