"""The docs' system checks, called directly (apps.py registers them)."""

from __future__ import annotations

from typing import Any

from .conftest import bridge_checks, bridge_settings


def ids(messages: list[Any]) -> list[str]:
    return sorted(message.id for message in messages)


def test_public_docs_in_production_are_a_deploy_warning(settings: Any) -> None:
    settings.DEBUG = False
    messages = bridge_checks(deploy=True)
    assert ids(messages) == ["django_bridge.W001"]
    assert "/docs/asyncapi.yaml" in messages[0].msg
    assert "allow_staff" in messages[0].hint


def test_no_warning_in_debug_or_when_restricted(settings: Any) -> None:
    assert bridge_checks(deploy=True) == []  # DEBUG is on
    settings.DEBUG = False
    bridge_settings(settings, DOCS_PERMISSION="django_bridge.allow_staff")
    # /staff/ is restricted by its view, every other view by the setting
    assert bridge_checks(deploy=True) == []


def test_only_views_that_are_public_are_named(settings: Any) -> None:
    settings.DEBUG = False
    bridge_settings(settings, DOCS_PERMISSION="django_bridge.allow_any")
    [warning] = bridge_checks(deploy=True)
    assert "/staff/asyncapi.yaml" not in warning.msg


def test_no_warning_when_no_docs_view_is_mounted(settings: Any) -> None:
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.views.empty_urls"
    assert bridge_checks(deploy=True) == []


def test_try_it_out_in_production(settings: Any) -> None:
    settings.DEBUG = False
    bridge_settings(settings, DOCS_PERMISSION="django_bridge.allow_staff", TRY_IT_OUT_ENABLED=True)
    assert ids(bridge_checks(deploy=True)) == ["django_bridge.W002"]
    bridge_settings(settings, TRY_IT_OUT_ALLOW_IN_PRODUCTION=True)
    assert ids(bridge_checks(deploy=True)) == ["django_bridge.W003"]


def test_bad_permission_is_an_error_at_startup(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.views.empty_urls"
    assert bridge_checks() == []
    bridge_settings(settings, DOCS_PERMISSION="django_bridge.missing")
    [error] = bridge_checks()
    assert error.id == "django_bridge.E001"
    assert "django_bridge.missing" in error.msg


def test_manage_py_check_deploy_reports_public_docs(settings: Any) -> None:
    """apps.py registers the checks: ``manage.py check --deploy`` shows the warning."""
    import pytest
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.DEBUG = False
    with pytest.raises(SystemCheckError, match=r"django_bridge\.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING")
