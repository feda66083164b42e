"""Declared wire formats, declared messages, shared routes, and the generator defects of issue 10."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Awaitable
from typing import Any

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.test import override_settings

import asyncapi_tools
from django_bridge import (
    AsyncAPIGenerator,
    ConfigurationError,
    DecoratorError,
    WireFormat,
    client_message,
    document_action,
    document_channel,
    document_event,
    documented_handlers,
    frame_example,
    resolve_wire,
    server_message,
)


@dataclasses.dataclass
class Typing:
    is_typing: bool


@dataclasses.dataclass
class Notice:
    user: str
    is_typing: bool


def messages_of(generator: AsyncAPIGenerator) -> dict[str, Any]:
    return generator.get_spec()["components"]["messages"]


def codes(generator: AsyncAPIGenerator) -> list[str]:
    return [d.code for d in generator.diagnostics]


def no_errors(generator: AsyncAPIGenerator) -> None:
    assert [d.format() for d in asyncapi_tools.validate(generator.get_document()) if d.severity == "error"] == []


# -- the model ----------------------------------------------------------------------------------


def test_levels_resolve_outer_to_inner_a_dict_changes_only_its_keys() -> None:
    assert resolve_wire() == WireFormat("action", "type", None)
    assert resolve_wire({"client_key": "type"}) == WireFormat("type", "type", None)
    assert resolve_wire({"client_key": "type"}, {"envelope": "data"}) == WireFormat("type", "type", "data")
    assert resolve_wire({"envelope": "data"}, WireFormat(client_key="op", server_key="op")) == WireFormat("op", "op", None)


def test_a_bad_wire_is_refused_where_it_is_written() -> None:
    with pytest.raises(ValueError, match="must differ"):
        WireFormat(client_key="data", envelope="data")
    with pytest.raises(DecoratorError, match=r"unknown wire key\(s\) 'key'") as error:
        document_action(wire={"key": "type"})(lambda self, content: None)
    assert error.value.line and "client_key" in error.value.message
    bad = override_settings(CHANNELS_SPECTACULAR_SETTINGS={"WIRE_FORMAT": {"server_key": ""}})
    with pytest.raises(ConfigurationError, match="WIRE_FORMAT"), bad:
        AsyncAPIGenerator(RoomConsumer)


def test_examples_are_kept_and_get_the_discriminator_only_where_the_wire_has_one() -> None:
    flat, envelope, none = WireFormat("type", "type"), WireFormat("type", "type", "data"), WireFormat(None, None)
    assert frame_example(flat, "in", "typing", {"is_typing": True}) == {"type": "typing", "is_typing": True}
    assert frame_example(flat, "in", "typing", {"is_typing": True, "type": "typing"}) == {"is_typing": True, "type": "typing"}
    assert frame_example(envelope, "in", "typing", {"is_typing": True}) == {"type": "typing", "data": {"is_typing": True}}
    assert frame_example(envelope, "in", "typing", {"data": {"is_typing": True}}) == {"type": "typing", "data": {"is_typing": True}}
    assert frame_example(envelope, "in", "x", {"type": "typing", "data": {}}) == {"type": "typing", "data": {}}
    assert frame_example(none, "in", "typing", {"is_typing": True}) == {"is_typing": True}


# -- consumers of each shape --------------------------------------------------------------------


@document_channel(
    "room",
    wire={"client_key": "type"},
    messages=[
        client_message("typing", payload=Typing, examples=[{"name": "starts", "payload": {"is_typing": True}}]),
        server_message("typing", payload=Notice),
    ],
)
class RoomConsumer(AsyncJsonWebsocketConsumer):
    """Dispatches on `type` inside receive_json."""


def test_the_same_wire_name_both_ways_is_two_readable_messages_without_a_warning() -> None:
    generator = AsyncAPIGenerator(RoomConsumer)
    messages = messages_of(generator)
    assert set(messages) == {"ClientTyping", "ServerTyping"}
    assert {m["name"] for m in messages.values()} == {"typing"}
    client = messages["ClientTyping"]["payload"]
    assert client["properties"]["type"] == {"type": "string", "const": "typing"}
    assert client["required"] == ["type", "is_typing"]
    assert messages["ClientTyping"]["examples"] == [{"name": "starts", "payload": {"type": "typing", "is_typing": True}}]
    assert generator.get_spec()["operations"]["ClientTyping"]["action"] == "receive"
    assert generator.get_spec()["operations"]["ServerTyping"]["action"] == "send"
    assert "name-collision" not in codes(generator)
    no_errors(generator)


def test_a_real_collision_hints_at_message_id_and_message_id_names_the_component() -> None:
    class Twice(AsyncJsonWebsocketConsumer):
        @document_event("a_b")
        async def first(self, event): ...

        @document_event("a.b")
        async def second(self, event): ...

    generator = AsyncAPIGenerator(Twice)
    (collision,) = [d for d in generator.diagnostics if d.code == "name-collision"]
    assert "message_id=" in collision.hint and "rename" not in collision.hint

    class Named(AsyncJsonWebsocketConsumer):
        @document_event("a_b", message_id="UnderscoreAB")
        async def first(self, event): ...

        @document_event("a.b")
        async def second(self, event): ...

    named = AsyncAPIGenerator(Named)
    assert set(messages_of(named)) == {"UnderscoreAB", "AB"}
    assert "name-collision" not in codes(named)


def test_no_discriminator_documents_the_payload_exactly() -> None:
    @document_channel(wire=WireFormat(client_key=None, server_key=None), messages=[client_message("status", payload=Typing)])
    class Presence(AsyncJsonWebsocketConsumer):
        @document_event("presence", examples=[{"payload": {"user": "ann", "is_typing": False}}])
        async def presence(self, event: Notice) -> None: ...

    generator = AsyncAPIGenerator(Presence)
    messages = messages_of(generator)
    assert messages["Status"]["payload"] == {
        "title": "StatusPayload",
        "type": "object",
        "properties": {"is_typing": {"type": "boolean"}},
        "required": ["is_typing"],
    }
    assert "type" not in messages["Presence"]["payload"]["properties"]
    assert messages["Presence"]["examples"] == [{"payload": {"user": "ann", "is_typing": False}}]
    assert "example-invalid" not in codes(generator)
    no_errors(generator)


def test_envelopes_put_the_handler_type_under_the_envelope_key() -> None:
    @document_channel(wire={"client_key": "event", "server_key": "event", "envelope": "payload"})
    class Events(AsyncJsonWebsocketConsumer):
        @document_action(examples=[{"payload": {"is_typing": True}}])
        async def handle_typing(self, content: Typing) -> None: ...

        @document_event("bye")
        async def bye(self, event): ...

        @document_event("tick", wire={"envelope": None, "server_key": "type"}, payload={"type": "object", "properties": {"at": {"type": "integer"}}})
        async def tick(self, event): ...

    generator = AsyncAPIGenerator(Events)
    spec = generator.get_spec()
    messages = spec["components"]["messages"]
    typing_frame = messages["Typing"]["payload"]
    assert typing_frame["properties"] == {"event": {"type": "string", "const": "typing"}, "payload": {"$ref": "#/components/schemas/Typing"}}
    assert typing_frame["required"] == ["event", "payload"]
    assert spec["components"]["schemas"]["Typing"]["properties"] == {"is_typing": {"type": "boolean"}}
    assert messages["Typing"]["examples"] == [{"payload": {"event": "typing", "payload": {"is_typing": True}}}]
    assert messages["Bye"]["payload"]["required"] == ["event"], "an empty body may leave the envelope out"
    assert messages["Tick"]["payload"]["required"] == ["type"], "a handler's own wire wins"
    assert "example-invalid" not in codes(generator)
    no_errors(generator)


def test_settings_set_the_default_wire_format() -> None:
    class Plain(AsyncJsonWebsocketConsumer):
        @document_action()
        async def handle_ping(self, content): ...

    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"WIRE_FORMAT": {"client_key": "op"}}):
        spec = AsyncAPIGenerator(Plain).get_spec()
    assert spec["components"]["messages"]["Ping"]["payload"]["required"] == ["op"]


def test_a_consumer_on_two_routes_documents_its_messages_once() -> None:
    generator = AsyncAPIGenerator(consumers=[(RoomConsumer, "/ws/rooms/{room}/"), (RoomConsumer, "/ws/legacy/{room}/")])
    spec = generator.get_spec()
    assert list(spec["channels"]) == ["Room", "RoomLegacy"]
    assert set(spec["components"]["messages"]) == {"ClientTyping", "ServerTyping"}, "one consumer: no channel prefix"
    for channel_id, channel in spec["channels"].items():
        assert set(channel["messages"]) == {"ClientTyping", "ServerTyping"}
        used = [op for op in spec["operations"].values() if op["channel"] == {"$ref": f"#/channels/{channel_id}"}]
        assert len(used) == 2
    assert set(spec["operations"]) == {"ClientTyping", "ServerTyping", "ClientTypingViaRoomLegacy", "ServerTypingViaRoomLegacy"}
    assert "name-collision" not in codes(generator)
    no_errors(generator)


def test_declared_messages_are_checked_and_located() -> None:
    with pytest.raises(DecoratorError, match="examples must be a list") as error:
        client_message("typing", examples={"payload": {}})  # type: ignore[arg-type]
    assert error.value.file and error.value.file.endswith("test_bridge_wire.py")
    with pytest.raises(DecoratorError, match="messages must be a list"):
        document_channel(messages=[{"name": "typing"}])(RoomConsumer)  # type: ignore[list-item]
    with pytest.raises(DecoratorError, match=r"the name of server_message\(''\) is empty"):
        server_message("")
    with pytest.raises(DecoratorError, match="message_id 'Typing notice' is not a valid component id"):
        client_message("typing", message_id="Typing notice")


# -- defects ---------------------------------------------------------------------------------------


def test_colliding_names_of_types_that_are_no_module_attributes_terminate() -> None:
    from pydantic import create_model

    a = create_model("Model1_10", x=(int, ...))
    b = create_model("Model11_0", y=(str, ...))
    outer = create_model("Outer", a=(a, ...), b=(b, ...))

    class Models(AsyncJsonWebsocketConsumer):
        @document_event("outer", payload=outer)
        async def send_outer(self, event): ...

    result: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: result.setdefault("yaml", AsyncAPIGenerator(Models).get_yaml()), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert "yaml" in result, "get_yaml() did not return"
    generator = AsyncAPIGenerator(Models)
    schemas = generator.get_spec()["components"]["schemas"]
    assert set(schemas) == {"Model110", "Model110_2"}
    (collision,) = [d for d in generator.diagnostics if d.code == "name-collision"]
    assert collision.breadcrumb is None


def test_two_classes_with_one_qualified_name_are_two_schemas() -> None:
    def make(field: str) -> type:
        return dataclasses.make_dataclass("Point", [(field, int)])

    first, second = make("x"), make("y")

    class One(AsyncJsonWebsocketConsumer):
        @document_event("one", payload=first)
        async def one(self, event): ...

    class Two(AsyncJsonWebsocketConsumer):
        @document_event("two", payload=second)
        async def two(self, event): ...

    messages = messages_of(AsyncAPIGenerator(consumers=[(One, "/one/"), (Two, "/two/")]))
    assert set(messages["OneOne"]["payload"]["properties"]) == {"type", "x"}
    assert set(messages["TwoTwo"]["payload"]["properties"]) == {"type", "y"}


def test_two_serializers_with_one_qualified_name_are_two_schemas() -> None:
    from rest_framework import serializers

    def make(field: str) -> type:
        class Point(serializers.Serializer):
            locals()[field] = serializers.IntegerField()

        class Outer(serializers.Serializer):
            point = Point()

        return Outer

    class Both(AsyncJsonWebsocketConsumer):
        @document_event("one", payload=make("x"))
        async def one(self, event): ...

        @document_event("two", payload=make("y"))
        async def two(self, event): ...

    schemas = AsyncAPIGenerator(Both).get_spec()["components"]["schemas"]
    assert {name: list(schema["properties"]) for name, schema in schemas.items()} == {"Point": ["x"], "Point2": ["y"]}


@dataclasses.dataclass
class Reply:
    ok: bool


def test_an_awaitable_return_annotation_documents_the_reply() -> None:
    class Async(AsyncJsonWebsocketConsumer):
        @document_action()
        def handle_ping(self, content: Typing) -> Awaitable[Reply]: ...

    spec = AsyncAPIGenerator(Async).get_spec()
    assert spec["operations"]["Ping"]["reply"]["messages"] == [{"$ref": "#/channels/Root/messages/Reply"}]
    assert set(spec["components"]["messages"]["Reply"]["payload"]["properties"]) == {"type", "ok"}


def test_an_override_with_another_wire_name_replaces_the_parents_message() -> None:
    class Base(AsyncJsonWebsocketConsumer):
        @document_action()
        async def handle_ping(self, content): ...

        @document_action()
        async def handle_other(self, content): ...

    class Child(Base):
        @document_action("ping_v2")
        async def handle_ping(self, content): ...

    assert [doc.name for _, doc in documented_handlers(Child)] == ["ping_v2", "other"]
    assert set(messages_of(AsyncAPIGenerator(Child))) == {"PingV2", "Other"}
