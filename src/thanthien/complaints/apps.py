from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """No models of its own: a complaint is a petition with a ``ComplaintCase``, tables of the petition
    core (``thanthien.petitions``). Moving them would rewrite migration history and content types of
    records in use, for no gain to anyone reading the code; the room holds everything else."""

    name = "thanthien.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from thanthien.petitions import case_views, procedures
        from thanthien.petitions.models import Kind

        from . import documents, services, views

        procedures.register_room(Kind.COMPLAINT, views=views, documents=documents)
        case_views.CITIZEN_STEPS["appeal"] = services.complaint_appeal
