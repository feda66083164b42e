"""Every name the generator writes, decided in one place on top of asyncapi_tools' naming module.

Channels, messages (which also name their operations) and schemas (component keys and payload
titles, the names code generators give types) each have a :class:`~asyncapi_tools.NameRegistry`.
A name asked for by two different origins is never overwritten: the second gets a free variant
and a ``name-collision`` warning that names both origins and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from asyncapi_tools import Collision, NameRegistry, pascal_case


@dataclass
class Names:
    """The registries of one generation run."""

    channels: NameRegistry = field(default_factory=NameRegistry)
    messages: NameRegistry = field(default_factory=NameRegistry)
    schemas: NameRegistry = field(default_factory=NameRegistry)
    operations: NameRegistry = field(default_factory=NameRegistry)

    def channel(self, label: str, *, origin: str) -> str:
        """Channel id from a path's label (``/ws/dispatch/`` → ``Dispatch``)."""
        return self.channels.register(_safe(label, fallback="Root"), origin)

    def message(self, wire_name: str, *, prefix: str | None, origin: str) -> str:
        """Message (and operation) name: ``request_ride`` → ``RequestRide``, prefixed by the
        channel id when several consumers share one document (``DispatchRequestRide``)."""
        words = f"{prefix} {wire_name}" if prefix else wire_name
        return self.messages.register(_safe(words, fallback="Message"), origin)

    def exact_message(self, message_id: str, *, origin: str) -> str:
        """A message id the user chose (``message_id=``): kept as written unless already taken."""
        return self.messages.register(message_id, origin)

    def operation(self, words: str, *, origin: str) -> str:
        """Operation id: a message's own name on its consumer's first channel; on a further route
        of the same consumer, the message's name and that channel's id (``PostViaLegacy``)."""
        return self.operations.register(_safe(words, fallback="Operation"), origin)

    def payload_title(self, message_name: str, *, origin: str) -> str:
        """Title of a message's payload: ``RequestRide`` → ``RequestRidePayload``."""
        return self.schemas.register(pascal_case(f"{message_name} payload"), origin)

    def schema(self, preferred: str, *, origin: str, variant: str | None = None) -> str:
        """Component name of a nested type; ``variant`` (``input``/``output``) when one type has
        different schemas for the two directions (read-only fields, computed fields)."""
        words = f"{preferred} {variant}" if variant else preferred
        return self.schemas.register(_safe(words, fallback="Schema"), origin)

    def collisions(self) -> list[tuple[str, Collision]]:
        """``(what, collision)`` for every registry, in a stable order."""
        found: list[tuple[str, Collision]] = []
        registries = (("channel", self.channels), ("message", self.messages), ("operation", self.operations), ("schema", self.schemas))
        for what, registry in registries:
            found.extend((what, collision) for collision in registry.collisions)
        return found


def _safe(text: str, *, fallback: str) -> str:
    try:
        return pascal_case(text)
    except ValueError:
        return fallback
