"""One generated contract test: every example of a client operation, then frames made from its
payload schema, each sent on a fresh connection; the spec decides what the answers must be.

A frame passes when the consumer does not raise, does not close the connection, sends only
documented, valid frames, and (when the operation documents a reply) answers with one of its
replies within the timeout. A generated frame may also be answered with a documented error
message the user names (``asyncapi_error_messages``): a valid frame can still be refused for
what its values mean (an unknown ride id), and saying so in a documented way is correct.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from asyncapi_tools import Contract
from asyncapi_tools import ContractChannel as Channel
from asyncapi_tools import ContractMessage as Message
from asyncapi_tools import ContractOperation as Operation

from .communicator import ContractCommunicator
from .handshake import Handshake
from .sync import run_sync
from .violations import ContractViolation


@dataclass(frozen=True)
class RunOptions:
    #: Frames generated per operation from its payload schema (0: examples only).
    generated: int = 20
    #: Seconds to wait for a documented reply.
    timeout: float = 1.0
    #: Seconds to wait for further frames when the operation documents no reply.
    settle: float = 0.05
    #: Server messages (keys or names) that answer a generated frame as well as a reply does.
    errors: Collection[str] = ()


def run_operation(
    application: Any, contract: Contract, channel: Channel, operation: Operation, handshake: Handshake, options: RunOptions
) -> int:
    """Run the contract of ``operation``; returns how many frames were exchanged. Raises
    ContractViolation (or the consumer's own exception) on the first failure."""
    run = _Run(application, contract, channel, operation, handshake, options)
    count = 0
    for message in operation.messages:
        for index, example in enumerate(message.examples):
            run_sync(_converse(run, example, label=f"example #{index} of {message.key}"))
            count += 1
    if options.generated <= 0:
        return count
    for message in operation.messages:
        _generated_run(run, message)
        count += options.generated
    return count


@dataclass(frozen=True)
class _Run:
    """What every exchange of one operation's run shares: the application, the spec, where the
    operation talks, how to connect and the run's limits."""

    application: Any
    contract: Contract
    channel: Channel
    operation: Operation
    handshake: Handshake
    options: RunOptions


def _generated_run(run: _Run, message: Message) -> None:
    """``options.generated`` frames made from ``message``'s schema; Hypothesis shrinks a failing
    one to the smallest frame that still fails, and prints it."""
    from hypothesis import HealthCheck, given, settings

    from asyncapi_tools import frame_strategy as strategy

    @settings(
        max_examples=run.options.generated,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
    )
    @given(frame=strategy(message, run.contract.components))
    def generated(frame: Any) -> None:
        run_sync(_converse(run, frame, label=f"a frame generated for {message.key}", generated=True))

    generated()


async def _converse(run: _Run, frame: Any, *, label: str, generated: bool = False) -> None:
    """Send ``frame`` on a fresh connection and check everything that comes back against the spec."""
    handshake, operation, options = run.handshake, run.operation, run.options
    communicator = ContractCommunicator(
        run.application, handshake.path, headers=handshake.headers, subprotocols=handshake.subprotocols, spec=run.contract, channel=run.channel.id, scope=handshake.scope
    )
    where = f"operation {operation.id} ({run.contract.locate(operation.pointer)}), {label}"
    connected, code = await communicator.connect(timeout=options.timeout)
    if not connected:
        raise ContractViolation(
            f"{where}: the handshake to {handshake.path} was refused (close code {code}); give the connection what it needs "
            "with the asyncapi_handshake fixture (query, headers, scope such as {'user': ...})"
        )
    try:
        await _drain(communicator, options.settle)  # frames pushed on connect must be documented too
        if operation.replies:
            errors = options.errors if generated else ()
            await communicator.expect_reply(frame, timeout=options.timeout, also=errors)
        else:
            await communicator.send_json_to(frame)
            await _drain(communicator, options.settle)
    except ContractViolation as exc:
        await _close_quietly(communicator)
        raise ContractViolation(f"{where}:\n{exc.report}", verdict=exc.verdict) from None
    except Exception as exc:
        # receive_output() re-raises what the consumer raised: say which frame did it
        await _close_quietly(communicator)
        shown = json.dumps(frame, ensure_ascii=False, default=str)
        raise ContractViolation(f"{where}: the consumer raised {type(exc).__name__}: {exc}\n  frame: {shown}") from exc
    # a consumer that fails in disconnect() fails the test too
    await communicator.disconnect()


async def _close_quietly(communicator: ContractCommunicator) -> None:
    """Disconnect after a failure that is already being reported (the consumer may have died)."""
    with contextlib.suppress(Exception):
        await communicator.disconnect()


async def _drain(communicator: ContractCommunicator, settle: float) -> None:
    """Receive (and so check) whatever arrives within ``settle`` seconds; a close is a failure."""
    while not await communicator.receive_nothing(timeout=settle, interval=0.005):
        output = await communicator.receive_output()
        if output["type"] == "websocket.close":
            raise ContractViolation(f"the application closed the connection (code {output.get('code', 1000)})")
        if output["type"] == "websocket.send" and "text" in output:
            communicator.check_received(output["text"])
