"""``ContractCommunicator``: Channels' ``WebsocketCommunicator`` that checks every frame against the spec.

Every frame the test sends must be a documented client message of the connection's channel, every
frame the application sends a documented server message; :meth:`ContractCommunicator.expect_reply`
waits for one of the replies the sent message's operation documents. A failure is a
:class:`~django_bridge.testing.ContractViolation` whose text locates the problem in the frame and
in the spec.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable, Mapping
from typing import Any, cast

from channels.testing import WebsocketCommunicator

from asyncapi_tools import ContractChannel as Channel
from asyncapi_tools import ContractOperation as Operation
from asyncapi_tools import Verdict

from .specs import SpecSource, contract_for
from .violations import ContractViolation


class ContractCommunicator(WebsocketCommunicator):
    """A ``WebsocketCommunicator`` that knows the spec.

    ``spec``: a file path, a Document, plain data, or None to generate it (from the routing of
    ``application``, or from the consumer of a bare ``Consumer.as_asgi()``). ``channel``: a
    channel id, when the path alone is ambiguous. ``scope``: entries merged into the connection
    scope (``{"user": user}``), as Channels' docs do by hand.
    """

    def __init__(
        self,
        application: Any,
        path: str,
        headers: Iterable[tuple[bytes, bytes]] | None = None,
        subprotocols: Iterable[str] | None = None,
        spec_version: str | None = None,
        *,
        spec: SpecSource = None,
        channel: str | None = None,
        scope: Mapping[str, Any] | None = None,
    ) -> None:
        # spec_version came with Channels 4.1: pass it only when asked, so 4.0 keeps working
        # (the ASGI spec makes it a string, "2.3"; the channels stubs say int)
        versioned: dict[str, Any] = {"spec_version": spec_version} if spec_version is not None else {}
        super().__init__(application, path, headers=list(headers or []), subprotocols=list(subprotocols or []), **versioned)
        if scope:
            # the scope is a plain dict at run time; its TypedDict lists only ASGI's own keys
            cast("dict[str, Any]", self.scope).update(scope)
        self.contract, self.checker = contract_for(spec, application=application, path=path)
        self.channel: Channel = self._channel(channel, path)
        #: Every frame received so far (parsed JSON, or the text when it is not JSON).
        self.received: list[Any] = []
        self._last_operation: Operation | None = None

    # -- WebsocketCommunicator, checked ---------------------------------------------------------

    async def send_to(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Send a frame; a text frame must be a documented client message (ContractViolation)."""
        if text_data is not None:
            verdict = self._require(self.checker.check_text(self.channel, "client", text_data), "sent")
            self._last_operation = verdict.operation
        await super().send_to(text_data=text_data, bytes_data=bytes_data)

    async def receive_from(self, timeout: float = 1) -> Any:
        """Receive a frame; a text frame must be a documented server message (ContractViolation)."""
        data = await super().receive_from(timeout)
        if isinstance(data, str):
            self.check_received(data)
        return data

    # -- replies --------------------------------------------------------------------------------

    async def expect_reply(self, frame: Any = None, *, timeout: float = 1.0, also: Iterable[str] = ()) -> Any:
        """Send ``frame`` (unless None: then the last frame sent is the question) and return the
        first frame received that is one of its operation's documented replies, or one of the
        server messages named in ``also`` (keys or names: a documented error frame, say).

        Frames received before the reply are checked and kept in :attr:`received`. Raises
        ContractViolation when the operation documents no reply, when the connection closes, or
        when no reply arrives within ``timeout`` seconds.
        """
        if frame is not None:
            await self.send_json_to(frame)
        operation = self._last_operation
        if operation is None:
            raise ContractViolation(f"expect_reply(): nothing was sent on channel {self.channel.id} to reply to")
        if not operation.replies:
            raise ContractViolation(
                f"operation {operation.id} documents no reply ({self.contract.locate(operation.pointer)}); "
                "receive its frames with receive_json_from() instead"
            )
        also = tuple(also)
        accepted = {message.pointer for message in operation.replies}
        accepted.update(m.pointer for m in self.channel.messages("server") if m.key in also or m.name in also)
        wanted = ", ".join(message.key for message in operation.replies)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        seen: list[Any] = []
        while True:
            remaining = deadline - loop.time()
            # receive_output() cancels the application when it times out: poll with receive_nothing()
            if remaining <= 0 or await self.receive_nothing(timeout=min(remaining, 0.05), interval=0.005):
                if loop.time() < deadline:
                    continue
                raise ContractViolation(
                    f"operation {operation.id} on channel {self.channel.id}: no documented reply ({wanted}) "
                    f"within {timeout:g} s ({self.contract.locate(operation.pointer + '/reply')})\n"
                    f"{self._origin_line(operation)}  received instead: {_show(seen) if seen else 'nothing'}"
                )
            output = await self.receive_output()
            if output["type"] == "websocket.close":
                raise ContractViolation(
                    f"operation {operation.id} on channel {self.channel.id}: the application closed the connection "
                    f"(code {output.get('code', 1000)}) instead of replying with {wanted}\n"
                    f"  received before: {_show(seen) if seen else 'nothing'}"
                )
            if output["type"] != "websocket.send" or "text" not in output:
                continue
            verdict = self.check_received(output["text"])
            seen.append(verdict.frame)
            if verdict.message is not None and verdict.message.pointer in accepted:
                return verdict.frame

    # -- internals ------------------------------------------------------------------------------

    def check_received(self, text: str) -> Verdict:
        """Check a text frame the application sent (and keep it in :attr:`received`); for
        tests that read ``receive_output()`` themselves."""
        verdict = self.checker.check_text(self.channel, "server", text)
        self.received.append(verdict.frame)
        return self._require(verdict, "received")

    def _require(self, verdict: Verdict, what: str) -> Verdict:
        if not verdict.ok:
            raise ContractViolation(f"frame {what} on {self.scope['path']}:\n{verdict.report(self.contract)}", verdict=verdict)
        return verdict

    def _origin_line(self, operation: Operation) -> str:
        """``  code: file:line (Consumer.method)\n`` of the operation's message, when known."""
        origins = [self.contract.origin(self.channel, "client", message) for message in operation.messages]
        return "".join(f"  code:      {origin}\n" for origin in origins if origin)

    def _channel(self, channel_id: str | None, path: str) -> Channel:
        channels = self.contract.channels
        if channel_id is not None:
            if channel_id not in channels:
                raise ContractViolation(f"the spec has no channel {channel_id!r}; it has: {', '.join(channels) or 'none'}")
            return channels[channel_id]
        found = self.contract.channel_for_path(path)
        if found is None:
            addresses = ", ".join(f"{c.id} ({c.address})" for c in channels.values()) or "none"
            raise ContractViolation(f"no channel of the spec has the address {path.split('?', 1)[0]!r}; channels: {addresses}")
        return found


def _show(frames: list[Any]) -> str:
    return ", ".join(json.dumps(frame, ensure_ascii=False, default=str) for frame in frames)
