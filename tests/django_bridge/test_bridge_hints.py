"""Type hints as documentation: a bare ``@document_action()`` on an annotated handler is enough."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import BaseModel

import asyncapi_tools
from django_bridge import AsyncAPIGenerator, document_action, document_event, documented_handlers


class Ping(BaseModel):
    seq: int


class Pong(BaseModel):
    type: Literal["pong"] = "pong"
    seq: int


@dataclass
class Oops:
    reason: str


@dataclass
class Offer:
    ride_id: str
    eta_seconds: int


class HintedConsumer(AsyncJsonWebsocketConsumer):
    @document_action()
    async def handle_ping(self, message: Ping) -> Pong | Oops: ...

    @document_event("ride.offer")
    async def ride_offer(self, event: Offer) -> None: ...

    @document_action(summary="Later type", payload=None)
    async def handle_bare(self, message: DefinedLater) -> None: ...


@dataclass
class DefinedLater:
    """Defined after the consumer: hints are resolved when the spec is generated, not at import."""

    x: int


class ConflictConsumer(AsyncJsonWebsocketConsumer):
    @document_action(payload=Oops, responses={"pong": Pong})
    async def handle_ping(self, message: Ping) -> Pong: ...


def spec_of(consumer: type) -> dict:
    return AsyncAPIGenerator(consumer, channel_path="/ws/hinted/").get_spec()


def test_payload_and_reply_come_from_the_annotations() -> None:
    docs = dict(documented_handlers(HintedConsumer))
    assert docs["handle_ping"].payload is Ping
    assert docs["handle_ping"].responses == (("pong", Pong), ("oops", Oops))
    assert docs["ride_offer"].payload is Offer
    spec = spec_of(HintedConsumer)
    messages = spec["components"]["messages"]
    ping = next(m for m in messages.values() if m["name"] == "ping")
    payload = ping["payload"]
    schema = spec["components"]["schemas"][payload["$ref"].rsplit("/", 1)[1]] if "$ref" in payload else payload
    assert "seq" in schema["properties"]
    ping_op = next(op for op in spec["operations"].values() if op["action"] == "receive" and "ping" in str(op["messages"]).lower())
    replies = [ref["$ref"].rsplit("/", 1)[1] for ref in ping_op["reply"]["messages"]]
    assert {messages[name]["name"] for name in replies} == {"pong", "oops"}
    doc = asyncapi_tools.from_data(spec)
    assert not [d for d in asyncapi_tools.validate(doc) if d.severity == "error"]


def test_explicit_none_payload_wins_over_the_annotation() -> None:
    docs = dict(documented_handlers(HintedConsumer))
    assert docs["handle_bare"].payload is None
    assert docs["handle_bare"].notes, "a conflicting annotation is reported"


def test_explicit_arguments_win_and_the_conflict_is_noted() -> None:
    doc = dict(documented_handlers(ConflictConsumer))["handle_ping"]
    assert doc.payload is Oops
    assert doc.responses == (("pong", Pong),)
    assert any("annotated Ping but payload=Oops" in note for note in doc.notes)


class RideRequested(BaseModel):
    ride_id: str


class HTTPStatusChanged(BaseModel):
    code: int


def test_event_type_of_a_reply_class() -> None:
    """A reply's event type is its ``type`` Literal, else its class name in snake_case."""

    class Replies(AsyncJsonWebsocketConsumer):
        @document_action()
        async def handle_ask(self, message: Ping) -> Pong | Oops | RideRequested | HTTPStatusChanged: ...

    doc = dict(documented_handlers(Replies))["handle_ask"]
    assert [event for event, _ in doc.responses] == ["pong", "oops", "ride_requested", "http_status_changed"]


def test_uninformative_annotations_are_ignored() -> None:
    class Plain(AsyncJsonWebsocketConsumer):
        @document_action()
        async def handle_echo(self, content: dict) -> None: ...

    doc = dict(documented_handlers(Plain))["handle_echo"]
    assert doc.payload is None and doc.responses == () and doc.notes == ()


def _logged(handler: Callable[..., Any]) -> Callable[..., Any]:
    """A decorator as projects write them: functools.wraps, *args/**kwargs."""

    @functools.wraps(handler)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        return await handler(*args, **kwargs)

    return wrapper


class ShapesConsumer(AsyncJsonWebsocketConsumer):
    # a reply named in a string inside the generic: resolved like any other hint
    @document_action()
    async def handle_ping(self, message: Ping) -> Awaitable["Pong"]: ...  # noqa: UP037

    # wrapped by another decorator: its own signature is (*args, **kwargs)
    @document_action()
    @_logged
    async def handle_offer(self, message: Offer) -> Oops: ...

    # a name nothing defines: the annotations say nothing usable, the handler is still documented
    @document_action(summary="Typo")
    async def handle_typo(self, message: Offr) -> None: ...  # type: ignore[name-defined]  # noqa: F821


def test_hints_in_every_shape_handlers_are_written_in() -> None:
    docs = dict(documented_handlers(ShapesConsumer))
    assert (docs["handle_ping"].payload, docs["handle_ping"].responses) == (Ping, (("pong", Pong),))
    assert (docs["handle_offer"].payload, docs["handle_offer"].responses) == (Offer, (("oops", Oops),))
    assert (docs["handle_typo"].payload, docs["handle_typo"].responses) == (None, ())
