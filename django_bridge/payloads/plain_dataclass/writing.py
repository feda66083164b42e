"""Writing what was read: the schemas, numbered as Pydantic's generator numbers them."""

from __future__ import annotations

import inspect
from typing import Any

from .. import Direction, json_copy
from .reading import (
    LITERALS,
    NO_DEFAULT,
    Composed,
    LiteralValues,
    Named,
    PlainDataclass,
    PlainEnum,
    leaf,
)

#: How a reference to the n-th described class is written (the generator's local def keys).
REF_TEMPLATE = "#/$defs/d{}"


#: (schema, (local key, core ref, direction) of each class described, first reached first,
#: schemas by local key): what Pydantic's generator answers for one payload, too
Described = tuple[dict[str, Any], tuple[tuple[str, str, Direction], ...], dict[str, dict[str, Any]]]


#: (schema per known type, whether a class docstring becomes the description)
Calibration = tuple[dict[Any, dict[str, Any]], bool]


class Describer:
    """One payload's description, its classes numbered in the order Pydantic's generator gives
    them keys: the classes referenced more than once (counting each class's own fields once) are
    Pydantic's core-schema definitions, written first, in the order first met; within a
    definition, a class used once is numbered when finished (innermost first), a shared one when
    first referenced; then the payload's own class, likewise."""

    def __init__(self, calibration: Calibration, direction: Direction) -> None:
        self.leaves, self.documents = calibration
        self.direction = direction
        self.counts: dict[type, int] = {}
        self.keys: dict[type, str] = {}
        self.written: set[type] = set()
        self.defs: list[tuple[str, str, Direction]] = []
        self.definitions: dict[str, dict[str, Any]] = {}

    def run(self, plain: PlainDataclass) -> Described | None:
        met: list[Named] = [plain]
        self.counts[plain.cls] = 1
        self.count(plain, met)
        if any(isinstance(named, PlainEnum) and self.counts[named.cls] > 1 for named in met):
            return None  # where Pydantic numbers an enum used twice differs between its versions
        for shared in met:
            if self.hoisted(shared):
                self.definition(shared)
        return self.reference(plain), tuple(self.defs), self.definitions

    def hoisted(self, named: Named) -> bool:
        """Is ``named`` one of the core schema's definitions (written before the payload)?"""
        return self.counts[named.cls] > 1

    def count(self, plain: PlainDataclass, met: list[Named]) -> None:
        for _, annotation, _, _ in plain.fields:
            while isinstance(annotation, Composed):
                annotation = annotation.inner
            if isinstance(annotation, PlainDataclass | PlainEnum):
                seen = self.counts.get(annotation.cls, 0)
                self.counts[annotation.cls] = seen + 1
                if not seen:
                    met.append(annotation)
                    if isinstance(annotation, PlainDataclass):
                        self.count(annotation, met)

    def reference(self, plain: Named) -> dict[str, Any]:
        if self.hoisted(plain):
            self.key(plain)  # a definition: numbered where first referenced, written in its turn
        else:
            self.definition(plain)
        return {"$ref": REF_TEMPLATE.format(self.keys[plain.cls][1:])}

    def definition(self, plain: Named) -> None:
        if plain.cls in self.written:
            return
        self.written.add(plain.cls)
        schema = self.enum_schema(plain) if isinstance(plain, PlainEnum) else self.class_schema(plain)
        self.definitions[self.key(plain)] = schema

    def key(self, plain: Named) -> str:
        key = self.keys.get(plain.cls)
        if key is None:
            key = self.keys[plain.cls] = f"d{len(self.defs)}"
            self.defs.append((key, plain.core_ref, self.direction))
        return key

    def class_schema(self, plain: PlainDataclass) -> dict[str, Any]:
        properties = {}
        for name, annotation, default, _ in plain.fields:
            schema = self.schema(annotation)
            if default is not NO_DEFAULT:
                schema["default"] = default
            properties[name] = schema
        result: dict[str, Any] = {"type": "object", "properties": properties}
        required = [name for name, _, _, required in plain.fields if required]
        if required:
            result["required"] = required
        result["title"] = plain.cls.__name__
        doc = plain.cls.__doc__
        # the dataclass module writes a docstring of the signature when there is none
        if self.documents and doc and not doc.startswith(f"{plain.cls.__name__}("):
            result["description"] = inspect.cleandoc(doc)
        return result

    def enum_schema(self, plain: PlainEnum) -> dict[str, Any]:
        result: dict[str, Any] = {"title": plain.cls.__name__}
        doc = inspect.cleandoc(plain.cls.__doc__ or "")
        if doc and doc != "An enumeration.":  # (the docstring Python < 3.11 gives every enum)
            result["description"] = doc
        result["enum"] = list(plain.values)
        result["type"] = "string" if type(plain.values[0]) is str else "integer"
        return result

    def schema(self, annotation: Any) -> dict[str, Any]:
        if isinstance(annotation, PlainDataclass | PlainEnum):
            return self.reference(annotation)
        if isinstance(annotation, Composed):
            inner = self.schema(annotation.inner)
            if annotation.kind == "list":
                return {"type": "array", "items": inner}
            if annotation.kind == "dict":
                return {"type": "object", "additionalProperties": inner}
            return {"anyOf": [inner, {"type": "null"}]}
        if isinstance(annotation, LiteralValues):
            _, probe_values = LITERALS[annotation.key]
            values = annotation.values[0] if annotation.key[1] else list(annotation.values)
            return _swapped(self.leaves[annotation.key], probe_values, values)  # type: ignore[no-any-return]
        return json_copy(self.leaves[leaf(annotation)])  # type: ignore[no-any-return]


def _swapped(node: Any, old: Any, new: Any) -> Any:
    """A copy of ``node`` with every value equal to ``old`` (and of its type) replaced by ``new``."""
    if type(node) is type(old) and node == old:
        return json_copy(new)
    if isinstance(node, dict):
        return {key: _swapped(value, old, new) for key, value in node.items()}
    if isinstance(node, list):
        return [_swapped(item, old, new) for item in node]
    return node
