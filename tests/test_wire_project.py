"""The proof that the docs describe the wire: the wire project's consumers, driven with the
examples of their own generated spec.

For every channel of the spec generated from the project's routing, a real handshake goes through
the origin validator, the auth stack, the token middleware and the router; every example of every
client → server message is sent; the server must accept each one (no close), answer every frame
that has a documented reply with one of those replies, and send nothing that does not validate
(python-jsonschema, an engine nobody here wrote) against a server → client message of the channel.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import asyncapi_tools
from django_bridge import AsyncAPIGenerator

PROJECT_APP = "tests.wire_project.asgi.application"
SETTINGS = {"TITLE": "Wire project", "AUTH_QUERY_PARAM": "token"}
#: A value for each path parameter of the project's routes (their regexes accept these).
PARAMETERS = {"room": "lobby", "team": "core", "feed_id": "7"}
TOKEN = "ann-token"


@pytest.fixture(scope="module")
def project() -> Iterator[Any]:
    """The project's settings for the whole module, and its ASGI application built under them
    (AllowedHostsOriginValidator reads ALLOWED_HOSTS when the application is built)."""
    import importlib
    import sys

    from django.test import override_settings

    with override_settings(ASGI_APPLICATION=PROJECT_APP, ALLOWED_HOSTS=["localhost"], CHANNELS_SPECTACULAR_SETTINGS=SETTINGS):
        module = sys.modules.get("tests.wire_project.asgi")
        module = importlib.reload(module) if module else importlib.import_module("tests.wire_project.asgi")
        yield module.application


@pytest.fixture(scope="module")
def generated(project: Any) -> tuple[str, list[Any]]:
    generator = AsyncAPIGenerator.from_routing(project)
    return generator.get_yaml(), generator.diagnostics


@pytest.fixture(scope="module")
def spec(generated: tuple[str, list[Any]]) -> dict[str, Any]:
    # read back from the YAML: the examples used below are the document's, not the decorators'
    return asyncapi_tools.loads(generated[0], source="wire.yaml").plain()


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for step in node["$ref"].lstrip("#/").split("/"):
            target = target[step.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def channel_messages(spec: dict[str, Any], channel_id: str) -> tuple[list[tuple[dict[str, Any], list[dict[str, Any]]]], list[dict[str, Any]]]:
    """``([(client message, its replies)], [every server message])`` of one channel, from its operations."""
    client: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    server: list[dict[str, Any]] = []
    for operation in spec["operations"].values():
        if operation["channel"]["$ref"] != f"#/channels/{channel_id}":
            continue
        messages = [resolve(spec, ref) for ref in operation["messages"]]
        replies = [resolve(spec, ref) for ref in operation.get("reply", {}).get("messages", [])]
        if operation["action"] == "receive":
            client.extend((message, replies) for message in messages)
            server.extend(replies)
        else:
            server.extend(messages)
    return client, server


def matches(spec: dict[str, Any], message: dict[str, Any], frame: Any) -> bool:
    schema = {**message["payload"], "components": spec["components"]}
    return jsonschema.Draft7Validator(schema).is_valid(frame)


async def converse(application: Any, address: str, frames: list[Any]) -> list[tuple[Any, list[Any], int | None]]:
    """Connect to ``address`` and send each frame in turn: ``(frame, frames received after it,
    close code or None)``; the frames received on connect are reported under ``None``."""
    from channels.testing import WebsocketCommunicator

    communicator = WebsocketCommunicator(application, f"{address}?token={TOKEN}", headers=[(b"origin", b"http://localhost")])
    connected, code = await communicator.connect()
    assert connected, f"the handshake to {address} was refused ({code})"
    results: list[tuple[Any, list[Any], int | None]] = []

    async def drain(sent: Any) -> bool:
        received: list[Any] = []
        closed: int | None = None
        # receive_output() cancels the application when it times out: ask receive_nothing() first
        while not await communicator.receive_nothing(timeout=0.2):
            output = await communicator.receive_output()
            if output["type"] == "websocket.close":
                closed = output.get("code", 1000)
                break
            received.append(json.loads(output["text"]))
        results.append((sent, received, closed))
        return closed is None

    if await drain(None):
        for frame in frames:
            await communicator.send_json_to(frame)
            if not await drain(frame):
                break
    await communicator.disconnect()
    return results


def exchange(project: Any, spec: dict[str, Any], channel_id: str, frames: list[Any]) -> list[tuple[Any, list[Any], int | None]]:
    address = re.sub(r"\{(\w+)\}", lambda match: PARAMETERS[match[1]], spec["channels"][channel_id]["address"])
    return asyncio.run(converse(project, address, frames))


def test_the_project_documents_every_shape(spec: dict[str, Any], generated: tuple[str, list[Any]]) -> None:
    channels = spec["channels"]
    assert {channel["address"] for channel in channels.values()} == {
        "/ws/rooms/{room}/", "/ws/chat/{room}/", "/ws/presence/{team}/", "/ws/feeds/{feed_id}/",
    }
    messages = spec["components"]["messages"]
    # the room's two routes share one set of messages; `typing` both ways is two messages
    room = [channel for channel in channels.values() if "{room}" in channel["address"]]
    assert room[0]["messages"] == room[1]["messages"]
    assert {"RoomClientTyping", "RoomServerTyping"} <= set(messages)
    assert messages["RoomClientTyping"]["payload"]["properties"]["type"]["const"] == "typing"
    # no discriminator: the payload is the type, nothing injected
    assert set(messages["PresenceSetStatus"]["payload"]["properties"]) == {"status"}
    # envelopes: the type by name under `payload`
    assert messages["FeedsSubscribe"]["payload"]["properties"]["payload"] == {"$ref": "#/components/schemas/Subscribe"}
    codes = {d.code for d in generated[1]}
    assert "name-collision" not in codes and "example-invalid" not in codes, generated[1]


def test_our_validator_finds_no_errors(generated: tuple[str, list[Any]]) -> None:
    document = asyncapi_tools.loads(generated[0], source="wire.yaml")
    assert [d.format() for d in asyncapi_tools.validate(document) if d.severity == "error"] == []


@pytest.mark.node
def test_the_official_parser_finds_no_errors(generated: tuple[str, list[Any]], tmp_path: Path) -> None:
    from tests._support.official import official_errors

    path = tmp_path / "wire.yaml"
    path.write_text(generated[0], encoding="utf-8")
    assert official_errors(path) == []


def channel_ids() -> list[str]:
    return ["Room", "RoomChat", "Presence", "Feeds"]


@pytest.mark.parametrize("channel_id", channel_ids())
def test_the_server_speaks_exactly_what_its_spec_says(project: Any, spec: dict[str, Any], channel_id: str) -> None:
    client, server = channel_messages(spec, channel_id)
    assert client and server
    frames: list[Any] = []
    expected_replies: list[list[dict[str, Any]]] = []
    for message, replies in client:
        examples = message.get("examples", [])
        assert examples, f"{message['name']} has no example to send"
        for example in examples:
            frames.append(example["payload"])
            expected_replies.append(replies)
    results = exchange(project, spec, channel_id, frames)
    assert len(results) == len(frames) + 1, "the server closed the connection early"
    for (sent, received, closed), replies in zip(results, [[], *expected_replies], strict=True):
        assert closed is None, f"the server rejected the documented frame {sent!r} (close {closed})"
        for frame in received:
            documented = [message["name"] for message in server if matches(spec, message, frame)]
            assert documented, f"after {sent!r} the server sent {frame!r}, which no message of {channel_id} documents"
        if replies:
            assert any(matches(spec, reply, frame) for reply in replies for frame in received), (
                f"{sent!r} documents the reply {[r['name'] for r in replies]}, the server sent {received!r}"
            )


def test_a_frame_shaped_by_the_old_default_is_rejected_and_unmatched(project: Any, spec: dict[str, Any]) -> None:
    # the failure issue 10 describes: `{"action": "typing"}` told to clients of a `type` server
    ((_, received, closed),) = exchange(project, spec, "Room", [{"action": "typing", "is_typing": True}])[1:]
    assert closed == 4400 and received == []
    _, server = channel_messages(spec, "Room")
    assert not any(matches(spec, message, {"action": "typing", "user": "ann", "is_typing": True}) for message in server)
