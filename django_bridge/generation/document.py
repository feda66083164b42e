"""Channels and named schemas → the AsyncAPI 3 document as plain data, in canonical order.

The document describes the server: a frame the client sends is an operation with ``action:
receive``, a frame the server pushes one with ``action: send``, and ``responses`` become the
operation's ``reply`` on the same channel. Messages live in ``components.messages`` and each
channel references its own; handshake auth becomes ``components.securitySchemes`` (and
``bindings.ws`` for a query token). Keys are written in the order AsyncAPI documents use.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..annotations import wire
from ..discovery import addresses
from .model import DIRECTION, OPERATION_ACTION, Channel, Message

if TYPE_CHECKING:
    from ..annotations.decorators import HandlerDoc
    from ..conf import BridgeSettings
    from .diagnostics import Findings

#: The component names of the handshake's security schemes, by where the credential travels.
SECURITY_SCHEMES = {"query": "queryToken", "cookie": "cookieAuth"}
WS_BINDING_VERSION = "0.1.0"


def write_document(
    channels: list[Channel],
    schemas: dict[str, Any],
    *,
    settings: BridgeSettings,
    info: Mapping[str, Any],
    servers: Mapping[str, Any],
    findings: Findings,
) -> dict[str, Any]:
    """The document: ``info`` over the settings' TITLE/VERSION/DESCRIPTION, ``servers`` as given
    (each applying the security schemes unless it names its own), then channels, operations and
    components."""
    doc_info: dict[str, Any] = {"title": settings.TITLE, "version": settings.VERSION}
    if settings.DESCRIPTION:
        doc_info["description"] = settings.DESCRIPTION
    doc_info.update(info)
    spec: dict[str, Any] = {"asyncapi": settings.ASYNCAPI_VERSION, "info": doc_info}
    schemes = _security_schemes(settings)
    security = [{"$ref": f"#/components/securitySchemes/{name}"} for name in schemes]
    if servers:
        servers_out: dict[str, Any] = {}
        for key, server in servers.items():
            server = copy.deepcopy(dict(server)) if isinstance(server, Mapping) else server
            if security and isinstance(server, dict) and "security" not in server:
                server["security"] = security
            servers_out[key] = server
        spec["servers"] = servers_out
    spec["defaultContentType"] = "application/json"
    channels_out: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages_out: dict[str, Any] = {}
    for channel in channels:
        channel_ref = {"$ref": f"#/channels/{escape(channel.id)}"}
        channel_out: dict[str, Any] = {"address": channel.address.text}
        metadata = channel.metadata
        if metadata is not None:
            for key in ("title", "summary", "description"):
                if getattr(metadata, key):
                    channel_out[key] = getattr(metadata, key)
        if channel.address.parameters:
            channel_out["parameters"] = {p.name: addresses.parameter_object(p.name, p.schema) for p in channel.address.parameters}
        channel_out["messages"] = {m.name: {"$ref": f"#/components/messages/{escape(m.name)}"} for m in channel.messages}
        if metadata is not None and metadata.tags:
            channel_out["tags"] = [{"name": tag} for tag in metadata.tags]
        if settings.AUTH_QUERY_PARAM:
            channel_out["bindings"] = {"ws": _ws_binding(settings.AUTH_QUERY_PARAM)}
        channels_out[channel.id] = channel_out
        for message in channel.messages:
            if message.name not in messages_out:
                messages_out[message.name] = _message(message, findings)
            if not message.has_operation:
                continue
            operation_id = channel.operation_ids.get(message.name, message.name)
            operations[operation_id] = _operation(channel, message, channel_ref, security if not servers else [])
    spec["channels"] = channels_out
    spec["operations"] = operations
    components: dict[str, Any] = {}
    if schemas:
        components["schemas"] = schemas
    components["messages"] = messages_out
    if schemes:
        components["securitySchemes"] = schemes
    spec["components"] = components
    return spec


def escape(step: str) -> str:
    """One step of a JSON pointer, ``~`` and ``/`` escaped (RFC 6901): the core's helper."""
    from asyncapi_tools import escape_pointer_step

    return escape_pointer_step(step)


def _message(message: Message, findings: Findings) -> dict[str, Any]:
    from .examples import jsonable

    doc = message.doc
    direction = DIRECTION[doc.kind]
    out: dict[str, Any] = {"name": doc.name, **_texts(doc)}
    if doc.deprecated:
        out["deprecated"] = True
    try:
        payload, conflict = wire.frame_schema(message.wire, direction, doc.name, message.payload or {})
    except wire.FrameError as exc:
        raise findings.payload_error(
            message, str(exc), hint="wrap the value in a field: a dataclass or model with e.g. `items: list[...]`"
        ) from None
    if conflict:
        key = message.wire.key(direction)
        findings.warn_at(message, "discriminator-conflict", conflict, hint=f"drop {key!r} from the payload: the generator adds it")
    out["payload"] = payload
    if doc.examples:
        examples = []
        for example in doc.examples:
            item = jsonable(example)
            if "payload" in item:
                item["payload"] = wire.frame_example(message.wire, direction, doc.name, item["payload"])
            examples.append({key: item[key] for key in ("name", "summary", "headers", "payload") if key in item})
        out["examples"] = examples
    return out


def _operation(channel: Channel, message: Message, channel_ref: dict[str, str], security: list[dict[str, str]]) -> dict[str, Any]:
    doc = message.doc
    out: dict[str, Any] = {"action": OPERATION_ACTION[doc.kind], "channel": channel_ref, **_texts(doc)}
    if security:
        out["security"] = security
    base = f"#/channels/{escape(channel.id)}/messages/"
    out["messages"] = [{"$ref": base + escape(message.name)}]
    if message.replies:
        out["reply"] = {"channel": channel_ref, "messages": [{"$ref": base + escape(name)} for name in message.replies]}
    return out


def _security_schemes(settings: BridgeSettings) -> dict[str, Any]:
    schemes: dict[str, Any] = {}
    if settings.AUTH_QUERY_PARAM:
        schemes[SECURITY_SCHEMES["query"]] = {
            "type": "httpApiKey",
            "name": settings.AUTH_QUERY_PARAM,
            "in": "query",
            "description": f"A token in the `{settings.AUTH_QUERY_PARAM}` query parameter of the WebSocket handshake.",
        }
    if settings.AUTH_COOKIE_NAME:
        schemes[SECURITY_SCHEMES["cookie"]] = {
            "type": "httpApiKey",
            "name": settings.AUTH_COOKIE_NAME,
            "in": "cookie",
            "description": f"The `{settings.AUTH_COOKIE_NAME}` cookie sent with the WebSocket handshake.",
        }
    return schemes


def _ws_binding(param: str) -> dict[str, Any]:
    return {
        "query": {
            "type": "object",
            "properties": {param: {"type": "string", "description": "Authentication token for the handshake."}},
        },
        "bindingVersion": WS_BINDING_VERSION,
    }


def _texts(doc: HandlerDoc) -> dict[str, Any]:
    """The summary, description and tags a handler gives, as its Message and Operation both carry
    them (in that order; unset ones left out)."""
    out: dict[str, Any] = {}
    if doc.summary:
        out["summary"] = doc.summary
    if doc.description:
        out["description"] = doc.description
    if doc.tags:
        out["tags"] = [{"name": tag} for tag in doc.tags]
    return out
