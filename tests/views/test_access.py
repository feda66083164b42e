"""Who may see the docs: the built-in permissions, the setting, per-view overrides, 403s."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

import django_bridge
from django_bridge import AsyncAPIDocView

from .conftest import bridge_settings


def request_for(user: Any) -> Any:
    request = RequestFactory().get("/docs/")
    if user is not None:
        request.user = user
    return request


@pytest.mark.parametrize(
    ("user", "anyone", "authenticated", "staff"),
    [
        (None, True, False, False),  # no AuthenticationMiddleware
        (AnonymousUser(), True, False, False),
        (User(username="rider"), True, True, False),
        (User(username="ops", is_staff=True), True, True, True),
        (User(username="gone", is_staff=True, is_active=False), True, True, False),
    ],
)
def test_builtin_permissions(user: Any, anyone: bool, authenticated: bool, staff: bool) -> None:
    request = request_for(user)
    assert django_bridge.allow_any(request) is anyone
    assert django_bridge.allow_authenticated(request) is authenticated
    assert django_bridge.allow_staff(request) is staff


def test_default_is_public(client: Any) -> None:
    assert client.get("/docs/").status_code == 200
    assert client.get("/docs/asyncapi.yaml").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/docs/", "/docs/asyncapi.yaml", "/switch/"])
def test_setting_is_honoured_by_both_views(client: Any, settings: Any, url: str) -> None:
    bridge_settings(settings, DOCS_PERMISSION="django_bridge.allow_staff")
    assert client.get(url).status_code == 403
    client.force_login(User.objects.create_user("rider"))
    assert client.get(url).status_code == 403
    client.force_login(User.objects.create_user("ops", is_staff=True))
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_authenticated_permission(client: Any, settings: Any) -> None:
    bridge_settings(settings, DOCS_PERMISSION="django_bridge.allow_authenticated")
    assert client.get("/docs/asyncapi.yaml").status_code == 403
    client.force_login(User.objects.create_user("rider"))
    assert client.get("/docs/asyncapi.yaml").status_code == 200


def test_view_permission_overrides_the_setting(client: Any) -> None:
    assert client.get("/staff/asyncapi.yaml").status_code == 403
    assert client.get("/docs/asyncapi.yaml").status_code == 200


def test_a_callable_works_as_the_setting(client: Any, settings: Any) -> None:
    bridge_settings(settings, DOCS_PERMISSION=lambda request: request.headers.get("X-Team") == "api")
    assert client.get("/docs/").status_code == 403
    assert client.get("/docs/", HTTP_X_TEAM="api").status_code == 200


def test_restricted_specs_are_not_cached_by_shared_caches(client: Any, settings: Any) -> None:
    assert client.get("/docs/asyncapi.yaml")["Cache-Control"] == "no-cache"
    bridge_settings(settings, DOCS_PERMISSION=django_bridge.allow_any)  # the callable itself is public too
    assert client.get("/docs/asyncapi.yaml")["Cache-Control"] == "no-cache"
    bridge_settings(settings, DOCS_PERMISSION=lambda request: True)
    assert "private" in client.get("/docs/asyncapi.yaml")["Cache-Control"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nowhere", "dotted path"),
        ("django_bridge.nope", "cannot be imported"),
        ("django.conf.global_settings.DEBUG", "not callable"),
        ("django_bridge.access.allow_staff", "the built-ins are named 'django_bridge.allow_staff' now"),
    ],
)
def test_bad_permission_setting_is_explained(settings: Any, value: str, message: str) -> None:
    bridge_settings(settings, DOCS_PERMISSION=value)
    with pytest.raises(ImproperlyConfigured, match=message):
        AsyncAPIDocView.as_view()(RequestFactory().get("/docs/"))
