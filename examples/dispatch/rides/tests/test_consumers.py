"""The demo's consumers, tested through the contract communicator: every frame these tests send
and receive is checked against the spec generated from the consumers' own decorators."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from django_bridge.testing import ContractViolation


def test_a_ride_request_is_confirmed_then_offered(contract_communicator: Any) -> None:
    async def scenario() -> None:
        rider = contract_communicator("/ws/dispatch/")
        assert (await rider.connect())[0]
        request = {"action": "request_ride", "pickup_address": "23 Marina Rd, Lagos", "fare": "1500.00", "passenger_count": 1}
        requested = await rider.expect_reply(request)
        offer = await rider.receive_json_from(timeout=2)  # pushed through the channel layer
        assert offer["type"] == "ride.offer" and offer["ride_id"] == requested["ride_id"]
        accepted = await rider.expect_reply({"action": "accept_offer", "ride_id": offer["ride_id"], "driver_id": offer["driver_id"]})
        assert accepted == {"type": "ride.accepted", "ride_id": offer["ride_id"], "driver_name": offer["driver_name"]}
        await rider.disconnect()

    asyncio.run(scenario())


def test_ping_is_answered_with_a_pong(contract_communicator: Any) -> None:
    async def scenario() -> None:
        client = contract_communicator("/ws/dispatch/")
        await client.connect()
        pong = await client.expect_reply({"action": "ping"})
        assert isinstance(pong["server_time"], float)
        await client.disconnect()

    asyncio.run(scenario())


def test_the_undocumented_echo_is_caught(contract_communicator: Any) -> None:
    """The demo keeps one undocumented action on purpose: the communicator refuses to send it."""

    async def scenario() -> None:
        client = contract_communicator("/ws/dispatch/")
        await client.connect()
        with pytest.raises(ContractViolation, match=r'undocumented client frame on channel .*it carries action="echo"'):
            await client.send_json_to({"action": "echo", "text": "hi"})
        await client.disconnect()

    asyncio.run(scenario())


def test_a_signed_in_user_marks_a_notification_read(contract_communicator: Any) -> None:
    async def scenario() -> None:
        client = contract_communicator(channel="Notifications")
        assert (await client.connect())[0]
        assert await client.expect_reply({"action": "mark_read", "notification_id": 42}) == {"type": "notification.read", "notification_id": 42}
        await client.disconnect()

    asyncio.run(scenario())
