"""Find the WebSocket consumers of a Channels project in its ASGI routing, with their addresses.

Users should not have to list their consumers twice. :func:`discover` walks what
``settings.ASGI_APPLICATION`` (or a given application) is built from::

    ProtocolTypeRouter ─ "websocket" ─> middleware (AuthMiddlewareStack, OriginValidator, any
    wrapper exposing ``inner`` / ``app`` / ``application``) ─> URLRouter ─> path()/re_path() ─>
    nested URLRouters (prefixes accumulated) ─> Consumer.as_asgi()  (``consumer_class``)

and returns one :class:`Route` per reachable (consumer, address), in routing order: a consumer
mounted at two paths gives two routes. Route parameters become ``{name}`` expressions with a JSON
Schema per parameter (from the ``path()`` converter or the ``re_path`` group's regex).

Nothing here raises because of what a route points at: a plain ASGI callable, a consumer class
mounted without ``as_asgi()``, a regex that is not a plain path are skipped or approximated with a
:class:`~asyncapi_tools.Diagnostic` (``diagnostics=`` collects them). Only a missing or broken
``ASGI_APPLICATION`` setting is an error: there is nothing to walk.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import addresses
from .channel_metadata import channel_doc, class_location
from .decorators import documented_handlers

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic
    from asyncapi_tools._diagnostics import Severity

#: Attributes through which middleware reaches the application it wraps, tried in this order.
INNER_ATTRIBUTES = ("inner", "app", "application")

#: Channels' middleware factories build these chains; the breadcrumb names the factory instead.
STACKS: dict[tuple[str, ...], str] = {
    ("channels.sessions.CookieMiddleware", "channels.sessions.SessionMiddleware", "channels.auth.AuthMiddleware"): "AuthMiddlewareStack",
    ("channels.sessions.CookieMiddleware", "channels.sessions.SessionMiddleware"): "SessionMiddlewareStack",
}

_BUILTIN_CONVERTERS: dict[str, dict[str, Any]] = {
    "django.urls.converters.IntConverter": {"type": "integer", "minimum": 0},
    "django.urls.converters.StringConverter": {"type": "string", "pattern": "^[^/]+$"},
    "django.urls.converters.SlugConverter": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    # Django matches lowercase hex only; `format: uuid` alone would also allow uppercase.
    "django.urls.converters.UUIDConverter": {
        "type": "string",
        "format": "uuid",
        "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
    },
    "django.urls.converters.PathConverter": {"type": "string", "minLength": 1},
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
    handler (its own or inherited) or a ``@document_channel`` decorator. The others are left out,
    with an ``info`` note each, so that a plain consumer in the routing never breaks generation."""
    kept: list[Route] = []
    for route in routes:
        if channel_doc(route.consumer) is not None or next(iter(documented_handlers(route.consumer)), None) is not None:
            kept.append(route)
        elif diagnostics is not None:
            file, line = class_location(route.consumer)
            diagnostics.append(
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
    return kept


def converter_schema(converter: Any) -> dict[str, Any]:
    """JSON Schema of the values a ``path()`` converter accepts.

    Django's own converters have fixed schemas (``int`` → integer ≥ 0, ``uuid`` → lowercase
    UUID string, ...); any other converter is a string matching its ``regex``.
    """
    klass = type(converter)
    builtin = _BUILTIN_CONVERTERS.get(f"{klass.__module__}.{klass.__qualname__}")
    if builtin is not None:
        return copy.deepcopy(builtin)
    regex = getattr(converter, "regex", None)
    return {"type": "string", "pattern": anchored(regex if isinstance(regex, str) else "[^/]+")}


def anchored(regex: str) -> str:
    """``regex`` as a whole-value JSON Schema ``pattern`` (ECMA-262 syntax, anchored both ends)."""
    body = regex.replace("(?P<", "(?<")
    body = re.sub(r"\(\?P=(\w+)\)", r"\\k<\1>", body)
    if "|" in body:
        body = f"(?:{body})"
    return f"^{body}$"


def parameter_object(name: str, schema: Mapping[str, Any]) -> dict[str, Any]:
    """The AsyncAPI 3 Parameter Object for a path parameter described by ``schema``.

    AsyncAPI 3.0 and 3.1 parameters have no ``schema`` field (only description, enum, default,
    examples, location), so the schema is said in words in the description, and ``enum`` /
    ``default`` / ``examples`` are carried over as strings.
    """
    out: dict[str, Any] = {"description": f"Path parameter `{name}`: {_describe(schema)}."}
    if isinstance(schema.get("enum"), list):
        out["enum"] = [str(value) for value in schema["enum"]]
    if "default" in schema:
        out["default"] = str(schema["default"])
    if isinstance(schema.get("examples"), list):
        out["examples"] = [str(value) for value in schema["examples"]]
    return out


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
            text = str(pattern._route)
            step = f"path '{text}'"
            segment: tuple[str, dict[str, dict[str, Any]]] | None = _path_segment(text, pattern.converters)
        elif isinstance(pattern, RegexPattern):
            text = str(pattern._regex)
            step = f"re_path '{text}'"
            segment = self._regex_segment(text, (*crumbs, step))
        else:
            step = f"{type(pattern).__name__} '{pattern}'"
            self._note("route-pattern-unsupported", f"cannot read a {type(pattern).__name__} route", (*crumbs, step), hint="use path() or re_path()")
            return
        if segment is None:
            return
        fragment, own = segment
        merged = dict(parameters)
        for name, schema in own.items():
            if name in merged:
                self._note(
                    "route-parameter-repeated",
                    f"parameter {name!r} appears twice in the address; the inner value wins in the scope, the first is documented",
                    (*crumbs, step),
                    hint="rename one of the two",
                )
                continue
            merged[name] = schema
        self.walk(route.callback, prefix=prefix + fragment, parameters=merged, crumbs=(*crumbs, step))

    def _regex_segment(self, regex: str, crumbs: tuple[str, ...]) -> tuple[str, dict[str, dict[str, Any]]] | None:
        scan = _scan(regex)
        names: list[str] = []
        unnamed = 0
        taken = {group.name for group in scan.groups if group.name}
        for group in scan.groups:
            if group.name:
                names.append(group.name)
                continue
            name = f"arg{unnamed}"
            while name in taken:
                name = f"_{name}"
            taken.add(name)
            unnamed += 1
            names.append(name)
            self._note(
                "route-unnamed-group",
                f"the group ({group.regex}) in {regex!r} has no name; it is documented as {{{name}}}",
                crumbs,
                hint=f"name it: (?P<name>{group.regex})",
            )
        schemas = {name: {"type": "string", "pattern": anchored(group.regex)} for name, group in zip(names, scan.groups, strict=True)}
        if not scan.approximate:
            return scan.render(names), schemas
        text = _reverse_form(regex, names, scan)
        if text is None:
            self._note(
                "route-regex-unsupported",
                f"{regex!r} is not a path with groups (it uses {scan.constructs}), and Django cannot reverse it; the route is skipped",
                crumbs,
                hint="use path() with converters, or a regex of literal text and named groups",
            )
            return None
        used = {name: schemas[name] for name in re.findall(r"\{(\w+)\}", text) if name in schemas}
        self._note(
            "route-regex-approximated",
            f"{regex!r} is not a plain path (it uses {scan.constructs}); this part of the address is documented as {text!r}, the form Django's reverse() builds",
            crumbs,
            hint="use path() with converters, or a regex of literal text and named groups",
        )
        return text, used

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
        self.notes.append(_note(code, message, severity=severity, origin=" > ".join(crumbs), hint=hint, file=self.source))


def _asgi_application() -> tuple[Any, str | None]:
    """The application named by ``settings.ASGI_APPLICATION`` and the file of its module."""
    import sys

    from django.conf import settings
    from django.utils.module_loading import import_string

    from .errors import ConfigurationError

    dotted = getattr(settings, "ASGI_APPLICATION", None)
    file = _settings_file()
    if not dotted or not isinstance(dotted, str):
        raise ConfigurationError(
            "settings.ASGI_APPLICATION is not set, so there is no routing to discover consumers in",
            file=file,
            hint="set ASGI_APPLICATION = \"myproject.asgi.application\", or pass the application to discover()",
        )
    try:
        application = import_string(dotted)
    except ImportError as exc:
        raise ConfigurationError(
            f"settings.ASGI_APPLICATION = {dotted!r} cannot be imported: {exc}",
            file=file,
            hint="point it at the module attribute holding your ProtocolTypeRouter, e.g. \"myproject.asgi.application\"",
        ) from exc
    module = sys.modules.get(dotted.rpartition(".")[0])
    return application, _display(getattr(module, "__file__", None))


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


# -- path() and re_path() → address fragments --------------------------------------------------------


def _path_segment(route: str, converters: Mapping[str, Any]) -> tuple[str, dict[str, dict[str, Any]]]:
    address = addresses.parse(route)
    schemas: dict[str, dict[str, Any]] = {}
    for parameter in address.parameters:
        converter = converters.get(parameter.name)
        schemas[parameter.name] = converter_schema(converter) if converter is not None else {"type": "string", "pattern": "^[^/]+$"}
    return address.text, schemas


@dataclass(frozen=True)
class _Group:
    name: str | None
    regex: str


@dataclass
class _Scan:
    """A route regex read as literal text and capturing groups; ``approximate`` lists what an
    address cannot say (character classes, quantifiers, alternation, lookarounds...)."""

    pieces: list[str | _Group] = field(default_factory=list)
    approximate: list[str] = field(default_factory=list)

    @property
    def constructs(self) -> str:
        return ", ".join(f"`{construct}`" for construct in dict.fromkeys(self.approximate))

    @property
    def groups(self) -> list[_Group]:
        return [piece for piece in self.pieces if isinstance(piece, _Group)]

    def render(self, names: list[str]) -> str:
        out: list[str] = []
        named = iter(names)
        for piece in self.pieces:
            out.append("{" + next(named) + "}" if isinstance(piece, _Group) else piece)
        return "".join(out)


def _scan(regex: str) -> _Scan:
    """Read ``regex`` the way Django's ``normalize`` numbers groups: capturing groups at any
    depth outside other capturing groups and lookarounds, non-capturing groups entered."""
    scan = _Scan()
    end = len(regex)
    if regex.endswith("\\Z") and not regex.endswith("\\\\Z"):
        end -= 2
    elif regex.endswith("$") and not regex.endswith("\\$"):
        end -= 1
    index = 1 if regex.startswith("^") else 2 if regex.startswith("\\A") else 0
    while index < end:
        char = regex[index]
        if char == "\\":
            escaped = regex[index + 1 : index + 2]
            if escaped.isalnum():
                scan.approximate.append(f"\\{escaped}")
            else:
                scan.pieces.append(escaped)
            index += 2
        elif char == "[":
            close = _class_end(regex, index)
            scan.approximate.append(regex[index:close])
            index = close
        elif char == "(":
            close = _group_end(regex, index)
            inner_start = index + 1
            if regex.startswith("(?P<", index):
                name_end = regex.index(">", index)
                scan.pieces.append(_Group(regex[index + 4 : name_end], regex[name_end + 1 : close - 1]))
                index = close
            elif regex.startswith("(?:", index):
                scan.approximate.append("(?:...)")
                index += 3  # enter it: its groups count, as in Django's normalize()
            elif regex.startswith("(?", index):
                scan.approximate.append(regex[index:close])
                index = close
            else:
                scan.pieces.append(_Group(None, regex[inner_start : close - 1]))
                index = close
        elif char == ")":
            index += 1  # the end of a non-capturing group
        elif char in ".|*+?{^$":
            scan.approximate.append(char)
            index += 1
        else:
            scan.pieces.append(char)
            index += 1
    return scan


def _class_end(regex: str, start: int) -> int:
    """Index after the ``]`` closing the character class opened at ``start``."""
    index = start + 1
    if regex[index : index + 1] == "^":
        index += 1
    if regex[index : index + 1] == "]":
        index += 1
    while index < len(regex) and regex[index] != "]":
        index += 2 if regex[index] == "\\" else 1
    return min(index + 1, len(regex))


def _group_end(regex: str, start: int) -> int:
    """Index after the ``)`` closing the group opened at ``start`` (escapes and classes skipped)."""
    depth, index = 0, start
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(regex, index)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(regex)


def _reverse_form(regex: str, names: list[str], scan: _Scan) -> str | None:
    """The address Django's ``reverse()`` would build for ``regex`` (the form with the most
    parameters), with our parameter names; None when Django cannot reverse it either."""
    from django.utils.regex_helper import normalize

    try:
        forms = normalize(regex)
    except ValueError:
        return None
    if not forms or (forms == [("", [])] and regex.strip("^$")):
        return None
    text, params = max(forms, key=lambda form: len(form[1]))
    # normalize() calls unnamed groups _0, _1...; map them onto ours, in order
    unnamed = iter(name for name, group in zip(names, scan.groups, strict=True) if group.name is None)
    renamed = {param: (next(unnamed, param) if re.fullmatch(r"_\d+", param) else param) for param in params}
    return re.sub(r"%\((\w+)\)s", lambda match: "{" + renamed.get(match[1], match[1]) + "}", text)


# -- words -------------------------------------------------------------------------------------------


def _describe(schema: Mapping[str, Any]) -> str:
    kind = schema.get("type")
    if kind == "integer":
        minimum = schema.get("minimum")
        return "an integer" + (f" ≥ {minimum}" if minimum is not None else "")
    if schema.get("format") == "uuid":
        return "a UUID (lowercase hex with dashes)" if "pattern" in schema else "a UUID"
    if "pattern" in schema:
        return f"a string matching `{schema['pattern']}`"
    if kind == "string":
        return "a non-empty string (may contain `/`)" if schema.get("minLength") == 1 else "a string"
    return "a value"


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

    return Diagnostic(code=code, message=message, severity=severity, hint=hint, breadcrumb=origin or None, file=_display(file), line=line)


def _display(file: str | None) -> str | None:
    """A path relative to the working directory when the file is below it (shorter messages)."""
    import os

    if not file:
        return None
    try:
        relative = os.path.relpath(file)
    except ValueError:  # another drive on Windows
        return file
    return file if relative.startswith("..") else relative
