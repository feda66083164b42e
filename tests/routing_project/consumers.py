"""Consumers of the routing project; every one says who it is when a client connects, so that
live.py can check that each discovered address really reaches the discovered consumer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from django_bridge import document_action, document_channel, document_event


class IdentifyingConsumer(AsyncJsonWebsocketConsumer):
    """Accepts, then sends ``{"type": "hello", "consumer": <class name>, "kwargs": {...}}``."""

    async def connect(self) -> None:
        await self.accept()
        kwargs = {key: str(value) for key, value in self.scope["url_route"]["kwargs"].items()}
        await self.send_json({"type": "hello", "consumer": type(self).__name__, "kwargs": kwargs})


@dataclass
class Position:
    latitude: float
    longitude: float


@document_channel("rideUpdates", title="Ride updates", tags=["rides"])
class RideConsumer(IdentifyingConsumer):
    """Live position of one ride.

    Riders subscribe after booking.
    """

    @document_action(summary="Ask for the current position", responses={"ride.position": Position})
    async def handle_where_are_you(self, content: dict[str, Any]) -> None: ...

    @document_event("ride.finished", summary="The ride is over")
    async def ride_finished(self, event: dict[str, Any]) -> None: ...


class DriverConsumer(IdentifyingConsumer):
    @document_event("driver.offer", summary="A ride offered to the driver", payload={"type": "object", "properties": {"ride_id": {"type": "integer"}}})
    async def driver_offer(self, event: dict[str, Any]) -> None: ...


@document_channel(summary="Chat in one room")
class ChatConsumer(IdentifyingConsumer):
    """A chat room; mounted at its current path and at a legacy regex path."""

    @document_action(summary="Post a message", payload={"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]})
    async def handle_post(self, content: dict[str, Any]) -> None: ...


class ProfileConsumer(IdentifyingConsumer):
    @document_event("profile.changed", summary="The user's profile changed")
    async def profile_changed(self, event: dict[str, Any]) -> None: ...


class FileConsumer(IdentifyingConsumer):
    @document_event("file.changed", summary="The watched file changed")
    async def file_changed(self, event: dict[str, Any]) -> None: ...


class ReportConsumer(IdentifyingConsumer):
    @document_action(action="build", summary="Build the yearly report")
    async def handle_build(self, content: dict[str, Any]) -> None: ...


@document_channel(tags=["feeds"])
class BaseFeedConsumer(IdentifyingConsumer):
    """A tenant's activity feed."""


class FeedConsumer(BaseFeedConsumer):
    @document_event("feed.item", summary="A new feed item")
    async def feed_item(self, event: dict[str, Any]) -> None: ...


class PlainConsumer(IdentifyingConsumer):
    """A plain Channels consumer: nothing documented, it must not break the docs."""

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await self.send_json(content)


async def health(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A plain ASGI function (no consumer class): accepts and closes."""
    await receive()
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.close", "code": 1000})
