"""The document the generator writes: AsyncAPI 3 rules, naming, diagnostics, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.test import override_settings

import asyncapi_tools
from django_bridge import AsyncAPIGenerator, ConfigurationError, document_action, document_event
from tests.django_bridge import consumers

CONSUMERS_FILE = consumers.__file__


@pytest.fixture(scope="module")
def dispatch() -> AsyncAPIGenerator:
    generator = AsyncAPIGenerator(
        consumers.DispatchConsumer,
        info={"title": "Dispatch API", "version": "1.0.0"},
        servers={"production": {"host": "api.example.com", "protocol": "wss"}},
        channel_path="/ws/dispatch/",
    )
    generator.get_spec()
    return generator


@pytest.fixture(scope="module")
def multi() -> AsyncAPIGenerator:
    return AsyncAPIGenerator(
        consumers=[
            (consumers.CollidingConsumer, "/ws/v1/chat/"),
            (consumers.ChatConsumer, "/ws/v2/chat/"),
            (consumers.EmptyConsumer, "^ws/rooms/(?P<room>[^/]+)/$"),
        ],
        info={"title": "All", "version": "2.0.0"},
    )


def by_code(generator: AsyncAPIGenerator, code: str) -> list[asyncapi_tools.Diagnostic]:
    return [d for d in generator.diagnostics if d.code == code]


def test_client_frames_are_receive_and_server_frames_are_send(dispatch) -> None:
    operations = dispatch.get_spec()["operations"]
    assert {name: op["action"] for name, op in operations.items()} == {
        "RequestRide": "receive",
        "AcceptOffer": "receive",
        "Ping": "receive",
        "CancelRide": "receive",
        "RideOffer": "send",
        "RideAccepted": "send",
    }


def test_one_channel_and_operation_messages_point_into_it(dispatch) -> None:
    spec = dispatch.get_spec()
    assert list(spec["channels"]) == ["Dispatch"]
    channel = spec["channels"]["Dispatch"]
    assert channel["address"] == "/ws/dispatch/"
    for name, operation in spec["operations"].items():
        assert operation["channel"] == {"$ref": "#/channels/Dispatch"}
        assert operation["messages"] == [{"$ref": f"#/channels/Dispatch/messages/{name}"}]
        assert channel["messages"][name] == {"$ref": f"#/components/messages/{name}"}


def test_responses_become_the_reply_on_the_same_channel(dispatch) -> None:
    spec = dispatch.get_spec()
    reply = spec["operations"]["RequestRide"]["reply"]
    assert reply == {"channel": {"$ref": "#/channels/Dispatch"}, "messages": [{"$ref": "#/channels/Dispatch/messages/RideRequested"}]}
    requested = spec["components"]["messages"]["RideRequested"]
    assert requested["name"] == "ride.requested"
    assert requested["payload"]["properties"]["ride_id"] == {"type": "string", "format": "uuid"}
    assert "RideRequested" not in spec["operations"], "a response-only message has no operation of its own"
    (warning,) = by_code(dispatch, "payload-not-schema")
    assert warning.breadcrumb == "DispatchConsumer > handle_request_ride"
    assert warning.file and warning.file.endswith("consumers.py") and warning.line


def test_a_response_documented_as_an_event_reuses_its_message() -> None:
    class Pong(AsyncJsonWebsocketConsumer):
        @document_action(responses={"pong": None})
        async def handle_ping(self, content): ...

        @document_event("pong", summary="The answer")
        async def pong(self, event): ...

    spec = AsyncAPIGenerator(Pong).get_spec()
    assert spec["operations"]["Ping"]["reply"]["messages"] == [{"$ref": "#/channels/Root/messages/Pong"}]
    assert list(spec["components"]["messages"]) == ["Ping", "Pong"]


def test_deprecated_is_on_the_message_only(dispatch) -> None:
    spec = dispatch.get_spec()
    assert spec["components"]["messages"]["CancelRide"]["deprecated"] is True
    assert all("deprecated" not in op for op in spec["operations"].values())


def test_discriminator_is_a_required_const_first(dispatch) -> None:
    messages = dispatch.get_spec()["components"]["messages"]
    for message in messages.values():
        prop = "type" if "." in message["name"] else "action"
        schema = message["payload"]
        assert next(iter(schema["properties"])) == prop
        assert schema["properties"][prop] == {"type": "string", "const": message["name"]}
        assert schema["required"][0] == prop


def test_a_user_property_with_the_discriminator_name_is_merged_and_conflicts_warned() -> None:
    class Clash(AsyncJsonWebsocketConsumer):
        @document_action(payload={"type": "object", "properties": {"action": {"const": "other", "description": "d"}}})
        async def handle_go(self, content): ...

    generator = AsyncAPIGenerator(Clash)
    prop = generator.get_spec()["components"]["messages"]["Go"]["payload"]["properties"]["action"]
    assert prop == {"const": "go", "description": "d", "type": "string"}
    (warning,) = by_code(generator, "discriminator-conflict")
    assert warning.breadcrumb == "Clash > handle_go"


def test_examples_are_json_and_get_the_discriminator() -> None:
    from decimal import Decimal
    from uuid import UUID

    class Ex(AsyncJsonWebsocketConsumer):
        @document_event(
            "paid",
            payload={"type": "object", "properties": {"amount": {"type": "string"}, "id": {"type": "string"}}},
            examples=[{"name": "one", "payload": {"amount": Decimal("1.50"), "id": UUID(int=1)}}],
        )
        async def paid(self, event): ...

    generator = AsyncAPIGenerator(Ex)
    (example,) = generator.get_spec()["components"]["messages"]["Paid"]["examples"]
    assert example == {"name": "one", "payload": {"type": "paid", "amount": "1.50", "id": "00000000-0000-0000-0000-000000000001"}}
    assert by_code(generator, "example-invalid") == []
    assert "!!python" not in generator.get_yaml()


def test_path_parameters_become_address_expressions_with_parameters() -> None:
    cases = {
        "ws/rides/<int:ride_id>/": ("ws/rides/{ride_id}/", {"ride_id": "Path parameter `ride_id`: an integer ≥ 0."}),
        "/ws/chat/{room}/": ("/ws/chat/{room}/", {"room": "Path parameter `room`."}),
        r"^ws/rooms/(?P<room>[a-z]{2,5})/(?P<n>\d+)/$": (
            "ws/rooms/{room}/{n}/",
            {"room": "Path parameter `room`: a string matching `^[a-z]{2,5}$`.", "n": "Path parameter `n`: a string matching `^\\d+$`."},
        ),
    }
    for path, (address, parameters) in cases.items():
        spec = AsyncAPIGenerator(consumers.RoomConsumer, channel_path=path).get_spec()
        (channel,) = spec["channels"].values()
        assert channel["address"] == address
        assert {name: p["description"] for name, p in channel["parameters"].items()} == parameters
        assert list(spec["channels"]) == ["Rooms" if "rooms" in path else "Rides" if "rides" in path else "Chat"]


def test_auth_settings_add_applied_schemes_and_a_ws_query_binding() -> None:
    auth = {"AUTH_QUERY_PARAM": "token", "AUTH_COOKIE_NAME": "sessionid"}
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=auth):
        with_servers = AsyncAPIGenerator(consumers.RoomConsumer, servers={"prod": {"host": "h", "protocol": "wss"}}).get_spec()
        without = AsyncAPIGenerator(consumers.RoomConsumer).get_spec()
    schemes = with_servers["components"]["securitySchemes"]
    assert schemes["queryToken"]["type"] == "httpApiKey" and schemes["queryToken"]["in"] == "query"
    assert schemes["queryToken"]["name"] == "token"
    assert schemes["cookieAuth"]["in"] == "cookie" and schemes["cookieAuth"]["name"] == "sessionid"
    refs = [{"$ref": "#/components/securitySchemes/queryToken"}, {"$ref": "#/components/securitySchemes/cookieAuth"}]
    assert with_servers["servers"]["prod"]["security"] == refs
    assert all("security" not in op for op in with_servers["operations"].values())
    assert all(op["security"] == refs for op in without["operations"].values())
    (channel,) = with_servers["channels"].values()
    assert channel["bindings"]["ws"]["query"]["properties"]["token"]["type"] == "string"


def test_info_is_merged_over_settings() -> None:
    spec = AsyncAPIGenerator(consumers.RoomConsumer, info={"title": "Only a title"}).get_spec()
    assert spec["info"] == {"title": "Only a title", "version": "1.0.0"}


def test_multi_consumer_names_are_prefixed_and_collisions_warned(multi) -> None:
    spec = multi.get_spec()
    assert list(spec["channels"]) == ["Chat", "Chat2", "Rooms"]
    assert "ChatRideOffer" in spec["operations"] and "ChatRideOffer2" in spec["operations"]
    assert "Chat2Ping" in spec["operations"]
    assert spec["operations"]["Chat2Ping"]["channel"] == {"$ref": "#/channels/Chat2"}
    collisions = by_code(multi, "name-collision")
    assert len(collisions) == 2
    channel, message = sorted(collisions, key=lambda d: d.message)
    assert "tests.django_bridge.consumers.CollidingConsumer at '/ws/v1/chat/'" in channel.message
    assert "tests.django_bridge.consumers.ChatConsumer at '/ws/v2/chat/'" in channel.message
    assert channel.breadcrumb == "ChatConsumer" and channel.hint
    assert "CollidingConsumer.handle_ride_offer" in message.message and "CollidingConsumer.ride_offer" in message.message
    assert "'ChatRideOffer2'" in message.message
    assert message.breadcrumb == "CollidingConsumer > ride_offer"
    assert message.file == channel.file and message.line and message.file.endswith("consumers.py")


def test_undocumented_handlers_and_empty_consumers_are_warned(multi) -> None:
    (undocumented,) = by_code(multi, "undocumented-handler")
    assert undocumented.breadcrumb == "CollidingConsumer > handle_forgotten"
    assert undocumented.severity == "warning" and undocumented.line
    (empty,) = by_code(multi, "empty-consumer")
    assert empty.breadcrumb == "EmptyConsumer" and empty.line
    assert "forgotten" not in json.dumps(multi.get_spec())


def test_an_example_that_does_not_match_its_payload_is_warned(multi) -> None:
    (bad,) = by_code(multi, "example-invalid")
    assert "pickup_address" in bad.message and "not of type" in bad.message
    assert bad.pointer == "/components/messages/ChatBadExample/examples/0/payload"
    assert bad.breadcrumb == "CollidingConsumer > handle_bad_example"


def test_diagnostics_are_deduplicated_and_format_like_a_compiler(multi) -> None:
    diagnostics = multi.diagnostics
    assert len(diagnostics) == len(set(diagnostics))
    text = by_code(multi, "undocumented-handler")[0].format()
    assert text.startswith("tests/django_bridge/consumers.py:") or "consumers.py:" in text.splitlines()[0]
    assert "in: CollidingConsumer > handle_forgotten" in text


def test_a_schema_name_collision_keeps_both_types() -> None:
    from pydantic import BaseModel

    def make(field: str) -> type:
        return type("Money", (BaseModel,), {"__annotations__": {field: int}, "__module__": f"pkg_{field}"})

    first, second = make("cents"), make("units")
    outer = type("Wallet", (BaseModel,), {"__annotations__": {"a": first, "b": second}, "__module__": "pkg"})

    class Wallets(AsyncJsonWebsocketConsumer):
        @document_event("wallet", payload=outer)
        async def wallet(self, event): ...

    generator = AsyncAPIGenerator(Wallets)
    schemas = generator.get_spec()["components"]["schemas"]
    assert set(schemas) == {"Money", "Money2"}
    assert {next(iter(s["properties"])) for s in schemas.values()} == {"cents", "units"}
    assert schemas["Money2"]["title"] == "Money2"
    (collision,) = by_code(generator, "name-collision")
    assert "python:pkg_cents.Money" in collision.message and "python:pkg_units.Money" in collision.message


def test_output_is_deterministic_and_canonical(dispatch) -> None:
    again = AsyncAPIGenerator(
        consumers.DispatchConsumer,
        info={"title": "Dispatch API", "version": "1.0.0"},
        servers={"production": {"host": "api.example.com", "protocol": "wss"}},
        channel_path="/ws/dispatch/",
    )
    assert again.get_yaml() == dispatch.get_yaml()
    spec = dispatch.get_spec()
    assert list(spec) == ["asyncapi", "info", "servers", "defaultContentType", "channels", "operations", "components"]
    assert dispatch.get_yaml() == asyncapi_tools.dumps(asyncapi_tools.from_data(spec))
    assert dispatch.get_json() == asyncapi_tools.dumps(asyncapi_tools.from_data(spec), format="json")
    assert json.loads(dispatch.get_json()) == spec


def test_output_is_the_same_in_a_fresh_process(dispatch) -> None:
    code = (
        "import django, sys; django.setup()\n"
        "from django_bridge import AsyncAPIGenerator\n"
        "from tests.django_bridge import consumers\n"
        "sys.stdout.write(AsyncAPIGenerator(consumers.DispatchConsumer, info={'title': 'Dispatch API', 'version': '1.0.0'},"
        " servers={'production': {'host': 'api.example.com', 'protocol': 'wss'}}, channel_path='/ws/dispatch/').get_yaml())\n"
    )
    import os

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.django_bridge.settings", "PYTHONHASHSEED": "123"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=os.getcwd())
    assert result.stdout == dispatch.get_yaml()


def test_validator_finds_no_errors(dispatch, multi) -> None:
    for generator in (dispatch, multi):
        assert [d for d in asyncapi_tools.validate(generator.get_document()) if d.severity == "error"] == []


def test_generator_needs_a_consumer() -> None:
    with pytest.raises(ConfigurationError, match="needs a consumer"):
        AsyncAPIGenerator()
    with pytest.raises(ConfigurationError, match=r"consumers\[0\]"):
        AsyncAPIGenerator(consumers=[consumers.RoomConsumer])  # type: ignore[list-item]


def test_spec_version_310() -> None:
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"ASYNCAPI_VERSION": "3.1.0"}):
        generator = AsyncAPIGenerator(consumers.DispatchConsumer, channel_path="/ws/dispatch/")
        generator.get_spec()
    assert generator.get_spec()["asyncapi"] == "3.1.0"
    assert [d for d in asyncapi_tools.validate(generator.get_document()) if d.severity == "error"] == []


def _titles(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["title"]] if isinstance(node.get("title"), str) else []
        return found + [t for value in node.values() for t in _titles(value)]
    if isinstance(node, list):
        return [t for item in node for t in _titles(item)]
    return []


def test_every_payload_has_a_unique_title(dispatch) -> None:
    spec = dispatch.get_spec()
    titles = [m["payload"]["title"] for m in spec["components"]["messages"].values()]
    assert titles == [f"{name}Payload" for name in spec["components"]["messages"]]
    assert len(set(titles)) == len(titles)


def test_the_same_consumer_and_path_twice_is_two_channels_and_a_warning() -> None:
    generator = AsyncAPIGenerator(consumers=[(consumers.RoomConsumer, "/ws/room/"), (consumers.RoomConsumer, "/ws/room/")])
    spec = generator.get_spec()
    assert list(spec["channels"]) == ["Room", "Room2"]
    assert set(spec["operations"]) == {"RoomMessage", "RoomMessageViaRoom2"}
    assert list(spec["components"]["messages"]) == ["RoomMessage"], "one consumer, one set of messages"
    (collision,) = by_code(generator, "name-collision")
    assert "consumers[1]" in collision.message
