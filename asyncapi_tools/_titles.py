"""Titles step: give every message payload schema a PascalCase ``title``, comments kept.

Code generators name types after ``title`` (else after the ``components/schemas`` key, else
``AnonymousSchema_N``, a counter that shifts whenever the document changes). So every payload
gets a title from its message's ``name`` (or key), and, unless ``nested=False``, every nested
object, array item, enum and union inside it gets one built from its parent's name
(``RideRequest`` + ``pickup`` -> ``RideRequestPickup``; items -> ``RideRequestStopsItem``).

Rules a caller can rely on:

- An existing ``title`` is never changed, and nothing is ever written next to a ``$ref``.
- A ``$ref`` to ``#/components/schemas/<Key>`` is left untitled: generators already name it
  ``Key``, and one component shared by several messages must not take one message's name. Its
  nested schemas are titled from the component's title or key. A local ``$ref`` to any other
  place is followed and the schema there is titled; a ``$ref`` to another file is left alone.
- Multi-format payloads (``{schemaFormat, schema}``) are titled inside ``schema``, and only for
  JSON Schema, AsyncAPI and OpenAPI schema formats (an Avro or Protobuf schema is not ours to edit).
- Names are unique across the document (existing titles and component keys included): a clash is
  resolved as ``Name2`` and reported on the :class:`TitleChange`.
- A schema shared through a YAML anchor is copied before it is titled, so the other users of the
  anchor are unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

# Trees are plain dicts or ruamel's CommentedMap (a dict subclass): exact `dict` checks keep the
# planning walk, which visits every subschema of a generated spec, clear of slow ABC checks.
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from . import _pointer, _yaml
from ._document import Document
from ._naming import NameRegistry, pascal_case

PathKey = tuple[str | int, ...]

# Media types (before any ";version=") whose schemas are JSON-Schema-like and can carry a title.
_TITLED_FORMATS = frozenset(
    {
        "application/vnd.aai.asyncapi",
        "application/vnd.aai.asyncapi+json",
        "application/vnd.aai.asyncapi+yaml",
        "application/schema+json",
        "application/schema+yaml",
        "application/vnd.oai.openapi",
        "application/vnd.oai.openapi+json",
        "application/vnd.oai.openapi+yaml",
    }
)

# Keywords holding one subschema, a list of them, or a mapping of names to them. Used to find
# existing titles anywhere in a payload.
_SCHEMA_KEYWORDS = frozenset(
    {
        "items",
        "additionalProperties",
        "additionalItems",
        "contains",
        "not",
        "if",
        "then",
        "else",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
_SCHEMA_LIST_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
_SCHEMA_MAP_KEYWORDS = frozenset({"properties", "patternProperties", "definitions", "$defs", "dependentSchemas"})
_ALL_KEYWORDS = _SCHEMA_KEYWORDS | _SCHEMA_LIST_KEYWORDS | _SCHEMA_MAP_KEYWORDS

# Keywords whose subschemas become types of their own, and the name suffix of list members.
_MEMBER_SUFFIX = {"items": "Item", "prefixItems": "Item", "oneOf": "Option", "anyOf": "Option", "allOf": ""}
_NAMED_KEYWORDS = frozenset({"properties", "additionalProperties", *_MEMBER_SUFFIX})

_MAX_REF_HOPS = 32


@dataclass(frozen=True)
class TitleChange:
    """One injected title: the schema's JSON pointer, the title, and the schema's source line.

    ``wanted`` and ``collides_with`` are set when the natural name was taken: ``title`` is then a
    disambiguated ``wanted2``, and ``collides_with`` points at the schema that holds ``wanted``.
    """

    pointer: str
    title: str
    line: int | None
    wanted: str | None = None
    collides_with: str | None = None


def inject_titles(doc: Document, *, nested: bool = True, unshared: bool = False) -> list[TitleChange]:
    """Give untitled message payload schemas (and, if ``nested``, their parts) a title, in place.

    Returns what was injected, in document order (parents before their nested schemas).

    ``unshared=True`` is a promise from a caller that built the tree itself (the Django
    generator): no schema in it is reachable through a YAML alias or from a place this step does
    not walk (an example, an extension). Titles are then written in place, without recording the
    walk and counting every reference in the document to find shared nodes (a third of the
    step's time on a generated spec). A tree loaded from YAML may share nodes: leave it False.
    """
    if not isinstance(doc.tree, dict):
        return []
    injector = _Injector(doc, nested=nested, unshared=unshared)
    injector.plan()
    injector.apply()
    return injector.changes


@dataclass
class _Injector:
    """Plans every title on the unchanged tree, then writes them.

    Each schema object is visited once, however many aliases or ``$ref``s reach it: it gets one
    title, from the first path that reaches it, and its insides are named once. That keeps the
    walk linear in the size of the document (aliases nested ``d`` deep make ``2**d`` paths).
    """

    doc: Document
    nested: bool
    #: see :func:`inject_titles`: no shared nodes, so nothing to record for copy-on-write
    unshared: bool = False
    registry: NameRegistry = field(default_factory=NameRegistry)
    changes: list[TitleChange] = field(default_factory=list)
    titled: list[Any] = field(default_factory=list)  # the schema each of ``changes`` goes into
    # id of every schema visited -> its type name (existing title, planned title, or wanted name)
    names: dict[int, str] = field(default_factory=dict)
    # every reference followed from the root to a schema: (parent, key, child), once per parent/key
    walked: dict[tuple[int, Any], tuple[Any, Any, Any]] = field(default_factory=dict)
    # id of each components/schemas entry -> its path: an alias (``*Location``) of a component
    # schema is the component, named by its key like a ``$ref`` to it
    components: dict[int, PathKey] = field(default_factory=dict)

    # -- planning: decide every title on the unchanged tree ------------------------------------

    def plan(self) -> None:
        tree = self.doc.tree
        schemas = _mapping(_mapping(tree.get("components")).get("schemas"))
        self.components = {id(node): ("components", "schemas", key) for key, node in schemas.items() if isinstance(node, dict)}
        messages = list(self._messages())
        self._reserve_existing(messages)
        for message_path, message in messages:
            wanted = _first_name(message.get("name"), message_path[-1], default="Message")
            self._payload((*message_path, "payload"), message, wanted)

    def _reach(self, parent: Any, key: Any) -> Any:
        """``parent[key]``, remembered as a walked reference when it is a collection."""
        child = parent[key]
        if not self.unshared and isinstance(child, dict | list):
            self.walked.setdefault((id(parent), key), (parent, key, child))
        return child

    def _child(self, parent: Mapping[Any, Any], key: Any) -> Mapping[Any, Any]:
        return _mapping(self._reach(parent, key)) if key in parent else {}

    def _messages(self) -> Iterator[tuple[PathKey, Mapping[str, Any]]]:
        """Inline messages in components/messages, channels and components/channels, in that order."""
        tree = self.doc.tree
        components = self._child(tree, "components")
        messages = self._child(components, "messages")
        for key in messages:
            message = self._reach(messages, key)
            if _is_inline(message):
                yield ("components", "messages", key), message
        channel_groups: list[tuple[PathKey, Mapping[str, Any]]] = [
            (("channels",), self._child(tree, "channels")),
            (("components", "channels"), self._child(components, "channels")),
        ]
        for prefix, channels in channel_groups:
            for channel_id in channels:
                channel_messages = self._child(self._child(channels, channel_id), "messages")
                for key in channel_messages:
                    message = self._reach(channel_messages, key)
                    if _is_inline(message):
                        yield (*prefix, channel_id, "messages", key), message

    def _reserve_existing(self, messages: list[tuple[PathKey, Mapping[str, Any]]]) -> None:
        """Existing titles and component keys are names already in use: never hand them out."""
        schemas = _mapping(_mapping(self.doc.tree.get("components")).get("schemas"))
        roots: list[tuple[PathKey, Any]] = [(("components", "schemas", key), node) for key, node in schemas.items()]
        for key, node in schemas.items():
            if isinstance(node, dict) and "title" not in node:
                name = _first_name(key, default="")
                if name:
                    self.registry.reserve(name, _pointer.join(("components", "schemas", key)))
        for message_path, message in messages:
            payload = message.get("payload")
            path: PathKey = (*message_path, "payload")
            if _is_multi_format(payload):
                path, payload = (*path, "schema"), payload["schema"]
            roots.append((path, payload))
        seen: set[int] = set()  # one set for all roots: payloads that share a schema walk it once
        for path, node in roots:
            for sub_path, title in _existing_titles(path, node, seen):
                name = _first_name(title, default="")
                if name:
                    self.registry.reserve(name, _pointer.join(sub_path))

    def _payload(self, path: PathKey, message: Mapping[str, Any], wanted: str) -> None:
        if "payload" not in message:
            return
        payload = self._reach(message, "payload")
        if _is_multi_format(payload):
            if not _titled_format(payload.get("schemaFormat")):
                return
            path, payload = (*path, "schema"), self._reach(payload, "schema")
        target = self._resolve(path, payload)
        if target is None:
            return
        path, schema = target
        if id(schema) in self.names:
            return  # another message's payload (or part of one) through an alias: already named
        if _is_component_schema(path):
            self._component(path, schema)
            return
        self._visit(path, schema, wanted, titled=True)

    def _visit(self, path: PathKey, schema: Mapping[str, Any], wanted: str, *, titled: bool) -> None:
        """Name a schema seen for the first time (titling it if it should be), then its parts."""
        base = _existing_name(schema, default=wanted)
        if base is None and titled:
            base = self._inject(path, schema, wanted)
        self.names[id(schema)] = base or wanted
        self._nested(path, schema, base or wanted)

    def _component(self, path: PathKey, schema: Mapping[str, Any]) -> None:
        """A components/schemas entry keeps its key as its name; only its insides are titled."""
        title = schema.get("title")
        base = _first_name(title if isinstance(title, str) else None, path[-1], default="Schema")
        self.names[id(schema)] = base
        self._nested(path, schema, base)

    def _nested(self, path: PathKey, schema: Mapping[str, Any], base: str) -> None:
        if not self.nested:
            return
        for child_path, steps, wanted, titled in _named_subschemas(path, schema, base):
            node: Any = schema
            for step in steps:
                node = node[step] if self.unshared else self._reach(node, step)
            target = self._resolve(child_path, node)
            if target is None:
                continue
            child_path, child = target
            if id(child) in self.names:
                continue  # shared (alias, $ref, recursion): named where it was first reached
            if _is_component_schema(child_path):
                self._component(child_path, child)
                continue
            self._visit(child_path, child, wanted, titled=titled and _needs_title(child))

    def _resolve(self, path: PathKey, node: Any) -> tuple[PathKey, Mapping[str, Any]] | None:
        """Follow local ``$ref``s to the schema they name; None for other files or non-schemas.

        The references on the way to a ``$ref``'s target (and to a component schema reached
        through an alias) count as walked: a title given there is meant to be seen there.
        """
        for _ in range(_MAX_REF_HOPS):
            if not isinstance(node, dict):
                return None
            if "$ref" not in node:
                component = self.components.get(id(node))
                if component is not None:
                    self._walk_to(component)
                return component or path, node
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#"):
                return None
            found = _lookup(self.doc.tree, _pointer.split(ref))
            if found is None:
                return None
            path, node = found
            self._walk_to(path)
        return None

    def _walk_to(self, path: PathKey) -> None:
        if self.unshared:
            return  # the walk is recorded for copy-on-write only
        node = self.doc.tree
        for step in path:
            node = self._reach(node, step)

    def _inject(self, path: PathKey, schema: Mapping[str, Any], wanted: str) -> str:
        where = _pointer.join(path)
        title = self.registry.register(wanted, where)
        self.titled.append(schema)
        position = self.doc.position(path)
        self.changes.append(
            TitleChange(
                pointer=where,
                title=title,
                line=position[0] if position else None,
                wanted=wanted if title != wanted else None,
                collides_with=self.registry.owner(wanted) if title != wanted else None,
            )
        )
        return title

    # -- applying: write the planned titles, copying shared nodes first ------------------------

    def apply(self) -> None:
        if not self.titled:
            return  # nothing planned: skip the walks that find shared nodes
        if self.unshared:
            for schema, change in zip(self.titled, self.changes, strict=True):
                _yaml.insert_key(schema, 0, "title", change.title)
            return
        from ._yaml.shared import CopyOnWrite

        names = {id(schema): change.title for schema, change in zip(self.titled, self.changes, strict=True)}
        writes = CopyOnWrite(self.doc.tree, self.walked.values(), self.titled, names=names)
        for schema, change in zip(self.titled, self.changes, strict=True):
            _yaml.insert_key(writes.target(schema), 0, "title", change.title)


def _existing_name(schema: Mapping[str, Any], *, default: str) -> str | None:
    """The type name a schema's existing title gives (``Ride Update`` -> ``RideUpdate``), if any."""
    if "title" in schema:
        return _first_name(schema["title"], default=default)
    return None


def _named_subschemas(path: PathKey, schema: Mapping[str, Any], base: str) -> Iterator[tuple[PathKey, tuple[str | int, ...], str, bool]]:
    """Subschemas that code generators turn into types: (path, steps from ``schema``, name,
    whether to title it).

    allOf members are merged into their parent by generators, so they are searched with the
    parent's name but not titled themselves.
    """
    for keyword, value in _keyword_values(schema, _NAMED_KEYWORDS):
        if keyword == "properties" and isinstance(value, dict):
            for key in value:
                yield (*path, "properties", key), ("properties", key), base + _first_name(key, default="Property"), True
        elif keyword == "items" and isinstance(value, dict):
            yield (*path, "items"), ("items",), base + "Item", True
        elif keyword == "additionalProperties" and isinstance(value, dict):
            yield (*path, keyword), (keyword,), base + "Value", True
        elif isinstance(value, list):
            suffix = _MEMBER_SUFFIX[keyword]
            for index in range(len(value)):
                name = base if keyword == "allOf" else f"{base}{suffix}{index + 1}"
                yield (*path, keyword, index), (keyword, index), name, keyword != "allOf"


def _existing_titles(path: PathKey, node: Any, seen: set[int]) -> Iterator[tuple[PathKey, str]]:
    """``(path, title)`` of every inline schema mapping under ``node`` (refs not followed) that
    has a string title, each schema once (``seen`` is shared between calls)."""
    stack: list[tuple[PathKey, Any]] = [(path, node)]
    while stack:
        current_path, current = stack.pop()
        if not isinstance(current, dict) or id(current) in seen:
            continue
        seen.add(id(current))
        title = current.get("title")
        if isinstance(title, str):
            yield current_path, title
        # one pass over the keys, the keyword test inline: this walk visits every subschema of
        # a generated spec
        for keyword in current:
            if keyword not in _ALL_KEYWORDS:
                continue
            value = current[keyword]
            if isinstance(value, list):
                stack.extend(((*current_path, keyword, i), child) for i, child in enumerate(value))
            elif isinstance(value, dict) and keyword in _SCHEMA_MAP_KEYWORDS:
                stack.extend(((*current_path, keyword, key), child) for key, child in value.items())
            elif isinstance(value, dict):
                stack.append(((*current_path, keyword), value))


def _keyword_values(schema: Mapping[str, Any], keywords: frozenset[str]) -> list[tuple[str, Any]]:
    # One pass over the keys: looking up each keyword with .get() is slow on round-trip mappings.
    return [(key, schema[key]) for key in schema if key in keywords]


def _needs_title(schema: Mapping[str, Any]) -> bool:
    """Would a generator make a named type of this nested schema (an object, enum or union)?"""
    if any(key in schema for key in ("properties", "patternProperties", "enum", "oneOf", "anyOf", "allOf")):
        return True
    kind = schema.get("type")
    if kind == "object" or (isinstance(kind, list) and "object" in kind):
        return True
    return "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict)


def _first_name(*candidates: Any, default: str) -> str:
    """The PascalCase form of the first candidate that has letters or digits."""
    for candidate in candidates:
        if isinstance(candidate, str | int) and not isinstance(candidate, bool):
            name = _pascal_or_empty(str(candidate))
            if name:
                return name
    return default


@functools.lru_cache(maxsize=4096)
def _pascal_or_empty(text: str) -> str:
    # Cached: the same property names recur across payloads, and pascal_case is pure.
    try:
        return pascal_case(text)
    except ValueError:
        return ""


def _is_inline(message: Any) -> bool:
    return isinstance(message, dict) and "$ref" not in message


def _is_multi_format(payload: Any) -> TypeGuard[Mapping[str, Any]]:
    return isinstance(payload, dict) and "schemaFormat" in payload and "schema" in payload


def _titled_format(schema_format: Any) -> bool:
    if not isinstance(schema_format, str):
        return False
    return schema_format.split(";", 1)[0].strip().lower() in _TITLED_FORMATS


def _is_component_schema(path: PathKey) -> bool:
    return len(path) == 3 and path[0] == "components" and path[1] == "schemas"


def _mapping(node: Any) -> Mapping[Any, Any]:
    return node if isinstance(node, dict) else {}


def _lookup(tree: Any, steps: list[str]) -> tuple[PathKey, Any] | None:
    """The node a JSON pointer names, with list indexes as ints in the returned path."""
    node = tree
    path: list[str | int] = []
    for step in steps:
        if isinstance(node, dict) and step in node:
            path.append(step)
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            path.append(int(step))
            node = node[int(step)]
        else:
            return None
    return tuple(path), node
