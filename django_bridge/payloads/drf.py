"""DRF serializers → JSON Schema, from DRF's own field objects.

A serializer is instantiated and its ``fields`` read, so everything DRF knows is used: types,
``required``, ``allow_null``, ``help_text``, defaults, length and value bounds, choices. Direction
matters: read-only fields are left out of client → server payloads, write-only fields out of
server → client payloads. Nested serializers (``many=True`` included) become named components
in the :class:`~django_bridge.payloads.SchemaBank`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..generation.examples import jsonable
from . import Direction, SchemaBank, class_entries, resolve

#: Called with (dotted field path, field class name) for a field no rule here understands.
Unmapped = Callable[[str, str], None]


def serializer_schema(payload: Any, *, direction: Direction, bank: SchemaBank, on_unmapped: Unmapped) -> dict[str, Any]:
    """The schema of a serializer class or instance (an array for ``many=True``).

    A serializer class whose fields are fixed by its declaration (see :func:`_fields_are_static`)
    is converted once per direction per process and replayed into each generation's bank:
    instantiating a serializer deep-copies every field, the larger part of converting it.
    """
    if not isinstance(payload, type) or not _fields_are_static(payload):
        return _convert(payload, direction, bank, on_unmapped)
    entries = class_entries(payload, _CACHE_ATTRIBUTE, create=False)
    converted: _Converted | None = entries.get(direction) if entries is not None else None
    if converted is None:
        converted = _Converted.of(payload, direction)
        if converted.static:
            entries = class_entries(payload, _CACHE_ATTRIBUTE, create=True)
            if entries is not None:
                entries[direction] = converted
    return converted.replay(bank, on_unmapped)


def _convert(payload: Any, direction: Direction, bank: SchemaBank, on_unmapped: Unmapped) -> dict[str, Any]:
    from rest_framework import serializers

    instance = payload() if isinstance(payload, type) else payload
    if isinstance(instance, serializers.ListSerializer):
        return {"type": "array", "items": _nested_ref(instance.child, direction, bank, on_unmapped, instance.child.__class__.__name__)}
    schema = _object_schema(instance, direction, bank, on_unmapped, type(instance).__name__)
    return {"title": component_name(type(instance)), **schema}


_CACHE_ATTRIBUTE = "__django_bridge_drf_schemas__"

#: Serializer hooks that decide which fields an instance has. A class that overrides one of them
#: may compute its fields at run time (from settings, flags, the request): it is converted anew
#: for every spec. Other overrides (validate, create, to_representation) leave the fields alone.
_FIELD_HOOKS = frozenset(
    {
        "__new__",
        "__init__",
        "fields",
        "get_fields",
        "get_field_names",
        "get_default_field_names",
        "get_extra_kwargs",
        "include_extra_kwargs",
        "build_field",
        "build_standard_field",
        "build_relational_field",
        "build_nested_field",
        "build_property_field",
        "build_url_field",
        "build_unknown_field",
    }
)


def _fields_are_static(klass: type) -> bool:
    """True when only DRF's own code decides ``klass``'s fields (its declaration and Meta)."""
    for base in klass.__mro__:
        if base.__module__.startswith("rest_framework.") or base is object:
            continue
        if not _FIELD_HOOKS.isdisjoint(vars(base)):
            return False
    return True


class _Recording:
    """An ``on_unmapped`` that remembers each call with the nested serializer it came from (None:
    the payload's own fields), so a replay reports only what converting into that bank would."""

    def __init__(self, calls: list[tuple[str | None, str, str]], owner: str | None = None) -> None:
        self.calls = calls
        self.owner = owner

    def __call__(self, path: str, field_class: str) -> None:
        self.calls.append((self.owner, path, field_class))

    def owned_by(self, origin: str) -> _Recording:
        return _Recording(self.calls, origin)


@dataclass(frozen=True)
class _Converted:
    """One serializer class converted into a bank of its own, ready to replay into any bank."""

    schema: dict[str, Any]
    #: the private bank's entries: (nested class, origin there, preferred name, direction, schema)
    entries: tuple[tuple[Any, str, str, Direction, dict[str, Any] | None], ...]
    #: the unmapped fields met: (origin of the nested serializer, or None, field path, class)
    unmapped: tuple[tuple[str | None, str, str], ...]
    #: whether every nested serializer's fields are static too (else not worth keeping)
    static: bool

    @classmethod
    def of(cls, payload: type, direction: Direction) -> _Converted:
        private = SchemaBank()
        calls: list[tuple[str | None, str, str]] = []
        schema = _convert(payload, direction, private, _Recording(calls))
        entries = tuple(private.entries())
        static = all(isinstance(klass, type) and _fields_are_static(klass) for klass, *_ in entries)
        return cls(schema=schema, entries=entries, unmapped=tuple(calls), static=static)

    def replay(self, bank: SchemaBank, on_unmapped: Unmapped) -> dict[str, Any]:
        """The schema, with the nested serializers entered into ``bank`` in the order converting
        them there would have (so names never depend on the cache); a fresh copy."""
        targets: dict[str, str] = {}
        new: list[tuple[str, str, Direction, dict[str, Any] | None]] = []
        for klass, private_origin, preferred, direction, schema in self.entries:
            origin = _origin(klass, bank)
            if not bank.has(origin, direction):
                new.append((private_origin, origin, direction, schema))
            targets[SchemaBank.placeholder(private_origin, direction)] = bank.ref(origin, preferred, direction)["$ref"]
        for _, origin, direction, schema in new:
            if schema is not None:
                bank.define(origin, direction, resolve(schema, targets))
        fresh = {private_origin for private_origin, *_ in new}
        for owner, path, field_class in self.unmapped:
            if owner is None or owner in fresh:
                on_unmapped(path, field_class)
        result: dict[str, Any] = resolve(self.schema, targets)
        return result


def component_name(serializer_class: type) -> str:
    """``RideOfferSerializer`` → ``RideOffer`` (as drf-spectacular names components)."""
    name = serializer_class.__name__
    stripped = name[: -len("Serializer")] if name.endswith("Serializer") else name
    return stripped or name


def _origin(serializer_class: type, bank: SchemaBank) -> str:
    return bank.origin(serializer_class, f"drf:{serializer_class.__module__}.{serializer_class.__qualname__}")


def _nested_ref(instance: Any, direction: Direction, bank: SchemaBank, on_unmapped: Unmapped, path: str) -> dict[str, Any]:
    klass = type(instance)
    origin = _origin(klass, bank)
    if bank.has(origin, direction):
        return bank.ref(origin, component_name(klass), direction)
    ref = bank.ref(origin, component_name(klass), direction)
    if isinstance(on_unmapped, _Recording):  # a conversion for the cache: remember whose field
        on_unmapped = on_unmapped.owned_by(origin)
    schema = _object_schema(instance, direction, bank, on_unmapped, path)
    bank.define(origin, direction, {"title": component_name(klass), **schema})
    return ref


def _object_schema(instance: Any, direction: Direction, bank: SchemaBank, on_unmapped: Unmapped, path: str) -> dict[str, Any]:
    from rest_framework import fields as drf_fields

    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, field in _fields(instance).items():
        if isinstance(field, drf_fields.HiddenField):
            continue  # set by the server, never on the wire
        if direction == "in" and field.read_only:
            continue
        if direction == "out" and field.write_only:
            continue
        properties[name] = field_schema(field, direction=direction, bank=bank, on_unmapped=on_unmapped, path=f"{path}.{name}")
        if (direction == "in" and field.required) or (direction == "out" and (field.required or field.read_only)):
            required.append(name)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    return schema


def _fields(instance: Any) -> Any:
    """The serializer's fields. When they are only its declared ones (DRF's own
    ``Serializer.get_fields``), the declarations themselves: ``instance.fields`` would deep-copy
    and bind each (most of a serializer's conversion), and nothing read here depends on binding
    (a field's name and parent). Anything else (a ModelSerializer, an override) builds them."""
    from rest_framework import serializers

    if type(instance).get_fields is serializers.Serializer.get_fields and "fields" not in vars(instance):
        return instance._declared_fields
    return instance.fields


def field_schema(field: Any, *, direction: Direction, bank: SchemaBank, on_unmapped: Unmapped, path: str) -> dict[str, Any]:
    """One field's schema, with its description, default and ``null`` where DRF allows them."""
    schema = _type_schema(field, direction, bank, on_unmapped, path)
    help_text = getattr(field, "help_text", None)
    if help_text:
        schema = {**schema, "description": str(help_text)}
    default = _default(field)
    if default is not _NO_DEFAULT:
        schema = {**schema, "default": default}
    if field.read_only and direction == "out" and "$ref" not in schema:
        schema = {**schema, "readOnly": True}
    if getattr(field, "allow_null", False):
        extras: dict[str, Any] = {key: schema.pop(key) for key in ("description", "default") if key in schema}
        schema = {"anyOf": [schema, {"type": "null"}], **extras}
    return schema


_NO_DEFAULT = object()


def _default(field: Any) -> Any:
    from rest_framework.fields import empty

    value = getattr(field, "default", empty)
    if value is empty or callable(value):
        return _NO_DEFAULT
    return jsonable(value)


def _bounded(schema: dict[str, Any], field: Any, low: str, high: str, low_key: str, high_key: str) -> dict[str, Any]:
    for attr, key in ((low, low_key), (high, high_key)):
        value = getattr(field, attr, None)
        if value is not None:
            schema[key] = value if isinstance(value, int | float) and not isinstance(value, bool) else float(value)
    return schema


def _choices(field: Any) -> dict[str, Any]:
    values = [jsonable(value) for value in field.choices]
    if getattr(field, "allow_blank", False) and "" not in values:
        values.append("")
    schema: dict[str, Any] = {"enum": values}
    if values and all(isinstance(value, str) for value in values):
        schema = {"type": "string", **schema}
    elif values and all(isinstance(value, int) and not isinstance(value, bool) for value in values):
        schema = {"type": "integer", **schema}
    return schema


def _type_schema(field: Any, direction: Direction, bank: SchemaBank, on_unmapped: Unmapped, path: str) -> dict[str, Any]:
    from rest_framework import fields as f
    from rest_framework import relations as r
    from rest_framework import serializers as s

    if isinstance(field, s.ListSerializer):
        return {"type": "array", "items": _nested_ref(field.child, direction, bank, on_unmapped, path)}
    if isinstance(field, s.BaseSerializer):
        return _nested_ref(field, direction, bank, on_unmapped, path)
    if isinstance(field, r.ManyRelatedField):
        return {"type": "array", "items": _type_schema(field.child_relation, direction, bank, on_unmapped, path)}
    if isinstance(field, r.PrimaryKeyRelatedField):
        return _primary_key(field)
    if isinstance(field, r.HyperlinkedRelatedField):
        return {"type": "string", "format": "uri"}
    if isinstance(field, r.RelatedField):
        return {"type": "string"}
    if isinstance(field, f.MultipleChoiceField):
        return {"type": "array", "items": _choices(field), "uniqueItems": True}
    if isinstance(field, f.ChoiceField):
        return _choices(field)
    if isinstance(field, f.BooleanField):
        return {"type": "boolean"}
    string_formats = (
        (f.EmailField, {"format": "email"}),
        (f.URLField, {"format": "uri"}),
        (f.UUIDField, {"format": "uuid"}),
        (f.SlugField, {"pattern": "^[-a-zA-Z0-9_]+$"}),
    )
    for klass, extra in string_formats:
        if isinstance(field, klass):
            return _bounded({"type": "string", **extra}, field, "min_length", "max_length", "minLength", "maxLength")
    if isinstance(field, f.IPAddressField):
        protocol = getattr(field, "protocol", "both")
        formats = {"ipv4": {"format": "ipv4"}, "ipv6": {"format": "ipv6"}}
        if protocol in formats:
            return {"type": "string", **formats[protocol]}
        return {"type": "string", "anyOf": [{"format": "ipv4"}, {"format": "ipv6"}]}
    if isinstance(field, f.RegexField):
        pattern = getattr(getattr(field, "regex", None), "pattern", None)
        schema: dict[str, Any] = {"type": "string"}
        for validator in field.validators:
            regex = getattr(validator, "regex", None)
            pattern = getattr(regex, "pattern", pattern)
        if isinstance(pattern, str):
            schema["pattern"] = pattern
        return _bounded(schema, field, "min_length", "max_length", "minLength", "maxLength")
    if isinstance(field, f.CharField):
        return _bounded({"type": "string"}, field, "min_length", "max_length", "minLength", "maxLength")
    if isinstance(field, f.IntegerField):
        return _bounded({"type": "integer"}, field, "min_value", "max_value", "minimum", "maximum")
    if isinstance(field, f.FloatField):
        return _bounded({"type": "number"}, field, "min_value", "max_value", "minimum", "maximum")
    if isinstance(field, f.DecimalField):
        if getattr(field, "coerce_to_string", True) is False:
            return _bounded({"type": "number"}, field, "min_value", "max_value", "minimum", "maximum")
        return {"type": "string", "format": "decimal"}
    if isinstance(field, f.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, f.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, f.TimeField):
        return {"type": "string", "format": "time"}
    if isinstance(field, f.DurationField):
        return {"type": "string", "format": "duration"}
    if isinstance(field, f.FileField):
        return {"type": "string", "format": "binary"}
    if isinstance(field, f.HStoreField):
        return {"type": "object", "additionalProperties": {"anyOf": [{"type": "string"}, {"type": "null"}]}}
    if isinstance(field, f.DictField):
        child = field.child
        items = {} if isinstance(child, f._UnvalidatedField) else _type_schema(child, direction, bank, on_unmapped, path)
        return {"type": "object", "additionalProperties": items}
    if isinstance(field, f.ListField):
        child = field.child
        items = {} if isinstance(child, f._UnvalidatedField) else field_schema(child, direction=direction, bank=bank, on_unmapped=on_unmapped, path=path)
        return _bounded({"type": "array", "items": items}, field, "min_length", "max_length", "minItems", "maxItems")
    if isinstance(field, f.JSONField | f.ReadOnlyField | f.SerializerMethodField | f.ModelField):
        return {}
    on_unmapped(path, type(field).__name__)
    return {}


def _primary_key(field: Any) -> dict[str, Any]:
    pk_field = getattr(field, "pk_field", None)
    if pk_field is not None:
        return _type_schema(pk_field, "in", SchemaBank(), lambda *_: None, "")
    queryset = getattr(field, "queryset", None)
    model = getattr(queryset, "model", None)
    pk = getattr(getattr(model, "_meta", None), "pk", None)
    internal = pk.get_internal_type() if pk is not None else ""
    if internal in {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "PositiveIntegerField"}:
        return {"type": "integer"}
    if internal == "UUIDField":
        return {"type": "string", "format": "uuid"}
    return {"type": "string"}
