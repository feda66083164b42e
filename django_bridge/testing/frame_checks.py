"""Runtime frame checks: live WebSocket frames, both directions, checked against the spec.

``FrameCheckMiddleware`` wraps the websocket side of the ASGI stack, like Channels' own
middleware::

    "websocket": AuthMiddlewareStack(FrameCheckMiddleware(URLRouter(websocket_urlpatterns)))

It works for every consumer style (handlers per action, dispatch in ``receive_json``, plain
``WebsocketConsumer``) because it sees frames where they cross the ASGI boundary. The
``FRAME_CHECKS`` setting decides: ``"off"`` passes the connection through untouched (the frames are
not even looked at: zero cost per frame), ``"log"`` logs each undocumented or invalid frame once
per kind of failure on the ``django_bridge.frames`` logger with its location in the spec, and
``"raise"`` fails the connection with ContractViolation (the consumer sees it as an exception).

The spec is generated on the first checked connection from the routing (``ASGI_APPLICATION``, or
without it the routing this middleware wraps), or read from ``spec=`` (a committed file); validators are compiled once and shared across
connections and threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from asyncapi_tools import Contract, FrameChecker
from asyncapi_tools import ContractChannel as Channel
from asyncapi_tools import FrameSide as Side

from .specs import SpecSource
from .violations import ContractViolation

logger = logging.getLogger("django_bridge.frames")
#: How many distinct failures a middleware remembers having logged.
MAX_REMEMBERED = 10_000

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def frame_checks_mode() -> str:
    """``FRAME_CHECKS`` in effect: the setting, or ``log`` under DEBUG and ``off`` otherwise."""
    from django.conf import settings

    from ..conf import get_settings

    mode = get_settings().FRAME_CHECKS
    if mode is None:
        return "log" if settings.DEBUG else "off"
    return mode


class FrameCheckMiddleware:
    """ASGI middleware checking every text frame of a WebSocket connection against the spec."""

    def __init__(self, inner: Any, *, spec: SpecSource = None) -> None:
        self.inner = inner
        self.spec = spec
        self._lock = threading.Lock()
        self._checker: tuple[Contract, FrameChecker] | None = None
        self._reported: set[tuple[str, ...]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> Any:
        if scope.get("type") != "websocket":
            return await self.inner(scope, receive, send)
        mode = frame_checks_mode()
        if mode == "off":
            return await self.inner(scope, receive, send)
        contract, checker = self._contract()
        path = str(scope.get("path", ""))
        channel = contract.channel_for_path(path)
        if channel is None:
            self._report(("no-channel", path), f"frame checks: no channel of the spec has the address {path!r}; its frames are not checked", mode="log")
            return await self.inner(scope, receive, send)

        def check(side: Side, text: str) -> None:
            verdict = checker.check_text(channel, side, text)
            if not verdict.ok:
                self._report(verdict.signature, f"frame {'received from the client' if side == 'client' else 'sent by the server'} on {path}:\n{verdict.report(contract)}", mode=mode)

        async def checked_receive() -> Message:
            message = await receive()
            if message.get("type") == "websocket.receive" and isinstance(message.get("text"), str):
                check("client", message["text"])
            return message

        async def checked_send(message: Message) -> None:
            if message.get("type") == "websocket.send" and isinstance(message.get("text"), str):
                check("server", message["text"])
            await send(message)

        return await self.inner(scope, checked_receive, checked_send)

    def checker_for(self, path: str) -> tuple[Contract, FrameChecker, Channel | None]:
        """The contract, its checker and the channel of ``path`` (for benchmarks and tests)."""
        contract, checker = self._contract()
        return contract, checker, contract.channel_for_path(path)

    def _contract(self) -> tuple[Contract, FrameChecker]:
        if self._checker is None:
            from .specs import contract_for

            with self._lock:
                if self._checker is None:
                    self._checker = contract_for(self.spec, application=self._routing())
        return self._checker

    def _routing(self) -> Any:
        """What to generate the spec from: the whole routing (``ASGI_APPLICATION``, whose
        addresses carry every prefix) when it is set, else the routing this middleware wraps."""
        from django.conf import settings

        return None if getattr(settings, "ASGI_APPLICATION", None) else self.inner

    def _report(self, signature: tuple[str, ...], text: str, *, mode: str) -> None:
        with self._lock:
            first = signature not in self._reported
            # bounded: a development server that sees endless distinct failures (paths with ids)
            # stops remembering, and so keeps logging, rather than grow without end
            if len(self._reported) < MAX_REMEMBERED:
                self._reported.add(signature)
        if mode == "raise":
            raise ContractViolation(text)
        if first:
            logger.warning("%s", text)
