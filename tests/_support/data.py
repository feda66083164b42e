"""Comparing plain data (what ``Document.plain()`` returns) the way the writer does: key order
aside, but with types: ``1``, ``1.0`` and ``True`` are three different values, as they are in
JSON and in the committed file (``==`` on dicts would call them equal)."""

from __future__ import annotations

import json
from typing import Any


def same_data(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` are the same JSON data, mapping key order ignored."""
    return canonical_json(a) == canonical_json(b)


def canonical_json(data: Any) -> str:
    """``data`` as JSON with sorted keys: equal text means equal data, types included."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, allow_nan=True)
