"""System checks for the docs views (``manage.py check``, ``check --deploy``).

``check_settings`` runs always: a docs permission that cannot be imported is an error at startup
(E001), not a 500 on the first docs request; a mounted spec view whose consumer cannot be imported
or whose spec cannot be built (a dotted-path typo, a payload no converter can describe) is a
warning (W004) with the file and line. A warning, not an error, because an error stops
``runserver`` and ``migrate``: a broken docs page must not keep the rest of the site from
starting or deploying. ``check_deploy`` runs with ``--deploy``: public docs, and
try-it-out in production, are things to decide on purpose.

``DjangoBridgeConfig.ready`` registers them::

    checks.register(check_settings, "django_bridge")
    checks.register(check_deploy, checks.Tags.security, deploy=True)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning
from django.core.exceptions import ImproperlyConfigured


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """E001: DOCS_PERMISSION or another docs setting is wrong; W004: a spec view cannot build its spec."""
    from ..conf import get_settings
    from ..errors import ConfigurationError
    from .access import resolve_permission

    try:
        resolve_permission(get_settings().DOCS_PERMISSION)
    except (ImproperlyConfigured, ConfigurationError) as exc:
        return [Error(str(exc), hint="see the settings reference of django_bridge", id="django_bridge.E001")]
    return check_spec_views()


def check_spec_views() -> list[CheckMessage]:
    """W004 for every mounted ``AsyncAPISpecView`` whose spec cannot be built, with the file and
    line of the cause. The spec is built into the views' cache, so the work is not lost: with
    SERVERS or WS_HOST set, the first request is answered from it (its key is the same)."""
    from asyncapi_tools import AsyncAPIToolsError

    from .spec_view import AsyncAPISpecView

    messages: list[CheckMessage] = []
    for route, view_class, initkwargs in _mounted_views():
        if not issubclass(view_class, AsyncAPISpecView):
            continue
        try:
            view_class(**initkwargs).prepare()
        except AsyncAPIToolsError as exc:
            found = exc.as_diagnostic()
            messages.append(
                Warning(
                    f"the AsyncAPI spec at {route} cannot be built: {found.location}: {found.message}",
                    hint=found.hint,
                    id="django_bridge.W004",
                )
            )
    return messages


def check_deploy(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """W001 public docs, W002 try-it-out silently refused, W003 try-it-out allowed in production."""
    from ..conf import get_settings
    from ..errors import ConfigurationError
    from .access import is_public

    if settings.DEBUG:
        return []
    try:
        docs = get_settings()
    except (ImproperlyConfigured, ConfigurationError):
        return []  # check_settings reports it
    messages: list[CheckMessage] = []
    mounted = list(_mounted_docs_views())
    public = [name for name, permission in mounted if is_public(permission if permission is not None else docs.DOCS_PERMISSION)]
    if public:
        messages.append(
            Warning(
                f"the AsyncAPI docs are public: anyone can read {', '.join(sorted(set(public)))}",
                hint=(
                    "set CHANNELS_SPECTACULAR_SETTINGS['DOCS_PERMISSION'] to 'django_bridge.allow_staff' "
                    "(or allow_authenticated, or your own callable), or pass permission=... to the views; "
                    "keep allow_any only if publishing the API is intended"
                ),
                id="django_bridge.W001",
            )
        )
    if docs.TRY_IT_OUT_ENABLED and not docs.TRY_IT_OUT_ALLOW_IN_PRODUCTION:
        messages.append(
            Warning(
                "TRY_IT_OUT_ENABLED is True but DEBUG is False, so the docs page leaves try-it-out out",
                hint="set TRY_IT_OUT_ENABLED to False in production, or TRY_IT_OUT_ALLOW_IN_PRODUCTION to True on purpose",
                id="django_bridge.W002",
            )
        )
    if docs.TRY_IT_OUT_ENABLED and docs.TRY_IT_OUT_ALLOW_IN_PRODUCTION:
        messages.append(
            Warning(
                "try-it-out is enabled in production: the docs page opens real WebSocket connections",
                hint="restrict DOCS_PERMISSION to people who may use the API, or turn TRY_IT_OUT_ALLOW_IN_PRODUCTION off",
                id="django_bridge.W003",
            )
        )
    return messages


def _mounted_docs_views() -> Iterator[tuple[str, Any]]:
    """``(route, view permission or None)`` for every docs view in the URLconf."""
    for route, view_class, initkwargs in _mounted_views():
        yield route, initkwargs.get("permission", getattr(view_class, "permission", None))


def _mounted_views() -> Iterator[tuple[str, type, dict[str, Any]]]:
    """``(route, view class, as_view keyword arguments)`` for every docs view in the URLconf."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from .doc_view import AsyncAPIDocView
    from .spec_view import AsyncAPISpecView

    try:
        patterns = get_resolver().url_patterns
    except Exception:  # a broken URLconf is reported by Django's own checks
        return

    def walk(items: Any, prefix: str) -> Iterator[tuple[str, type, dict[str, Any]]]:
        for item in items:
            if isinstance(item, URLResolver):
                yield from walk(item.url_patterns, prefix + str(item.pattern))
            elif isinstance(item, URLPattern):
                view_class = getattr(item.callback, "view_class", None)
                if isinstance(view_class, type) and issubclass(view_class, AsyncAPIDocView | AsyncAPISpecView):
                    yield "/" + prefix + str(item.pattern), view_class, dict(getattr(item.callback, "view_initkwargs", {}) or {})

    yield from walk(patterns, "")
