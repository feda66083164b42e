"""Plain stdlib dataclasses → the JSON Schema Pydantic writes for them, without asking Pydantic.

Why: a dataclass has no core schema until Pydantic builds one, and building it (with the
validator that comes along) is the largest part of a cold spec: about 0.4 ms per class, where
the schema itself is a handful of dictionaries. Most payload dataclasses are plain: strings,
numbers, UUIDs, dates, lists, optional values, other plain dataclasses. For those, this package
writes the schema itself.

It never guesses what Pydantic would write. Once per process and direction it has Pydantic
describe a probe dataclass holding one field of every type this package knows, literals, enums and
nested dataclasses (through the same generator as every other payload), and takes each type's
schema and whether a docstring becomes the description from that answer. Then it describes the
probe itself: if anything it composes (``list[X]``, ``dict[str, X]``, ``Optional[X]``, defaults,
enums, references to nested classes, the order Pydantic numbers them in, key order) differs from
Pydantic's answer, the installed Pydantic writes something this package does not know, and every
dataclass goes to Pydantic.

A dataclass is plain when it is a stdlib dataclass (not Pydantic's, no Pydantic hooks or config,
not generic) whose fields are all init fields without metadata, whose types are among the known
ones (or ``NewType``s of them), ``Literal``s and enums of strings or of integers (an enum used
once per payload), plain dataclasses (no cycles), or ``list``/``dict[str, …]``/``Optional`` of
them, and whose defaults JSON carries as they are (an enum member's value). Anything else goes
to Pydantic, as before; tests hold the two paths to equal output.

``reading.py`` says whether a class is plain and reads its fields; ``writing.py`` writes the
schemas, numbered as Pydantic's generator numbers them; ``calibration.py`` asks Pydantic about
the probe.
"""

from __future__ import annotations

from .. import Direction
from .calibration import cached_calibration as _calibration
from .calibration import calibrate, canonical
from .reading import LEAVES, LITERALS, PlainDataclass, PlainEnum, read
from .writing import Described, Describer

__all__ = ["LEAVES", "LITERALS", "Described", "PlainDataclass", "PlainEnum", "calibrate", "canonical", "describe", "read"]


def describe(plain: PlainDataclass, direction: Direction) -> Described | None:
    """``(schema, defs, definitions)`` as Pydantic's generator writes them for the class in
    ``direction``'s mode: the schema refers to the class's definition, and every nested plain
    dataclass has one. None: ask Pydantic."""
    calibration = _calibration(direction)
    return None if calibration is None else Describer(calibration, direction).run(plain)
