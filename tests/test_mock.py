"""``asyncapi-tools mock``: a real server process and the real ``websockets`` client, and the
server in-process for close codes and timed pushes."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosedError, InvalidStatus

import asyncapi_tools
from asyncapi_tools import Contract, FrameChecker
from asyncapi_tools._mock import MockOptions, MockServer
from asyncapi_tools.cli import app
from django_bridge.testing.sync import run_sync
from tests.testing.test_frames import SPEC

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "asyncapi.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


@pytest.fixture
def contract(spec_file: Path) -> Contract:
    return Contract.from_document(asyncapi_tools.load(spec_file))


@pytest.fixture
def mock_process(spec_file: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``asyncapi-tools mock FILE --port 0`` in a subprocess; yields its ws:// base URL."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    process = subprocess.Popen(
        [sys.executable, "-m", "asyncapi_tools", "mock", str(spec_file), "--port", "0"], stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        found = re.search(r"on (ws://127\.0\.0\.1:\d+)", first)
        assert found, first + process.stderr.read() if process.poll() is not None else first
        yield found[1], process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_the_mock_process_answers_checks_and_pushes(mock_process: tuple[str, subprocess.Popen[str]], contract: Contract) -> None:
    base, process = mock_process
    checker = FrameChecker(contract)

    async def scenario() -> None:
        async with connect(f"{base}/ws/chat/lobby/") as chat:
            # a documented frame: answered with its reply, made from the reply's schema (no example)
            await chat.send(json.dumps({"kind": "say", "text": "hi"}))
            reply = json.loads(await asyncio.wait_for(chat.recv(), 5))
            verdict = checker.check(contract.channels["Chat"], "server", reply)
            assert verdict.ok and verdict.message and verdict.message.key == "Said", verdict.report(contract)
            # an undocumented frame: the mock's error frame, with the located report
            await chat.send(json.dumps({"kind": "say", "text": ""}))
            error = json.loads(await asyncio.wait_for(chat.recv(), 5))
            assert error["error"] == "invalid client frame on channel Chat (/ws/chat/{room}/): it does not match message Say"
            assert "field:     text  (at /text in the frame)" in error["report"]
            # a push on request, over HTTP
            port = base.rsplit(":", 1)[1]
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_mock/push?channel=Chat&message=Said", timeout=5) as response:
                assert response.read().decode() == "pushed Said to 1 connection(s)\n"
            pushed = json.loads(await asyncio.wait_for(chat.recv(), 5))
            assert checker.check(contract.channels["Chat"], "server", pushed).ok
        with pytest.raises(InvalidStatus) as refused:
            async with connect(f"{base}/ws/nowhere/"):
                pass
        assert refused.value.response.status_code == 404
        assert b"no channel of the spec has the address '/ws/nowhere/'" in refused.value.response.body

    run_sync(scenario())
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0


def test_close_1008_and_timed_pushes_in_process(contract: Contract) -> None:
    async def scenario() -> None:
        options = MockOptions(port=0, on_invalid="close", push_every=0.05)
        async with MockServer(contract, options) as server:
            url = dict(server.urls())["Feed"]
            async with connect(url) as feed:
                await feed.send(json.dumps({"op": "subscribe", "data": {"topics": ["news"]}}))
                assert json.loads(await asyncio.wait_for(feed.recv(), 5))["op"] == "subscribed"
                await feed.send(json.dumps({"op": "unsubscribe"}))
                with pytest.raises(ConnectionClosedError) as closed:
                    await asyncio.wait_for(feed.recv(), 5)
                assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
                assert closed.value.rcvd.reason.startswith("undocumented client frame on channel Feed")
            # Chat has no send operations: nothing to push; pushes go to channels that have them
            assert server.responder.pushable(contract.channels["Chat"]) == ()

    run_sync(scenario())


def test_timed_pushes_take_server_messages_in_turn(tmp_path: Path) -> None:
    spec = SPEC.replace(
        "  Status:\n    action: receive",
        "  Announce:\n    action: send\n    channel: {$ref: '#/channels/Chat'}\n    messages: [{$ref: '#/channels/Chat/messages/Said'}]\n  Status:\n    action: receive",
    )
    contract = Contract.from_document(asyncapi_tools.loads(spec, source="push.yaml"))

    async def scenario() -> list[Any]:
        async with MockServer(contract, MockOptions(port=0, push_every=0.05)) as server, connect(dict(server.urls())["Chat"].replace("{room}", "x")) as chat:
            return [json.loads(await asyncio.wait_for(chat.recv(), 5)) for _ in range(2)]

    frames = run_sync(scenario())
    checker = FrameChecker(contract)
    assert all(checker.check(contract.channels["Chat"], "server", frame).ok for frame in frames)


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
