"""Payloads → JSON Schema, then named: each message's payload schema and the shared components.

Every payload is converted by its kind's module in :mod:`django_bridge.payloads` (Pydantic
payloads in one batch, so shared nested types are described once); nested types land in one
:class:`~django_bridge.payloads.SchemaBank`. Naming then inlines each payload's own type, keeps
as ``components.schemas`` only the nested types something still references, and gives payloads
their titles first, since those are the names users see for their messages' types.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import PayloadError
from .model import DIRECTION, Channel, Message, all_messages

if TYPE_CHECKING:
    from ..payloads import Direction, SchemaBank
    from .diagnostics import Findings
    from .naming import Names


def convert_payloads(channels: list[Channel], bank: SchemaBank, findings: Findings) -> None:
    """Give every message its payload schema (nested types go to ``bank``, by placeholder)."""
    from ..payloads import drf, kind_of, raw
    from ..payloads import pydantic as pydantic_payloads

    batch: list[tuple[Message, Any, Direction]] = []
    for message in all_messages(channels):
        doc = message.doc
        kind = kind_of(doc.payload)
        direction = DIRECTION[doc.kind]
        if kind == "none":
            message.payload = raw.empty_schema()
        elif kind == "raw":
            if raw.looks_like_schema(doc.payload):
                message.payload = raw.copy_schema(doc.payload)
            else:
                # A sketch such as {"ride_id": "uuid"} (the reference README writes one):
                # document what it evidently means rather than a meaningless schema.
                message.payload = raw.suggested_schema(doc.payload)
                findings.warn_at(
                    message,
                    "payload-not-schema",
                    f"the payload of {doc.name!r} is a dict without JSON Schema keywords: {doc.payload!r}; "
                    f"it is documented as {message.payload!r}",
                    hint=f"write the JSON Schema yourself, e.g. {message.payload!r}",
                )
        elif kind == "drf":

            def unmapped(path: str, field_class: str, message: Message = message) -> None:
                findings.warn_at(
                    message,
                    "drf-field-unmapped",
                    f"DRF field {path} ({field_class}) has no JSON Schema mapping; it is documented as any value",
                    hint="use a standard DRF field, or a dict payload with the schema you want",
                )

            message.payload = drf.serializer_schema(doc.payload, direction=direction, bank=bank, on_unmapped=unmapped)
        elif kind == "pydantic":
            try:
                batch.append((message, pydantic_payloads.core_schema(doc.payload), direction))
            except PayloadError as exc:
                raise findings.payload_error(message, exc.message, hint=exc.hint) from exc
        else:
            raise findings.payload_error(message, f"unsupported payload {doc.payload!r}")
    from pydantic.errors import PydanticUserError

    try:
        schemas = pydantic_payloads.generate(
            [(core, direction) for _, core, direction in batch], bank=bank, payloads=[m.doc.payload for m, _, _ in batch]
        )
    except PydanticUserError:  # a type Pydantic cannot describe: find whose, say where
        from ..payloads import SchemaBank

        for message, core, direction in batch:
            try:
                pydantic_payloads.generate([(core, direction)], bank=SchemaBank())
            except PydanticUserError as alone:
                first = str(alone).strip().splitlines()[0]
                name = getattr(message.doc.payload, "__qualname__", None) or repr(message.doc.payload)
                raise findings.payload_error(
                    message,
                    f"cannot describe payload {name}: {first}",
                    hint="give every field a type Pydantic can describe as JSON Schema (define forward references before the spec is built)",
                ) from alone
        raise
    for (message, _, _), schema in zip(batch, schemas, strict=True):
        message.payload = schema


def name_schemas(channels: list[Channel], bank: SchemaBank, names: Names) -> dict[str, Any]:
    """Inline each payload's own type, then name the nested types that are still referenced."""
    from ..payloads import SchemaBank as Bank
    from ..payloads import resolve

    definitions: dict[str, dict[str, Any]] = {}
    for origin, _, by_direction in bank.groups():
        for direction, schema in by_direction.items():
            definitions[Bank.placeholder(origin, direction)] = schema
    for message in all_messages(channels):
        if not message.wire.envelope:  # an envelope keeps the type by name around the fields
            message.payload = _inline_root(message.payload or {}, definitions)
    # Only types some payload (or another used type) still references become components.
    used: set[str] = set()
    stack: list[Any] = [message.payload for message in all_messages(channels)]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref in definitions and ref not in used:
                used.add(ref)
                stack.append(definitions[ref])
            stack.extend(value for value in node.values() if isinstance(value, dict | list))
        elif isinstance(node, list):
            stack.extend(node)
    # payload titles first: they are the names users see for their messages' types
    for message in all_messages(channels):
        title = names.payload_title(message.name, origin=f"payload of message {message.name}")
        message.payload = {"title": title, **{k: v for k, v in (message.payload or {}).items() if k != "title"}}
    targets: dict[str, str] = {}
    schemas: dict[str, Any] = {}
    for origin, preferred, by_direction in bank.groups():
        wanted = {d: s for d, s in by_direction.items() if Bank.placeholder(origin, d) in used}
        if not wanted:
            continue
        if len(wanted) == 1 or len({_freeze(schema) for schema in wanted.values()}) == 1:
            name = names.schema(preferred, origin=origin)
            for direction in wanted:
                targets[Bank.placeholder(origin, direction)] = f"#/components/schemas/{name}"
            schemas[name] = next(iter(wanted.values()))
        else:
            for direction, schema in wanted.items():
                variant = "input" if direction == "in" else "output"
                name = names.schema(preferred, origin=f"{origin} ({variant})", variant=variant)
                targets[Bank.placeholder(origin, direction)] = f"#/components/schemas/{name}"
                schemas[name] = schema
    resolved: dict[str, Any] = {}
    for name, schema in schemas.items():
        schema = resolve(schema, targets)
        if "title" in schema or _is_object(schema) or "enum" in schema:
            schema = {**schema, "title": name}
        resolved[name] = _ordered(schema)
    for message in all_messages(channels):
        message.payload = resolve(message.payload, targets)
    return {name: resolved[name] for name in sorted(resolved)}


def _is_object(schema: Mapping[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _inline_root(schema: dict[str, Any], definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A payload that is only a reference to an object type gets that type's schema inline, so
    the discriminator can be added to it (the named type stays for anything else using it)."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref in definitions and _is_object(definitions[ref]):
        extra = {key: value for key, value in schema.items() if key != "$ref"}
        # no copy needed: ``resolve`` copies every payload before anything edits it
        return {**definitions[ref], **extra}
    return schema


def _ordered(schema: dict[str, Any]) -> dict[str, Any]:
    """``title`` and ``type`` first, the rest as the converter wrote it (stable, readable)."""
    head: dict[str, Any] = {key: schema[key] for key in ("title", "type") if key in schema}
    return {**head, **{key: value for key, value in schema.items() if key not in head}}


def _freeze(node: Any) -> Any:
    """A hashable stand-in for a schema, to tell whether a type's input and output forms differ."""
    if isinstance(node, dict):
        return tuple((key, _freeze(value)) for key, value in node.items())
    if isinstance(node, list):
        return tuple(_freeze(item) for item in node)
    return node
