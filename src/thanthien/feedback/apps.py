from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """No models: feedback is the petition core's own workflow (``thanthien.petitions``)."""

    name = "thanthien.feedback"
    label = "feedback"
    verbose_name = _("Feedback and recommendations")
