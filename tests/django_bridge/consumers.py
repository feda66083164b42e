"""Consumers the django_bridge tests document.

``DispatchConsumer`` is the reference package's README "Full example — Dispatch API", unchanged
apart from the import line; the others exercise one feature each.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Optional, Union
from uuid import UUID

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import BaseModel, Field
from rest_framework import serializers
from typing_extensions import TypedDict

from django_bridge import document_action, document_event

# --------------------------------------------------------------------------
# The reference README's full Dispatch example
# --------------------------------------------------------------------------


@dataclass
class RequestRidePayload:
    pickup_address: str
    fare: Decimal
    passenger_count: int
    note: Optional[str] = None  # Optional[T] → not required in schema  # noqa: UP045


class AcceptOfferSerializer(serializers.Serializer):
    ride_id = serializers.UUIDField()
    driver_id = serializers.UUIDField()


class RideOfferPayload(BaseModel):
    ride_id: UUID
    driver_name: str
    eta_minutes: int


class DispatchConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        if not self.scope["user"].is_authenticated:
            await self.close(code=4401)
            return
        await self.accept()

    # ---- client → server actions ----------------------------------------

    @document_action(
        summary="Request a ride",
        description="Rider sends pickup details to start dispatch.",
        payload=RequestRidePayload,  # ← dataclass
        responses={"ride.requested": {"ride_id": "uuid"}},
        tags=["rides"],
        examples=[
            {
                "name": "Cash ride",
                "summary": "Standard cash pickup",
                "payload": {
                    "action": "request_ride",
                    "pickup_address": "23 Marina Rd, Lagos",
                    "fare": "1500.00",
                    "passenger_count": 1,
                },
            }
        ],
    )
    async def handle_request_ride(self, content): ...

    @document_action(
        summary="Accept a driver offer",
        payload=AcceptOfferSerializer,  # ← DRF serializer
        tags=["rides"],
    )
    async def handle_accept_offer(self, content): ...

    @document_action(
        action="ping",
        summary="Health check — expects a pong event in return",
        # payload=None → discriminator-only schema (no extra fields)
    )
    async def handle_ping(self, content): ...

    @document_action(summary="Cancel an active ride request", deprecated=True)
    async def handle_cancel_ride(self, content): ...

    # ---- server → client events -----------------------------------------

    @document_event(
        "ride.offer",
        summary="Server pushes a driver offer to the rider",
        payload=RideOfferPayload,  # ← Pydantic model
        tags=["rides"],
        examples=[
            {
                "name": "Standard offer",
                "payload": {
                    "type": "ride.offer",
                    "ride_id": "d290f1ee-6c54-4b01-90e6-d701748f0851",
                    "driver_name": "Emeka",
                    "eta_minutes": 4,
                },
            }
        ],
    )
    async def ride_offer(self, event): ...

    @document_event(
        "ride.accepted",
        summary="Ride accepted by a driver",
        payload={"type": "object", "properties": {"driver_name": {"type": "string"}}},
    )
    async def ride_accepted(self, event): ...


# --------------------------------------------------------------------------
# Types: nested models, enums, literals, containers, recursion
# --------------------------------------------------------------------------


class VehicleKind(str, enum.Enum):
    CAR = "car"
    BIKE = "bike"


class Money(BaseModel):
    amount: Decimal = Field(description="Amount in the currency's minor unit precision")
    currency: str = Field(default="NGN", min_length=3, max_length=3)


class RideCompleted(BaseModel):
    ride_id: UUID
    fare: Money
    vehicle: VehicleKind
    finished_at: datetime.datetime
    rating: Optional[int] = Field(default=None, ge=1, le=5)  # noqa: UP045
    stops: list[Money] = []
    tags: set[str] = set()
    extras: dict[str, Money] = {}
    position: tuple[float, float] = (0.0, 0.0)


@dataclass
class TreeNode:
    label: str
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class Coordinates:
    lat: float
    lng: float


@dataclass
class Stop:
    where: Coordinates
    kind: Literal["pickup", "dropoff"]
    on: datetime.date
    at: datetime.time
    note: Optional[str]  # noqa: UP045  # Optional without a default → still not required


class Tip(TypedDict):
    amount: Decimal
    ride_id: UUID


class Cat(BaseModel):
    kind: Literal["cat"]
    meows: int


class Dog(BaseModel):
    kind: Literal["dog"]
    barks: int


class Pet(BaseModel):
    pet: Union[Cat, Dog] = Field(discriminator="kind")  # noqa: UP007


class ModelWithComputed(BaseModel):
    first: str
    last: str

    @property
    def _ignored(self) -> str:
        return self.first


class TypesConsumer(AsyncJsonWebsocketConsumer):
    @document_event("ride.completed", summary="A ride finished", payload=RideCompleted)
    async def ride_completed(self, event): ...

    @document_action(summary="Submit a tree", payload=TreeNode)
    async def handle_submit_tree(self, content): ...

    @document_action(summary="Add a stop", payload=Stop)
    async def handle_add_stop(self, content): ...

    @document_action(summary="Tip the driver", payload=Tip)
    async def handle_tip(self, content): ...

    @document_action(summary="Adopt a pet", payload=Pet)
    async def handle_adopt(self, content): ...

    @document_action(summary="Show a cat or a dog", payload=Union[Cat, Dog])  # noqa: UP007
    async def handle_show_pet(self, content): ...

    @document_event("fare.updated", summary="Fare changed", payload=Money)
    async def fare_updated(self, event): ...


# --------------------------------------------------------------------------
# DRF: every field family, directions, nesting
# --------------------------------------------------------------------------


class PaymentMethod(serializers.ChoiceField):
    pass


class AddressSerializer(serializers.Serializer):
    line1 = serializers.CharField(max_length=120, help_text="Street and number")
    city = serializers.CharField()


class DriverSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(min_length=2)
    password = serializers.CharField(write_only=True)
    rating = serializers.FloatField(min_value=0, max_value=5, required=False)
    email = serializers.EmailField(required=False, allow_null=True)
    home = AddressSerializer()
    stops = AddressSerializer(many=True, required=False)
    payment = serializers.ChoiceField(choices=["cash", "card"], default="cash")
    languages = serializers.MultipleChoiceField(choices=["en", "yo", "ig"])
    tags = serializers.ListField(child=serializers.CharField(), max_length=5)
    fare = serializers.DecimalField(max_digits=8, decimal_places=2)
    joined = serializers.DateTimeField()
    birthday = serializers.DateField(required=False)
    website = serializers.URLField(required=False)
    token = serializers.UUIDField(required=False)
    slug = serializers.SlugField(required=False)
    meta = serializers.JSONField(required=False)
    scores = serializers.DictField(child=serializers.IntegerField(), required=False)
    shift = serializers.DurationField(required=False)
    ip = serializers.IPAddressField(protocol="ipv4", required=False)


class DriverListSerializer(serializers.Serializer):
    drivers = DriverSerializer(many=True, help_text="Every driver of the fleet")
    total = serializers.IntegerField(read_only=True)


class DriverConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Register a driver", payload=DriverSerializer)
    async def handle_register(self, content): ...

    @document_event("driver.registered", summary="A driver was registered", payload=DriverSerializer)
    async def driver_registered(self, event): ...

    @document_event("drivers.listed", summary="All drivers", payload=DriverListSerializer)
    async def drivers_listed(self, event): ...


# --------------------------------------------------------------------------
# Diagnostics: collisions, undocumented handlers, bad examples, empty consumers
# --------------------------------------------------------------------------


class CollidingConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Ride offer as an action")
    async def handle_ride_offer(self, content): ...

    @document_event("ride.offer", summary="Ride offer as an event")
    async def ride_offer(self, event): ...

    async def handle_forgotten(self, content): ...

    @document_action(
        summary="Bad example",
        payload=RequestRidePayload,
        examples=[{"name": "wrong", "payload": {"pickup_address": 5, "fare": "1", "passenger_count": 1}}],
    )
    async def handle_bad_example(self, content): ...


class EmptyConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content): ...


# --------------------------------------------------------------------------
# Inheritance
# --------------------------------------------------------------------------


class BaseChatConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Ping")
    async def handle_ping(self, content): ...

    @document_action(summary="Say something", payload={"type": "object", "properties": {"text": {"type": "string"}}})
    async def handle_say(self, content): ...


class ChatConsumer(BaseChatConsumer):
    @document_action(summary="Override ping with more detail")
    async def handle_ping(self, content): ...

    @document_action(summary="Extra action")
    async def handle_extra(self, content): ...


class RoomConsumer(AsyncJsonWebsocketConsumer):
    @document_event("room.message", summary="A message in the room", payload={"type": "object", "properties": {"text": {"type": "string"}}})
    async def room_message(self, event): ...
