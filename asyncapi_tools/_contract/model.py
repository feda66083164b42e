"""What a spec promises about the wire, read from an AsyncAPI 3 document: per channel, the
messages a client may send (operations with ``action: receive``), the ones the server may push
(``action: send`` operations and every reply), and which replies answer which client message.

The document describes the server (docs/design-rules.md, "The document describes the server"), so "client" messages are those of
``receive`` operations. Nothing here knows a frame's discriminator key: frames are told apart by
the message payload schemas alone, whatever wire format produced them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .. import _pointer
from .._document import Document

#: ``client``: a frame the client sends; ``server``: a frame the server pushes.
Side = Literal["client", "server"]


@dataclass(frozen=True)
class Message:
    """One documented message: where it is defined in the spec, its payload and examples."""

    #: The key of the message in its channel's ``messages`` (the name operations reference).
    key: str
    #: ``name`` of the Message object (what the frames carry with a discriminator), else the key.
    name: str
    #: JSON pointer of the Message object the references lead to (its definition).
    pointer: str
    payload: Any = field(repr=False, default=None)
    #: JSON pointer of the payload's JSON Schema (``.../payload``, or ``.../payload/schema``).
    payload_pointer: str = ""
    #: The ``payload`` of each example, in order.
    examples: tuple[Any, ...] = field(repr=False, default=())


@dataclass(frozen=True)
class Operation:
    """One operation of a channel: its messages and, for a client message, its replies."""

    id: str
    channel: str
    action: str
    messages: tuple[Message, ...]
    replies: tuple[Message, ...] = ()

    @property
    def pointer(self) -> str:
        return _pointer.join(("operations", self.id))


@dataclass(frozen=True)
class Channel:
    """One channel: its address and the messages each side may send on it."""

    id: str
    address: str | None
    #: Parameter name → its Parameter object (``enum``, ``default``, ``examples`` may help tests).
    parameters: Mapping[str, Any] = field(default_factory=dict)
    #: This channel's own operations.
    operations: tuple[Operation, ...] = ()
    #: Every operation of every channel at the same address: one WebSocket connection carries
    #: them all (channels that share an address split one socket's messages by topic).
    connection: tuple[Operation, ...] = ()

    @property
    def pointer(self) -> str:
        return _pointer.join(("channels", self.id))

    def _on_connection(self) -> tuple[Operation, ...]:
        return self.connection or self.operations

    def messages(self, side: Side) -> tuple[Message, ...]:
        """Every message ``side`` may send on this channel's connection, once each, in document order."""
        found: dict[str, Message] = {}
        for operation in self._on_connection():
            if side == "client" and operation.action == "receive":
                found.update((m.pointer, m) for m in operation.messages)
            elif side == "server":
                group = operation.replies if operation.action == "receive" else operation.messages
                found.update((m.pointer, m) for m in group)
        return tuple(found.values())

    def client_operations(self) -> tuple[Operation, ...]:
        """The operations a client may send on this channel (``action: receive``: the server's side)."""
        return tuple(operation for operation in self.operations if operation.action == "receive")

    def operation_for(self, message: Message, side: Side) -> Operation | None:
        """The operation that documents ``message`` going from ``side`` (a reply's client op)."""
        for operation in self._on_connection():
            if side == "client" and operation.action == "receive" and _holds(operation.messages, message):
                return operation
            if side == "server" and operation.action == "send" and _holds(operation.messages, message):
                return operation
        for operation in self._on_connection():
            if side == "server" and _holds(operation.replies, message):
                return operation
        return None

    def match_path(self, path: str) -> dict[str, str] | None:
        """The parameter values if ``path`` is this channel's address filled in, else None.

        Leading and trailing slashes are not significant (Channels routes are written without
        the leading one, clients send it)."""
        if self.address is None:
            return None
        pattern = "".join(
            f"(?P<{_group(part[1:-1])}>[^/]+)" if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^{}]+\})", self.address.strip("/"))
        )
        found = re.fullmatch(pattern, path.split("?", 1)[0].strip("/"))
        if found is None:
            return None
        names = re.findall(r"\{([^{}]+)\}", self.address)
        return {name: found[_group(name)] for name in names}

    def fill(self, values: Mapping[str, str]) -> str:
        """The address with every ``{param}`` replaced by its value; KeyError names a missing one."""
        if self.address is None:
            raise KeyError(f"channel {self.id} has no address")
        return re.sub(r"\{([^{}]+)\}", lambda m: str(values[m[1]]), self.address)


@dataclass
class Contract:
    """The channels of one document, and the document itself (to locate spec nodes)."""

    document: Document
    channels: dict[str, Channel]
    #: ``components`` of the document: payload ``$ref``s resolve against it.
    components: Mapping[str, Any]
    #: Where the code documenting a message is, ``file:line (Consumer.method)``, keyed by
    #: (address without outer slashes, side, message name); filled in by a source that knows
    #: (the Django bridge, for a spec it generated), empty for files.
    origins: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document: Document) -> Contract:
        """Read the channels and operations of ``document`` (local ``$ref``s only)."""
        tree = document.plain()
        channels = {
            channel_id: Channel(
                id=channel_id,
                address=body.get("address") if isinstance(body, Mapping) else None,
                parameters=dict(body.get("parameters") or {}) if isinstance(body, Mapping) else {},
            )
            for channel_id, body in (tree.get("channels") or {}).items()
        }
        operations: dict[str, list[Operation]] = {channel_id: [] for channel_id in channels}
        for operation_id, body in (tree.get("operations") or {}).items():
            if not isinstance(body, Mapping):
                continue
            channel_ref = (body.get("channel") or {}).get("$ref", "")
            steps = _pointer.split(channel_ref)
            if len(steps) != 2 or steps[0] != "channels" or steps[1] not in channels:
                continue
            # AsyncAPI 3: an operation (or a reply) that lists no messages carries every message
            # of its channel (of the reply's channel, by default the operation's)
            listed = body.get("messages")
            messages = listed if listed is not None else _all_messages(tree, steps[1])
            reply = body.get("reply") if isinstance(body.get("reply"), Mapping) else None
            replies: list[Any] = []
            if reply is not None:
                reply_steps = _pointer.split((reply.get("channel") or {}).get("$ref", "")) or steps
                listed_replies = reply.get("messages")
                replies = listed_replies if listed_replies is not None else _all_messages(tree, reply_steps[-1])
            operations[steps[1]].append(
                Operation(
                    id=operation_id,
                    channel=steps[1],
                    action=str(body.get("action")),
                    messages=tuple(_message(tree, ref) for ref in messages or []),
                    replies=tuple(_message(tree, ref) for ref in replies),
                )
            )
        by_address: dict[str, list[Operation]] = {}
        for channel_id, found in operations.items():
            if channels[channel_id].address is not None:
                by_address.setdefault(_normal(channels[channel_id].address), []).extend(found)
        for channel_id, found in operations.items():
            channel = channels[channel_id]
            shared = tuple(by_address.get(_normal(channel.address), found)) if channel.address is not None else tuple(found)
            channels[channel_id] = Channel(channel.id, channel.address, channel.parameters, tuple(found), shared)
        return cls(document=document, channels=channels, components=tree.get("components") or {})

    def channel_for_path(self, path: str) -> Channel | None:
        """The channel whose address ``path`` is (its first, in document order)."""
        for channel in self.channels.values():
            if channel.match_path(path) is not None:
                return channel
        return None

    def origin(self, channel: Channel, side: Side, message: Message) -> str | None:
        """Where the code that documents ``message`` (sent by ``side`` on ``channel``) is, if known."""
        return self.origins.get((_normal(channel.address), side, message.name))

    def locate(self, spec_pointer: str) -> str:
        """``#/pointer`` plus ``file:line:column`` when the document has positions."""
        where = self.document.position(tuple(_pointer.split(spec_pointer)))
        if where is None:
            return f"#{spec_pointer}"
        return f"#{spec_pointer} ({self.document.source or '<document>'}:{where[0]}:{where[1]})"


def _all_messages(tree: Mapping[str, Any], channel_id: str) -> list[dict[str, str]]:
    """References to every message of a channel, in document order."""
    body = (tree.get("channels") or {}).get(channel_id)
    names = (body.get("messages") or {}) if isinstance(body, Mapping) else {}
    return [{"$ref": "#" + _pointer.join(("channels", channel_id, "messages", name))} for name in names]


def _holds(messages: tuple[Message, ...], message: Message) -> bool:
    return any(item.pointer == message.pointer for item in messages)


def _normal(address: str | None) -> str:
    return (address or "").strip("/")


def _group(name: str) -> str:
    """A regex group name for a parameter name (which may hold characters groups refuse)."""
    return "p_" + "".join(char if char.isalnum() else f"_{ord(char)}_" for char in name)


def _message(tree: Mapping[str, Any], ref: Any) -> Message:
    """The Message a reference leads to, following references until a definition."""
    node: Any = ref
    steps: list[str] = []
    key = ""
    for _ in range(16):  # a cycle of references is a broken document; stop rather than spin
        target = node.get("$ref") if isinstance(node, Mapping) else None
        if not isinstance(target, str) or not target.startswith("#"):
            break
        steps = _pointer.split(target)
        key = key or (steps[-1] if steps else "")
        node = tree
        for step in steps:
            node = node.get(step) if isinstance(node, Mapping) else None
    body = node if isinstance(node, Mapping) else {}
    examples = tuple(example["payload"] for example in body.get("examples") or [] if isinstance(example, Mapping) and "payload" in example)
    return Message(
        key=key,
        name=str(body.get("name") or key),
        pointer=_pointer.join(tuple(steps)),
        payload=_payload_schema(body.get("payload")),
        payload_pointer=_pointer.join((*steps, "payload", *(("schema",) if _multi_format(body.get("payload")) else ()))),
        examples=examples,
    )


def _multi_format(payload: Any) -> bool:
    return isinstance(payload, Mapping) and "schemaFormat" in payload and "schema" in payload


def _payload_schema(payload: Any) -> Any:
    """The JSON Schema of a payload (a Multi Format Schema's ``schema``; None: anything goes)."""
    return payload["schema"] if _multi_format(payload) else payload
