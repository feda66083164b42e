"""What the generator knows about a channel and its messages before it writes them out.

Collecting (:mod:`.channels`) fills these in from the consumers, converting payloads
(:mod:`.schemas`) gives each message its schema, and writing (:mod:`.document`) turns them into
the AsyncAPI objects; every step reads and fills the same two records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..annotations import wire

if TYPE_CHECKING:
    from ..annotations.channel_metadata import ChannelDoc
    from ..annotations.decorators import HandlerDoc
    from ..discovery import addresses
    from ..payloads import Direction

#: Which way a frame goes, as AsyncAPI says it: the document describes the server, so a frame
#: the client sends is an operation the server receives, and an event is one it sends.
OPERATION_ACTION: dict[str, str] = {"action": "receive", "event": "send"}
#: The same, as the payload converters say it (a client's frame comes in).
DIRECTION: dict[str, Direction] = {"action": "in", "event": "out"}


@dataclass
class Message:
    """One message of one channel, before it is written out."""

    name: str
    doc: HandlerDoc
    consumer: type
    method: str
    #: The frame shape in effect for this message (settings < consumer < handler).
    wire: wire.WireFormat = wire.DEFAULT
    payload: dict[str, Any] | None = None
    #: Names of the messages this action's reply lists.
    replies: list[str] = field(default_factory=list)
    #: False for response-only messages (no operation of their own).
    has_operation: bool = True


@dataclass
class Channel:
    """One channel: a consumer at one address, and the messages it speaks."""

    id: str
    consumer: type
    #: The address and its parameters' schemas, from the consumer's path or discovered route.
    address: addresses.Address
    messages: list[Message] = field(default_factory=list)
    #: ``@document_channel`` metadata of the consumer.
    metadata: ChannelDoc | None = None
    #: Message name → operation id where they differ (a consumer's second route).
    operation_ids: dict[str, str] = field(default_factory=dict)


def all_messages(channels: list[Channel]) -> list[Message]:
    """Every message once, in order (a consumer's further routes share its first route's)."""
    seen: dict[int, Message] = {}
    for channel in channels:
        for message in channel.messages:
            seen.setdefault(id(message), message)
    return list(seen.values())


def qualname(klass: type) -> str:
    """``module.Class``: how a consumer is named in the origins of the names it asks for."""
    return f"{klass.__module__}.{klass.__qualname__}"
