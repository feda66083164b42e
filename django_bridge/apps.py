"""Django app configuration: add ``"django_bridge"`` to ``INSTALLED_APPS``."""

from __future__ import annotations

from django.apps import AppConfig


class DjangoBridgeConfig(AppConfig):
    name = "django_bridge"
    label = "django_bridge"
    verbose_name = "AsyncAPI for Django Channels"

    def ready(self) -> None:
        from .conf import connect_signals

        connect_signals()
