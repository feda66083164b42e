"""The generated Python client passes `mypy --strict` and talks to the Dispatch demo under daphne
on the loopback: request/reply, a pushed event, query-token auth on a parameterised address, and
a clear error for a frame the document does not describe."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.demo.server import DemoServer, start_demo
from tests.demo.ws_client import run

from ._support import demo_spec, generate, imported_client, mypy_strict, wire_spec

TYPED_USAGE = """
from dispatch_client import DispatchClient
from dispatch_client.models import DispatchRequestRidePayload, DispatchRideOfferPayload


async def ride(client: DispatchClient) -> str:
    offers: list[DispatchRideOfferPayload] = []
    client.on("ride.offer", offers.append)
    reply = await client.send_request_ride(DispatchRequestRidePayload(pickup_address="x", fare="1", passenger_count=1))
    ride_id: str = reply.ride_id
    return ride_id
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from start_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The demo's client, generated into a fresh folder and imported as ``dispatch_client``."""
    tmp = tmp_path_factory.mktemp("client")
    with imported_client(demo_spec(tmp), tmp, "dispatch_client") as imported:
        yield imported


def test_generated_python_passes_mypy_strict(package: Any, tmp_path: Path) -> None:
    root = Path(package.__file__).parent.parent
    (root / "usage.py").write_text(TYPED_USAGE)
    (root / "misuse.py").write_text(TYPED_USAGE.replace('passenger_count=1', 'passenger_count="one"'))
    good = mypy_strict(root, "dispatch_client", "usage.py")
    assert good.returncode == 0, good.stdout
    bad = mypy_strict(root, "misuse.py")
    assert bad.returncode == 1 and 'Argument "passenger_count"' in bad.stdout, bad.stdout


def test_wire_project_client_passes_mypy_strict(tmp_path: Path) -> None:
    generate(wire_spec(tmp_path), "python", tmp_path / "wire_client")
    result = mypy_strict(tmp_path, "wire_client")
    assert result.returncode == 0, result.stdout


def test_request_reply_and_a_pushed_event_against_the_demo(package: Any, demo: DemoServer) -> None:
    from dispatch_client.models import DispatchRequestRidePayload

    async def scenario() -> tuple[Any, Any, Any]:
        offers: asyncio.Queue[Any] = asyncio.Queue()
        async with package.DispatchClient(base_url=f"ws://127.0.0.1:{demo.port}", origin=demo.url) as client:
            client.on("ride.offer", offers.put_nowait)
            requested = await client.send_request_ride(
                DispatchRequestRidePayload(pickup_address="23 Marina Rd, Lagos", fare="1500.00", passenger_count=1)
            )
            offer = await asyncio.wait_for(offers.get(), 10)
            pong = await client.send_ping()  # nothing to fill in: the message may be left out
        return requested, offer, pong

    requested, offer, pong = run(scenario())
    assert type(requested).__name__ == "DispatchRideRequestedPayload" and len(requested.ride_id) == 36
    assert type(offer).__name__ == "DispatchRideOfferPayload"
    assert offer.ride_id == requested.ride_id and offer.driver_name == "Emeka" and offer.eta_minutes == 4
    assert pong.server_time > 0


def test_query_token_on_a_parameterised_address_and_a_push_from_another_channel(package: Any, demo: DemoServer) -> None:
    from dispatch_client.models import DispatchRequestRidePayload, NotificationsMarkReadPayload

    token = demo.manage("demo_token", "rider")
    base = f"ws://127.0.0.1:{demo.port}"

    async def scenario() -> tuple[Any, Any]:
        created: asyncio.Queue[Any] = asyncio.Queue()
        async with package.NotificationsClient(base_url=base, topic="rides", token=token, origin=demo.url) as notifications:
            notifications.on("notification.created", created.put_nowait)
            async with package.DispatchClient(base_url=base, origin=demo.url) as dispatch:
                await dispatch.send_request_ride(DispatchRequestRidePayload(pickup_address="x", fare="1.00", passenger_count=2))
                event = await asyncio.wait_for(created.get(), 10)
            read = await notifications.send_mark_read(NotificationsMarkReadPayload(notification_id=event.id))
        return event, read

    event, read = run(scenario())
    assert event.topic == "rides" and "offered to Emeka" in event.text
    assert read.notification_id == event.id


def test_a_refused_handshake_and_an_undocumented_frame_are_clear_errors(package: Any, demo: DemoServer) -> None:
    from websockets.exceptions import InvalidStatus

    base = f"ws://127.0.0.1:{demo.port}"

    async def refused() -> None:
        async with package.NotificationsClient(base_url=base, topic="rides", origin=demo.url):  # no token: closed
            pass

    with pytest.raises(InvalidStatus):
        run(refused())

    async def undocumented() -> Any:
        errors: asyncio.Queue[Any] = asyncio.Queue()
        async with package.DispatchClient(base_url=base, origin=demo.url, on_undocumented=errors.put_nowait) as client:
            await client.send_frame({"action": "echo", "text": "hi"})  # the demo answers with an undocumented `echo`
            return await asyncio.wait_for(errors.get(), 10)

    error = run(undocumented())
    assert isinstance(error, package.UndocumentedFrameError)
    assert error.frame["type"] == "echo" and "matches no documented message" in str(error)
