"""Small decorated consumers for the view tests (never served: only documented)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

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


class Release(BaseModel):
    """A shape found in real projects: Python-only regex syntax (``\\Z``, named groups) in a
    Pydantic ``Field(pattern=...)``, accepted by Pydantic's ``python-re`` engine, not by JSON Schema's."""

    model_config = ConfigDict(regex_engine="python-re")
    package: str = Field(pattern=r"^(?P<owner>[a-z0-9-]+)/(?P<name>[a-z][a-z0-9-]*)$")
    checksum: str = Field(pattern=r"^[0-9a-f]{64}\Z")


class ReleaseConsumer:
    @document_action(
        summary="Publish a release",
        payload=Release,
        examples=[{"name": "published", "payload": {"package": "acme/rocket", "checksum": "0" * 64}}],
    )
    async def handle_publish(self, content: dict[str, Any]) -> None: ...
