"""What every comparison step of one diff run shares: both documents, the report, the pairings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ._direction import Usage
from ._matching import Pairing
from ._messages import MessageDiff
from ._nodes import Node
from ._report import Report
from ._schema import SchemaDiff


@dataclass
class Context:
    old: Node
    new: Node
    report: Report
    schemas: SchemaDiff
    messages: MessageDiff
    old_usage: Usage
    new_usage: Usage
    #: how channels were paired, so operations can tell "moved" from "renamed with its channel"
    channels: Pairing = field(default_factory=Pairing)
    #: old channel id -> how its messages were paired
    channel_messages: dict[str, Pairing] = field(default_factory=dict)

    def channel_now(self, old_id: str | None) -> str | None:
        """The id an old channel has in the new document (None: removed or not a local ref)."""
        return self.channels.new_key(old_id) if old_id is not None else None

    def message_now(self, old: tuple[str, str]) -> tuple[str, str] | None:
        """``(channel id, message key)`` of an old channel message in the new document."""
        channel = self.channel_now(old[0])
        messages = self.channel_messages.get(old[0])
        key = messages.new_key(old[1]) if messages is not None else None
        return (channel, key) if channel is not None and key is not None else None

    @staticmethod
    def place(node: Node, fallback: Node) -> Node:
        """``node`` if it exists, else ``fallback`` (where a removed entry is reported in the new
        document: the mapping it was removed from, or its nearest existing parent)."""
        return node if node.value is not None else fallback
