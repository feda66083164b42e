"""The declared shape of frames on the wire: which key tells them apart, flat or enveloped.

Real consumers disagree on the frame shape: ``{"action": ...}`` in and ``{"type": ...}`` out (the
default), ``type`` both ways, ``event``/``op``/``kind``, envelopes such as ``{"type": "x",
"data": {...}}``, or no discriminator at all. A :class:`WireFormat` says which; it is declared in
settings (``WIRE_FORMAT``), on a consumer (``@document_channel(wire=...)``) and on a handler or a
declared message (``wire=...``), the inner level overriding the outer one. Every place that builds
or reads a frame asks this module instead of repeating a key name: the payload schema of a message
(:func:`frame_schema`) and its examples (:func:`frame_example`).

This module imports nothing heavy: decorators validate their ``wire=`` argument with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

#: ``in``: a frame the client sends; ``out``: a frame the server pushes.
Direction = Literal["in", "out"]

@dataclass(frozen=True)
class WireFormat:
    """How the frames of one socket are shaped.

    ``client_key`` / ``server_key``: the property whose value names the message in frames the
    client sends / the server pushes (``None``: no discriminator, the frame is the payload itself).
    ``envelope``: the property that holds the message's fields, in both directions
    (``{"type": "typing", "data": {...}}`` with ``envelope="data"``); ``None`` for flat frames,
    where the discriminator sits beside the fields.
    """

    client_key: str | None = "action"
    server_key: str | None = "type"
    envelope: str | None = None

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ValueError(f"WireFormat.{item.name} must be a non-empty string or None, not {value!r}")
        keys = {self.client_key, self.server_key} - {None}
        if self.envelope is not None and self.envelope in keys:
            raise ValueError(f"WireFormat.envelope {self.envelope!r} is also a discriminator key; they must differ")

    def key(self, direction: Direction) -> str | None:
        """The discriminator key of frames going in ``direction`` (None: there is none)."""
        return self.client_key if direction == "in" else self.server_key

    def describe(self, direction: Direction) -> str:
        """The frame shape in words, for messages: ``{"type": <name>, "data": {...}}``."""
        key = self.key(direction)
        head = f'"{key}": <name>' if key else ""
        if self.envelope:
            body = f'"{self.envelope}": {{...}}'
            return "{" + ", ".join(part for part in (head, body) if part) + "}"
        return "{" + (head + ", " if head else "") + "...fields}"


#: The default: ``{"action": ...}`` from the client, ``{"type": ...}`` from the server, flat.
DEFAULT = WireFormat()

FIELDS: tuple[str, ...] = tuple(item.name for item in fields(WireFormat))


def check(value: Any) -> WireFormat | Mapping[str, Any] | None:
    """``value`` if it is a valid ``wire=`` argument, else ValueError naming what is wrong."""
    if value is None or isinstance(value, WireFormat):
        return value
    if not isinstance(value, Mapping):
        raise ValueError(f"wire must be a WireFormat or a dict, not {type(value).__name__}")
    unknown = sorted(str(key) for key in value if key not in FIELDS)
    if unknown:
        raise ValueError(f"unknown wire key(s) {', '.join(map(repr, unknown))}; known: {', '.join(FIELDS)}")
    replace(DEFAULT, **dict(value))  # runs the field checks
    return dict(value)


def resolve(*levels: WireFormat | Mapping[str, Any] | None) -> WireFormat:
    """The wire format in effect, from the outermost level (settings) to the innermost (handler).

    A WireFormat replaces everything above it; a dict changes only the keys it names.
    """
    current = DEFAULT
    for level in levels:
        if level is None:
            continue
        current = level if isinstance(level, WireFormat) else replace(current, **dict(level))
    return current


class FrameError(ValueError):
    """A payload that cannot be carried the way the wire format says (a list with a flat key)."""


def frame_schema(wire: WireFormat, direction: Direction, name: str, body: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The schema of a whole frame carrying a message called ``name`` whose fields are ``body``.

    Returns the schema (``title`` first, taken from ``body``) and a note when ``body`` declares
    the discriminator itself with another const. Flat frames get the key as a required ``const``,
    first among the properties; envelopes put ``body`` under the envelope key; with neither the
    frame is ``body``. Raises FrameError when a flat key cannot sit beside the fields.
    """
    key = wire.key(direction)
    title = body.get("title")
    inner = {k: v for k, v in body.items() if k != "title"}
    const = {"type": "string", "const": name}
    if wire.envelope:
        properties: dict[str, Any] = {}
        required: list[str] = []
        if key:
            properties[key] = const
            required.append(key)
        properties[wire.envelope] = inner
        if _has_fields(inner):
            required.append(wire.envelope)
        out: dict[str, Any] = {"title": title, "type": "object", "properties": properties}
        if required:
            out["required"] = required
        return out, None
    if not key:
        return {"title": title, **inner}, None
    if _is_object(inner) and not any(k in inner for k in ("$ref", "allOf", "anyOf", "oneOf")):
        properties = dict(inner.get("properties") or {})
        existing = properties.pop(key, None)
        note = None
        if isinstance(existing, dict) and "const" in existing and existing["const"] != name:
            note = f"the payload's {key!r} property is const {existing['const']!r}, but the message is {name!r}"
        merged = {**existing, **const} if isinstance(existing, dict) else const
        required = [key, *[item for item in inner.get("required", []) if item != key]]
        rest = {k: v for k, v in inner.items() if k not in ("type", "properties", "required")}
        return {"title": title, "type": "object", "properties": {key: merged, **properties}, "required": required, **rest}, note
    kind = inner.get("type")
    if isinstance(kind, str) and kind != "object":
        raise FrameError(f"the payload schema is of type {kind!r}, but a frame is a JSON object carrying {key!r}")
    return {"title": title, "type": "object", "properties": {key: const}, "required": [key], "allOf": [inner]}, None


def frame_example(wire: WireFormat, direction: Direction, name: str, payload: Any) -> Any:
    """An example's payload as a whole frame: kept as written when it already carries the
    discriminator (or the wire has none); else the discriminator is added, and for envelopes a
    payload that is only the message's fields is wrapped in the envelope."""
    if not isinstance(payload, dict):
        return payload
    key = wire.key(direction)
    if wire.envelope:
        if key and key in payload:
            return payload
        if wire.envelope in payload and (len(payload) == 1 or not key):
            return {key: name, **payload} if key else payload
        return {key: name, wire.envelope: payload} if key else {wire.envelope: payload}
    if not key or key in payload:
        return payload
    return {key: name, **payload}


def _is_object(schema: Mapping[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _has_fields(schema: Mapping[str, Any]) -> bool:
    """False for the empty object of a ``None`` payload: the envelope may then be left out."""
    return not (schema.get("type") == "object" and not schema.get("properties") and len(schema) <= 2)
