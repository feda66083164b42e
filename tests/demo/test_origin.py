"""The demo refuses WebSocket handshakes from foreign origins (AllowedHostsOriginValidator).

Real handshakes against the demo under daphne: a page on another site must not open a socket
that carries the reader's cookies, so only origins on ALLOWED_HOSTS get through.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .server import DemoServer, start_demo
from .ws_client import HandshakeRefused, connect, run

pytestmark = pytest.mark.slow

#: Added to the demo's ALLOWED_HOSTS through its DJANGO_ALLOWED_HOSTS variable.
DEPLOYED_HOST = "dispatch.example.com"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from start_demo(tmp_path_factory.mktemp("origin"), DJANGO_ALLOWED_HOSTS=DEPLOYED_HOST)


async def ping(demo: DemoServer, origin: str | None, path: str = "/ws/dispatch/") -> dict[str, Any]:
    async with connect(f"ws://127.0.0.1:{demo.port}{path}", origin=origin) as socket:
        socket.send({"action": "ping"})
        return await socket.receive_type("pong")


@pytest.mark.parametrize(
    "origin",
    ["http://127.0.0.1:{port}", "http://localhost:8000", f"https://{DEPLOYED_HOST}"],
)
def test_an_allowed_origin_is_accepted(demo: DemoServer, origin: str) -> None:
    pong = run(ping(demo, origin.format(port=demo.port)))
    assert pong["type"] == "pong" and isinstance(pong["server_time"], float)


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        f"https://{DEPLOYED_HOST}.evil.example",  # a look-alike that starts with the allowed host
        "null",  # a sandboxed iframe or a file:// page
        None,  # no Origin header at all
    ],
)
def test_a_foreign_or_missing_origin_is_refused(demo: DemoServer, origin: str | None) -> None:
    with pytest.raises(HandshakeRefused, match="403"):
        run(ping(demo, origin))


def test_a_valid_token_does_not_help_a_foreign_page(demo: DemoServer) -> None:
    token = demo.manage("demo_token", "rider")
    path = f"/ws/notifications/rides/?token={token}"

    async def mark_read(origin: str) -> dict[str, Any]:
        async with connect(f"ws://127.0.0.1:{demo.port}{path}", origin=origin) as socket:
            socket.send({"action": "mark_read", "notification_id": 7})
            return await socket.receive_type("notification.read")

    assert run(mark_read(f"http://127.0.0.1:{demo.port}")) == {"type": "notification.read", "notification_id": 7}
    with pytest.raises(HandshakeRefused, match="403"):
        run(mark_read("https://evil.example"))
