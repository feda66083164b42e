"""Consumers → channels and messages: one channel per route, one message per documented frame.

A consumer's messages come from its decorated handlers, then the frames ``@document_channel``
declares, then the replies no event documents; a consumer mounted at several routes has one set of
messages that every route's channel shares (operations stay per channel). Every name is asked of
:mod:`.naming`, with an origin that says who wanted it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..annotations import wire
from ..annotations.channel_metadata import channel_doc
from ..annotations.decorators import HandlerDoc, documented_handlers
from .model import Channel, Message, qualname

if TYPE_CHECKING:
    from ..conf import BridgeSettings
    from ..discovery.addresses import Address
    from .diagnostics import Findings
    from .naming import Names


def collect_channels(
    consumers: Sequence[tuple[type, str]],
    addresses: Sequence[Address],
    *,
    settings: BridgeSettings,
    names: Names,
    findings: Findings,
    multi: bool,
) -> list[Channel]:
    """The channels of ``consumers`` (each at its address), in order, with their messages.

    ``multi``: message names carry their channel's id (several consumers share the document)."""
    channels: list[Channel] = []
    first_route: dict[type, Channel] = {}
    for index, ((consumer, path), address) in enumerate(zip(consumers, addresses, strict=True)):
        findings.warn_address(consumer, address)
        channel_origin = f"{qualname(consumer)} at {path!r}"
        if channel_origin in findings.origins:  # the same pair twice: still two channels
            channel_origin = f"consumers[{index}] {channel_origin}"
        findings.origins[channel_origin] = (consumer.__name__, consumer)
        metadata = channel_doc(consumer)
        shared = first_route.get(consumer)
        label = address.label
        if metadata and metadata.name:
            label = metadata.name if shared is None else f"{metadata.name} {address.label}"
        channel_id = names.channel(label, origin=channel_origin)
        channel = Channel(id=channel_id, consumer=consumer, address=address, metadata=metadata)
        channels.append(channel)
        if shared is not None:
            # One consumer at several routes speaks one protocol: its messages are written
            # once and every route's channel references them; operations are per channel.
            channel.messages = shared.messages
            for message in shared.messages:
                if message.has_operation:
                    # the message's name first: joining the channel id and the wire name
                    # could spell another message's name (`RoomChat`+`message`, `Room`+`chat_message`)
                    channel.operation_ids[message.name] = names.operation(
                        f"{message.name} via {channel_id}", origin=f"{qualname(consumer)}.{message.method} at {path!r}"
                    )
            continue
        first_route[consumer] = channel
        _collect_messages(channel, settings, names, findings, prefix=channel_id if multi else None)
    return channels


def _collect_messages(channel: Channel, settings: BridgeSettings, names: Names, findings: Findings, *, prefix: str | None) -> None:
    """The messages of ``channel``'s consumer: decorated handlers, then declared messages,
    then the replies no event documents."""
    from ..annotations.hints import event_type

    consumer, metadata = channel.consumer, channel.metadata
    consumer_wire = wire.resolve(settings.WIRE_FORMAT, metadata.wire if metadata else None)
    handlers = list(documented_handlers(consumer))
    declared = [
        (f"{'client' if doc.kind == 'action' else 'server'}_message({doc.name!r})", doc)
        for doc in (metadata.messages if metadata else ())
    ]
    if not handlers and not declared:
        findings.warn_empty(consumer)
    elif handlers:
        findings.warn_undocumented(consumer, handlers)
    entries = []
    for method, doc in [*handlers, *declared]:
        message_wire = wire.resolve(consumer_wire, doc.wire)
        if not doc.responses_given and doc.responses:
            # replies read from type hints: their event name is the class's Literal field
            # named by this wire's server key
            key = message_wire.server_key or "type"
            doc = dataclasses.replace(doc, responses=tuple((event_type(p, key=key), p) for _, p in doc.responses))
        entries.append((method, doc, message_wire))
    # A wire name used in both directions (client sends `typing`, server pushes `typing`)
    # is two messages: their names say which way each goes.
    sent = {doc.name for _, doc, _ in entries if doc.kind == "action"}
    pushed = {doc.name for _, doc, _ in entries if doc.kind == "event"}
    pushed.update(event for _, doc, _ in entries for event, _ in doc.responses)
    both = sent & pushed
    by_event: dict[str, Message] = {}
    for method, doc, message_wire in entries:
        for note in doc.notes:
            findings.warn(
                "type-hint-conflict",
                note,
                consumer=consumer,
                method=method,
                location=doc.location,
                hint="drop the annotation or the explicit argument so that they cannot disagree",
            )
        origin = f"{qualname(consumer)}.{method}"
        findings.origins[origin] = (f"{consumer.__name__} > {method}", doc.location)
        message = _new_message(names, doc, consumer, method, message_wire, prefix=prefix, origin=origin, both=both)
        channel.messages.append(message)
        if doc.kind == "event":
            by_event.setdefault(doc.name, message)
    # responses: reuse a documented event of that type, else a response-only message
    for message in list(channel.messages):
        for event, payload in message.doc.responses:
            target = by_event.get(event)
            if target is None:
                response_doc = HandlerDoc(kind="event", name=event, payload=payload, location=message.doc.location)
                origin = f"{qualname(consumer)} response {event!r}"
                findings.origins[origin] = (f"{consumer.__name__} > {message.method}", message.doc.location)
                target = _new_message(
                    names, response_doc, consumer, message.method, message.wire, prefix=prefix, origin=origin, both=both, operation=False
                )
                channel.messages.append(target)
                by_event[event] = target
            elif payload is not None and target.doc.payload is not None and payload is not target.doc.payload:
                findings.warn_at(
                    message,
                    "response-payload-ignored",
                    f"responses[{event!r}] gives a payload, but the event is documented elsewhere; that documentation is used",
                    hint=f"drop the payload from responses (write responses={{{event!r}: None}}) or make them the same",
                )
            message.replies.append(target.name)


def _new_message(
    names: Names,
    doc: HandlerDoc,
    consumer: type,
    method: str,
    message_wire: wire.WireFormat,
    *,
    prefix: str | None,
    origin: str,
    both: set[str],
    operation: bool = True,
) -> Message:
    """A message named by its ``message_id``, else by its wire name (with the direction when
    the name is used both ways, with the channel prefix when the document has several); its
    operation, if it has one (a reply has none), takes the same name."""
    if doc.message_id:
        name = names.exact_message(doc.message_id, origin=origin)
    else:
        words = f"{'client' if doc.kind == 'action' else 'server'} {doc.name}" if doc.name in both else doc.name
        name = names.message(words, prefix=prefix, origin=origin)
    if operation:
        names.operation(name, origin=origin)
    return Message(name=name, doc=doc, consumer=consumer, method=method, wire=message_wire, has_operation=operation)
