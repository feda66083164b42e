"""The probe: what the installed Pydantic writes, asked once per process and direction."""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import typing
import uuid
from collections.abc import Callable
from typing import Any, Literal

from .. import Direction
from .reading import LEAVES, LITERALS, read
from .writing import Calibration, Described, Describer


@functools.lru_cache(maxsize=1)
def _probe_class() -> type:
    """One field of every known type, nested classes, and the compositions this package writes
    (one class per process: both directions describe it)."""
    def nested(name: str, *fields: tuple[str, Any]) -> type:
        made = dataclasses.make_dataclass(name, [*fields, ("note", typing.Optional[str], dataclasses.field(default=None))])  # noqa: UP045
        made.__doc__ = f"A nested probe, {name}."
        return made

    # each used once, one two levels deep; and one shared, also from within a class used twice
    # (a shared class is numbered where first referenced, one used once where finished)
    deepest = nested("ProbeDeepest", ("value", int))
    shared = nested("ProbeShared", ("value", int))
    holder = nested("ProbeHolder", ("own", nested("ProbeOwn", ("value", int))), ("shared", shared))
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [(name, leaf) for leaf, name in LEAVES.items()]
    fields += [(name, Literal[tuple(values)] if isinstance(values, list) else Literal[values]) for name, values in LITERALS.values()]
    fields += [
        ("named_only", int, dataclasses.field(kw_only=True)),  # written after all the others
        ("listed", list[int]),
        ("tags", Literal["a", "b", "c"]),  # more values than the probe's: swapped in, all of them
        ("maybe_tag", list[typing.Optional[Literal[1, 2, 3]]]),  # noqa: UP045
        ("named_id", typing.NewType("ProbeID", uuid.UUID)),
        ("named_ids", list[typing.NewType("ProbeKey", str)]),  # type: ignore[misc]
        ("mapped", dict[str, int]),
        ("nested", list[dict[str, typing.Optional[int]]]),  # noqa: UP045 -- the spelling users write
        ("unset", typing.Optional[str]),  # noqa: UP045 -- optional without default: not required
        ("holder", holder),
        ("holders", list[holder]),  # type: ignore[valid-type]
        ("shared", shared),
        ("inner", nested("ProbeInner", ("deeper", list[deepest]))),  # type: ignore[valid-type]
        ("inners", list[nested("ProbeItem", ("value", int))]),  # type: ignore[misc]
        ("either", typing.Optional[str], dataclasses.field(default=None)),  # noqa: UP045
        ("piped", int | None, dataclasses.field(default=None)),
        ("maybe_inner", typing.Optional[nested("ProbeMaybe", ("value", int))], dataclasses.field(default=None)),  # noqa: UP045
        ("counted", int, dataclasses.field(default=3)),
        ("made", list[str], dataclasses.field(default_factory=list)),
    ]
    # enums (each used once: an enum used twice is Pydantic's), documented or not, of strings or
    # integers, mixed in or not, one with a member as its default
    colour = enum.Enum("ProbeColour", {"RED": "red", "BLUE": "blue"})  # type: ignore[misc]
    colour.__doc__ = "A probe enum."
    level = enum.IntEnum("ProbeLevel", {"LOW": 1, "HIGH": 2})  # type: ignore[misc]
    rank = enum.Enum("ProbeRank", {"FIRST": 1})  # type: ignore[misc]
    code = enum.Enum("ProbeCode", {"A": "a"}, type=str)  # type: ignore[misc]
    for made in (colour, level, rank, code):
        made.__module__ = __name__
    fields[:0] = [("level", level), ("rank", rank), ("codes", list[code])]
    fields += [("picked", colour, dataclasses.field(default=colour.RED))]
    probe = dataclasses.make_dataclass("Probe", fields)
    probe.__doc__ = "A probe.\n\n    Second paragraph."
    return probe


@functools.lru_cache(maxsize=2)
def cached_calibration(direction: Direction) -> Calibration | None:
    """What the installed Pydantic writes for the probe in ``direction``'s mode, read into a
    calibration; None if its answer is not what this package would write from that calibration.
    (Two threads that miss at once both ask; the answers are equal.)"""
    return calibrate(direction, ask_pydantic)


def ask_pydantic(probe: type, direction: Direction) -> Described:
    from ..pydantic import generated_by_pydantic

    return generated_by_pydantic(_core_schema(probe), direction)


@functools.lru_cache(maxsize=1)
def _core_schema(probe: type) -> Any:
    """The probe's core schema, built once for both directions."""
    from pydantic import TypeAdapter

    return TypeAdapter(probe).core_schema


def calibrate(direction: Direction, ask: Callable[[type, Direction], Described | None]) -> Calibration | None:
    """A calibration from ``ask``'s description of the probe class (``ask`` is Pydantic in use;
    a stand-in in tests shows that a Pydantic writing something else turns the shortcut off)."""
    probe = _probe_class()
    answer = ask(probe, direction)
    plain = read(probe)
    if answer is None or plain is None:
        return None
    schema, defs, definitions = answer
    last = f"d{len(defs) - 1}"
    own = defs[-1:] == ((last, plain.core_ref, direction),) and definitions.get(last)
    properties = own.get("properties") if isinstance(own, dict) else None
    if not isinstance(own, dict) or not isinstance(properties, dict):
        return None
    leaves = {leaf: properties.get(name) for leaf, name in LEAVES.items()}
    leaves.update({key: properties.get(name) for key, (name, _) in LITERALS.items()})
    if not all(isinstance(leaf_schema, dict) for leaf_schema in leaves.values()):
        return None
    # everything this package composes must come out as Pydantic wrote it, keys in its order (but
    # for the order of the definitions themselves, which only ``defs`` gives)
    calibration: Calibration = (typing.cast("dict[Any, dict[str, Any]]", leaves), "description" in own)
    mine = Describer(calibration, direction).run(plain)
    return calibration if mine is not None and canonical(mine) == canonical((schema, tuple(defs), definitions)) else None


def canonical(described: Described) -> str:
    schema, defs, definitions = described
    return json.dumps((schema, defs, sorted(definitions.items())))
