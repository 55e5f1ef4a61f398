from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "thanthien.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from thanthien.core.figures import register_figures
        from thanthien.core.models import Role
        from thanthien.core.permissions import register_actions

        from .selectors import participation_figures

        office = {Role.CLERK, Role.HANDLER, Role.LEADER}
        register_actions(
            {
                # create consultations, enter opinions, run village votes and campaigns
                "participation.manage": office,
                # answer opinions and the Front's recommendations, publish the responses
                "participation.respond": {Role.HANDLER, Role.LEADER},
                # recognize a village decision for the commune
                "participation.recognize": {Role.LEADER},
                # the Front's own pages (the service also requires a Front / mass-organization body)
                "participation.front": {Role.SUPERVISOR},
                # the joint Front + People's Committee page
                "participation.joint_view": {*office, Role.SUPERVISOR},
            },
            labels={
                "participation.manage": _("Run consultations, village decisions and campaigns"),
                "participation.respond": _("Respond to opinions and recommendations"),
                "participation.recognize": _("Recognize village decisions"),
                "participation.front": _("Send the Front's opinions, findings and recommendations"),
                "participation.joint_view": _("See what the Front asked and what was answered"),
            },
        )
        register_figures("participation", participation_figures)
