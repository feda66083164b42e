"""Small decorated consumers for the view tests (never served: only documented)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django_bridge import document_action, document_event


@dataclass
class Greeting:
    name: str


class EchoConsumer:
    @document_action(summary="Say hello", payload=Greeting, responses={"hello": None})
    async def handle_greet(self, content: dict[str, Any]) -> None: ...

    @document_event("hello", summary="The greeting back")
    async def hello(self, event: dict[str, Any]) -> None: ...


class RoomConsumer:
    @document_action(summary="Post to the room", payload={"type": "object", "properties": {"text": {"type": "string"}}})
    async def handle_post(self, content: dict[str, Any]) -> None: ...


class BrokenConsumer:
    @document_action(summary="Uses a payload no converter understands", payload=42)
    async def handle_broken(self, content: dict[str, Any]) -> None: ...


class RegexConsumer:
    """A payload whose ``pattern`` is not a regular expression, with an example to check."""

    @document_action(
        summary="Look up a code",
        payload={"type": "object", "properties": {"code": {"type": "string", "pattern": "([a-z"}}},
        examples=[{"name": "lookup", "payload": {"code": "abc"}}],
    )
    async def handle_lookup(self, content: dict[str, Any]) -> None: ...


@dataclass
class Unresolved:
    """A payload with a forward reference that never resolves: Pydantic cannot describe it."""

    owner: Missing  # type: ignore[name-defined]  # noqa: F821


class ForwardRefConsumer:
    @document_action(summary="Uses a payload with an undefined type", payload=Unresolved)
    async def handle_claim(self, content: dict[str, Any]) -> None: ...
