from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "thanthien.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from thanthien.core.figures import register_figures

        from . import services  # noqa: F401  (registers the meetings actions)
        from .selectors import meetings_figures

        register_figures("meetings", meetings_figures)
