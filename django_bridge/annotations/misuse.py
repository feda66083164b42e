"""Handlers that cannot be documented as written: refused when decorated, or reported per class.

Two moments, because the decorator sees only the function:

- decoration time (:func:`refuse_target`, raises :class:`~django_bridge.errors.DecoratorError` at
  import, pointing at the handler's line): Channels' own lifecycle methods (``connect``,
  ``receive_json``, ...), a ``staticmethod`` / ``classmethod``, a name with a leading underscore;
- class time (:func:`consumer_findings`, warnings for generation, discovery and
  ``manage.py check``): what depends on the consumer class, such as a plain ``def`` handler on an
  async consumer, or ``@staticmethod`` put above the decorator.

Nothing here imports Django or Channels at decoration time: decorating must stay free.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic

__all__ = ["LIFECYCLE", "consumer_findings", "refuse_target"]

#: Channels' consumer methods that are not the handler of one kind of frame, and when Channels
#: calls them (the reason shown to the user).
LIFECYCLE: dict[str, str] = {
    "connect": "when the client opens the WebSocket",
    "websocket_connect": "when the client opens the WebSocket",
    "accept": "to accept the handshake",
    "disconnect": "when the connection closes",
    "websocket_disconnect": "when the connection closes",
    "close": "to close the connection",
    "receive": "for every frame the client sends, whatever its kind",
    "receive_json": "for every frame the client sends, whatever its kind",
    "websocket_receive": "for every frame the client sends, whatever its kind",
    "send": "to send any frame",
    "send_json": "to send any frame",
    "encode_json": "to encode every frame",
    "decode_json": "to decode every frame",
    "dispatch": "to route every message to a handler",
}

_CONNECTION = {"connect", "websocket_connect", "accept", "disconnect", "websocket_disconnect", "close"}
_RECEIVING = {"receive", "receive_json", "websocket_receive", "decode_json", "dispatch"}


def refuse_target(target: Any, decorator: str) -> None:
    """Raise DecoratorError when ``target`` cannot be a documented handler whatever its class."""
    func = getattr(target, "__func__", target)
    name = getattr(func, "__name__", "")
    qualname = getattr(func, "__qualname__", name)
    if isinstance(target, staticmethod | classmethod):
        kind = type(target).__name__
        raise _error(
            func,
            f"{decorator} cannot document the {kind} {qualname}: Channels calls handlers on the consumer instance",
            f"drop @{kind} and take self: async def {name}(self, content)",
        )
    if name in LIFECYCLE:
        raise _error(func, f"{decorator} cannot document {qualname}: Channels calls {name}() {LIFECYCLE[name]}", _lifecycle_hint(name, decorator))
    if name.startswith("_"):
        raise _error(
            func,
            f"{decorator} cannot document {qualname}: a name with a leading underscore is private, and Channels "
            "refuses to dispatch a message type that starts with '_'",
            f"decorate the public method that handles the frame (rename it to {name.lstrip('_') or 'handle_<name>'})",
        )


def _lifecycle_hint(name: str, decorator: str) -> str:
    if name in _CONNECTION:
        return "describe the connection with @document_channel on the consumer class; decorate the handler of each frame kind"
    if name in _RECEIVING:
        return (
            f"put {decorator} on the method that {name}() dispatches one kind of frame to "
            "(e.g. handle_chat_message), one decorated method per frame kind"
        )
    return f"put {decorator} on the method that builds and sends one kind of frame (e.g. the group handler chat_message)"


def consumer_findings(consumer: type) -> list[Diagnostic]:
    """Warnings about the documented handlers of ``consumer`` that depend on the class: a plain
    ``def`` on an async consumer (Channels awaits it: TypeError at run time), an ``async def`` on a
    sync consumer (never awaited: its body never runs), a ``@staticmethod`` above the decorator."""
    from .decorators import handler_doc

    findings: list[Diagnostic] = []
    seen: set[str] = set()
    for klass in consumer.__mro__:  # the nearest definition of each name is the one Channels calls
        for attr, value in vars(klass).items():
            if attr in seen:
                continue
            seen.add(attr)
            doc = handler_doc(value)
            problem = _class_problem(consumer, attr, value, doc.kind) if doc is not None else None
            if problem is not None:
                findings.append(_finding(consumer, attr, getattr(value, "__func__", value), *problem))
    return findings


def _class_problem(consumer: type, attr: str, value: Any, kind: str) -> tuple[str, str, str] | None:
    """``(code, message, hint)`` when the handler ``attr`` cannot run as written on ``consumer``."""
    from asgiref.sync import iscoroutinefunction
    from channels.consumer import AsyncConsumer, SyncConsumer

    where = f"{consumer.__name__}.{attr}"
    if isinstance(value, staticmethod | classmethod):
        wrapper = type(value).__name__
        return (
            "handler-not-method",
            f"{where} is a {wrapper}: Channels calls handlers on the consumer instance",
            f"drop @{wrapper} and take self: async def {attr}(self, content)",
        )
    is_coroutine = iscoroutinefunction(value)
    if issubclass(consumer, AsyncConsumer) and not is_coroutine:
        why = (
            "Channels awaits the handler of a group message, so it fails with TypeError"
            if kind == "event"
            else "awaiting it from receive_json() fails with TypeError, and it cannot await send_json()"
        )
        return (
            "handler-not-async",
            f"{where} is a plain def on the async consumer {consumer.__name__}: {why}",
            f"write async def {attr}(...), or subclass a sync consumer such as JsonWebsocketConsumer",
        )
    if issubclass(consumer, SyncConsumer) and is_coroutine:
        return (
            "handler-not-sync",
            f"{where} is an async def on the sync consumer {consumer.__name__}: Channels calls it without awaiting, "
            "so its body never runs",
            f"write def {attr}(...), or subclass an async consumer such as AsyncJsonWebsocketConsumer",
        )
    return None


def _finding(consumer: type, attr: str, func: Callable[..., Any], code: str, message: str, hint: str) -> Diagnostic:
    from asyncapi_tools import Diagnostic

    from ..locations import display_path, function_location

    file, line = function_location(func)
    return Diagnostic(
        code=code,
        message=message,
        severity="warning",
        file=display_path(file),
        line=line,
        hint=hint,
        breadcrumb=f"{consumer.__name__} > {attr}",
    )


def _error(func: Any, message: str, hint: str) -> Exception:
    from ..errors import DecoratorError
    from ..locations import function_location

    file, line = function_location(func)
    return DecoratorError(message, file=file, line=line, hint=hint)


#: ``manage.py check`` ids of the findings above.
CHECK_IDS: dict[str, str] = {
    "handler-not-async": "django_bridge.W101",
    "handler-not-sync": "django_bridge.W102",
    "handler-not-method": "django_bridge.W103",
}


def check_consumers(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """System check (W101-W103): :func:`consumer_findings` for every documented consumer of
    ``settings.ASGI_APPLICATION``, so ``manage.py check`` reports them before the first connection;
    E101 when a decorator refused a handler while the routing was imported. Silent when the
    setting is absent or broken otherwise: ``export_asyncapi`` and the docs views report that."""
    from django.conf import settings
    from django.core.checks import Error as CheckError
    from django.core.checks import Warning as CheckWarning

    from ..discovery.routing import discover, documented
    from ..errors import ConfigurationError, DecoratorError

    if not getattr(settings, "ASGI_APPLICATION", None):
        return []
    try:
        routes = documented(discover())
    except DecoratorError as exc:  # a decorator refused a handler while the routing was imported
        return [CheckError(exc.message, hint=exc.hint, obj=f"{exc.file}:{exc.line}", id="django_bridge.E101")]
    except ConfigurationError:
        return []
    messages: list[Any] = []
    for consumer in dict.fromkeys(route.consumer for route in routes):
        for finding in consumer_findings(consumer):
            location = f"{finding.file}:{finding.line}: " if finding.file else ""
            messages.append(CheckWarning(location + finding.message, hint=finding.hint, obj=consumer, id=CHECK_IDS[finding.code]))
    return messages
