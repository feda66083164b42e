"""ContractCommunicator on bare consumers: the spec generated from the consumer itself, or read
from a committed file; every way a conversation can break the contract."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from django_bridge import AsyncAPIGenerator, client_message, document_channel, server_message
from django_bridge.testing import ContractCommunicator, ContractViolation, run_sync


@document_channel(
    "counter",
    wire={"client_key": "op", "server_key": "op"},
    messages=[
        client_message(
            "add",
            payload={"type": "object", "properties": {"by": {"type": "integer"}}, "required": ["by"]},
            responses={"total": None},
            examples=[{"payload": {"by": 2}}],
        ),
        client_message("quiet", payload=None),
        client_message("leave", payload=None, responses={"bye": None}),
        server_message("total", payload={"type": "object", "properties": {"total": {"type": "integer"}}, "required": ["total"]}),
        server_message("bye", payload=None),
    ],
)
class CounterConsumer(AsyncJsonWebsocketConsumer):
    """Answers `add` with the running total; misbehaves on purpose for some inputs."""

    async def connect(self) -> None:
        self.total = 0
        await self.accept()

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if content["op"] == "add":
            self.total += content["by"]
            if content["by"] == 13:
                await self.send_json({"op": "total", "sum": self.total})  # a renamed field
            elif content["by"] == 7:
                await self.send_json({"op": "jackpot"})  # an undocumented frame
            elif content["by"] != 0:  # 0: no reply at all
                await self.send_json({"op": "total", "total": self.total})
        elif content["op"] == "leave":
            await self.close(code=4000)


def converse(scenario: Any) -> Any:
    async def run() -> Any:
        communicator = ContractCommunicator(CounterConsumer.as_asgi(), "/ws/counter/")
        assert (await communicator.connect())[0]
        try:
            return await scenario(communicator)
        finally:
            await communicator.disconnect()

    return run_sync(run())


def test_documented_frames_pass_and_replies_are_returned() -> None:
    async def scenario(counter: ContractCommunicator) -> Any:
        assert await counter.expect_reply({"op": "add", "by": 2}) == {"op": "total", "total": 2}
        await counter.send_json_to({"op": "add", "by": 3})
        assert await counter.receive_json_from() == {"op": "total", "total": 5}
        return counter.received

    assert converse(scenario) == [{"op": "total", "total": 2}, {"op": "total", "total": 5}]


def test_a_frame_the_spec_does_not_document_is_refused_before_it_is_sent() -> None:
    async def scenario(counter: ContractCommunicator) -> None:
        with pytest.raises(ContractViolation) as caught:
            await counter.send_json_to({"op": "add", "by": "two"})
        assert "invalid client frame on channel Counter (/ws/counter/): it does not match message Add" in caught.value.report
        assert "field:     by  (at /by in the frame)" in caught.value.report
        # a spec generated from the consumer names the code that documents the message
        assert re.search(r"code:      tests/testing/test_communicator\.py:\d+ \(CounterConsumer client_message\('add'\)\)", caught.value.report)
        assert caught.value.verdict is not None and caught.value.verdict.problems[0].spec_pointer.endswith("/properties/by/type")
        assert await counter.receive_nothing()  # nothing reached the consumer

    converse(scenario)


def test_a_renamed_field_in_a_reply_fails_with_its_location() -> None:
    async def scenario(counter: ContractCommunicator) -> None:
        with pytest.raises(ContractViolation, match=r"(?s)frame received on /ws/counter/.*message Total.*field:     total  \(at /total in the frame\)"):
            await counter.expect_reply({"op": "add", "by": 13})

    converse(scenario)


def test_an_undocumented_reply_fails() -> None:
    async def scenario(counter: ContractCommunicator) -> None:
        with pytest.raises(ContractViolation, match=r'undocumented server frame .* it carries op="jackpot"; documented: "total", "bye"'):
            await counter.expect_reply({"op": "add", "by": 7})

    converse(scenario)


def test_a_missing_reply_fails_after_the_timeout() -> None:
    async def scenario(counter: ContractCommunicator) -> None:
        with pytest.raises(ContractViolation, match=r"(?s)operation Add on channel Counter: no documented reply \(Total\) within 0.2 s.*code:      tests/testing/"):
            await counter.expect_reply({"op": "add", "by": 0}, timeout=0.2)

    converse(scenario)


def test_a_close_instead_of_a_reply_fails() -> None:
    async def scenario(counter: ContractCommunicator) -> None:
        with pytest.raises(ContractViolation, match=r"closed the connection \(code 4000\) instead of replying with Bye"):
            await counter.expect_reply({"op": "leave"})

    converse(scenario)


def test_expect_reply_needs_an_operation_with_a_reply() -> None:
    async def scenario(counter: ContractCommunicator) -> None:
        with pytest.raises(ContractViolation, match="nothing was sent"):
            await counter.expect_reply()
        with pytest.raises(ContractViolation, match=r"operation Quiet documents no reply \(#/operations/Quiet\)"):
            await counter.expect_reply({"op": "quiet"})

    converse(scenario)


def test_a_committed_spec_file_and_an_unknown_path(tmp_path: Path) -> None:
    path = tmp_path / "asyncapi.yaml"
    path.write_text(AsyncAPIGenerator(CounterConsumer, channel_path="/ws/counter/").get_yaml(), encoding="utf-8")

    async def run() -> None:
        communicator = ContractCommunicator(CounterConsumer.as_asgi(), "/ws/counter/", spec=path)
        await communicator.connect()
        with pytest.raises(ContractViolation, match=r"spec:    #/components/messages/Add/payload/properties/by/type \(.*asyncapi.yaml:\d+:\d+\)"):
            await communicator.send_json_to({"op": "add", "by": None})
        await communicator.disconnect()

    run_sync(run())
    with pytest.raises(ContractViolation, match=r"no channel of the spec has the address '/ws/other/'; channels: Counter \(/ws/counter/\)"):
        ContractCommunicator(CounterConsumer.as_asgi(), "/ws/other/", spec=path)
    with pytest.raises(ContractViolation, match="the spec has no channel 'Nope'; it has: Counter"):
        ContractCommunicator(CounterConsumer.as_asgi(), "/ws/counter/", spec=path, channel="Nope")
