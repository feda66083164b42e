"""Plain stdlib dataclasses → the JSON Schema Pydantic writes for them, without asking Pydantic.

Why: a dataclass has no core schema until Pydantic builds one, and building it (with the
validator that comes along) is the largest part of a cold spec: about 0.4 ms per class, where
the schema itself is a handful of dictionaries. Most payload dataclasses are plain: strings,
numbers, UUIDs, dates, lists, optional values, other plain dataclasses. For those, this module
writes the schema itself.

It never guesses what Pydantic would write. Once per process and direction it has Pydantic
describe a probe dataclass holding one field of every type this module knows, literals, enums and
nested dataclasses (through the same generator as every other payload), and takes each type's
schema and whether a docstring becomes the description from that answer. Then it describes the
probe itself: if anything it composes (``list[X]``, ``dict[str, X]``, ``Optional[X]``, defaults,
enums, references to nested classes, the order Pydantic numbers them in, key order) differs from
Pydantic's answer, the installed Pydantic writes something this module does not know, and every
dataclass goes to Pydantic.

A dataclass is plain when it is a stdlib dataclass (not Pydantic's, no Pydantic hooks or config,
not generic) whose fields are all init fields without metadata, whose types are among the known
ones (or ``NewType``s of them), ``Literal``s and enums of strings or of integers (an enum used
once per payload), plain dataclasses (no cycles), or ``list``/``dict[str, …]``/``Optional`` of
them, and whose defaults JSON carries as they are (an enum member's value). Anything else goes
to Pydantic, as before; tests hold the two paths to equal output.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import functools
import inspect
import json
import types
import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from . import Direction, json_copy, json_native

#: The types whose schema is taken from the probe, by the probe's field name.
LEAVES: dict[Any, str] = {
    str: "str_",
    int: "int_",
    float: "float_",
    bool: "bool_",
    bytes: "bytes_",
    decimal.Decimal: "decimal_",
    uuid.UUID: "uuid_",
    datetime.datetime: "datetime_",
    datetime.date: "date_",
    datetime.time: "time_",
    datetime.timedelta: "timedelta_",
    typing.Any: "any_",
    list: "list_",
    dict: "dict_",
    # a container of Any is no composition of the Any schema (``{}``): Pydantic writes these
    # on their own terms, and they differ between its versions
    list[typing.Any]: "any_list",
    dict[str, typing.Any]: "any_map",
    typing.Optional[typing.Any]: "any_or_null",  # noqa: UP045
}
#: ``Literal`` fields: (value kind, one value or several) → (probe field, the probe's values).
#: A literal's schema is the probe's with the probe's values swapped for its own.
LITERALS: dict[tuple[type, bool], tuple[str, Any]] = {
    (str, True): ("literal_str", "probe"),
    (str, False): ("literal_strs", ["probe", "probe2"]),
    (int, True): ("literal_int", 7),
    (int, False): ("literal_ints", [7, 8]),
}
_PYDANTIC_HOOKS = (
    "__pydantic_config__",
    "__pydantic_validator__",
    "__pydantic_fields__",
    "__get_pydantic_core_schema__",
    "__get_pydantic_json_schema__",
)
_NO_DEFAULT = object()
#: How a reference to the n-th described class is written (the generator's local def keys).
REF_TEMPLATE = "#/$defs/d{}"


@dataclass(frozen=True)
class PlainDataclass:
    """A plain dataclass, read: what stands in for its core schema in the payload pipeline."""

    cls: type
    #: (name, annotation, JSON default or _NO_DEFAULT, required)
    fields: tuple[tuple[str, Any, Any, bool], ...]
    #: the class's reference as Pydantic writes it (``module.Qualname:id``)
    core_ref: str


#: (schema, (local key, core ref, direction) of each class described, first reached first,
#: schemas by local key): what Pydantic's generator answers for one payload, too
Described = tuple[dict[str, Any], tuple[tuple[str, str, Direction], ...], dict[str, dict[str, Any]]]


def read(payload: Any, *, _reading: frozenset[type] = frozenset()) -> PlainDataclass | None:
    """``payload`` read as a plain dataclass, or None when Pydantic must describe it."""
    if not isinstance(payload, type) or "__dataclass_fields__" not in payload.__dict__:
        return None
    if payload in _reading:  # a cycle: Pydantic's references handle those
        return None
    if any(hasattr(payload, hook) for hook in _PYDANTIC_HOOKS) or payload.__dict__.get("__parameters__"):
        return None
    declared = payload.__dict__["__dataclass_fields__"]
    # keyword-only fields after the others, as in ``__init__`` (and in Pydantic's schema)
    fields = sorted(dataclasses.fields(payload), key=lambda field: field.kw_only is True)
    if len(fields) != len(declared):  # InitVar pseudo-fields: Pydantic validates them
        return None
    reading = _reading | {payload}
    annotations: dict[str, Any] | None = None
    read_fields = []
    for field in fields:
        if not field.init or field.metadata:
            return None
        annotation = field.type
        if isinstance(annotation, str):
            if annotations is None:
                try:
                    annotations = typing.get_type_hints(payload)
                except Exception:  # unresolvable here: Pydantic says why, or copes
                    return None
            annotation = annotations.get(field.name)
        annotation = _plain_annotation(annotation, reading)
        if annotation is None:
            return None
        default = _NO_DEFAULT
        if field.default is not dataclasses.MISSING:
            value = field.default.value if isinstance(field.default, enum.Enum) else field.default
            # a default beside a bare reference to a class is written differently by Pydantic versions
            if isinstance(annotation, PlainDataclass) or not json_native(value):
                return None
            default = json_copy(value)
        has_default = default is not _NO_DEFAULT or field.default_factory is not dataclasses.MISSING
        required = not has_default and not _optional(annotation)
        read_fields.append((field.name, annotation, default, required))
    core_ref = f"{getattr(payload, '__module__', '<No __module__>')}.{payload.__qualname__}:{id(payload)}"
    return PlainDataclass(cls=payload, fields=tuple(read_fields), core_ref=core_ref)


def describe(plain: PlainDataclass, direction: Direction) -> Described | None:
    """``(schema, defs, definitions)`` as Pydantic's generator writes them for the class in
    ``direction``'s mode: the schema refers to the class's definition, and every nested plain
    dataclass has one. None: ask Pydantic."""
    calibration = _calibration(direction)
    return None if calibration is None else _Describer(calibration, direction).run(plain)


def _plain_annotation(annotation: Any, reading: frozenset[type]) -> Any:
    """``annotation`` with nested dataclasses read (a :class:`PlainDataclass` in their place),
    or None if it is not one this module writes."""
    while isinstance(annotation, typing.NewType):  # ``OrderID = NewType("OrderID", UUID)``
        annotation = annotation.__supertype__
    if _leaf(annotation) is not None:
        return annotation
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        kinds = {type(value) for value in values}
        return _Literal(values) if len(kinds) == 1 and kinds <= {str, int} else None
    if isinstance(annotation, type) and "__dataclass_fields__" in annotation.__dict__:
        return read(annotation, _reading=reading)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _read_enum(annotation)
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    inner: Any
    if origin is list and len(arguments) == 1:
        inner = _plain_annotation(arguments[0], reading)
        return None if inner is None else _Composed("list", inner)
    if origin is dict and len(arguments) == 2 and arguments[0] is str:
        inner = _plain_annotation(arguments[1], reading)
        return None if inner is None else _Composed("dict", inner)
    if origin is typing.Union or origin is types.UnionType:
        others = [argument for argument in arguments if argument is not type(None)]
        if len(arguments) == 2 and len(others) == 1:
            inner = _plain_annotation(others[0], reading)
            return None if inner is None else _Composed("optional", inner)
    return None


@dataclass(frozen=True)
class PlainEnum:
    """An enum of strings only, or of integers only, without aliases: a named type of its own."""

    cls: type
    values: tuple[Any, ...]
    core_ref: str
    #: nothing nested (what :class:`_Describer` walks)
    fields: tuple[()] = ()


def _read_enum(cls: type[enum.Enum]) -> PlainEnum | None:
    if issubclass(cls, enum.Flag) or any(hasattr(cls, hook) for hook in _PYDANTIC_HOOKS):
        return None
    members = list(cls)
    values = tuple(member.value for member in members)
    kinds = {type(value) for value in values}
    if not members or len(members) != len(cls.__members__) or len(kinds) != 1 or not kinds <= {str, int}:
        return None
    return PlainEnum(cls=cls, values=values, core_ref=f"{cls.__module__}.{cls.__qualname__}:{id(cls)}")


#: what gets a definition of its own (and a ``$ref`` wherever it is used)
_Named = PlainDataclass | PlainEnum


@dataclass(frozen=True)
class _Literal:
    """``Literal[...]`` of strings only, or of integers only, read."""

    values: tuple[Any, ...]

    @property
    def key(self) -> tuple[type, bool]:
        return type(self.values[0]), len(self.values) == 1


@dataclass(frozen=True)
class _Composed:
    """``list[inner]``, ``dict[str, inner]`` or ``Optional[inner]``, read."""

    kind: str
    inner: Any


def _leaf(annotation: Any) -> Any:
    """The :data:`LEAVES` key ``annotation`` is (``typing.Dict[str, Any]`` is ``dict[str, Any]``),
    or None."""
    origin = typing.get_origin(annotation)
    if origin is not None and typing.Any in typing.get_args(annotation):
        arguments = typing.get_args(annotation)
        if origin is list and arguments == (typing.Any,):
            return list[typing.Any]
        if origin is dict and arguments == (str, typing.Any):
            return dict[str, typing.Any]
        if (origin is typing.Union or origin is types.UnionType) and set(arguments) == {typing.Any, type(None)}:
            return typing.Optional[typing.Any]  # noqa: UP045
        return None
    try:
        return annotation if annotation in LEAVES else None
    except TypeError:  # unhashable annotation
        return None


def _optional(annotation: Any) -> bool:
    if isinstance(annotation, _Composed):
        return annotation.kind == "optional"
    return bool(_leaf(annotation) == typing.Optional[typing.Any])  # noqa: UP045


#: (schema per known type, whether a class docstring becomes the description)
_Calibration = tuple[dict[Any, dict[str, Any]], bool]


class _Describer:
    """One payload's description, its classes numbered in the order Pydantic's generator gives
    them keys: the classes referenced more than once (counting each class's own fields once) are
    Pydantic's core-schema definitions, written first, in the order first met; within a
    definition, a class used once is numbered when finished (innermost first), a shared one when
    first referenced; then the payload's own class, likewise."""

    def __init__(self, calibration: _Calibration, direction: Direction) -> None:
        self.leaves, self.documents = calibration
        self.direction = direction
        self.counts: dict[type, int] = {}
        self.keys: dict[type, str] = {}
        self.written: set[type] = set()
        self.defs: list[tuple[str, str, Direction]] = []
        self.definitions: dict[str, dict[str, Any]] = {}

    def run(self, plain: PlainDataclass) -> Described | None:
        met: list[_Named] = [plain]
        self.counts[plain.cls] = 1
        self.count(plain, met)
        if any(isinstance(named, PlainEnum) and self.counts[named.cls] > 1 for named in met):
            return None  # where Pydantic numbers an enum used twice differs between its versions
        for shared in met:
            if self.hoisted(shared):
                self.definition(shared)
        return self.reference(plain), tuple(self.defs), self.definitions

    def hoisted(self, named: _Named) -> bool:
        """Is ``named`` one of the core schema's definitions (written before the payload)?"""
        return self.counts[named.cls] > 1

    def count(self, plain: _Named, met: list[_Named]) -> None:
        for _, annotation, _, _ in plain.fields:
            while isinstance(annotation, _Composed):
                annotation = annotation.inner
            if isinstance(annotation, PlainDataclass | PlainEnum):
                seen = self.counts.get(annotation.cls, 0)
                self.counts[annotation.cls] = seen + 1
                if not seen:
                    met.append(annotation)
                    self.count(annotation, met)

    def reference(self, plain: _Named) -> dict[str, Any]:
        if self.hoisted(plain):
            self.key(plain)  # a definition: numbered where first referenced, written in its turn
        else:
            self.definition(plain)
        return {"$ref": REF_TEMPLATE.format(self.keys[plain.cls][1:])}

    def definition(self, plain: _Named) -> None:
        if plain.cls in self.written:
            return
        self.written.add(plain.cls)
        schema = self.enum_schema(plain) if isinstance(plain, PlainEnum) else self.class_schema(plain)
        self.definitions[self.key(plain)] = schema

    def key(self, plain: _Named) -> str:
        key = self.keys.get(plain.cls)
        if key is None:
            key = self.keys[plain.cls] = f"d{len(self.defs)}"
            self.defs.append((key, plain.core_ref, self.direction))
        return key

    def class_schema(self, plain: PlainDataclass) -> dict[str, Any]:
        properties = {}
        for name, annotation, default, _ in plain.fields:
            schema = self.schema(annotation)
            if default is not _NO_DEFAULT:
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
        if isinstance(annotation, _Composed):
            inner = self.schema(annotation.inner)
            if annotation.kind == "list":
                return {"type": "array", "items": inner}
            if annotation.kind == "dict":
                return {"type": "object", "additionalProperties": inner}
            return {"anyOf": [inner, {"type": "null"}]}
        if isinstance(annotation, _Literal):
            _, probe_values = LITERALS[annotation.key]
            values = annotation.values[0] if annotation.key[1] else list(annotation.values)
            return _swapped(self.leaves[annotation.key], probe_values, values)  # type: ignore[no-any-return]
        return json_copy(self.leaves[_leaf(annotation)])  # type: ignore[no-any-return]


def _swapped(node: Any, old: Any, new: Any) -> Any:
    """A copy of ``node`` with every value equal to ``old`` (and of its type) replaced by ``new``."""
    if type(node) is type(old) and node == old:
        return json_copy(new)
    if isinstance(node, dict):
        return {key: _swapped(value, old, new) for key, value in node.items()}
    if isinstance(node, list):
        return [_swapped(item, old, new) for item in node]
    return node


# -- the probe ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _probe_class() -> type:
    """One field of every known type, nested classes, and the compositions this module writes
    (one class per process: both directions describe it)."""
    def nested(name: str, *fields: tuple[str, Any]) -> type:
        made = dataclasses.make_dataclass(name, [*fields, ("note", typing.Optional[str], dataclasses.field(default=None))])  # noqa: UP045
        made.__doc__ = f"A nested probe, {name}."
        return made

    # each used once, one two levels deep; and one shared, also from within a class used twice
    # (a shared class is numbered where first referenced, one used once where finished)
    deepest = nested("ProbeDeepest", ("value", int))
    shared = nested("ProbeShared", ("value", int))
    holder = nested("ProbeHolder", ("own", nested("ProbeOwn", ("value", int))), ("shared", shared))
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [(name, leaf) for leaf, name in LEAVES.items()]
    fields += [(name, Literal[tuple(values)] if isinstance(values, list) else Literal[values]) for name, values in LITERALS.values()]
    fields += [
        ("named_only", int, dataclasses.field(kw_only=True)),  # written after all the others
        ("listed", list[int]),
        ("tags", Literal["a", "b", "c"]),  # more values than the probe's: swapped in, all of them
        ("maybe_tag", list[typing.Optional[Literal[1, 2, 3]]]),  # noqa: UP045
        ("named_id", typing.NewType("ProbeID", uuid.UUID)),
        ("named_ids", list[typing.NewType("ProbeKey", str)]),  # type: ignore[misc]
        ("mapped", dict[str, int]),
        ("nested", list[dict[str, typing.Optional[int]]]),  # noqa: UP045 -- the spelling users write
        ("unset", typing.Optional[str]),  # noqa: UP045 -- optional without default: not required
        ("holder", holder),
        ("holders", list[holder]),  # type: ignore[valid-type]
        ("shared", shared),
        ("inner", nested("ProbeInner", ("deeper", list[deepest]))),  # type: ignore[valid-type]
        ("inners", list[nested("ProbeItem", ("value", int))]),  # type: ignore[misc]
        ("either", typing.Optional[str], dataclasses.field(default=None)),  # noqa: UP045
        ("piped", int | None, dataclasses.field(default=None)),
        ("maybe_inner", typing.Optional[nested("ProbeMaybe", ("value", int))], dataclasses.field(default=None)),  # noqa: UP045
        ("counted", int, dataclasses.field(default=3)),
        ("made", list[str], dataclasses.field(default_factory=list)),
    ]
    # enums (each used once: an enum used twice is Pydantic's), documented or not, of strings or
    # integers, mixed in or not, one with a member as its default
    colour = enum.Enum("ProbeColour", {"RED": "red", "BLUE": "blue"})  # type: ignore[misc]
    colour.__doc__ = "A probe enum."
    level = enum.IntEnum("ProbeLevel", {"LOW": 1, "HIGH": 2})  # type: ignore[misc]
    rank = enum.Enum("ProbeRank", {"FIRST": 1})  # type: ignore[misc]
    code = enum.Enum("ProbeCode", {"A": "a"}, type=str)  # type: ignore[misc]
    for made in (colour, level, rank, code):
        made.__module__ = __name__
    fields[:0] = [("level", level), ("rank", rank), ("codes", list[code])]
    fields += [("picked", colour, dataclasses.field(default=colour.RED))]
    probe = dataclasses.make_dataclass("Probe", fields)
    probe.__doc__ = "A probe.\n\n    Second paragraph."
    return probe


@functools.lru_cache(maxsize=2)
def _calibration(direction: Direction) -> _Calibration | None:
    """What the installed Pydantic writes for the probe in ``direction``'s mode, read into a
    calibration; None if its answer is not what this module would write from that calibration.
    (Two threads that miss at once both ask; the answers are equal.)"""
    return calibrate(direction, _ask_pydantic)


def _ask_pydantic(probe: type, direction: Direction) -> Described:
    from .pydantic import generated_by_pydantic

    return generated_by_pydantic(_core_schema(probe), direction)


@functools.lru_cache(maxsize=1)
def _core_schema(probe: type) -> Any:
    """The probe's core schema, built once for both directions."""
    from pydantic import TypeAdapter

    return TypeAdapter(probe).core_schema


def calibrate(direction: Direction, ask: Callable[[type, Direction], Described | None]) -> _Calibration | None:
    """A calibration from ``ask``'s description of the probe class (``ask`` is Pydantic in use;
    a stand-in in tests shows that a Pydantic writing something else turns the shortcut off)."""
    probe = _probe_class()
    answer = ask(probe, direction)
    plain = read(probe)
    if answer is None or plain is None:
        return None
    schema, defs, definitions = answer
    last = f"d{len(defs) - 1}"
    own = defs[-1:] == ((last, plain.core_ref, direction),) and definitions.get(last)
    properties = own.get("properties") if isinstance(own, dict) else None
    if not isinstance(own, dict) or not isinstance(properties, dict):
        return None
    leaves = {leaf: properties.get(name) for leaf, name in LEAVES.items()}
    leaves.update({key: properties.get(name) for key, (name, _) in LITERALS.items()})
    if not all(isinstance(leaf_schema, dict) for leaf_schema in leaves.values()):
        return None
    # everything this module composes must come out as Pydantic wrote it, keys in its order (but
    # for the order of the definitions themselves, which only ``defs`` gives)
    calibration: _Calibration = (typing.cast("dict[Any, dict[str, Any]]", leaves), "description" in own)
    mine = _Describer(calibration, direction).run(plain)
    return calibration if mine is not None and _canonical(mine) == _canonical((schema, tuple(defs), definitions)) else None


def _canonical(described: Described) -> str:
    schema, defs, definitions = described
    return json.dumps((schema, defs, sorted(definitions.items())))
