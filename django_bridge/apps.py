"""Django app configuration: add ``"django_bridge"`` to ``INSTALLED_APPS``."""

from __future__ import annotations

from django.apps import AppConfig


class DjangoBridgeConfig(AppConfig):
    name = "django_bridge"
    label = "django_bridge"
    verbose_name = "AsyncAPI for Django Channels"

    def ready(self) -> None:
        from django.core import checks

        from .annotations.misuse import check_consumers
        from .conf import connect_signals
        from .web import checks as bridge_checks

        connect_signals()
        checks.register(bridge_checks.check_settings, "django_bridge")
        checks.register(check_consumers, "django_bridge")
        checks.register(bridge_checks.check_deploy, checks.Tags.security, deploy=True)
