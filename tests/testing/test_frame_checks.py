"""FRAME_CHECKS: live frames of a real ASGI stack checked against the spec, both directions."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import override_settings
from django.urls import path as route

from django_bridge import AsyncAPIGenerator, ConfigurationError, build_settings
from django_bridge.testing import ContractViolation, FrameCheckMiddleware, run_sync

from .test_communicator import CounterConsumer


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "asyncapi.yaml"
    path.write_text(AsyncAPIGenerator(CounterConsumer, channel_path="/ws/counter/").get_yaml(), encoding="utf-8")
    return path


def stack(spec: Path) -> FrameCheckMiddleware:
    return FrameCheckMiddleware(URLRouter([route("ws/counter/", CounterConsumer.as_asgi())]), spec=spec)


async def exchange(application: Any, frames: list[Any], *, wait: float = 0.1) -> list[Any]:
    communicator = WebsocketCommunicator(application, "/ws/counter/")
    assert (await communicator.connect())[0]
    received = []
    for frame in frames:
        await communicator.send_json_to(frame)
        while not await communicator.receive_nothing(timeout=wait):
            received.append(await communicator.receive_json_from())
    await communicator.disconnect()
    return received


def what_an_invalid_frame_does(spec: Path, caplog: pytest.LogCaptureFixture) -> str:
    """The mode in effect, seen from outside: a client frame the spec refuses (a boolean where an
    integer is documented) fails the connection (``raise``), is logged (``log``) or neither (``off``)."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="django_bridge.frames"):
        try:
            received = run_sync(exchange(stack(spec), [{"op": "add", "by": True}]))
        except ContractViolation:
            return "raise"
    assert received == [{"op": "total", "total": 1}]  # the conversation went on
    return "log" if any(record.name == "django_bridge.frames" for record in caplog.records) else "off"


def test_the_default_follows_debug(spec_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    with override_settings(DEBUG=True):
        assert what_an_invalid_frame_does(spec_file, caplog) == "log"
    with override_settings(DEBUG=False):
        assert what_an_invalid_frame_does(spec_file, caplog) == "off"
    # the setting, when given, wins over DEBUG either way
    with override_settings(DEBUG=False, CHANNELS_SPECTACULAR_SETTINGS={"FRAME_CHECKS": "raise"}):
        assert what_an_invalid_frame_does(spec_file, caplog) == "raise"
    with override_settings(DEBUG=True, CHANNELS_SPECTACULAR_SETTINGS={"FRAME_CHECKS": "off"}):
        assert what_an_invalid_frame_does(spec_file, caplog) == "off"
    with pytest.raises(ConfigurationError, match="FRAME_CHECKS"):
        build_settings({"FRAME_CHECKS": "loud"})


def test_log_reports_each_failure_once_with_its_location(spec_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    application = stack(spec_file)
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"FRAME_CHECKS": "log"}), caplog.at_level(logging.WARNING, logger="django_bridge.frames"):
        # a client frame of the wrong type (a boolean for an integer), twice; a reply with a renamed field, twice; a valid exchange
        frames = [{"op": "add", "by": True}, {"op": "add", "by": True}, {"op": "add", "by": 13}, {"op": "add", "by": 13}, {"op": "add", "by": 1}]
        received = run_sync(exchange(application, frames))
    # log mode never changes the conversation
    assert received[-1] == {"op": "total", "total": 29} and len(received) == 5
    records = [record.getMessage() for record in caplog.records if record.name == "django_bridge.frames"]
    assert len(records) == 2, records
    client, server = records
    assert client.startswith("frame received from the client on /ws/counter/:\ninvalid client frame on channel Counter (/ws/counter/): it does not match message Add")
    assert "field:     by  (at /by in the frame)" in client and "asyncapi.yaml:" in client
    assert server.startswith("frame sent by the server on /ws/counter/:\ninvalid server frame on channel Counter")
    assert "field:     total  (at /total in the frame)" in server


def test_raise_fails_the_connection_on_an_undocumented_frame(spec_file: Path) -> None:
    application = stack(spec_file)
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"FRAME_CHECKS": "raise"}):
        assert run_sync(exchange(application, [{"op": "add", "by": 2}])) == [{"op": "total", "total": 2}]
        with pytest.raises(ContractViolation, match=r'undocumented server frame on channel Counter .* it carries op="jackpot"'):
            run_sync(exchange(application, [{"op": "add", "by": 7}]))
        with pytest.raises(ContractViolation, match=r"frame received from the client on /ws/counter/"):
            run_sync(exchange(application, [{"op": "subtract", "by": 7}]))


def test_off_hands_the_connection_over_untouched(spec_file: Path) -> None:
    seen: list[Any] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        seen.extend([receive, send])

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: Any) -> None:
        return None

    application = FrameCheckMiddleware(inner, spec=spec_file)
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"FRAME_CHECKS": "off"}):
        run_sync(application({"type": "websocket", "path": "/ws/counter/"}, receive, send))
    assert seen == [receive, send]  # no wrapper: frames are never looked at
    assert application._checker is None  # and the spec was never even built


def test_routing_discovery_sees_through_the_middleware() -> None:
    from django_bridge import discover

    (found,) = discover(FrameCheckMiddleware(URLRouter([route("ws/counter/", CounterConsumer.as_asgi())])))
    assert found.consumer is CounterConsumer and found.path == "/ws/counter/"
