"""Frames made from a payload schema: Hypothesis strategies for the JSON Schema a spec uses.

Used by the generated contract tests (many frames, shrunk to the smallest failing one) and by the
mock server (one value for a reply that has no example). Hypothesis is imported on first use: it
is a test and mock dependency, not the core's.

Why not hypothesis-jsonschema: its latest release (0.23.1) crashes on every object schema with
current Hypothesis (``'many' object has no attribute 'more'``, Hypothesis 6.170). This module
covers what payload schemas use (types, ``const``/``enum``, bounds, ``pattern``, the common
formats, ``$ref`` into components, ``allOf``/``anyOf``/``oneOf``) and filters every value through
the compiled validator of the whole schema, so what it yields is always valid.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from .._errors import AsyncAPIToolsError
from .model import Message

#: Size caps where a schema sets none: frames stay small and tests fast.
MAX_TEXT = 24
MAX_ITEMS = 4
#: Nesting depth past which optional properties are left out and free-form values are scalars.
MAX_DEPTH = 6


def strategy(message: Message, components: Mapping[str, Any]) -> Any:
    """A Hypothesis strategy of frames valid against ``message``'s payload (``$ref``s into
    ``components`` resolved). Raises AsyncAPIToolsError when Hypothesis is not installed or the
    schema admits no value."""
    try:
        import hypothesis.strategies as st
    except ImportError:
        raise AsyncAPIToolsError(
            f"generating frames for message {message.key} needs Hypothesis",
            hint="pip install 'asyncapi-tools[testing]'",
        ) from None
    import jsonschema_rs

    schema = message.payload if message.payload is not None else {}
    root = {**schema, "components": components} if isinstance(schema, Mapping) else schema
    validator = jsonschema_rs.Draft7Validator(root, validate_formats=True)
    return _Builder(st, components).build(schema, 0).filter(validator.is_valid)


def sample(message: Message, components: Mapping[str, Any]) -> Any:
    """One frame for ``message``: its first example, else a value made from its payload schema."""
    if message.examples:
        return message.examples[0]
    import warnings

    from hypothesis.errors import NonInteractiveExampleWarning

    with warnings.catch_warnings():
        # .example() is meant for interactive use; here it is exactly what is wanted: one value
        warnings.simplefilter("ignore", NonInteractiveExampleWarning)
        return strategy(message, components).example()


class _Builder:
    """Schema → strategy, one keyword family at a time."""

    def __init__(self, st: Any, components: Mapping[str, Any]) -> None:
        self.st = st
        self.components = components

    def build(self, schema: Any, depth: int) -> Any:
        st = self.st
        schema = self._follow(schema)
        if schema is False:
            return st.nothing()
        if schema is True or schema is None or not isinstance(schema, Mapping):
            return self._any(depth)
        if "const" in schema:
            return st.just(schema["const"])
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return st.sampled_from(schema["enum"])
        if "allOf" in schema:
            return self.build(self._merge(schema), depth)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                rest = {k: v for k, v in schema.items() if k != key}
                return st.one_of([self.build(self._merge({**rest, "allOf": [option]}), depth) for option in schema[key]])
        kind = schema.get("type")
        if isinstance(kind, list):
            return st.one_of([self.build({**schema, "type": item}, depth) for item in kind])
        if kind is None:
            kind = "object" if "properties" in schema else "array" if "items" in schema else None
        if kind is None:
            return self._any(depth)
        return getattr(self, f"_{kind}", lambda _s, _d: self._any(depth))(schema, depth)

    # -- types ----------------------------------------------------------------------------------

    def _object(self, schema: Mapping[str, Any], depth: int) -> Any:
        properties = schema.get("properties") or {}
        required = [key for key in schema.get("required") or [] if key in properties]
        fixed = {key: self.build(properties[key], depth + 1) for key in required}
        optional = {} if depth >= MAX_DEPTH else {key: self.build(value, depth + 1) for key, value in properties.items() if key not in fixed}
        return self.st.fixed_dictionaries(fixed, optional=optional)

    def _array(self, schema: Mapping[str, Any], depth: int) -> Any:
        items = schema.get("items", {})
        low = int(schema.get("minItems", 0))
        high = int(schema.get("maxItems", max(low, MAX_ITEMS)))
        return self.st.lists(self.build(items, depth + 1), min_size=low, max_size=high, unique_by=_key if schema.get("uniqueItems") else None)

    def _string(self, schema: Mapping[str, Any], _depth: int) -> Any:
        st = self.st
        low = int(schema.get("minLength", 0))
        high = int(schema.get("maxLength", max(low, MAX_TEXT)))
        formats = {
            "uuid": st.uuids().map(str),
            "date-time": st.datetimes(timezones=st.just(datetime.timezone.utc)).map(lambda v: v.isoformat()),
            "date": st.dates().map(lambda v: v.isoformat()),
            "time": st.times().map(lambda v: v.isoformat()),
            "email": st.emails(),
            "uri": st.sampled_from(["https://example.com/", "https://example.org/a?b=c"]),
            "ipv4": st.ip_addresses(v=4).map(str),
            "ipv6": st.ip_addresses(v=6).map(str),
        }
        if schema.get("format") in formats:
            return formats[schema["format"]]
        if isinstance(schema.get("pattern"), str):
            return st.from_regex(schema["pattern"]).filter(lambda v: low <= len(v) <= high)
        return st.text(min_size=low, max_size=high)

    def _integer(self, schema: Mapping[str, Any], _depth: int) -> Any:
        low, high = _bounds(schema)
        return self.st.integers(
            min_value=None if low is None else int(low) + (1 if "exclusiveMinimum" in schema and low == schema["exclusiveMinimum"] else 0),
            max_value=None if high is None else int(high) - (1 if "exclusiveMaximum" in schema and high == schema["exclusiveMaximum"] else 0),
        )

    def _number(self, schema: Mapping[str, Any], _depth: int) -> Any:
        low, high = _bounds(schema)
        return self.st.floats(
            min_value=low,
            max_value=high,
            exclude_min="exclusiveMinimum" in schema,
            exclude_max="exclusiveMaximum" in schema,
            allow_nan=False,
            allow_infinity=False,
        )

    def _boolean(self, _schema: Mapping[str, Any], _depth: int) -> Any:
        return self.st.booleans()

    def _null(self, _schema: Mapping[str, Any], _depth: int) -> Any:
        return self.st.none()

    def _any(self, depth: int) -> Any:
        st = self.st
        scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=MAX_TEXT)
        if depth >= MAX_DEPTH:
            return scalars
        return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6)

    # -- helpers --------------------------------------------------------------------------------

    def _follow(self, node: Any) -> Any:
        from .frames import _follow

        return _follow(node, self.components)

    def _merge(self, schema: Mapping[str, Any]) -> Any:
        """``allOf`` folded into one schema: properties and required joined, other keywords of
        later parts win (a value that still fails is dropped by the final validity filter)."""
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema.get("allOf") or []:
            part = self._follow(part)
            if not isinstance(part, Mapping):
                continue
            if "allOf" in part:
                part = self._merge(part)
            for key, value in part.items():
                if key == "properties":
                    merged["properties"] = {**merged.get("properties", {}), **value}
                elif key == "required":
                    merged["required"] = list(dict.fromkeys([*merged.get("required", []), *value]))
                elif key not in ("title", "description"):
                    merged[key] = value
        return merged


def _bounds(schema: Mapping[str, Any]) -> tuple[Any, Any]:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    return low, high


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)
