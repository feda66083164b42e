"""Find the WebSocket consumers of a Channels project in its ASGI routing, with their addresses.

Users should not have to list their consumers twice. :func:`discover` walks what
``settings.ASGI_APPLICATION`` (or a given application) is built from::

    ProtocolTypeRouter ─ "websocket" ─> middleware (AuthMiddlewareStack, OriginValidator, any
    wrapper exposing ``inner`` / ``app`` / ``application``) ─> URLRouter ─> path()/re_path() ─>
    nested URLRouters (prefixes accumulated) ─> Consumer.as_asgi()  (``consumer_class``)

and returns one :class:`Route` per reachable (consumer, address), in routing order: a consumer
mounted at two paths gives two routes. Each ``path()`` / ``re_path()`` segment is read by
:func:`django_bridge.discovery.addresses.parse`, the parser explicit channel paths go through too: its
parameters become ``{name}`` expressions with a JSON Schema each (from the converter or the
group's regex).

Nothing here raises because of what a route points at: a plain ASGI callable, a consumer class
mounted without ``as_asgi()``, a regex that is not a plain path are skipped or approximated with a
:class:`~asyncapi_tools.Diagnostic` (``diagnostics=`` collects them). Only a missing or broken
``ASGI_APPLICATION`` setting is an error: there is nothing to walk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..annotations.channel_metadata import channel_doc
from ..annotations.decorators import documented_handlers
from ..locations import class_location, display_path, route_location
from . import addresses

__all__ = ["INNER_ATTRIBUTES", "STACKS", "Route", "discover", "documented"]

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic, Severity

#: Attributes through which middleware reaches the application it wraps, tried in this order.
INNER_ATTRIBUTES = ("inner", "app", "application")

#: Channels' middleware factories build these chains; the breadcrumb names the factory instead.
STACKS: dict[tuple[str, ...], str] = {
    ("channels.sessions.CookieMiddleware", "channels.sessions.SessionMiddleware", "channels.auth.AuthMiddleware"): "AuthMiddlewareStack",
    ("channels.sessions.CookieMiddleware", "channels.sessions.SessionMiddleware"): "SessionMiddlewareStack",
}

@dataclass(frozen=True)
class Route:
    """One consumer reachable at one WebSocket address."""

    consumer: type
    #: The address with ``{name}`` expressions, starting with ``/`` (``/ws/rides/{ride_id}/``).
    path: str
    #: Parameter name → JSON Schema, in address order.
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False)
    #: How the routing reaches the consumer, for messages:
    #: ``websocket > AuthMiddlewareStack > URLRouter > path 'ws/' > URLRouter > path 'rides/<int:id>/'``.
    origin: str = ""


def discover(application: Any = None, *, diagnostics: list[Diagnostic] | None = None) -> list[Route]:
    """Every consumer route of ``application`` (default: ``settings.ASGI_APPLICATION``), in order.

    Findings (skipped routes, approximated regexes, unnamed groups) are appended to
    ``diagnostics`` when a list is given. Raises ConfigurationError only when the setting is
    missing or cannot be imported.
    """
    source = None
    if application is None:
        application, source = _asgi_application()
    walker = _Walker(source=source)
    walker.walk(application, prefix="", parameters={}, crumbs=())
    if diagnostics is not None:
        diagnostics.extend(walker.notes)
    return walker.routes


def documented(routes: Iterable[Route], *, diagnostics: list[Diagnostic] | None = None) -> list[Route]:
    """The routes whose consumer documents something: a ``@document_action`` / ``@document_event``
    handler (its own or inherited) or a ``@document_channel`` decorator.

    The others are left out with an ``info`` note each, so that a plain consumer in the routing
    never breaks generation. When *nothing* is left, the reasons are the answer rather than
    details: a ``discovery-empty`` warning counts the routes found, and every skip reason of the
    discovery (the notes already in ``diagnostics`` and one per undocumented route) becomes a
    warning, so ``export_asyncapi`` prints them and ``--fail-on-warn`` fails. The documented
    consumers' class-level mistakes (:func:`~django_bridge.annotations.misuse.consumer_findings`) are
    reported too."""
    from ..annotations.misuse import consumer_findings

    routes = list(routes)
    kept: list[Route] = []
    skipped: list[Diagnostic] = []
    for route in routes:
        if channel_doc(route.consumer) is not None or next(iter(documented_handlers(route.consumer)), None) is not None:
            kept.append(route)
            continue
        file, line = class_location(route.consumer)
        skipped.append(
            _note(
                "route-undocumented",
                f"{route.consumer.__name__} at {route.path!r} documents nothing; it is left out of the document",
                severity="info",
                origin=route.origin,
                hint="decorate its handlers with @document_action / @document_event, or the class with @document_channel",
                file=file,
                line=line,
            )
        )
    if diagnostics is None:
        return kept
    if kept:
        diagnostics.extend(skipped)
        for consumer in dict.fromkeys(route.consumer for route in kept):
            diagnostics.extend(consumer_findings(consumer))
        return kept
    diagnostics[:] = [_as_warning(d) if d.code.startswith(SKIP_CODE_PREFIXES) else d for d in diagnostics]
    found = f"{len(routes)} consumer route{'s' if len(routes) != 1 else ''}, and none documents anything" if routes else "no consumer route"
    diagnostics.append(
        _note(
            "discovery-empty",
            f"routing discovery found {found}: the document has no channels",
            severity="warning",
            origin="",
            hint=(
                "decorate the handlers with @document_action / @document_event (or the class with @document_channel); "
                "the warnings around this one say why each route was skipped"
                if routes
                else "mount Consumer.as_asgi() in a URLRouter under the \"websocket\" key of the ProtocolTypeRouter; "
                "the warnings around this one say what discovery met instead"
            ),
        )
    )
    diagnostics.extend(_as_warning(note) for note in skipped)
    return kept


#: Codes of the notes discovery writes (skip reasons among them): raised to warnings when nothing
#: is documented.
SKIP_CODE_PREFIXES = ("route-", "routing-")


def _as_warning(note: Diagnostic) -> Diagnostic:
    from dataclasses import replace

    return replace(note, severity="warning") if note.severity == "info" else note


# -- walking ------------------------------------------------------------------------------------


class _Walker:
    """One depth-first walk; collects routes and notes in routing order."""

    def __init__(self, *, source: str | None) -> None:
        #: The module the routing comes from (for the notes' file), when known.
        self.source = source
        self.routes: list[Route] = []
        self.notes: list[Diagnostic] = []
        self._active: set[int] = set()  # ids of the objects on the current chain (cycle guard)
        self._seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        #: The route being walked and its pattern's text: a note about it (or about what it
        #: mounts) names the line of its path()/re_path(), found only when a note is made.
        self._route_at: tuple[Any, str] | None = None
        self._located: dict[int, tuple[str | None, int | None]] = {}  # routes stay alive: walked

    def walk(self, app: Any, *, prefix: str, parameters: dict[str, dict[str, Any]], crumbs: tuple[str, ...]) -> None:
        if id(app) in self._active:
            self._note("routing-cycle", f"{_name(app)} contains itself; the repeated part is not walked again", crumbs, hint="check the middleware's inner application")
            return
        self._active.add(id(app))
        try:
            self._visit(app, prefix=prefix, parameters=parameters, crumbs=crumbs)
        finally:
            self._active.discard(id(app))

    def _visit(self, app: Any, *, prefix: str, parameters: dict[str, dict[str, Any]], crumbs: tuple[str, ...]) -> None:
        from channels.routing import ProtocolTypeRouter

        consumer = getattr(app, "consumer_class", None)
        if isinstance(consumer, type):
            self._add(consumer, prefix, parameters, crumbs)
        elif isinstance(app, type):
            self._note(
                "route-not-asgi",
                f"the route points at the class {app.__name__}, which Channels 3+ cannot serve",
                crumbs,
                hint=f"mount {app.__name__}.as_asgi() instead",
            )
        elif isinstance(app, ProtocolTypeRouter):
            websocket = app.application_mapping.get("websocket")
            if websocket is None:
                self._note("routing-no-websocket", "the ProtocolTypeRouter has no \"websocket\" application", crumbs, severity="info", hint="add \"websocket\": URLRouter([...]) to it")
            else:
                self.walk(websocket, prefix=prefix, parameters=parameters, crumbs=(*crumbs, "websocket"))
        elif _is_router(app):
            for route in app.routes:
                self._route(route, prefix=prefix, parameters=parameters, crumbs=(*crumbs, type(app).__name__))
        else:
            inner, label = _unwrap(app)
            if inner is None:
                self._note(
                    "route-not-consumer",
                    f"{_name(app)} is not a consumer (no consumer_class) nor a router or middleware; it is skipped",
                    crumbs,
                    severity="info",
                    hint="mount Consumer.as_asgi(), or give custom middleware an `inner` attribute",
                )
            else:
                self.walk(inner, prefix=prefix, parameters=parameters, crumbs=(*crumbs, label))

    def _route(self, route: Any, *, prefix: str, parameters: dict[str, dict[str, Any]], crumbs: tuple[str, ...]) -> None:
        from django.urls.resolvers import RegexPattern, RoutePattern

        pattern = getattr(route, "pattern", None)
        if isinstance(pattern, RoutePattern):
            text = str(pattern)  # the route as written
            step = f"path '{text}'"
            address = addresses.parse(text, syntax="route", converters=pattern.converters)
        elif isinstance(pattern, RegexPattern):
            text = str(pattern)  # the regex as written
            step = f"re_path '{text}'"
            address = addresses.parse(text, syntax="regex")
        else:
            step = f"{type(pattern).__name__} '{pattern}'"
            self._note("route-pattern-unsupported", f"cannot read a {type(pattern).__name__} route", (*crumbs, step), hint="use path() or re_path()")
            return
        outer, self._route_at = self._route_at, (route, text)
        try:
            self._walk_route(route, address, step, prefix=prefix, parameters=parameters, crumbs=crumbs)
        finally:
            self._route_at = outer

    def _walk_route(
        self, route: Any, address: addresses.Address, step: str, *, prefix: str, parameters: dict[str, dict[str, Any]], crumbs: tuple[str, ...]
    ) -> None:
        for finding in address.findings:
            skipped = "; the route is skipped" if finding.code == addresses.UNSUPPORTED else ""
            self._note(finding.code, finding.message + skipped, (*crumbs, step), hint=finding.hint)
        if not address.reversible:
            return
        merged = dict(parameters)
        for parameter in address.parameters:
            if parameter.name in merged:
                self._note(
                    "route-parameter-repeated",
                    f"parameter {parameter.name!r} appears twice in the address; the inner value wins in the scope, the first is documented",
                    (*crumbs, step),
                    hint="rename one of the two",
                )
                continue
            # a `{name}` in a path() route says nothing about its values: one segment, like <str:name>
            merged[parameter.name] = parameter.schema if parameter.schema is not None else {"type": "string", "pattern": "^[^/]+$"}
        self.walk(route.callback, prefix=prefix + address.text, parameters=merged, crumbs=(*crumbs, step))

    def _add(self, consumer: type, prefix: str, parameters: dict[str, dict[str, Any]], crumbs: tuple[str, ...]) -> None:
        path = "/" + prefix.lstrip("/")
        order = {name: path.find("{" + name + "}") for name in parameters}
        ordered = {name: parameters[name] for name in sorted(parameters, key=lambda name: order[name])}
        key = (path, tuple((name, repr(schema)) for name, schema in ordered.items()))
        if key in self._seen:
            self._note(
                "route-shadowed",
                f"{consumer.__name__} at {path!r} can never be reached: an earlier route matches the same paths",
                crumbs,
                hint="remove the route or change its path",
            )
            return
        self._seen.add(key)
        self.routes.append(Route(consumer=consumer, path=path, parameters=ordered, origin=" > ".join(crumbs)))

    def _note(self, code: str, message: str, crumbs: tuple[str, ...], *, hint: str, severity: Severity = "warning") -> None:
        file, line = self.source, None
        if self._route_at is not None:
            route, text = self._route_at
            if id(route) not in self._located:  # one search of the loaded modules per route
                self._located[id(route)] = route_location(route, text)
            found, found_line = self._located[id(route)]
            if found is not None:
                file, line = found, found_line
        self.notes.append(_note(code, message, severity=severity, origin=" > ".join(crumbs), hint=hint, file=file, line=line))


def _asgi_application() -> tuple[Any, str | None]:
    """The application named by ``settings.ASGI_APPLICATION`` and the file of its module."""
    import sys

    from django.conf import settings

    from ..errors import ConfigurationError
    from .dotted import import_dotted

    dotted = getattr(settings, "ASGI_APPLICATION", None)
    file = _settings_file()
    if not dotted or not isinstance(dotted, str):
        raise ConfigurationError(
            "settings.ASGI_APPLICATION is not set, so there is no routing to discover consumers in",
            file=file,
            hint="set ASGI_APPLICATION = \"myproject.asgi.application\", or pass the application to discover()",
        )
    try:
        # Channels reads the setting with import_string: the colon spelling is not offered here
        application = import_dotted(dotted, what="settings.ASGI_APPLICATION =", example='"myproject.asgi.application"', colon=False)
    except ConfigurationError as exc:
        # where the import failed, when it did; else the settings file that names the path
        raise ConfigurationError(exc.message, file=exc.file or file, line=exc.line, hint=exc.hint) from exc
    module = sys.modules.get(dotted.rpartition(".")[0])
    return application, display_path(getattr(module, "__file__", None))


def _settings_file() -> str | None:
    import sys

    from django.conf import settings

    module = sys.modules.get(getattr(settings, "SETTINGS_MODULE", None) or "")
    return getattr(module, "__file__", None)


# -- what an ASGI object is -----------------------------------------------------------------------


def _is_router(app: Any) -> bool:
    from channels.routing import URLRouter

    if isinstance(app, URLRouter):
        return True
    routes = getattr(app, "routes", None)
    return isinstance(routes, list | tuple) and all(hasattr(r, "pattern") and hasattr(r, "callback") for r in routes)


def _unwrap(app: Any) -> tuple[Any, str]:
    """The application ``app`` wraps and the breadcrumb for ``app`` (Channels' stacks by name)."""
    chain = [_qualified(app)]
    inner = _inner(app)
    for names, label in STACKS.items():
        cursor, matched = inner, list(chain)
        while len(matched) < len(names) and cursor is not None and _qualified(cursor) == names[len(matched)]:
            matched.append(_qualified(cursor))
            cursor = _inner(cursor)
        if tuple(matched) == names and cursor is not None:
            return cursor, label
    return inner, type(app).__name__


def _inner(app: Any) -> Any:
    for attr in INNER_ATTRIBUTES:
        inner = getattr(app, attr, None)
        if inner is not None and callable(inner):
            return inner
    return None


def _qualified(obj: Any) -> str:
    klass = type(obj)
    return f"{klass.__module__}.{klass.__qualname__}"


def _name(app: Any) -> str:
    return getattr(app, "__qualname__", None) or type(app).__name__


# -- notes -------------------------------------------------------------------------------------------


def _note(
    code: str,
    message: str,
    *,
    severity: Severity,
    origin: str,
    hint: str,
    file: str | None = None,
    line: int | None = None,
) -> Diagnostic:
    from asyncapi_tools import Diagnostic

    return Diagnostic(code=code, message=message, severity=severity, hint=hint, breadcrumb=origin or None, file=display_path(file), line=line)
