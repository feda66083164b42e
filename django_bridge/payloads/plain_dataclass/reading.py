"""Reading a dataclass: is it plain, and what are its fields, in the terms the writer uses."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import types
import typing
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from .. import json_copy, json_native

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
NO_DEFAULT = object()
@dataclass(frozen=True)
class PlainDataclass:
    """A plain dataclass, read: what stands in for its core schema in the payload pipeline."""

    cls: type
    #: (name, annotation, JSON default or NO_DEFAULT, required)
    fields: tuple[tuple[str, Any, Any, bool], ...]
    #: the class's reference as Pydantic writes it (``module.Qualname:id``)
    core_ref: str


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
                    annotations = typing.get_type_hints(payload, include_extras=True)  # (Annotated is not plain)
                except Exception:  # unresolvable here: Pydantic says why, or copes
                    return None
            annotation = annotations.get(field.name)
        annotation = _plain_annotation(annotation, reading)
        if annotation is None:
            return None
        default = NO_DEFAULT
        if field.default is not dataclasses.MISSING:
            value = field.default.value if isinstance(field.default, enum.Enum) else field.default
            # a default beside a bare reference to a class is written differently by Pydantic versions
            if isinstance(annotation, PlainDataclass) or not json_native(value):
                return None
            default = json_copy(value)
        has_default = default is not NO_DEFAULT or field.default_factory is not dataclasses.MISSING
        required = not has_default and not _optional(annotation)
        read_fields.append((field.name, annotation, default, required))
    core_ref = f"{getattr(payload, '__module__', '<No __module__>')}.{payload.__qualname__}:{id(payload)}"
    return PlainDataclass(cls=payload, fields=tuple(read_fields), core_ref=core_ref)


def _plain_annotation(annotation: Any, reading: frozenset[type]) -> Any:
    """``annotation`` with nested dataclasses read (a :class:`PlainDataclass` in their place),
    or None if it is not one this package writes."""
    while isinstance(annotation, typing.NewType):  # ``OrderID = NewType("OrderID", UUID)``
        annotation = annotation.__supertype__
    if leaf(annotation) is not None:
        return annotation
    if typing.get_origin(annotation) is Literal:
        values = typing.get_args(annotation)
        kinds = {type(value) for value in values}
        return LiteralValues(values) if len(kinds) == 1 and kinds <= {str, int} else None
    if isinstance(annotation, type) and "__dataclass_fields__" in annotation.__dict__:
        return read(annotation, _reading=reading)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _read_enum(annotation)
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    inner: Any
    if origin is list and len(arguments) == 1:
        inner = _plain_annotation(arguments[0], reading)
        return None if inner is None else Composed("list", inner)
    if origin is dict and len(arguments) == 2 and arguments[0] is str:
        inner = _plain_annotation(arguments[1], reading)
        return None if inner is None else Composed("dict", inner)
    if origin is typing.Union or origin is types.UnionType:
        others = [argument for argument in arguments if argument is not type(None)]
        if len(arguments) == 2 and len(others) == 1:
            inner = _plain_annotation(others[0], reading)
            return None if inner is None else Composed("optional", inner)
    return None


@dataclass(frozen=True)
class PlainEnum:
    """An enum of strings only, or of integers only, without aliases: a named type of its own."""

    cls: type
    values: tuple[Any, ...]
    core_ref: str


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
Named = PlainDataclass | PlainEnum


@dataclass(frozen=True)
class LiteralValues:
    """``Literal[...]`` of strings only, or of integers only, read."""

    values: tuple[Any, ...]

    @property
    def key(self) -> tuple[type, bool]:
        return type(self.values[0]), len(self.values) == 1


@dataclass(frozen=True)
class Composed:
    """``list[inner]``, ``dict[str, inner]`` or ``Optional[inner]``, read."""

    kind: str
    inner: Any


def leaf(annotation: Any) -> Any:
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
    if isinstance(annotation, Composed):
        return annotation.kind == "optional"
    return bool(leaf(annotation) == typing.Optional[typing.Any])  # noqa: UP045
