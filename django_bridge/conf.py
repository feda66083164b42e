"""``CHANNELS_SPECTACULAR_SETTINGS``: typed defaults, read lazily, checked, cached.

The :class:`BridgeSettings` dataclass below *is* the settings reference: every key, its type, its
default and a comment saying what it does. Projects set any subset in
``settings.CHANNELS_SPECTACULAR_SETTINGS``; an unknown key or a value of the wrong type is a
:class:`~django_bridge.errors.ConfigurationError` with a did-you-mean, never silently ignored.

The merged settings are cached and the cache is dropped when Django's ``setting_changed`` fires
(``override_settings`` in tests), so :func:`get_settings` is cheap to call per request.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

SETTINGS_NAME = "CHANNELS_SPECTACULAR_SETTINGS"


@dataclass(frozen=True)
class BridgeSettings:
    """Every key of ``CHANNELS_SPECTACULAR_SETTINGS`` with its default."""

    # info.title of the generated document, and the <title> of the docs page.
    TITLE: str = "WebSocket API"
    # info.version: the version of *your* API (a string, e.g. "1.0.0"), not AsyncAPI's.
    VERSION: str = "1.0.0"
    # info.description (Markdown); left out of the document when empty.
    DESCRIPTION: str = ""
    # The WebSocket path of a single consumer when the generator is given none, e.g. "/ws/dispatch/".
    # Django route syntax (<int:ride_id>) and {ride_id} both become a {ride_id} channel parameter.
    CHANNEL_PATH: str = "/"
    # The servers block, e.g. {"production": {"host": "api.example.com", "protocol": "wss"}}.
    # None: views derive one server from the request (WS_HOST / WS_PROTOCOL below).
    SERVERS: dict[str, dict[str, Any]] | None = None
    # Host (with port) of the derived server when SERVERS is None; None means request.get_host().
    WS_HOST: str | None = None
    # "ws" or "wss" for the derived server; None means "wss" on HTTPS requests, else "ws".
    WS_PROTOCOL: Literal["ws", "wss"] | None = None
    # Name of the query parameter that carries a token on the handshake (?token=...): adds an
    # httpApiKey security scheme (in: query), applies it, and documents it in bindings.ws.
    AUTH_QUERY_PARAM: str | None = None
    # Name of the cookie that authenticates the handshake (e.g. "sessionid"): adds an httpApiKey
    # security scheme (in: cookie) and applies it.
    AUTH_COOKIE_NAME: str | None = None
    # Show the try-it-out panel in the docs page (development only: it opens real connections).
    TRY_IT_OUT_ENABLED: bool = False
    # Open the try-it-out panel when the page loads.
    TRY_IT_OUT_EXPANDED: bool = False
    # The AsyncAPI version written into generated documents: "3.0.0" or "3.1.0".
    ASYNCAPI_VERSION: Literal["3.0.0", "3.1.0"] = "3.0.0"
    # Who may see the docs page and the spec: a dotted path to a callable taking the request (or
    # the callable). Built-ins: django_bridge.allow_any / allow_authenticated / allow_staff.
    DOCS_PERMISSION: str | Callable[..., bool] = "django_bridge.allow_any"
    # "local": the vendored viewer files, served as static files (works offline); "cdn": the
    # same pinned version from jsDelivr, with Subresource Integrity hashes.
    VIEWER_ASSETS: Literal["local", "cdn"] = "local"
    # Try-it-out opens real WebSocket connections, so it is refused when DEBUG is False unless
    # this is True as well.
    TRY_IT_OUT_ALLOW_IN_PRODUCTION: bool = False
    # Routing discovery (AsyncAPIGenerator.from_routing, the spec view without consumers,
    # export_asyncapi without --consumer): False skips consumers that document nothing; True lists
    # them as channels without messages (each with a "nothing documented" warning).
    DISCOVER_UNDOCUMENTED: bool = False
    # The shape of frames on the wire, for every consumer that does not declare its own
    # (@document_channel(wire=...)): a dict of the keys that differ from the default
    # {"client_key": "action", "server_key": "type", "envelope": None}. client_key/server_key:
    # the property naming the message in frames the client sends / the server pushes (None: no
    # discriminator); envelope: the property holding the message's fields (None: flat frames).
    WIRE_FORMAT: dict[str, str | None] | None = None
    # The docs page's Content-Security-Policy (django_bridge.web.csp.DEFAULT_POLICY): a dict replaces
    # the sources of the directives it names, e.g. {"img-src": ["'self'", "https://img.example.com"]},
    # and None as a directive's value drops it; the page's nonce, try-it-out's ws:/wss: and the
    # origins of specs on other hosts are added anyway. None sends no header (your own CSP applies).
    DOCS_CSP: dict[str, list[str] | None] | None = field(default_factory=dict)
    # Runtime frame checks of django_bridge.testing.FrameCheckMiddleware: "off"; "log" (each
    # undocumented or invalid frame logged once, with its spec location, on the
    # "django_bridge.frames" logger); "raise" (such a frame fails the connection). None: "log"
    # when DEBUG is on, else "off".
    FRAME_CHECKS: Literal["off", "log", "raise"] | None = None


#: Allowed values for the keys whose type is a ``Literal``.
_CHOICES: dict[str, tuple[Any, ...]] = {
    "WS_PROTOCOL": ("ws", "wss", None),
    "ASYNCAPI_VERSION": ("3.0.0", "3.1.0"),
    "VIEWER_ASSETS": ("local", "cdn"),
    "FRAME_CHECKS": ("off", "log", "raise", None),
}
_TYPES: dict[str, tuple[type, ...]] = {
    "TITLE": (str,),
    "VERSION": (str,),
    "DESCRIPTION": (str,),
    "CHANNEL_PATH": (str,),
    "SERVERS": (dict, type(None)),
    "WS_HOST": (str, type(None)),
    "AUTH_QUERY_PARAM": (str, type(None)),
    "AUTH_COOKIE_NAME": (str, type(None)),
    "TRY_IT_OUT_ENABLED": (bool,),
    "TRY_IT_OUT_EXPANDED": (bool,),
    "TRY_IT_OUT_ALLOW_IN_PRODUCTION": (bool,),
    "DISCOVER_UNDOCUMENTED": (bool,),
    "DOCS_CSP": (dict, type(None)),
}

KEYS: tuple[str, ...] = tuple(f.name for f in fields(BridgeSettings))


def build_settings(user: Mapping[str, Any] | None) -> BridgeSettings:
    """Defaults overlaid with ``user``; raises ConfigurationError on unknown keys or bad values."""
    from .errors import ConfigurationError

    if user is None:
        return BridgeSettings()
    if not isinstance(user, Mapping):
        raise ConfigurationError(
            f"{SETTINGS_NAME} must be a dict, not {type(user).__name__}",
            hint=f"write {SETTINGS_NAME} = {{\"TITLE\": \"My API\"}}",
        )
    for key, value in user.items():
        if key not in KEYS:
            close = difflib.get_close_matches(str(key).upper(), KEYS, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(KEYS)}"
            raise ConfigurationError(f"unknown key {key!r} in {SETTINGS_NAME}", hint=hint)
        if key in _CHOICES and value not in _CHOICES[key]:
            allowed = ", ".join(repr(choice) for choice in _CHOICES[key])
            raise ConfigurationError(f"{SETTINGS_NAME}[{key!r}] is {value!r}", hint=f"use one of {allowed}")
        if key == "DOCS_PERMISSION" and not (isinstance(value, str) or callable(value)):
            raise ConfigurationError(
                f"{SETTINGS_NAME}['DOCS_PERMISSION'] must be a dotted path or a callable, not {type(value).__name__}",
                hint="e.g. 'django_bridge.allow_staff'",
            )
        if key == "WIRE_FORMAT" and value is not None:
            from .annotations import wire

            try:
                wire.check(value)
            except ValueError as exc:
                raise ConfigurationError(
                    f"{SETTINGS_NAME}['WIRE_FORMAT']: {exc}",
                    hint='e.g. {"client_key": "type", "server_key": "type", "envelope": "data"}',
                ) from None
        if key in _TYPES and not isinstance(value, _TYPES[key]):
            wanted = " or ".join("None" if t is type(None) else t.__name__ for t in _TYPES[key])
            raise ConfigurationError(
                f"{SETTINGS_NAME}[{key!r}] must be {wanted}, not {type(value).__name__}",
                hint=f"see the settings reference for {key}",
            )
        if key == "DOCS_CSP" and value is not None:
            from .web.csp import check_overrides

            check_overrides(value)
    return BridgeSettings(**dict(user))


@functools.lru_cache(maxsize=1)
def get_settings() -> BridgeSettings:
    """The project's settings merged over the defaults (cached until a setting changes)."""
    from django.conf import settings

    return build_settings(getattr(settings, SETTINGS_NAME, None))


def clear_cache(*, setting: str | None = None, **_: Any) -> None:
    """Receiver for ``setting_changed``; also callable by hand after changing settings."""
    if setting is None or setting == SETTINGS_NAME:
        get_settings.cache_clear()


def connect_signals() -> None:
    """Drop the cache whenever Django reports a settings change (``override_settings``)."""
    from django.core.signals import setting_changed

    setting_changed.connect(clear_cache, dispatch_uid="django_bridge.conf.clear_cache")
