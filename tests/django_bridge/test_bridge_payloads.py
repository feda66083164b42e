"""Payloads → JSON Schema: every kind, the reference's type table, directions, nesting, cycles."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Optional
from uuid import UUID

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import BaseModel
from rest_framework import serializers

from django_bridge import AsyncAPIGenerator, PayloadError, document_action, document_event
from tests.django_bridge import consumers


def spec_of(consumer: type) -> dict[str, Any]:
    return AsyncAPIGenerator(consumer, channel_path="/ws/x/").get_spec()


def payload(spec: dict[str, Any], message: str) -> dict[str, Any]:
    return spec["components"]["messages"][message]["payload"]


def bare(node: Any) -> Any:
    """``node`` without titles (inject_titles names nested unions and enums; tested elsewhere)."""
    if isinstance(node, dict):
        return {key: bare(value) for key, value in node.items() if key != "title"}
    if isinstance(node, list):
        return [bare(item) for item in node]
    return node


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in refs(value)]
    if isinstance(node, list):
        return [ref for item in node for ref in refs(item)]
    return []


@pytest.fixture(scope="module")
def dispatch() -> dict[str, Any]:
    return spec_of(consumers.DispatchConsumer)


@pytest.fixture(scope="module")
def types_spec() -> dict[str, Any]:
    return spec_of(consumers.TypesConsumer)


@pytest.fixture(scope="module")
def drivers() -> dict[str, Any]:
    return spec_of(consumers.DriverConsumer)


def test_dataclass_follows_the_reference_table(dispatch) -> None:
    schema = payload(dispatch, "RequestRide")
    props = schema["properties"]
    assert props["pickup_address"] == {"type": "string"}
    assert props["fare"] == {"type": "string", "format": "decimal"}
    assert props["passenger_count"] == {"type": "integer"}
    assert schema["required"] == ["action", "pickup_address", "fare", "passenger_count"]
    assert "note" in props and "note" not in schema["required"]


def test_optional_without_default_is_not_required_in_dataclasses(types_spec) -> None:
    schema = bare(payload(types_spec, "AddStop"))
    assert "note" in schema["properties"]
    assert "note" not in schema["required"]
    assert schema["properties"]["on"]["format"] == "date"
    assert schema["properties"]["at"]["format"] == "time"
    assert schema["properties"]["kind"]["enum"] == ["pickup", "dropoff"]


def test_none_payload_is_discriminator_only(dispatch) -> None:
    assert payload(dispatch, "Ping") == {
        "title": "PingPayload",
        "type": "object",
        "properties": {"action": {"type": "string", "const": "ping"}},
        "required": ["action"],
    }


def test_raw_dict_is_used_as_written_plus_discriminator(dispatch) -> None:
    schema = payload(dispatch, "RideAccepted")
    assert schema["properties"] == {"type": {"type": "string", "const": "ride.accepted"}, "driver_name": {"type": "string"}}
    assert schema["required"] == ["type"]


def test_pydantic_model_uuid_and_fields(dispatch) -> None:
    schema = payload(dispatch, "RideOffer")
    assert schema["properties"]["ride_id"] == {"format": "uuid", "type": "string"}
    assert schema["required"] == ["type", "ride_id", "driver_name", "eta_minutes"]
    assert all("title" not in prop for prop in schema["properties"].values()), "no auto field titles"


def test_nested_models_go_to_components_and_no_defs_remain(types_spec) -> None:
    schemas = types_spec["components"]["schemas"]
    completed = bare(payload(types_spec, "RideCompleted"))
    props = completed["properties"]
    assert props["fare"] == {"$ref": "#/components/schemas/Money"}
    assert props["vehicle"] == {"$ref": "#/components/schemas/VehicleKind"}
    assert props["finished_at"] == {"format": "date-time", "type": "string"}
    assert props["stops"]["items"] == {"$ref": "#/components/schemas/Money"}
    assert props["tags"]["uniqueItems"] is True
    assert props["extras"]["additionalProperties"] == {"$ref": "#/components/schemas/Money"}
    # draft 07 tuples, not 2020-12 prefixItems
    assert props["position"]["items"] == [{"type": "number"}, {"type": "number"}]
    assert props["position"]["additionalItems"] is False
    assert props["rating"]["anyOf"][0] == {"maximum": 5, "minimum": 1, "type": "integer"}
    assert "rating" not in completed["required"]
    assert schemas["VehicleKind"] == {"title": "VehicleKind", "type": "string", "enum": ["car", "bike"]}
    assert schemas["Money"]["properties"]["amount"]["description"] == "Amount in the currency's minor unit precision"
    assert schemas["Money"]["properties"]["currency"] == {"default": "NGN", "maxLength": 3, "minLength": 3, "type": "string"}
    text = repr(types_spec)
    assert "$defs" not in text and "#/$defs" not in text
    for ref in refs(types_spec["components"]):
        if ref.startswith("#/components/schemas/"):
            assert ref.rsplit("/", 1)[1] in schemas


def test_self_referencing_dataclass_is_a_ref_cycle(types_spec) -> None:
    schema = payload(types_spec, "SubmitTree")
    assert schema["properties"]["children"] == {"items": {"$ref": "#/components/schemas/TreeNode"}, "type": "array"}
    tree = types_spec["components"]["schemas"]["TreeNode"]
    assert tree["properties"]["children"]["items"] == {"$ref": "#/components/schemas/TreeNode"}


def test_typed_dict_and_union_annotations(types_spec) -> None:
    tip = payload(types_spec, "Tip")
    assert tip["properties"]["amount"] == {"format": "decimal", "type": "string"}
    assert tip["properties"]["ride_id"] == {"format": "uuid", "type": "string"}
    pets = bare(payload(types_spec, "ShowPet"))
    assert pets["allOf"] == [{"anyOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]}]
    adopt = bare(payload(types_spec, "Adopt")["properties"]["pet"])
    assert "discriminator" not in adopt and len(adopt["oneOf"]) == 2


def test_drf_read_only_and_write_only_follow_the_direction(drivers) -> None:
    incoming = payload(drivers, "Register")
    outgoing = payload(drivers, "DriverRegistered")
    assert "id" not in incoming["properties"] and "password" in incoming["properties"]
    assert "password" not in outgoing["properties"] and outgoing["properties"]["id"] == {"type": "integer", "readOnly": True}
    assert "id" in outgoing["required"]
    assert "rating" not in incoming["required"]


def test_drf_fields_map_with_constraints(drivers) -> None:
    props = bare(payload(drivers, "Register")["properties"])
    assert props["name"] == {"type": "string", "minLength": 2}
    assert props["rating"] == {"type": "number", "minimum": 0, "maximum": 5}
    assert props["email"] == {"anyOf": [{"type": "string", "format": "email"}, {"type": "null"}]}
    assert props["payment"] == {"type": "string", "enum": ["cash", "card"], "default": "cash"}
    assert props["languages"] == {"type": "array", "items": {"type": "string", "enum": ["en", "yo", "ig"]}, "uniqueItems": True}
    assert props["tags"] == {"type": "array", "items": {"type": "string"}, "maxItems": 5}
    assert props["fare"] == {"type": "string", "format": "decimal"}
    assert props["joined"] == {"type": "string", "format": "date-time"}
    assert props["scores"] == {"type": "object", "additionalProperties": {"type": "integer"}}
    assert props["ip"] == {"type": "string", "format": "ipv4"}
    assert props["home"] == {"$ref": "#/components/schemas/Address"}
    assert props["stops"] == {"type": "array", "items": {"$ref": "#/components/schemas/Address"}}
    address = drivers["components"]["schemas"]["Address"]
    assert address["properties"]["line1"] == {"type": "string", "maxLength": 120, "description": "Street and number"}


def test_drf_many_true_nested_serializer_is_an_array_of_a_component(drivers) -> None:
    listed = payload(drivers, "DriversListed")
    assert listed["properties"]["drivers"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Driver"},
        "description": "Every driver of the fleet",
    }
    driver = drivers["components"]["schemas"]["Driver"]
    assert "password" not in driver["properties"] and "id" in driver["properties"]


class Thing(serializers.Serializer):
    secret = serializers.CharField(write_only=True)
    name = serializers.CharField()


class Holder(serializers.Serializer):
    thing = Thing()


class BothWays(AsyncJsonWebsocketConsumer):
    @document_action(payload=Holder)
    async def handle_put(self, content): ...

    @document_event("thing.changed", payload=Holder)
    async def thing_changed(self, event): ...


def test_a_type_with_different_schemas_per_direction_gets_two_components() -> None:
    spec = spec_of(BothWays)
    schemas = spec["components"]["schemas"]
    assert set(schemas) == {"ThingInput", "ThingOutput"}
    assert "secret" in schemas["ThingInput"]["properties"]
    assert "secret" not in schemas["ThingOutput"]["properties"]
    assert payload(spec, "Put")["properties"]["thing"] == {"$ref": "#/components/schemas/ThingInput"}
    assert payload(spec, "ThingChanged")["properties"]["thing"] == {"$ref": "#/components/schemas/ThingOutput"}


class Opaque:
    """A plain class: Pydantic has no schema for it."""


def _consumer_with(payload_value: Any) -> type:
    class Bad(AsyncJsonWebsocketConsumer):
        @document_action(payload=payload_value)
        async def handle_bad(self, content): ...

    return Bad


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (42, "unsupported payload 42"),
        ("a string", "unsupported payload 'a string'"),
        (list[int], "of type 'array'"),
        (Opaque, "cannot describe payload Opaque"),
    ],
)
def test_unusable_payloads_raise_with_the_handler_location(value, fragment) -> None:
    with pytest.raises(PayloadError) as info:
        AsyncAPIGenerator(_consumer_with(value)).get_spec()
    assert fragment in info.value.message
    assert info.value.message.startswith("Bad > handle_bad:")
    assert info.value.file and info.value.file.endswith("test_bridge_payloads.py")
    assert info.value.line is not None and info.value.hint


def test_typing_typed_dict_works_or_says_how_to_fix_it() -> None:
    import sys
    import typing

    class Old(typing.TypedDict):
        x: int

    generator = AsyncAPIGenerator(_consumer_with(Old))
    if sys.version_info >= (3, 12):  # Pydantic supports typing.TypedDict from Python 3.12
        assert payload(generator.get_spec(), "Bad")["properties"]["x"] == {"type": "integer"}
        return
    with pytest.raises(PayloadError) as info:
        generator.get_spec()
    assert "typing_extensions" in (info.value.hint or "")


class Color(enum.Enum):
    RED = "red"


@dataclass
class Everything:
    when: datetime.datetime
    day: datetime.date
    color: Color
    choice: Literal[1, 2]
    uid: UUID
    price: Decimal
    maybe: Optional[int] = None  # noqa: UP045


class Everyone(BaseModel):
    items: list[Everything]


def test_models_and_dataclasses_mix_and_share_components() -> None:
    class Mixed(AsyncJsonWebsocketConsumer):
        @document_event("all.listed", payload=Everyone)
        async def all_listed(self, event): ...

        @document_action(payload=Everything)
        async def handle_one(self, content): ...

    spec = spec_of(Mixed)
    schemas = spec["components"]["schemas"]
    assert set(schemas) == {"Color", "Everything"}
    assert bare(schemas["Everything"])["properties"]["choice"]["enum"] == [1, 2]
    assert payload(spec, "One")["properties"]["color"] == {"$ref": "#/components/schemas/Color"}
