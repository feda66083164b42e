"""Who may see the docs: one callable taking the request, honoured by both docs views.

The ``DOCS_PERMISSION`` setting names the callable (a dotted path, or the callable itself); a
view's ``permission`` attribute overrides it for that view. The built-ins cover the usual cases;
a project can write its own, e.g. "members of the api-partners group". A refusal is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse

Permission = Callable[[HttpRequest], bool]

#: The default, as in the reference package: the docs are public (``check --deploy`` warns).
ALLOW_ANY = "django_bridge.allow_any"


def allow_any(request: HttpRequest) -> bool:
    """Everyone, signed in or not."""
    return True


def allow_authenticated(request: HttpRequest) -> bool:
    """Signed-in users (needs ``AuthenticationMiddleware``; without it nobody is signed in)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def allow_staff(request: HttpRequest) -> bool:
    """Active staff users, the people who may use the admin."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


BUILT_INS = ("allow_any", "allow_authenticated", "allow_staff")


def resolve_permission(permission: str | Permission) -> Permission:
    """The callable a dotted path names (or the callable itself), checked to be callable."""
    if callable(permission):
        return permission
    if not isinstance(permission, str) or "." not in permission:
        raise ImproperlyConfigured(
            f"DOCS_PERMISSION is {permission!r}: give a dotted path to a callable taking the request, "
            f"e.g. {ALLOW_ANY!r}, 'django_bridge.allow_authenticated' or 'django_bridge.allow_staff'"
        )
    from django.utils.module_loading import import_string

    try:
        found: Any = import_string(permission)
    except ImportError as exc:
        moved = ""
        # the built-ins lived in django_bridge.access before the package had rooms
        module, _, name = permission.rpartition(".")
        if module == "django_bridge.access" and name in BUILT_INS:
            moved = f"; the built-ins are named 'django_bridge.{name}' now"
        raise ImproperlyConfigured(f"DOCS_PERMISSION {permission!r} cannot be imported: {exc}{moved}") from exc
    if not callable(found):
        raise ImproperlyConfigured(f"DOCS_PERMISSION {permission!r} is not callable; point it at a function taking the request")
    return cast(Permission, found)  # callable, and documented to take the request


def check_access(request: HttpRequest, permission: str | Permission) -> None:
    """Raise ``PermissionDenied`` (a 403) unless ``permission`` admits the request."""
    if not resolve_permission(permission)(request):
        raise PermissionDenied("You may not see this API documentation.")


def is_public(permission: str | Permission) -> bool:
    """True when ``permission`` is the built-in that admits everyone (for the deploy check)."""
    try:
        return resolve_permission(permission) is allow_any
    except ImproperlyConfigured:
        return False


class DocsAccessMixin:
    """Ask the docs permission before anything else; the view's ``permission`` wins over the setting."""

    permission: str | Permission | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        check_access(request, self.docs_permission())
        response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        return response

    def docs_permission(self) -> str | Permission:
        """The permission in effect: the view's own, else the DOCS_PERMISSION setting."""
        from ..conf import get_settings

        return self.permission if self.permission is not None else get_settings().DOCS_PERMISSION
