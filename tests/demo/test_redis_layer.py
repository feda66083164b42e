"""The demo's REDIS_URL mode: two daphne processes share one channel layer through a real Redis.

A ``redis-server`` (Debian's package) listens on a free loopback port with persistence off; two
demo servers run on it with one database. A rider on the first server requests a ride; the
simulated dispatcher's ``group_send`` to ``notifications.rides`` must reach the sockets following
that topic on both servers, which only a shared layer can do (each process has its own memory).

Where CI runs (``CI=true``) a missing ``redis-server`` fails the test: the setup script installs
it. Elsewhere the test is skipped with the command that installs it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .server import DemoServer, demo_env, free_port, manage, running_demo, stop
from .ws_client import Socket, connect, run

pytestmark = pytest.mark.slow

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``redis://127.0.0.1:<port>/0`` of a redis-server that lives as long as this module's tests."""
    if not Path(REDIS_SERVER).exists():
        message = "redis-server is missing: install Debian's package (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    import redis

    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    log = folder / "redis.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(folder)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    client = redis.Redis(host="127.0.0.1", port=port)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"redis-server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        stop(process)


@pytest.fixture(scope="module")
def two_servers(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoServer, DemoServer]]:
    folder = tmp_path_factory.mktemp("redis-demo")
    env = demo_env(folder, REDIS_URL=redis_url)
    manage(env, "migrate", "--noinput", "-v", "0")  # once: both servers share this database
    with running_demo(env, folder / "first.log") as first, running_demo(env, folder / "second.log") as second:
        yield first, second


def origin(server: DemoServer) -> str:
    return f"http://127.0.0.1:{server.port}"


def test_an_event_sent_through_one_server_reaches_a_socket_on_the_other(
    two_servers: tuple[DemoServer, DemoServer], redis_url: str
) -> None:
    first, second = two_servers
    token = first.manage("demo_token", "rider")
    follow = f"/ws/notifications/rides/?token={token}"

    async def scenario() -> tuple[dict[str, Any], list[dict[str, Any]], list[bytes]]:
        async with (
            connect(f"ws://127.0.0.1:{second.port}{follow}", origin=origin(second)) as on_second,
            connect(f"ws://127.0.0.1:{first.port}{follow}", origin=origin(first)) as on_first,
            connect(f"ws://127.0.0.1:{first.port}/ws/dispatch/", origin=origin(first)) as rider,
        ):
            members = await asyncio.to_thread(group_members, redis_url, "notifications.rides")
            rider.send({"action": "request_ride", "pickup_address": "23 Marina Rd, Lagos", "fare": "1500.00", "passenger_count": 1})
            requested = await rider.receive_type("ride.requested")
            offer = await rider.receive_type("ride.offer")
            assert offer["ride_id"] == requested["ride_id"]
            notes = [await followers.receive_type("notification.created") for followers in (on_second, on_first)]
            return requested, notes, members

    requested, notes, members = run(scenario())
    assert len(members) == 2, "both followers joined the group in Redis, one per server"
    for note in notes:
        assert note["type"] == "notification.created" and note["topic"] == "rides"
        assert requested["ride_id"] in note["text"]


def test_the_servers_really_use_redis(two_servers: tuple[DemoServer, DemoServer], redis_url: str) -> None:
    """A socket that leaves its group is gone from Redis too: the layer's state lives there."""
    first, _ = two_servers
    token = first.manage("demo_token", "rider")

    async def scenario() -> tuple[int, int]:
        async with connect(f"ws://127.0.0.1:{first.port}/ws/notifications/audit/?token={token}", origin=origin(first)) as socket:
            await ping_through(socket)
            during = len(await asyncio.to_thread(group_members, redis_url, "notifications.audit"))
        await asyncio.sleep(0.5)  # the server handles the close after the client has sent it
        after = len(await asyncio.to_thread(group_members, redis_url, "notifications.audit"))
        return during, after

    assert run(scenario()) == (1, 0)


async def ping_through(socket: Socket) -> None:
    """One round trip, so the consumer has joined its group before Redis is asked."""
    socket.send({"action": "mark_read", "notification_id": 1})
    await socket.receive_type("notification.read")


def group_members(redis_url: str, group: str) -> list[bytes]:
    """The channel names in a channels_redis group (a sorted set under ``asgi:group:<name>``)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        return list(client.zrange(f"asgi:group:{group}", 0, -1))
    finally:
        client.close()
