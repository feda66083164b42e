"""DRF serializers → JSON Schema, from DRF's own field objects.

A serializer is instantiated and its ``fields`` read, so everything DRF knows is used: types,
``required``, ``allow_null``, ``help_text``, defaults, length and value bounds, choices. Direction
matters: read-only fields are left out of client → server payloads, write-only fields out of
server → client payloads. Nested serializers (``many=True`` included) become named components
in the :class:`~django_bridge.payloads.SchemaBank`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..generation.examples import jsonable
from . import Direction, SchemaBank

#: Called with (dotted field path, field class name) for a field no rule here understands.
Unmapped = Callable[[str, str], None]


def serializer_schema(payload: Any, *, direction: Direction, bank: SchemaBank, on_unmapped: Unmapped) -> dict[str, Any]:
    """The schema of a serializer class or instance (an array for ``many=True``)."""
    from rest_framework import serializers

    instance = payload() if isinstance(payload, type) else payload
    if isinstance(instance, serializers.ListSerializer):
        return {"type": "array", "items": _nested_ref(instance.child, direction, bank, on_unmapped, instance.child.__class__.__name__)}
    schema = _object_schema(instance, direction, bank, on_unmapped, type(instance).__name__)
    return {"title": component_name(type(instance)), **schema}


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
    schema = _object_schema(instance, direction, bank, on_unmapped, path)
    bank.define(origin, direction, {"title": component_name(klass), **schema})
    return ref


def _object_schema(instance: Any, direction: Direction, bank: SchemaBank, on_unmapped: Unmapped, path: str) -> dict[str, Any]:
    from rest_framework import fields as drf_fields

    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, field in instance.fields.items():
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
