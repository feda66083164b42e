"""``asyncapi-tools mock``: the real command in a subprocess on a free port, talked to with the
real ``websockets`` client (and once over HTTP, for pushes on request).

Conversations run under plain ``asyncio.run``: the one thing that leaves an event loop running in
the test thread, Playwright's browser, is used only by tests that run last (tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosedError, InvalidStatus

import asyncapi_tools
from asyncapi_tools import Contract, FrameChecker
from asyncapi_tools.cli import app
from tests._support.cli_server import CLIServer, cli_server
from tests.testing.test_frames import SPEC


def with_additions(text: str, additions: list[tuple[str, str]]) -> str:
    """``text`` with each ``(anchor, addition)``'s addition written just before its anchor."""
    for anchor, addition in additions:
        assert text.count(anchor) == 1, f"the anchor must occur once: {anchor!r}"
        text = text.replace(anchor, addition + anchor)
    return text


#: The frames spec, plus a server message pushed unasked: ``Announce`` sends ``Said`` (no example:
#: made from its schema) and ``Notice`` (two examples: the first is sent as written) on ``Chat``.
MOCK_SPEC = with_additions(
    SPEC,
    [
        ("  Feed:\n    address:", "      Notice: {$ref: '#/components/messages/Notice'}\n"),
        (
            "  Status:\n    action: receive",
            "  Announce:\n    action: send\n    channel: {$ref: '#/channels/Chat'}\n"
            "    messages: [{$ref: '#/channels/Chat/messages/Said'}, {$ref: '#/channels/Chat/messages/Notice'}]\n",
        ),
        (
            "    Subscribe:\n      payload:",
            "    Notice:\n      payload:\n        type: object\n        properties:\n          kind: {const: notice}\n"
            "          text: {type: string}\n        required: [kind, text]\n      examples:\n"
            "        - payload: {kind: notice, text: welcome to the room}\n        - payload: {kind: notice, text: the second example}\n",
        ),
    ],
)
LISTENING = r"on (ws://127\.0\.0\.1:\d+)"


@pytest.fixture(scope="module")
def spec_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mock") / "asyncapi.yaml"
    path.write_text(MOCK_SPEC, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def contract(spec_file: Path) -> Contract:
    return Contract.from_document(asyncapi_tools.load(spec_file))


@pytest.fixture(scope="module")
def timed_mock(spec_file: Path) -> Iterator[CLIServer]:
    """One mock that closes on undocumented frames and pushes every 50 ms, shared by the module."""
    with cli_server("mock", str(spec_file), "--port", "0", "--on-invalid", "close", "--push-every", "0.05", address=LISTENING) as server:
        yield server


def key_of(contract: Contract, channel_id: str, frame: Any) -> str:
    """The server message ``frame`` is, by the spec; fails with the located report if none."""
    verdict = FrameChecker(contract).check(contract.channels[channel_id], "server", frame)
    assert verdict.ok and verdict.message is not None, verdict.report(contract)
    return verdict.message.key


async def receive(connection: ClientConnection) -> Any:
    return json.loads(await asyncio.wait_for(connection.recv(), 5))


def test_the_mock_answers_checks_pushes_and_stops_on_ctrl_c(spec_file: Path, contract: Contract) -> None:
    with cli_server("mock", str(spec_file), "--port", "0", address=LISTENING) as mock:
        base = mock.address

        async def scenario() -> None:
            async with connect(f"{base}/ws/chat/lobby/") as chat:
                # a documented frame: answered with its reply, made from the reply's schema (no example)
                await chat.send(json.dumps({"kind": "say", "text": "hi"}))
                assert key_of(contract, "Chat", await receive(chat)) == "Said"
                # an undocumented frame: the mock's error frame, with the located report
                await chat.send(json.dumps({"kind": "say", "text": ""}))
                error = await receive(chat)
                assert error["error"] == "invalid client frame on channel Chat (/ws/chat/{room}/): it does not match message Say"
                assert "field:     text  (at /text in the frame)" in error["report"]
                # a push on request, over HTTP
                port = base.rsplit(":", 1)[1]
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_mock/push?channel=Chat&message=Said", timeout=5) as response:
                    assert response.read().decode() == "pushed Said to 1 connection(s)\n"
                assert key_of(contract, "Chat", await receive(chat)) == "Said"
            with pytest.raises(InvalidStatus) as refused:
                async with connect(f"{base}/ws/nowhere/"):
                    pass
            assert refused.value.response.status_code == 404
            assert b"no channel of the spec has the address '/ws/nowhere/'" in refused.value.response.body

        asyncio.run(scenario())
        assert "ws://127.0.0.1:" in mock.output and "/ws/chat/{room}/  (channel Chat)" in mock.output
        assert mock.stop() == 0
        assert "stopped" in mock.output and "Traceback" not in mock.output


def test_an_undocumented_frame_closes_with_1008(timed_mock: CLIServer) -> None:
    async def scenario() -> None:
        async with connect(f"{timed_mock.address}/ws/feed/") as feed:
            # Feed has no send operation: the first frame is the reply, no timed push before it
            await feed.send(json.dumps({"op": "subscribe", "data": {"topics": ["news"]}}))
            assert (await receive(feed))["op"] == "subscribed"
            await feed.send(json.dumps({"op": "unsubscribe"}))
            with pytest.raises(ConnectionClosedError) as closed:
                await asyncio.wait_for(feed.recv(), 5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
            assert closed.value.rcvd.reason.startswith("undocumented client frame on channel Feed")

    asyncio.run(scenario())


def test_timed_pushes_take_server_messages_in_turn(timed_mock: CLIServer, contract: Contract) -> None:
    async def scenario() -> list[Any]:
        async with connect(f"{timed_mock.address}/ws/chat/x/") as chat:
            return [await receive(chat) for _ in range(4)]

    frames = asyncio.run(scenario())
    keys = [key_of(contract, "Chat", frame) for frame in frames]
    # one message after the other, whichever comes first
    assert sorted(keys[:2]) == ["Notice", "Said"] and keys[2:] == keys[:2], keys
    # a message with examples is sent as its first example, not made up from its schema
    assert [frame for frame in frames if frame["kind"] == "notice"] == [{"kind": "notice", "text": "welcome to the room"}] * 2


def test_a_channel_without_send_operations_gets_no_pushes(timed_mock: CLIServer) -> None:
    async def scenario() -> None:
        async with connect(f"{timed_mock.address}/ws/presence/") as presence:
            # six push periods of silence: Presence has no send operation, so nothing to push
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(presence.recv(), 0.3)

    asyncio.run(scenario())


def test_cli_refuses_bad_input_with_a_clear_message(tmp_path: Path, spec_file: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["mock", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 1 and "nope.yaml" in missing.output and "Traceback" not in missing.output
    bad = runner.invoke(app, ["mock", str(spec_file), "--push-every", "0"])
    assert bad.exit_code == 1 and "--push-every must be a positive number of seconds" in bad.output
    (tmp_path / "empty.yaml").write_text("asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\n", encoding="utf-8")
    empty = runner.invoke(app, ["mock", str(tmp_path / "empty.yaml")])
    assert empty.exit_code == 1 and "has no channel with an address" in empty.output
    dry = runner.invoke(app, ["mock", str(spec_file), "--dry-run", "--port", "9001"])
    assert dry.exit_code == 0 and "ws://127.0.0.1:9001/ws/chat/{room}/  (channel Chat)" in dry.output
