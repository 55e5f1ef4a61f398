from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DenunciationsConfig(AppConfig):
    """No models of its own: a denunciation is a petition with a ``DenunciationCase`` and its
    confidential identity, tables of the petition core (``thanthien.petitions``), whose migration
    history and content types stay as they are."""

    name = "thanthien.denunciations"
    label = "denunciations"
    verbose_name = _("Denunciations")

    def ready(self) -> None:
        from thanthien.petitions import procedures
        from thanthien.petitions.models import Kind

        from . import documents, views

        procedures.register_room(Kind.DENUNCIATION, views=views, documents=documents)
