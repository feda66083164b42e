r"""WebSocket paths → AsyncAPI channel addresses: ``{name}`` expressions, a JSON Schema per parameter.

One parser for every path the bridge meets: the ``path()`` / ``re_path()`` segments that routing
discovery walks, and the paths users give the generator (``channel_path=``,
``consumers=[(cls, path)]``, ``--consumer X:/path/``). So a path gives the same address and the
same parameter schemas whether it was discovered or written by hand::

    ws/rides/<int:ride_id>/            → ws/rides/{ride_id}/   ride_id: integer ≥ 0
    ^ws/rooms/(?P<room>[a-z]+)/$       → ws/rooms/{room}/      room: string matching ^[a-z]+$
    ^files\.json/([0-9]+)/$            → files.json/{arg0}/    arg0: string matching ^[0-9]+$ (a finding)
    /ws/chat/{room}/                   → /ws/chat/{room}/      room: no schema (the path says none)

A regex is read as literal text and capturing groups. One that says more than an address can
(character classes or quantifiers outside a group, alternation, lookarounds) is documented in the
form Django's ``reverse()`` builds. Nothing here raises: what had to be approximated comes back
as :class:`Finding`\ s, which the caller reports where it knows the origin (a route, a consumer).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

#: How :func:`parse` reads a path: Django ``path()`` syntax, a ``re_path()`` regex, or either.
Syntax = Literal["auto", "route", "regex"]

#: The code of the finding for a regex that neither an address nor Django's ``reverse()`` can say.
UNSUPPORTED = "route-regex-unsupported"

_HINT_REGEX = "use path() with converters, or a regex of literal text and named groups"

#: ``<converter:name>`` / ``<name>`` (Django route syntax) or ``{name}`` (an address expression);
#: a brace name starts with a letter so that a regex quantifier such as ``{2,5}`` is not one.
_PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^<>:\s]+):)?(?P<route>\w+)>|\{(?P<brace>[A-Za-z_][\w-]*)\}")
_EXPRESSION = re.compile(r"\{([^{}]+)\}")

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
class Parameter:
    """One ``{name}`` of an address."""

    name: str
    #: JSON Schema of the values (from the converter or the group's regex); None when the path
    #: says nothing about them (a ``{name}`` written as an address, an unknown converter).
    schema: dict[str, Any] | None = field(default=None, hash=False)


@dataclass(frozen=True)
class Finding:
    """Something the parser had to approximate, said without knowing where the path came from."""

    code: str
    message: str
    hint: str


@dataclass(frozen=True)
class Address:
    """A channel address with its parameters in address order."""

    text: str
    parameters: tuple[Parameter, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: False for a regex that neither an address nor Django's ``reverse()`` can express; ``text``
    #: is then its literal text and groups only (a finding with code :data:`UNSUPPORTED` says so).
    reversible: bool = True

    @property
    def label(self) -> str:
        """The last literal segment (``dispatch`` for ``/ws/dispatch/{id}/``), for naming the channel."""
        literal = [segment for segment in _EXPRESSION.sub("", self.text).split("/") if segment.strip()]
        return literal[-1] if literal else ""


def parse(path: str, *, syntax: Syntax = "auto", converters: Mapping[str, Any] | None = None) -> Address:
    """The address of ``path`` and a schema per parameter; findings for what it approximated.

    ``syntax="route"`` reads Django ``path()`` syntax (only ``<converter:name>`` and ``{name}``
    are special), ``"regex"`` a ``re_path()`` regex. ``"auto"``, for paths users write, reads a
    regex when the path is anchored (``^``, ``$``) or uses ``(``, ``[`` or ``\\``, else a route,
    and accepts ``<converter:name>`` and ``{name}`` in both. ``converters`` maps parameter names to
    the converter instances Django resolved (``RoutePattern.converters``); other converters are
    looked up by name among Django's registered ones. Unnamed groups are called ``arg0``,
    ``arg1``... with a finding each.
    """
    if syntax == "auto":
        scan = _scan(path, regex=_looks_like_regex(path), placeholders=True, converters=converters)
    else:
        scan = _scan(path, regex=syntax == "regex", placeholders=syntax == "route", converters=converters)
    findings = list(scan.findings)
    names = _name_groups(path, scan, findings)
    schemas: dict[str, dict[str, Any] | None] = {}
    for name, group in zip(names, scan.groups, strict=True):
        if name in schemas:
            findings.append(
                Finding(
                    "route-parameter-repeated",
                    f"parameter {name!r} appears twice in {path!r}; the first is documented",
                    "rename one of the two",
                )
            )
            continue
        schemas[name] = group.schema
    text = scan.render(names)
    reversible = True
    if scan.approximate:
        reverse = _reverse_form(scan.regex, names, scan)
        if reverse is None:
            reversible = False
            findings.append(
                Finding(
                    UNSUPPORTED,
                    f"{path!r} is not a path with groups (it uses {scan.constructs}), and Django cannot reverse it",
                    _HINT_REGEX,
                )
            )
        else:
            text = reverse
            findings.append(
                Finding(
                    "route-regex-approximated",
                    f"{path!r} is not a plain path (it uses {scan.constructs}); it is documented as {text!r}, "
                    "the form Django's reverse() builds",
                    _HINT_REGEX,
                )
            )
    # in address order; a reverse form may leave out groups (an optional part it does not build)
    ordered = dict.fromkeys(name for name in _EXPRESSION.findall(text) if name in schemas)
    parameters = tuple(Parameter(name, schemas[name]) for name in ordered)
    return Address(text=text, parameters=parameters, findings=tuple(findings), reversible=reversible)


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


def parameter_object(name: str, schema: Mapping[str, Any] | None) -> dict[str, Any]:
    """The AsyncAPI 3 Parameter Object for a path parameter described by ``schema`` (None: unknown).

    AsyncAPI 3.0 and 3.1 parameters have no ``schema`` field (only description, enum, default,
    examples, location), so the schema is said in words in the description, and ``enum`` /
    ``default`` / ``examples`` are carried over as strings.
    """
    if schema is None:
        return {"description": f"Path parameter `{name}`."}
    out: dict[str, Any] = {"description": f"Path parameter `{name}`: {_describe(schema)}."}
    if isinstance(schema.get("enum"), list):
        out["enum"] = [str(value) for value in schema["enum"]]
    if "default" in schema:
        out["default"] = str(schema["default"])
    if isinstance(schema.get("examples"), list):
        out["examples"] = [str(value) for value in schema["examples"]]
    return out


# -- reading a path -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    """A capturing group or a placeholder; ``name`` is None for an unnamed group."""

    name: str | None
    regex: str
    schema: dict[str, Any] | None = field(default=None, hash=False)


@dataclass
class _Scan:
    """A path read as literal text and groups; ``approximate`` lists what an address cannot say
    (character classes, quantifiers, alternation, lookarounds...)."""

    pieces: list[str | _Group] = field(default_factory=list)
    approximate: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: The path as a regex with placeholders written as named groups, for Django's ``normalize``.
    regex: str = ""

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


def _looks_like_regex(path: str) -> bool:
    return path.startswith(("^", "\\A")) or _anchored_end(path) < len(path) or any(char in path for char in "([\\")


def _anchored_end(regex: str) -> int:
    """Where ``regex`` ends without its ``$`` / ``\\Z`` anchor."""
    if regex.endswith("\\Z") and not regex.endswith("\\\\Z"):
        return len(regex) - 2
    if regex.endswith("$") and not regex.endswith("\\$"):
        return len(regex) - 1
    return len(regex)


def _scan(text: str, *, regex: bool, placeholders: bool, converters: Mapping[str, Any] | None) -> _Scan:
    """Read ``text`` piece by piece. As a regex, the way Django's ``normalize`` numbers groups:
    capturing groups at any depth outside other capturing groups and lookarounds, non-capturing
    groups entered. With ``placeholders``, ``<converter:name>`` and ``{name}`` are parameters."""
    scan = _Scan()
    start, end = 0, len(text)
    if regex:
        start = 1 if text.startswith("^") else 2 if text.startswith("\\A") else 0
        end = _anchored_end(text)
    source = [text[:start]]
    index = start
    while index < end:
        begin, char = index, text[index]
        match = _PLACEHOLDER.match(text, index) if placeholders and char in "<{" else None
        if match is not None:
            group = _placeholder(match, converters, scan, text)
            scan.pieces.append(group)
            source.append(f"(?P<{group.name}>{group.regex})")
            index = match.end()
            continue
        if not regex:
            scan.pieces.append(char)
            index += 1
        elif char == "\\":
            escaped = text[index + 1 : index + 2]
            if escaped.isalnum():
                scan.approximate.append(f"\\{escaped}")
            else:
                scan.pieces.append(escaped)
            index += 2
        elif char == "[":
            index = _class_end(text, index)
            scan.approximate.append(text[begin:index])
        elif char == "(":
            close = _group_end(text, index)
            if text.startswith("(?P<", index):
                name_end = text.index(">", index)
                scan.pieces.append(_regex_group(text[index + 4 : name_end], text[name_end + 1 : close - 1]))
                index = close
            elif text.startswith("(?:", index):
                scan.approximate.append("(?:...)")
                index += 3  # enter it: its groups count, as in Django's normalize()
            elif text.startswith("(?", index):
                scan.approximate.append(text[index:close])
                index = close
            else:
                scan.pieces.append(_regex_group(None, text[index + 1 : close - 1]))
                index = close
        elif char == ")":
            index += 1  # the end of a non-capturing group
        elif char in ".|*+?{^$":
            scan.approximate.append(char)
            index += 1
        else:
            scan.pieces.append(char)
            index += 1
        source.append(text[begin:index])
    source.append(text[max(end, index) :])
    scan.regex = "".join(source)
    return scan


def _regex_group(name: str | None, regex: str) -> _Group:
    return _Group(name, regex, {"type": "string", "pattern": anchored(regex)})


def _placeholder(match: re.Match[str], converters: Mapping[str, Any] | None, scan: _Scan, path: str) -> _Group:
    """The group for ``<converter:name>`` (the converter's regex and schema) or ``{name}`` (one
    segment, no schema)."""
    if match["brace"]:
        return _Group(match["brace"], "[^/]+")
    name, kind = match["route"], match["converter"] or "str"
    converter = (converters or {}).get(name) or _registered(kind)
    if converter is None:
        scan.findings.append(
            Finding(
                "route-converter-unknown",
                f"{path!r} uses the converter {kind!r}, which Django does not know; {{{name}}} is documented without a type",
                "use int, str, slug, uuid or path, or register yours with django.urls.register_converter()",
            )
        )
        return _Group(name, "[^/]+")
    regex = getattr(converter, "regex", None)
    return _Group(name, regex if isinstance(regex, str) else "[^/]+", converter_schema(converter))


def _registered(kind: str) -> Any:
    from django.urls.converters import get_converters

    return get_converters().get(kind)


def _name_groups(path: str, scan: _Scan, findings: list[Finding]) -> list[str]:
    """The group names in order: unnamed groups become ``arg0``, ``arg1``... (never clashing
    with a named one), each with a finding."""
    taken = {group.name for group in scan.groups if group.name}
    names: list[str] = []
    unnamed = 0
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
        findings.append(
            Finding(
                "route-unnamed-group",
                f"the group ({group.regex}) in {path!r} has no name; it is documented as {{{name}}}",
                f"name it: (?P<name>{group.regex})",
            )
        )
    return names


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


# -- words ----------------------------------------------------------------------------------------


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
