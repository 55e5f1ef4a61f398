from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolloutConfig(AppConfig):
    name = "thanthien.rollout"
    label = "rollout"
    verbose_name = _("Rollout of the model")

    def ready(self) -> None:
        from thanthien.core.models import Role
        from thanthien.core.permissions import ALL_ROLES, register_actions

        register_actions(
            {
                # See the plans of one's units, and the district plans one's unit takes part in.
                "rollout.view": ALL_ROLES,
                # Write plans, surveys, milestones, budget, inspections, reviews at one's unit.
                "rollout.manage": {Role.LEADER, Role.SUPERVISOR},
                # Score the candidates of a survey (the surveyors).
                "rollout.score": {Role.LEADER, Role.SUPERVISOR},
                # Report progress on a task of one's unit's bodies.
                "rollout.report_progress": {Role.CLERK, Role.HANDLER, Role.LEADER, Role.SUPERVISOR},
            },
            labels={
                "rollout.view": _("Read the plans of the model"),
                "rollout.manage": _("Write plans, surveys, inspections and reviews"),
                "rollout.score": _("Score the candidate units of a survey"),
                "rollout.report_progress": _("Report progress on the plan's tasks"),
            },
        )

        from .meetings_bridge import meetings_attendance
        from .meetings_link import register_attendance

        register_attendance(meetings_attendance)
