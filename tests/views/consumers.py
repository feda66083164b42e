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
