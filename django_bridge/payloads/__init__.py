"""Payloads → JSON Schema, one module per kind, and the bank that holds nested types.

Kinds (checked in this order by :func:`kind_of`):

- ``None``: no fields besides the discriminator (:mod:`.raw`);
- ``dict``: a raw JSON Schema fragment, used as written (:mod:`.raw`);
- a DRF ``Serializer`` class or instance (:mod:`.drf`);
- a Pydantic model, a dataclass, a ``TypedDict`` or any other type annotation: Pydantic's own
  JSON Schema generation through ``TypeAdapter`` (:mod:`.pydantic`).

A converter returns the payload's schema with nested types replaced by references into a
:class:`SchemaBank`; the generator names the bank's entries once, at the end, through the naming
module, so no payload ever carries ``$defs`` and two types never silently share a name.
"""

from __future__ import annotations

import dataclasses
import math
import sys
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

#: ``in``: client → server (validated input); ``out``: server → client (serialised output).
Direction = Literal["in", "out"]

Kind = Literal["none", "raw", "drf", "pydantic"]

#: Prefix of the placeholder references a converter writes; :meth:`SchemaBank.resolve` swaps
#: them for ``#/components/schemas/<Name>`` once names are settled.
PLACEHOLDER = "#/components/schemas/\x00"


def kind_of(payload: Any) -> Kind | None:
    """Which converter handles ``payload`` (None when no converter can)."""
    if payload is None:
        return "none"
    if isinstance(payload, dict):
        return "raw"
    if _is_drf(payload):
        return "drf"
    if _pydantic_can_try(payload):
        return "pydantic"
    return None


def _is_drf(payload: Any) -> bool:
    # A serializer can only exist if DRF was imported already: never import it just to check.
    serializers = sys.modules.get("rest_framework.serializers")
    if serializers is None:
        return False
    base = serializers.BaseSerializer
    return isinstance(payload, base) or (isinstance(payload, type) and issubclass(payload, base))


def _pydantic_can_try(payload: Any) -> bool:
    if isinstance(payload, type):
        return True
    if dataclasses.is_dataclass(payload):
        return True
    # typing constructs: list[int], Optional[X], Annotated[...], Literal[...], unions
    module = getattr(type(payload), "__module__", "")
    return module in {"typing", "types", "typing_extensions"}


@dataclass
class _Entry:
    origin: str
    preferred: str
    direction: Direction
    schema: dict[str, Any] | None = None


@dataclass
class SchemaBank:
    """Nested schemas collected from every payload, keyed by (origin, direction).

    ``origin`` identifies the Python type (``python:pkg.module.Money``) so that the same class
    used by ten payloads becomes one component, and two classes that share a name are told apart.
    """

    _entries: dict[tuple[str, Direction], _Entry] = field(default_factory=dict)
    #: identity of a type → its origin; see :meth:`origin`
    _origins: dict[Hashable, str] = field(default_factory=dict)
    #: every origin handed out, and per qualified name the last number tried: origins are never
    #: released, so the search for the next free ``#N`` resumes there (linear, not quadratic,
    #: in the number of classes sharing one name)
    _taken: set[str] = field(default_factory=set)
    _counts: dict[str, int] = field(default_factory=dict)

    def origin(self, identity: Hashable, qualified: str) -> str:
        """The origin of the type known by ``identity`` (the class, or Pydantic's id-bearing core
        ref), named ``qualified`` (``python:pkg.module.Money``). Two different types with one
        qualified name (made by a factory: ``make_dataclass``, ``create_model``, a function's
        locals) get distinct origins, ``... #2``, so their schemas are never merged."""
        origin = self._origins.get(identity)
        if origin is None:
            count = self._counts.get(qualified, 1)
            origin = qualified if count == 1 else f"{qualified} #{count}"
            while origin in self._taken:
                count += 1
                origin = f"{qualified} #{count}"
            self._counts[qualified] = count
            self._taken.add(origin)
            self._origins[identity] = origin
        return origin

    def ref(self, origin: str, preferred: str, direction: Direction) -> dict[str, str]:
        """A placeholder ``$ref`` to the type; reserve its entry if it is new (cycles are fine)."""
        key = (origin, direction)
        if key not in self._entries:
            self._entries[key] = _Entry(origin=origin, preferred=preferred, direction=direction)
        return {"$ref": self.placeholder(origin, direction)}

    def define(self, origin: str, direction: Direction, schema: dict[str, Any]) -> None:
        self._entries[(origin, direction)].schema = schema

    def defined(self, origin: str, direction: Direction) -> bool:
        """True once :meth:`define` gave the entry its schema."""
        entry = self._entries.get((origin, direction))
        return entry is not None and entry.schema is not None

    def has(self, origin: str, direction: Direction) -> bool:
        return (origin, direction) in self._entries

    @staticmethod
    def placeholder(origin: str, direction: Direction) -> str:
        return f"{PLACEHOLDER}{direction}\x00{origin}"

    def entries(self) -> Iterator[tuple[Hashable, str, str, Direction, dict[str, Any] | None]]:
        """``(identity, origin, preferred name, direction, schema or None)`` of every entry, in the
        order they were first referenced (what a converter needs to replay one bank into another)."""
        identities = {origin: identity for identity, origin in self._origins.items()}
        for (origin, direction), entry in self._entries.items():
            yield identities.get(origin, origin), origin, entry.preferred, direction, entry.schema

    def groups(self) -> Iterator[tuple[str, str, dict[Direction, dict[str, Any]]]]:
        """``(origin, preferred name, {direction: schema})`` in first-seen order."""
        grouped: dict[str, tuple[str, dict[Direction, dict[str, Any]]]] = {}
        for (origin, direction), entry in self._entries.items():
            preferred, by_direction = grouped.setdefault(origin, (entry.preferred, {}))
            by_direction[direction] = entry.schema if entry.schema is not None else {}
        for origin, (preferred, by_direction) in grouped.items():
            yield origin, preferred, by_direction


def class_entries(klass: Any, attribute: str, *, create: bool) -> dict[str, Any] | None:
    """A cache kept on a payload class itself, under ``attribute``, for the life of the class.

    A weakly keyed mapping cannot hold what converters keep: the values refer to the class (a
    core schema, a nested serializer), so they would keep their own key alive. In the class's own
    ``__dict__`` (a subclass has its own fields) they go when the class goes. None for anything
    that is not a class, and for a class that refuses new attributes (it is then not cached).
    Thread-safe as dict operations are: threads that miss at once build equal values, and
    whichever is stored last is kept.
    """
    if not isinstance(klass, type):
        return None
    entries: dict[str, Any] | None = klass.__dict__.get(attribute)
    if entries is None and create:
        entries = {}
        try:
            setattr(klass, attribute, entries)
        except (AttributeError, TypeError):
            return None
    return entries


def resolve(node: Any, targets: dict[str, str]) -> Any:
    """A copy of ``node`` with every placeholder ``$ref`` replaced by its final reference."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(PLACEHOLDER):
            out = {key: resolve(value, targets) for key, value in node.items()}
            out["$ref"] = targets[ref]
            return out
        return {key: resolve(value, targets) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(item, targets) for item in node]
    return node


def json_native(value: Any) -> bool:
    """True for values JSON carries unchanged: None, bool, int, str, finite floats, and lists and
    str-keyed dicts of them (exact types: an enum or a subclass goes through Pydantic)."""
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is str:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is list:
        return all(json_native(item) for item in value)
    if kind is dict:
        return all(type(key) is str and json_native(item) for key, item in value.items())
    return False


def json_copy(value: Any) -> Any:
    """A copy of a :func:`json_native` value (lists and dicts copied all the way down)."""
    if type(value) is list:
        return [json_copy(item) for item in value]
    if type(value) is dict:
        return {key: json_copy(item) for key, item in value.items()}
    return value
