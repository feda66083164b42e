"""Which way each channel message flows, read from the operations (AsyncAPI 3 describes the server).

``receive`` operations take what the client sends (checked like a request), ``send`` operations
push what the server sends (checked like a response); a reply flows the other way from its
operation. An operation that lists no messages uses every message of its channel. A message no
operation uses gets both rules: nothing says which way it flows, so the diff assumes the worst.
"""

from __future__ import annotations

from typing import Literal

from .. import _pointer
from .._refs import REF, is_ref, split
from ._nodes import Node

Direction = Literal["request", "response"]
REQUEST: Direction = "request"
RESPONSE: Direction = "response"
BOTH: frozenset[Direction] = frozenset({REQUEST, RESPONSE})

#: (channel id, message key) -> the directions the message is used in
Usage = dict[tuple[str, str], set[Direction]]


def channel_id(node: Node) -> str | None:
    """The id of the channel a ``channel: {$ref: '#/channels/ID'}`` field names, if local."""
    if not is_ref(node.value):
        return None
    file_part, fragment = split(node.value[REF])
    steps = _pointer.split(fragment)
    if file_part or len(steps) != 2 or steps[0] != "channels":
        return None
    return steps[1]


def message_key(node: Node) -> tuple[str, str] | None:
    """``(channel id, message key)`` of an operation's ``$ref: '#/channels/ID/messages/KEY'``."""
    if not is_ref(node.value):
        return None
    file_part, fragment = split(node.value[REF])
    steps = _pointer.split(fragment)
    if file_part or len(steps) != 4 or steps[0] != "channels" or steps[2] != "messages":
        return None
    return steps[1], steps[3]


def usage(document: Node) -> Usage:
    """The directions of every channel message that some operation uses."""
    found: Usage = {}
    channels = document.child("channels")
    for _op_id, raw in document.child("operations").items():
        operation = raw.resolved()
        action = operation.get("action")
        if action not in ("send", "receive"):
            continue
        forward: Direction = REQUEST if action == "receive" else RESPONSE
        backward: Direction = RESPONSE if forward == REQUEST else REQUEST
        channel = channel_id(operation.child("channel"))
        _mark(found, channels, channel, operation.child("messages"), forward)
        reply = operation.child("reply").resolved()
        if reply.value is not None:
            reply_channel = channel_id(reply.child("channel")) if reply.get("channel") is not None else channel
            _mark(found, channels, reply_channel, reply.child("messages"), backward)
    return found


def _mark(found: Usage, channels: Node, channel: str | None, messages: Node, direction: Direction) -> None:
    if messages.value is None:
        if channel is None:
            return
        for key, _node in channels.child(channel).resolved().child("messages").items():
            found.setdefault((channel, key), set()).add(direction)
        return
    for item in messages.elements():
        named = message_key(item)
        if named is not None:
            found.setdefault(named, set()).add(direction)
