"""Plain stdlib dataclasses → the JSON Schema Pydantic writes for them, without asking Pydantic.

Why: a dataclass has no core schema until Pydantic builds one, and building it (with the
validator that comes along) is the largest part of a cold spec: about 0.4 ms per class, where
the schema itself is a handful of dictionaries. Most payload dataclasses are plain: strings,
numbers, UUIDs, dates, lists, optional values. For those, this module writes the schema itself.

It never guesses what Pydantic would write. Once per process it has Pydantic describe a probe
dataclass that holds one field of every type this module knows (through the same generator as
every other payload), and takes each type's schema, the class schema's layout and whether a
docstring becomes the description from that answer. Composition (``list[X]``, ``dict[str, X]``,
``Optional[X]``, a default) is checked on the probe too; if any of it differs, the installed
Pydantic writes something this module does not know, and every dataclass goes to Pydantic.

A dataclass is plain when it is a stdlib dataclass (not Pydantic's, no Pydantic hooks or
config, not generic) whose fields are all init fields without metadata, whose types are among
the known ones or ``list``/``dict``/``Optional`` of them, and whose defaults JSON carries as
they are. Anything else goes to Pydantic, as before; tests hold the two paths to equal output.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import functools
import inspect
import types
import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
_PYDANTIC_HOOKS = (
    "__pydantic_config__",
    "__pydantic_validator__",
    "__pydantic_fields__",
    "__get_pydantic_core_schema__",
    "__get_pydantic_json_schema__",
)
_CLASS_KEYS = ("type", "properties", "required", "title", "description")
_NO_DEFAULT = object()


@dataclass(frozen=True)
class PlainDataclass:
    """A plain dataclass, read: what stands in for its core schema in the payload pipeline."""

    cls: type
    #: (name, annotation, JSON default or _NO_DEFAULT, required)
    fields: tuple[tuple[str, Any, Any, bool], ...]
    core_ref: str


def read(payload: Any) -> PlainDataclass | None:
    """``payload`` read as a plain dataclass, or None when Pydantic must describe it."""
    if not isinstance(payload, type) or "__dataclass_fields__" not in payload.__dict__:
        return None
    if any(hasattr(payload, hook) for hook in _PYDANTIC_HOOKS) or payload.__dict__.get(
        "__parameters__"
    ):
        return None
    declared = payload.__dict__["__dataclass_fields__"]
    fields = dataclasses.fields(payload)
    if len(fields) != len(declared):  # InitVar pseudo-fields: Pydantic validates them
        return None
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
        if not _known(annotation):
            return None
        if field.default is not dataclasses.MISSING:
            if not json_native(field.default):
                return None
            default = json_copy(field.default)
        else:
            default = _NO_DEFAULT
        has_default = default is not _NO_DEFAULT or field.default_factory is not dataclasses.MISSING
        required = not has_default and not _optional(annotation)
        read_fields.append((field.name, annotation, default, required))
    core_ref = (
        f"{getattr(payload, '__module__', '<No __module__>')}.{payload.__qualname__}:{id(payload)}"
    )
    return PlainDataclass(cls=payload, fields=tuple(read_fields), core_ref=core_ref)


def describe(plain: PlainDataclass, direction: Direction) -> dict[str, Any] | None:
    """The class's schema as Pydantic writes it in ``direction``'s mode (None: ask Pydantic)."""
    calibration = _calibration(direction)
    return None if calibration is None else _describe(plain, calibration)


def _describe(plain: PlainDataclass, calibration: _Calibration) -> dict[str, Any]:
    leaves, documents = calibration
    properties = {}
    for name, annotation, default, _ in plain.fields:
        schema = _schema_of(annotation, leaves)
        if default is not _NO_DEFAULT:
            schema["default"] = default
        properties[name] = schema
    result: dict[str, Any] = {"type": "object", "properties": properties}
    required = [name for name, _, _, required in plain.fields if required]
    if required:
        result["required"] = required
    result["title"] = plain.cls.__name__
    doc = plain.cls.__doc__
    if documents and doc and not doc.startswith(f"{plain.cls.__name__}("):
        result["description"] = inspect.cleandoc(doc)
    return result


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
        if (origin is typing.Union or origin is types.UnionType) and set(arguments) == {
            typing.Any,
            type(None),
        }:
            return typing.Optional[typing.Any]  # noqa: UP045
        return None
    try:
        return annotation if annotation in LEAVES else None
    except TypeError:  # unhashable annotation
        return None


def _known(annotation: Any) -> bool:
    if _leaf(annotation) is not None:
        return True
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is list:
        return len(arguments) == 1 and _known(arguments[0])
    if origin is dict:
        return len(arguments) == 2 and arguments[0] is str and _known(arguments[1])
    if origin is typing.Union or origin is types.UnionType:
        others = [argument for argument in arguments if argument is not type(None)]
        return len(arguments) == 2 and len(others) == 1 and _known(others[0])
    return False


def _optional(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    return (origin is typing.Union or origin is types.UnionType) and type(None) in typing.get_args(
        annotation
    )


def _schema_of(annotation: Any, leaves: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    leaf = _leaf(annotation)
    if leaf is not None:
        return json_copy(leaves[leaf])  # type: ignore[no-any-return]
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is list:
        return {"type": "array", "items": _schema_of(arguments[0], leaves)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema_of(arguments[1], leaves)}
    inner = next(argument for argument in arguments if argument is not type(None))
    return {"anyOf": [_schema_of(inner, leaves), {"type": "null"}]}


# -- the probe ------------------------------------------------------------------------------------


def _probe_class() -> type:
    """One field of every known type, and the compositions this module writes itself."""
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [
        (name, leaf) for leaf, name in LEAVES.items()
    ]
    fields += [
        ("listed", list[int]),
        ("mapped", dict[str, int]),
        ("nested", list[dict[str, typing.Optional[int]]]),  # noqa: UP045 -- the spelling users write
        ("unset", typing.Optional[str]),  # noqa: UP045 -- optional without default: not required
        ("either", typing.Optional[str], dataclasses.field(default=None)),  # noqa: UP045
        ("piped", int | None, dataclasses.field(default=None)),
        ("counted", int, dataclasses.field(default=3)),
        ("made", list[str], dataclasses.field(default_factory=list)),
    ]
    probe = dataclasses.make_dataclass("Probe", fields)
    probe.__doc__ = "A probe.\n\n    Second paragraph."
    return probe


#: (schema per known type, whether a class docstring becomes the description)
_Calibration = tuple[dict[Any, dict[str, Any]], bool]


@functools.lru_cache(maxsize=2)
def _calibration(direction: Direction) -> _Calibration | None:
    """What the installed Pydantic writes for the probe in ``direction``'s mode, read into a
    calibration; None if its answer is not what this module would write from that calibration.
    (Two threads that miss at once both ask; the answers are equal.)"""
    return calibrate(direction, _ask_pydantic)


def _ask_pydantic(probe: type, direction: Direction) -> dict[str, Any] | None:
    from pydantic import TypeAdapter

    from . import SchemaBank
    from .pydantic import generate

    bank = SchemaBank()
    generate([(TypeAdapter(probe).core_schema, direction)], bank=bank)
    schemas = [by_direction.get(direction) for _, _, by_direction in bank.groups()]
    return schemas[0] if len(schemas) == 1 else None


def calibrate(
    direction: Direction, ask: Callable[[type, Direction], dict[str, Any] | None]
) -> _Calibration | None:
    """A calibration from ``ask``'s schema of the probe class (``ask`` is Pydantic in use, and
    a stand-in in tests that show a Pydantic writing something else turns the shortcut off)."""
    probe = _probe_class()
    answer = ask(probe, direction)
    if not isinstance(answer, dict) or not isinstance(answer.get("properties"), dict):
        return None
    properties = answer["properties"]
    leaves = {leaf: properties.get(name) for leaf, name in LEAVES.items()}
    plain = read(probe)
    if plain is None or not all(isinstance(schema, dict) for schema in leaves.values()):
        return None
    calibration: _Calibration = (
        typing.cast("dict[Any, dict[str, Any]]", leaves),
        "description" in answer,
    )
    # everything this module composes must come out as Pydantic wrote it, keys in its order
    mine = _describe(plain, calibration)
    if (
        mine != answer
        or list(mine) != list(answer)
        or list(mine) != [key for key in _CLASS_KEYS if key in mine]
    ):
        return None
    return calibration
