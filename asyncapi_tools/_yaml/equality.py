"""Whether two trees or plain values hold the same data: key order, comments and style ignored.

Used to decide "nothing changed" before any text is touched, and to match keys the way JSON sees
them (``200`` and ``'200'`` are one key).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

_MISSING: Any = object()


def _scalar_key(value: Any) -> tuple[str, Any]:
    """What a scalar means as data, type-aware: ``1``, ``1.0`` and ``True`` are three values."""
    if value is None:
        return ("null", None)
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return ("bool", bool(value))
    if isinstance(value, int):
        return ("int", int(value))
    if isinstance(value, float):
        return ("float", repr(float(value))) if value != value else ("float", float(value))
    if isinstance(value, str):
        return ("str", str(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return ("str", value.isoformat())  # as to_plain sees it, and as JSON Schema does
    return ("other", str(value))


def key_text(key: Any) -> str:
    """Keys are matched as text (``200`` and ``'200'`` are one key once converted to JSON)."""
    return key if isinstance(key, str) else str(key)


def data_equal(a: Any, b: Any) -> bool:
    """Equal as data: trees or plain data, key order, comments and style ignored, types not.

    Each pair of collections is compared once (aliases make one object appear on many paths:
    a document whose anchors nest ``d`` deep has ``2**d`` of them).
    """
    return _equal(a, b, {})


def _equal(a: Any, b: Any, seen: dict[tuple[int, int], bool]) -> bool:
    if isinstance(a, Mapping | list | tuple) and isinstance(b, Mapping | list | tuple):
        pair = (id(a), id(b))
        if pair not in seen:
            seen[pair] = True  # a pair met again inside itself (a recursive alias) is not a difference
            seen[pair] = _equal_collections(a, b, seen)
        return seen[pair]
    if isinstance(a, Mapping | list | tuple) or isinstance(b, Mapping | list | tuple):
        return False
    return _scalar_key(a) == _scalar_key(b)


def _equal_collections(a: Any, b: Any, seen: dict[tuple[int, int], bool]) -> bool:
    if isinstance(a, Mapping):
        if not isinstance(b, Mapping) or len(a) != len(b):
            return False
        other = {key_text(k): v for k, v in b.items()}
        for key, value in a.items():
            match = other.get(key_text(key), _MISSING)
            if match is _MISSING or not _equal(value, match, seen):
                return False
        return True
    if isinstance(b, Mapping) or len(a) != len(b):
        return False
    return all(_equal(x, y, seen) for x, y in zip(a, b, strict=True))
