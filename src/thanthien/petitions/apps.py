from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "thanthien.petitions"
    label = "petitions"
    verbose_name = _("Petitions")

    def ready(self) -> None:
        from . import workflow  # noqa: F401  (registers the petition actions)
        from .figures import petitions_figures  # noqa: F401  (registers the figures provider)
