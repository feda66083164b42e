"""The mock's WebSocket server (the ``websockets`` library): one route per channel address.

Handshakes to a path no channel has are refused with HTTP 404. ``GET /_mock/push?channel=<id>&
message=<key or name>`` pushes a sample of that server message to every connection of the channel
(200 with how many got it); ``push_every`` seconds pushes the channel's server messages in turn to
every connection. Binds 127.0.0.1 unless told otherwise: a mock is a development tool.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .._contract import Channel, Contract
from .._errors import AsyncAPIToolsError
from .responder import OnInvalid, Responder

PUSH_PATH = "/_mock/push"


@dataclass(frozen=True)
class MockOptions:
    """How a :class:`MockServer` listens and answers: the ``mock`` command's flags, as data."""

    host: str = "127.0.0.1"
    #: 0: any free port (the bound one is in MockServer.port).
    port: int = 8765
    on_invalid: OnInvalid = "error"
    #: Seconds between pushes of server messages to every connection; None: only on request.
    push_every: float | None = None


class MockServer:
    """A running mock: ``async with MockServer(contract, options) as server: ...``."""

    def __init__(self, contract: Contract, options: MockOptions | None = None) -> None:
        self.contract = contract
        self.options = options or MockOptions()
        self.responder = Responder(contract, on_invalid=self.options.on_invalid)
        self.connections: dict[str, set[Any]] = {channel_id: set() for channel_id in contract.channels}
        self._server: Any = None

    @property
    def port(self) -> int:
        """The port it listens on: the one the OS chose when the options asked for port 0."""
        sockets = list(self._server.sockets) if self._server else []
        return int(sockets[0].getsockname()[1]) if sockets else self.options.port

    def urls(self) -> list[tuple[str, str]]:
        """``(channel id, ws:// URL of its address)`` for every channel with an address."""
        base = f"ws://{self.options.host}:{self.port}"
        return [(c.id, base + (c.address if c.address.startswith("/") else "/" + c.address)) for c in self.contract.channels.values() if c.address]

    async def __aenter__(self) -> MockServer:
        websockets = _websockets()
        self._server = await websockets.serve(self._handle, self.options.host, self.options.port, process_request=self._process_request)
        return self

    async def __aexit__(self, *_: object) -> None:
        self._server.close()
        await self._server.wait_closed()

    async def serve_forever(self) -> None:
        """Serve until cancelled (what the ``mock`` command does until Ctrl-C)."""
        await self._server.serve_forever()

    # -- websockets callbacks -------------------------------------------------------------------

    def _process_request(self, connection: Any, request: Any) -> Any:
        path = urlsplit(request.path).path
        if path == PUSH_PATH:
            status, text = self._push_request(request.path)
            return connection.respond(status, text + "\n")
        if self.contract.channel_for_path(path) is None:
            known = ", ".join(c.address or c.id for c in self.contract.channels.values())
            return connection.respond(404, f"no channel of the spec has the address {path!r}; channels: {known}\n")
        return None

    async def _handle(self, connection: Any) -> None:
        channel = self.contract.channel_for_path(urlsplit(connection.request.path).path)
        assert channel is not None  # _process_request refused the others
        self.connections[channel.id].add(connection)
        timer = asyncio.create_task(self._push_loop(channel, connection)) if self.options.push_every else None
        try:
            async for text in connection:
                if not isinstance(text, str):
                    continue
                answer = self.responder.answer(channel, text)
                for frame in answer.frames:
                    await connection.send(json.dumps(frame))
                if answer.close is not None:
                    await connection.close(*answer.close)
                    break
        except _websockets_closed():
            pass
        finally:
            self.connections[channel.id].discard(connection)
            if timer is not None:
                timer.cancel()

    async def _push_loop(self, channel: Channel, connection: Any) -> None:
        assert self.options.push_every is not None
        while True:
            await asyncio.sleep(self.options.push_every)
            frame = self.responder.next_push(channel)
            if frame is None:
                return
            await connection.send(json.dumps(frame))

    def _push_request(self, target: str) -> tuple[int, str]:
        query = parse_qs(urlsplit(target).query)
        channel_id = (query.get("channel") or [""])[0]
        name = (query.get("message") or [""])[0]
        channel = self.contract.channels.get(channel_id)
        if channel is None:
            return 404, f"no channel {channel_id!r}; channels: {', '.join(self.contract.channels)}"
        message = self.responder.find_message(channel, name)
        if message is None:
            names = ", ".join(m.key for m in channel.messages("server"))
            return 404, f"channel {channel_id} has no server message {name!r}; it has: {names}"
        frame = json.dumps(self.responder.sample(message))
        targets = list(self.connections[channel.id])
        for connection in targets:
            asyncio.get_running_loop().create_task(_send_quietly(connection, frame))
        return 200, f"pushed {message.key} to {len(targets)} connection(s)"


async def _send_quietly(connection: Any, frame: str) -> None:
    try:
        await connection.send(frame)
    except _websockets_closed():
        pass


def _websockets() -> Any:
    try:
        import websockets.asyncio.server as server
    except ImportError:
        raise AsyncAPIToolsError(
            "the mock server needs the websockets library (13.0 or newer)", hint="pip install 'asyncapi-tools[mock]'"
        ) from None
    return server


def _websockets_closed() -> type[BaseException]:
    from websockets.exceptions import ConnectionClosed

    return ConnectionClosed


def describe(server: MockServer, echo: Callable[[str], None]) -> None:
    """Tell the user what is served where."""
    for channel_id, url in server.urls():
        echo(f"  {url}  (channel {channel_id})")
    echo(f"  push: http://{server.options.host}:{server.port}{PUSH_PATH}?channel=<id>&message=<name>")
