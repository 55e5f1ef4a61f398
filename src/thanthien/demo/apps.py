from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo's commands (``demo``, ``loaddemo``); it has no models."""

    name = "thanthien.demo"
    label = "demo"
    verbose_name = "Demo"
