"""``None`` and raw JSON Schema dicts: used as written, with one sanity check.

A dict is copied (the decorator's object is never changed) and taken as a JSON Schema fragment.
A dict without a single JSON Schema keyword, such as ``{"ride_id": "uuid"}``, is almost always a
sketch of the fields rather than a schema; :func:`looks_like_schema` lets the generator warn.
"""

from __future__ import annotations

import copy
from typing import Any

#: JSON Schema (draft 07) and AsyncAPI Schema Object keywords.
KEYWORDS = frozenset(
    {
        "$ref", "$id", "$schema", "$comment", "title", "description", "default", "examples",
        "type", "enum", "const", "format", "properties", "required", "additionalProperties",
        "patternProperties", "propertyNames", "minProperties", "maxProperties", "dependencies",
        "items", "additionalItems", "contains", "minItems", "maxItems", "uniqueItems",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "readOnly", "writeOnly", "contentEncoding", "contentMediaType", "definitions",
        "discriminator", "externalDocs", "deprecated",
    }
)


def empty_schema() -> dict[str, Any]:
    """The schema of a ``None`` payload: an object; the discriminator is added later."""
    return {"type": "object", "properties": {}}


def copy_schema(payload: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(payload)


def looks_like_schema(payload: dict[str, Any]) -> bool:
    """True when the dict uses at least one JSON Schema keyword (or is empty: "anything")."""
    return not payload or any(key in KEYWORDS or str(key).startswith("x-") for key in payload)


def suggested_schema(payload: dict[str, Any]) -> dict[str, Any]:
    """What the author of ``{"ride_id": "uuid"}`` most likely meant, for the warning's hint."""
    properties: dict[str, Any] = {}
    for key, value in payload.items():
        if isinstance(value, str) and value in {"uuid", "date-time", "date", "time", "email", "uri"}:
            properties[str(key)] = {"type": "string", "format": value}
        elif isinstance(value, str) and value in {"string", "integer", "number", "boolean", "object", "array"}:
            properties[str(key)] = {"type": value}
        else:
            properties[str(key)] = {}
    return {"type": "object", "properties": properties}
