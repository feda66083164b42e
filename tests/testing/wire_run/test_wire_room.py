"""Hand-written tests of the wire project's consumers: each one line per exchange, the spec
checking every frame both ways."""

from __future__ import annotations

from typing import Any

from django_bridge.testing import run_sync


def test_typing_is_echoed_to_the_room(contract_communicator: Any) -> None:
    async def scenario() -> None:
        room = contract_communicator("/ws/rooms/lobby/")
        assert (await room.connect())[0]
        assert await room.expect_reply({"type": "typing", "is_typing": True}) == {"type": "typing", "user": "ann", "is_typing": True}
        await room.disconnect()

    run_sync(scenario())


def test_a_feed_greets_then_answers_in_envelopes(contract_communicator: Any) -> None:
    async def scenario() -> None:
        feed = contract_communicator(channel="Feeds")
        assert (await feed.connect())[0]
        assert await feed.receive_json_from() == {"type": "heartbeat", "at": 0}
        reply = await feed.expect_reply({"event": "subscribe", "payload": {"topics": ["news"]}})
        assert reply == {"event": "subscribed", "payload": {"topics": ["news"]}}
        assert await feed.receive_json_from() == {"event": "item", "payload": {"topic": "news", "title": "Latest in news"}}
        await feed.disconnect()

    run_sync(scenario())


def test_presence_without_a_discriminator(contract_communicator: Any) -> None:
    async def scenario() -> None:
        presence = contract_communicator(channel="Presence")
        assert (await presence.connect())[0]
        assert await presence.expect_reply({"ping": 3}) == {"pong": 3}
        assert await presence.expect_reply({"status": "busy"}) == {"user": "ann", "status": "busy"}
        await presence.disconnect()

    run_sync(scenario())
