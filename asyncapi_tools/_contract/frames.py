"""Is this frame documented? A frame checked against the messages one side may send on a channel.

Frames are told apart by the payload schemas alone: a message whose payload has top-level
``const`` properties (a discriminator, wherever the wire format put it: ``action``, ``type``,
``event``, an envelope's key) only claims frames that carry those values; a message without any
claims every frame of its side, as with frame shapes that have no discriminator. Among the claimed
messages the first that validates is the match; when none does, the one with the fewest errors is
named, with each error's field, its JSON pointer in the frame and the spec keyword that failed.

Validators are compiled once per message (jsonschema-rs) and reused for every frame: checking a
typical frame costs a few microseconds (benchmarks/bench_frame_checks.py).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import _pointer
from .model import Channel, Contract, Message, Operation, Side

#: How many schema errors a report shows (the rest are counted).
SHOWN_PROBLEMS = 3
#: How many characters of a frame a report shows.
SHOWN_FRAME = 600


@dataclass(frozen=True)
class Problem:
    """One reason a frame does not match a message."""

    #: JSON pointer of the offending value in the frame ("" for the frame itself).
    frame_pointer: str
    text: str
    #: JSON pointer of the failing keyword in the spec.
    spec_pointer: str

    @property
    def field(self) -> str:
        """The offending field's name (its last step), or ``(frame)`` for the whole frame."""
        return _pointer.unescape(self.frame_pointer.rsplit("/", 1)[-1]) or "(frame)"


@dataclass(frozen=True)
class Verdict:
    """What the spec says about one frame one side sent on one channel."""

    side: Side
    channel: Channel
    frame: Any
    #: The matching message, or the closest one when the frame does not validate.
    message: Message | None = None
    operation: Operation | None = None
    problems: tuple[Problem, ...] = ()
    #: Why no message claims the frame (None when one does).
    undocumented: str | None = None
    #: The messages the side may send here (for reports).
    documented: tuple[Message, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return self.undocumented is None and not self.problems

    @property
    def signature(self) -> tuple[str, ...]:
        """Equal for frames that fail the same way (the runtime checks log each failure once)."""
        message = self.message.pointer if self.message else ""
        return (self.channel.id, self.side, message, self.undocumented or "", *(p.spec_pointer for p in self.problems))

    def report(self, contract: Contract | None = None) -> str:
        """A multi-line account: channel, operation, message, field, frame pointer, spec location, frame."""

        def where(spec_pointer: str) -> str:
            return contract.locate(spec_pointer) if contract else f"#{spec_pointer}"

        address = f" ({self.channel.address})" if self.channel.address else ""
        if self.ok:
            return f"documented {self.side} frame on channel {self.channel.id}{address}: {self.message.key if self.message else ''}"
        lines: list[str] = []
        if self.undocumented is not None:
            lines.append(f"undocumented {self.side} frame on channel {self.channel.id}{address}: {self.undocumented}")
            names = ", ".join(message.key for message in self.documented) or "none"
            lines.append(f"  documented {self.side} messages: {names}")
        else:
            assert self.message is not None
            lines.append(f"invalid {self.side} frame on channel {self.channel.id}{address}: it does not match message {self.message.key}")
            if self.operation is not None:
                lines.append(f"  operation: {self.operation.id}  {where(self.operation.pointer)}")
            lines.append(f"  message:   {self.message.key}  {where(self.message.pointer)}")
            origin = contract.origin(self.channel, self.side, self.message) if contract else None
            if origin:
                lines.append(f"  code:      {origin}")
            for problem in self.problems[:SHOWN_PROBLEMS]:
                lines.append(f"  field:     {problem.field}  (at {problem.frame_pointer or '/'} in the frame)")
                lines.append(f"    problem: {problem.text}")
                lines.append(f"    spec:    {where(problem.spec_pointer)}")
            if len(self.problems) > SHOWN_PROBLEMS:
                lines.append(f"  ... and {len(self.problems) - SHOWN_PROBLEMS} more problem(s)")
        lines.append(f"  frame:     {_show(self.frame)}")
        return "\n".join(lines)


@dataclass
class _Plan:
    """What checking a frame of one side on one channel needs, worked out once."""

    documented: tuple[Message, ...]
    #: message pointer → its discriminator values (empty: it claims every frame)
    consts: dict[str, dict[str, Any]]
    #: message pointer → the discriminator keys a frame must carry
    required: dict[str, set[str]]
    #: message pointer → the operation that documents it from this side
    operations: dict[str, Operation | None]
    #: when every message is told apart by one key: (that key, value → messages); else None
    index: tuple[str, dict[Any, list[Message]]] | None


class FrameChecker:
    """Checks frames against one contract; compiled validators and per-channel plans are cached
    and shared (thread-safe)."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self._validators: dict[str, Any] = {}
        self._plans: dict[tuple[str, str], _Plan] = {}
        self._lock = threading.Lock()

    def check_text(self, channel: Channel, side: Side, text: str) -> Verdict:
        """Check a text frame: JSON first, then :meth:`check`."""
        try:
            frame = json.loads(text)
        except ValueError as exc:
            return Verdict(side, channel, text, undocumented=f"the frame is not JSON ({exc})", documented=self._plan(channel, side).documented)
        return self.check(channel, side, frame)

    def check(self, channel: Channel, side: Side, frame: Any) -> Verdict:
        """The verdict on ``frame`` sent by ``side`` on ``channel``."""
        plan = self._plan(channel, side)
        documented = plan.documented
        if not documented:
            return Verdict(side, channel, frame, undocumented=f"channel {channel.id} documents no {side} messages", documented=documented)
        if plan.index is not None and isinstance(frame, dict) and plan.index[0] in frame:
            key, by_value = plan.index
            value = frame[key]
            claimed = by_value.get(value, []) if _hashable(value) else []
        else:
            claimed = [m for m in documented if _claims(plan.consts[m.pointer], plan.required[m.pointer], frame)]
        if not claimed:
            return Verdict(side, channel, frame, undocumented=self._unclaimed(plan, frame), documented=documented)
        best: tuple[Message, list[Any]] | None = None
        for message in claimed:
            validator = self._validator(message)
            if validator is None or validator.is_valid(frame):
                return Verdict(side, channel, frame, message, plan.operations[message.pointer], documented=documented)
            errors = list(validator.iter_errors(frame))
            if best is None or len(errors) < len(best[1]):
                best = (message, errors)
        assert best is not None
        message, errors = best
        problems = tuple(self._problem(message, error) for error in errors)
        return Verdict(side, channel, frame, message, plan.operations[message.pointer], problems, documented=documented)

    def matches(self, message: Message, frame: Any) -> bool:
        """True when ``frame`` validates against ``message``'s payload."""
        validator = self._validator(message)
        return validator is None or bool(validator.is_valid(frame))

    # -- internals ------------------------------------------------------------------------------

    def _plan(self, channel: Channel, side: Side) -> _Plan:
        plan = self._plans.get((channel.id, side))
        if plan is not None:
            return plan
        documented = channel.messages(side)
        consts = {message.pointer: discriminators(message.payload, self.contract.components) for message in documented}
        required = {message.pointer: required_keys(message.payload, self.contract.components) for message in documented}
        operations = {message.pointer: channel.operation_for(message, side) for message in documented}
        keys = {key for found in consts.values() for key in found}
        index = None
        if len(keys) == 1 and all(len(found) == 1 and _hashable(next(iter(found.values()))) for found in consts.values()):
            (key,) = keys
            by_value: dict[Any, list[Message]] = {}
            for message in documented:
                by_value.setdefault(consts[message.pointer][key], []).append(message)
            index = (key, by_value)
        plan = _Plan(documented, consts, required, operations, index)
        with self._lock:
            return self._plans.setdefault((channel.id, side), plan)

    def _validator(self, message: Message) -> Any:
        """The compiled validator of ``message``'s payload (None: the payload allows anything)."""
        if message.pointer in self._validators:
            return self._validators[message.pointer]
        import jsonschema_rs

        with self._lock:
            if message.pointer not in self._validators:
                schema = message.payload
                if schema is None:
                    compiled = None
                else:
                    root = {**schema, "components": self.contract.components} if isinstance(schema, Mapping) else schema
                    compiled = jsonschema_rs.Draft7Validator(root, validate_formats=True)
                self._validators[message.pointer] = compiled
            return self._validators[message.pointer]

    def _unclaimed(self, plan: _Plan, frame: Any) -> str:
        """Why no message claims ``frame``: the discriminator values it carries and the documented ones."""
        keys: dict[str, list[Any]] = {}
        for message in plan.documented:
            for key, value in plan.consts[message.pointer].items():
                keys.setdefault(key, []).append(value)
        if not isinstance(frame, dict):
            return f"the frame is a JSON {type(frame).__name__}, every documented message is an object"
        parts = []
        for key, values in keys.items():
            carried = f"{key}={json.dumps(frame[key])}" if key in frame else f"no {key!r}"
            parts.append(f"it carries {carried}; documented: {', '.join(dict.fromkeys(json.dumps(v, sort_keys=True) for v in values))}")
        return "; ".join(parts)

    def _problem(self, message: Message, error: Any) -> Problem:
        steps_in_frame: tuple[Any, ...] = tuple(error.instance_path)
        # a missing or unexpected property is named by the keyword, not by the path: point at it
        kind = type(error.kind).__name__
        if kind == "Required":
            steps_in_frame += (error.kind.property,)
        elif kind == "AdditionalProperties" and error.kind.unexpected:
            steps_in_frame += (error.kind.unexpected[0],)
        frame_pointer = _pointer.join(steps_in_frame)
        steps = tuple(error.schema_path)
        if steps[:1] == ("components",):
            spec_pointer = _pointer.join(steps)
        else:
            spec_pointer = message.payload_pointer + _pointer.join(steps)
        return Problem(frame_pointer=frame_pointer, text=str(error.message), spec_pointer=spec_pointer)


def _claims(consts: Mapping[str, Any], required: set[str], frame: Any) -> bool:
    """A message claims a frame that carries each of its constants, or leaves out an optional one."""
    if not consts:
        return True
    if not isinstance(frame, dict):
        return False
    return all(frame[key] == value if key in frame else key not in required for key, value in consts.items())


def _hashable(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def discriminators(schema: Any, components: Mapping[str, Any]) -> dict[str, Any]:
    """Top-level properties of ``schema`` that are constants (a one-value ``enum`` counts),
    wherever they are declared: directly, in every ``allOf`` part, or alike in every ``oneOf`` /
    ``anyOf`` branch. The values a frame must carry, when it carries the key, to be this message."""
    return _constants(schema, components, 0)[0]


def required_keys(schema: Any, components: Mapping[str, Any]) -> set[str]:
    """The discriminator keys a frame must carry (the others may be left out)."""
    return _constants(schema, components, 0)[1]


def _constants(schema: Any, components: Mapping[str, Any], depth: int) -> tuple[dict[str, Any], set[str]]:
    root = _follow(schema, components)
    if not isinstance(root, Mapping) or depth > 8:
        return {}, set()
    required = set(root.get("required") or ())
    found: dict[str, Any] = {}
    for key, body in (root.get("properties") or {}).items():
        body = _follow(body, components)
        if not isinstance(body, Mapping):
            continue
        if "const" in body:
            found[key] = body["const"]
        elif isinstance(body.get("enum"), list) and len(body["enum"]) == 1:
            found[key] = body["enum"][0]
    must = {key for key in found if key in required}
    for part in root.get("allOf") or []:
        consts, keys = _constants(part, components, depth + 1)
        found.update(consts)
        must |= keys | (required & set(consts))
    for combinator in ("oneOf", "anyOf"):
        branches = [_constants(part, components, depth + 1) for part in root.get(combinator) or []]
        if branches:
            shared = {key: value for key, value in branches[0][0].items() if all(b[0].get(key, _MISSING) == value for b in branches[1:])}
            found.update(shared)
            must |= {key for key in shared if all(key in b[1] for b in branches)} | (required & set(shared))
    return found, must


_MISSING = object()


def _follow(node: Any, components: Mapping[str, Any]) -> Any:
    for _ in range(16):
        ref = node.get("$ref") if isinstance(node, Mapping) else None
        if not isinstance(ref, str) or not ref.startswith("#/components/"):
            return node
        node = _pointer.resolve({"components": components}, ref)
    return node


def _show(frame: Any) -> str:
    text = frame if isinstance(frame, str) else json.dumps(frame, ensure_ascii=False, default=str)
    return text if len(text) <= SHOWN_FRAME else text[:SHOWN_FRAME] + f"... ({len(text)} characters)"
