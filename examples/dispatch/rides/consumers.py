"""The Dispatch API of the django-channels-spectacular README, implemented and documented.

``DispatchConsumer`` (``/ws/dispatch/``): riders request rides, a simulated driver answers with an
offer pushed through the channel layer (``group_send``), riders accept it. ``NotificationsConsumer``
(``/ws/notifications/{topic}/``): signed-in users follow a topic.

Every frame a client sends carries ``action``; every frame the server sends carries ``type``.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import TypeAdapter, ValidationError

from django_bridge import document_action, document_event

from .payloads import (
    CANCEL_RIDE,
    PONG,
    RIDE_CANCELLED,
    RIDE_REQUESTED,
    AcceptOfferSerializer,
    ErrorPayload,
    MarkReadPayload,
    NotificationPayload,
    RequestRidePayload,
    RideAcceptedPayload,
    RideOfferPayload,
)

#: How long the simulated driver takes to answer a ride request.
OFFER_DELAY_SECONDS = 0.2
DEMO_DRIVER = {"driver_id": "6f1c2a8e-4b1d-4f3a-9c55-0d6b1f1e2a77", "driver_name": "Emeka"}


class DispatchConsumer(AsyncJsonWebsocketConsumer):
    """One rider's connection. Anonymous riders are welcome in this demo."""

    async def connect(self) -> None:
        self.rides: dict[str, dict[str, Any]] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        await self.accept()

    async def disconnect(self, code: int) -> None:
        for task in self.tasks:
            task.cancel()
        for ride_id in self.rides:
            await self.channel_layer.group_discard(_ride_group(ride_id), self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        if action == "echo":
            # Deliberately undocumented: the docs' try-it-out log flags the reply as "not in the
            # spec", which is how drift between code and documentation shows up.
            await self.send_json({"type": "echo", "content": content})
            return
        handler = getattr(self, f"handle_{action}", None) if isinstance(action, str) else None
        if handler is None:
            await self.send_error("unknown_action", f"unknown action {action!r}")
            return
        await handler(content)

    # ---- client → server actions -------------------------------------------------------------
    @document_action(
        summary="Request a ride",
        description="The rider sends pickup details; a driver offer (`ride.offer`) follows shortly.",
        payload=RequestRidePayload,
        responses={"ride.requested": RIDE_REQUESTED},
        tags=["rides"],
        examples=[
            {
                "name": "Cash ride",
                "summary": "A standard pickup paid in cash",
                "payload": {
                    "action": "request_ride",
                    "pickup_address": "23 Marina Rd, Lagos",
                    "fare": "1500.00",
                    "passenger_count": 1,
                },
            }
        ],
    )
    async def handle_request_ride(self, content: dict[str, Any]) -> None:
        try:
            ride = TypeAdapter(RequestRidePayload).validate_python(_fields(content))
        except ValidationError as exc:
            await self.send_error("invalid_payload", _first_error(exc))
            return
        ride_id = str(uuid.uuid4())
        self.rides[ride_id] = {"pickup_address": ride.pickup_address, "fare": str(ride.fare)}
        await self.channel_layer.group_add(_ride_group(ride_id), self.channel_name)
        await self.send_json({"type": "ride.requested", "ride_id": ride_id})
        task = asyncio.create_task(self._find_driver(ride_id))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    @document_action(
        summary="Accept a driver offer",
        payload=AcceptOfferSerializer,
        responses={"ride.accepted": None},
        tags=["rides"],
    )
    async def handle_accept_offer(self, content: dict[str, Any]) -> None:
        serializer = AcceptOfferSerializer(data=_fields(content))
        if not serializer.is_valid():
            await self.send_error("invalid_payload", str(serializer.errors))
            return
        ride_id = str(serializer.validated_data["ride_id"])
        if ride_id not in self.rides:
            await self.send_error("unknown_ride", f"no ride {ride_id} on this connection")
            return
        await self.channel_layer.group_send(
            _ride_group(ride_id),
            {"type": "ride.accepted", "ride_id": ride_id, "driver_name": DEMO_DRIVER["driver_name"]},
        )

    @document_action(
        action="ping",
        summary="Health check: the server answers with a pong",
        responses={"pong": PONG},
    )
    async def handle_ping(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "pong", "server_time": time.time()})

    @document_action(
        summary="Cancel an active ride request",
        description="Use `accept_offer` or let the offer expire instead.",
        payload=CANCEL_RIDE,
        responses={"ride.cancelled": RIDE_CANCELLED},
        deprecated=True,
        tags=["rides"],
    )
    async def handle_cancel_ride(self, content: dict[str, Any]) -> None:
        ride_id = str(content.get("ride_id", ""))
        if self.rides.pop(ride_id, None) is None:
            await self.send_error("unknown_ride", f"no ride {ride_id} on this connection")
            return
        await self.channel_layer.group_discard(_ride_group(ride_id), self.channel_name)
        await self.send_json({"type": "ride.cancelled", "ride_id": ride_id})

    # ---- server → client events (channel-layer handlers) -------------------------------------
    @document_event(
        "ride.offer",
        summary="A driver offers to take the ride (pushed through the channel layer)",
        payload=RideOfferPayload,
        tags=["rides"],
        examples=[
            {
                "name": "Standard offer",
                "payload": {
                    "type": "ride.offer",
                    "ride_id": "d290f1ee-6c54-4b01-90e6-d701748f0851",
                    "driver_id": "6f1c2a8e-4b1d-4f3a-9c55-0d6b1f1e2a77",
                    "driver_name": "Emeka",
                    "eta_minutes": 4,
                },
            }
        ],
    )
    async def ride_offer(self, event: dict[str, Any]) -> None:
        await self.send_json(event)

    @document_event("ride.accepted", summary="The ride is confirmed", payload=RideAcceptedPayload, tags=["rides"])
    async def ride_accepted(self, event: dict[str, Any]) -> None:
        await self.send_json(event)

    @document_event("error", summary="A frame was refused", payload=ErrorPayload)
    async def send_error(self, code: str, message: str) -> None:
        await self.send_json({"type": "error", "code": code, "message": message})

    async def _find_driver(self, ride_id: str) -> None:
        """The simulated dispatcher: offer the ride to the demo driver, and tell the ops topic."""
        await asyncio.sleep(OFFER_DELAY_SECONDS)
        offer = {"type": "ride.offer", "ride_id": ride_id, **DEMO_DRIVER, "eta_minutes": 4}
        await self.channel_layer.group_send(_ride_group(ride_id), offer)
        await self.channel_layer.group_send(
            "notifications.rides",
            {"type": "notification.created", "id": int(time.time() * 1000) % 1_000_000, "topic": "rides", "text": f"ride {ride_id} offered to Emeka"},
        )


class NotificationsConsumer(AsyncJsonWebsocketConsumer):
    """Signed-in users follow a topic (``/ws/notifications/rides/``); anonymous handshakes are closed."""

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.topic = self.scope["url_route"]["kwargs"]["topic"]
        await self.channel_layer.group_add(f"notifications.{self.topic}", self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "topic"):
            await self.channel_layer.group_discard(f"notifications.{self.topic}", self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "mark_read":
            await self.handle_mark_read(content)
        else:
            await self.send_json({"type": "error", "code": "unknown_action", "message": "only mark_read is understood"})

    @document_action(
        summary="Mark a notification as read",
        payload=MarkReadPayload,
        responses={"notification.read": {"type": "object", "properties": {"notification_id": {"type": "integer"}}, "required": ["notification_id"]}},
        examples=[{"name": "Mark one", "payload": {"action": "mark_read", "notification_id": 42}}],
    )
    async def handle_mark_read(self, content: dict[str, Any]) -> None:
        notification_id = content.get("notification_id")
        if not isinstance(notification_id, int):
            await self.send_json({"type": "error", "code": "invalid_payload", "message": "notification_id must be an integer"})
            return
        await self.send_json({"type": "notification.read", "notification_id": notification_id})

    @document_event("notification.created", summary="Something happened on the topic", payload=NotificationPayload)
    async def notification_created(self, event: dict[str, Any]) -> None:
        await self.send_json(event)

    @document_event("error", summary="A frame was refused", payload=ErrorPayload)
    async def send_error_frame(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


def _ride_group(ride_id: str) -> str:
    return f"ride.{ride_id}"


def _fields(content: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in content.items() if key != "action"}


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error.get("loc", ())) or "payload"
    return f"{where}: {error.get('msg', 'invalid')}"
