"""A small asyncio WebSocket client for tests against a running server, with a chosen Origin.

Built on autobahn, which daphne already depends on, so the tests speak real RFC 6455 over TCP
(and send the ``Origin`` header a browser would) without another dependency.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar
from urllib.parse import urlsplit

from autobahn.asyncio.websocket import WebSocketClientFactory, WebSocketClientProtocol

#: How long a test waits for the handshake or for one frame.
TIMEOUT = 10.0

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: Playwright's sync API keeps an event loop running
    in the main thread once a browser test has run in the same session."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class HandshakeRefused(Exception):
    """The server closed the connection instead of accepting the WebSocket handshake."""


class Socket:
    """One open connection: send JSON frames, receive them in order."""

    def __init__(self, protocol: _Protocol) -> None:
        self._protocol = protocol

    def send(self, frame: dict[str, Any]) -> None:
        self._protocol.sendMessage(json.dumps(frame).encode("utf-8"), isBinary=False)

    async def receive(self, *, timeout: float = TIMEOUT) -> dict[str, Any]:
        item = await asyncio.wait_for(self._protocol.frames.get(), timeout)
        if isinstance(item, BaseException):
            raise item
        return item  # type: ignore[no-any-return]

    async def receive_type(self, frame_type: str, *, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The next frame whose ``type`` is ``frame_type`` (frames of other types are skipped)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            frame = await self.receive(timeout=max(0.0, deadline - asyncio.get_running_loop().time()))
            if frame.get("type") == frame_type:
                return frame


@asynccontextmanager
async def connect(url: str, *, origin: str | None) -> AsyncIterator[Socket]:
    """Open ``url`` (``ws://host:port/path?query``) sending ``origin``; close it afterwards.

    Raises HandshakeRefused when the server refuses the handshake (daphne answers 403).
    """
    parts = urlsplit(url)
    factory = WebSocketClientFactory(url, origin=origin)
    factory.protocol = _Protocol
    loop = asyncio.get_running_loop()
    _transport, protocol = await loop.create_connection(factory, parts.hostname, parts.port)
    await asyncio.wait_for(asyncio.shield(protocol.opened), TIMEOUT)
    try:
        yield Socket(protocol)
    finally:
        protocol.sendClose(code=1000)
        await asyncio.wait_for(protocol.closed, TIMEOUT)


class _Protocol(WebSocketClientProtocol):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        loop = asyncio.get_event_loop()
        self.opened: asyncio.Future[None] = loop.create_future()
        self.closed: asyncio.Future[None] = loop.create_future()
        self.frames: asyncio.Queue[dict[str, Any] | BaseException] = asyncio.Queue()

    def onOpen(self) -> None:  # autobahn names its callbacks
        self.opened.set_result(None)

    def onMessage(self, payload: bytes, isBinary: bool) -> None:
        self.frames.put_nowait(json.loads(payload))

    def onClose(self, wasClean: bool, code: int | None, reason: str | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(HandshakeRefused(reason or f"closed with code {code}"))
        self.frames.put_nowait(ConnectionError(f"the server closed the socket ({code}: {reason})"))
        if not self.closed.done():
            self.closed.set_result(None)
