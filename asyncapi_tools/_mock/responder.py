"""What the mock answers, decided without any socket: a pure function of the spec and a frame.

A documented client frame is answered with a sample of the first reply its operation documents
(the reply's first example, else a value made from its schema); a frame the spec does not
document gets an error frame or a close with code 1008 (policy violation), as configured. The
error frame is the mock's own, not a message of the spec: ``{"error": <first line>, "report":
<the whole located report>}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .._contract import Channel, Contract, FrameChecker, Message
from .._contract.samples import sample

#: What to do with a frame the spec does not document.
OnInvalid = Literal["error", "close"]
#: RFC 6455: "an endpoint received a message that violates its policy".
POLICY_VIOLATION = 1008
#: A close frame's reason is at most 123 bytes of UTF-8.
MAX_REASON_BYTES = 123


@dataclass(frozen=True)
class Answer:
    """Frames to send back, and whether to close afterwards (code and reason)."""

    frames: tuple[Any, ...] = ()
    close: tuple[int, str] | None = None


class Responder:
    """Answers client frames for every channel of one contract."""

    def __init__(self, contract: Contract, *, on_invalid: OnInvalid = "error") -> None:
        self.contract = contract
        self.checker = FrameChecker(contract)
        self.on_invalid = on_invalid
        self._pushes: dict[str, int] = {}

    def answer(self, channel: Channel, text: str) -> Answer:
        verdict = self.checker.check_text(channel, "client", text)
        if not verdict.ok:
            report = verdict.report(self.contract)
            if self.on_invalid == "close":
                return Answer(close=(POLICY_VIOLATION, _reason(report.splitlines()[0])))
            return Answer(frames=({"error": report.splitlines()[0], "report": report},))
        if verdict.operation is None or not verdict.operation.replies:
            return Answer()
        return Answer(frames=(self.sample(verdict.operation.replies[0]),))

    def sample(self, message: Message) -> Any:
        """A frame of ``message``: its first example, else one made from its schema."""
        return sample(message, self.contract.components)

    def pushable(self, channel: Channel) -> tuple[Message, ...]:
        """The messages the server pushes on ``channel`` unasked (those of its send operations)."""
        found: dict[str, Message] = {}
        for operation in channel.operations:
            if operation.action == "send":
                found.update((message.pointer, message) for message in operation.messages)
        return tuple(found.values())

    def next_push(self, channel: Channel) -> Any | None:
        """The next pushed frame of ``channel``, taking its server messages in turn."""
        messages = self.pushable(channel)
        if not messages:
            return None
        turn = self._pushes.get(channel.id, 0)
        self._pushes[channel.id] = turn + 1
        return self.sample(messages[turn % len(messages)])

    def find_message(self, channel: Channel, name: str) -> Message | None:
        """A server message of ``channel`` by key or name."""
        return next((m for m in channel.messages("server") if name in (m.key, m.name)), None)


def _reason(text: str) -> str:
    data = text.encode("utf-8")[:MAX_REASON_BYTES]
    return data.decode("utf-8", errors="ignore")
