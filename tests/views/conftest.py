"""Per-test Django settings the docs views need on top of the shared test settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from django_bridge import spec_cache

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]


@pytest.fixture(autouse=True)
def docs_settings(settings: Any) -> Iterator[Any]:
    """Templates, static files, sessions without tables, and the test URLconf; a cold cache."""
    settings.TEMPLATES = TEMPLATES
    settings.STATIC_URL = "/static/"
    settings.MIDDLEWARE = MIDDLEWARE
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.ROOT_URLCONF = "tests.views.urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = True
    settings.CHANNELS_SPECTACULAR_SETTINGS = {"TITLE": "Echo API"}
    spec_cache.clear()
    yield settings
    spec_cache.clear()


def bridge_settings(settings: Any, **values: Any) -> None:
    """Set CHANNELS_SPECTACULAR_SETTINGS keys (a new dict, so setting_changed fires)."""
    settings.CHANNELS_SPECTACULAR_SETTINGS = {**settings.CHANNELS_SPECTACULAR_SETTINGS, **values}


def bridge_checks(*, deploy: bool = False) -> list[Any]:
    """The docs views' messages of ``manage.py check`` (``--deploy`` adds the deployment checks):
    run through Django's registry, so they are the checks apps.py registers, as Django runs them."""
    from django.core import checks

    tags = [checks.Tags.security] if deploy else ["django_bridge"]
    found = checks.run_checks(tags=tags, include_deployment_checks=deploy)
    # the consumer checks (W1xx) share the tag; their tests are in tests/django_bridge
    return [message for message in found if (message.id or "").startswith("django_bridge.") and not (message.id or "").startswith("django_bridge.W1")]
