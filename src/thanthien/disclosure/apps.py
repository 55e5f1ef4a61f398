from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "thanthien.disclosure"
    label = "disclosure"
    verbose_name = _("Disclosure and dissemination")

    def ready(self) -> None:
        from thanthien.core.figures import register_figures
        from thanthien.core.models import Role
        from thanthien.core.permissions import ALL_ROLES, register_actions

        from .figures import disclosure_figures

        register_actions(
            {
                # Publish disclosures, import budgets, record postings, publish notices.
                "disclosure.manage": {Role.CLERK, Role.HANDLER, Role.LEADER, Role.ADMINISTRATOR},
                # Keep the register of village conventions (the commune recognizes them).
                "disclosure.conventions": {Role.CLERK, Role.LEADER, Role.ADMINISTRATOR},
                # See which required disclosures are done, due, late or missing.
                "disclosure.compliance": ALL_ROLES,
                # See how many notices reached subscribers (counts only, never addresses).
                "disclosure.deliveries": {Role.CLERK, Role.LEADER, Role.ADMINISTRATOR},
            },
            labels={
                "disclosure.manage": _("Publish disclosures, budgets and notices"),
                "disclosure.conventions": _("Keep the register of village conventions"),
                "disclosure.compliance": _("See which required disclosures are done or late"),
                "disclosure.deliveries": _("See how many notices reached subscribers"),
            },
        )
        register_figures("disclosure", disclosure_figures)
