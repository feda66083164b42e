"""The generated Python client speaks every wire shape of the wire project under daphne: `type`
both ways (rooms), no discriminator at all (presence: frames told apart by their fields), and
envelopes with one flat frame on the same socket (feeds)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from tests.demo.ws_client import run

from ._support import imported_client, serving_wire_project, wire_spec

ORIGIN = "http://localhost"
TOKEN = "ann-token"


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    tmp = tmp_path_factory.mktemp("wire")
    with imported_client(wire_spec(tmp), tmp, "wire_client") as package, serving_wire_project(tmp / "daphne.log") as base_url:
        yield package, base_url


def test_envelopes_and_a_flat_frame_on_one_socket(wire: tuple[Any, str]) -> None:
    package, base_url = wire
    models = package.models

    async def scenario() -> tuple[Any, Any, Any, Any]:
        heartbeats: asyncio.Queue[Any] = asyncio.Queue()
        items: asyncio.Queue[Any] = asyncio.Queue()
        client = package.FeedsClient(base_url=base_url, feed_id=7, token=TOKEN, origin=ORIGIN)
        client.on("heartbeat", heartbeats.put_nowait)  # sent on connect: register first
        client.on("item", items.put_nowait)
        async with client:
            subscribed = await client.send_subscribe(models.FeedsSubscribePayload(payload=models.Subscribe(topics=["news"])))
            item = await asyncio.wait_for(items.get(), 10)
            unsubscribed = await client.send_unsubscribe()
            heartbeat = await asyncio.wait_for(heartbeats.get(), 10)
        return subscribed, item, unsubscribed, heartbeat

    subscribed, item, unsubscribed, heartbeat = run(scenario())
    assert subscribed.payload.topics == ["news"]
    assert (item.payload.topic, item.payload.title) == ("news", "Latest in news")
    assert unsubscribed.event == "unsubscribed"
    assert type(heartbeat).__name__ == "FeedsHeartbeatPayload" and heartbeat.at == 0


def test_frames_without_a_discriminator_are_told_apart_by_their_fields(wire: tuple[Any, str]) -> None:
    package, base_url = wire
    models = package.models

    async def scenario() -> tuple[Any, Any]:
        async with package.PresenceClient(base_url=base_url, team="core", token=TOKEN, origin=ORIGIN) as client:
            presence = await client.send_set_status(models.PresenceSetStatusPayload(status=models.PresenceSetStatusPayloadStatus.AWAY))
            pong = await client.send_ping(models.PresencePingPayload(ping=7))
        return presence, pong

    presence, pong = run(scenario())
    assert type(presence).__name__ == "PresencePresencePayload" and (presence.user, presence.status) == ("ann", "away")
    assert type(pong).__name__ == "PresencePongPayload" and pong.pong == 7


def test_type_both_ways_and_the_same_consumer_at_a_second_address(wire: tuple[Any, str]) -> None:
    package, base_url = wire
    models = package.models

    async def scenario(client_class: Any) -> tuple[Any, Any]:
        async with client_class(base_url=base_url, room="lobby", token=TOKEN, origin=ORIGIN) as client:
            posted = await client.send_message(models.RoomMessagePayload(text="Hello, room"))
            typing = await client.send_typing(models.RoomClientTypingPayload(is_typing=True))
        return posted, typing

    for client_class in (package.RoomClient, package.RoomChatClient):
        posted, typing = run(scenario(client_class))
        assert (posted.type, posted.room, posted.user, posted.text) == ("chat_message", "lobby", "ann", "Hello, room")
        assert (typing.type, typing.user, typing.is_typing) == ("typing", "ann", True)
