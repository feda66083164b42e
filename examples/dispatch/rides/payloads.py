"""The frames' payloads, in all the forms ``django_bridge`` reads: a dataclass, a DRF serializer,
Pydantic models, a TypedDict and plain JSON Schema dicts. The consumers validate incoming frames
with the very same classes, so the documentation cannot drift from what the code accepts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field
from rest_framework import serializers
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12


# -- client → server ------------------------------------------------------------------------
@dataclass
class RequestRidePayload:
    """Where the rider wants to be picked up, and the fare they offer."""

    pickup_address: str
    fare: Decimal
    passenger_count: int
    note: str | None = None


class AcceptOfferSerializer(serializers.Serializer):
    ride_id = serializers.UUIDField(help_text="The ride the offer is for.")
    driver_id = serializers.UUIDField(help_text="The driver whose offer is accepted.")


CANCEL_RIDE = {
    "type": "object",
    "properties": {"ride_id": {"type": "string", "format": "uuid"}},
    "required": ["ride_id"],
}


class MarkReadPayload(TypedDict):
    notification_id: int


# -- server → client ------------------------------------------------------------------------
class RideOfferPayload(BaseModel):
    """A driver offers to take the ride."""

    ride_id: UUID
    driver_id: UUID
    driver_name: str
    eta_minutes: int = Field(ge=0)


class RideAcceptedPayload(BaseModel):
    ride_id: UUID
    driver_name: str


RIDE_REQUESTED = {
    "type": "object",
    "properties": {"ride_id": {"type": "string", "format": "uuid"}},
    "required": ["ride_id"],
}

RIDE_CANCELLED = {
    "type": "object",
    "properties": {"ride_id": {"type": "string", "format": "uuid"}},
    "required": ["ride_id"],
}

PONG = {"type": "object", "properties": {"server_time": {"type": "number"}}, "required": ["server_time"]}


@dataclass
class ErrorPayload:
    code: str
    message: str


class NotificationPayload(BaseModel):
    id: int
    topic: str
    text: str
