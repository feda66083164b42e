"""RFC 6901 JSON pointers: the one place that escapes, joins, splits and follows them.

Diagnostics, ``$ref`` resolution, titles, validation, diff and the contract all name nodes by
pointer; one module keeps the escaping (``~`` before ``/``, in that order) from drifting apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def escape(step: object) -> str:
    """One step as it appears in a pointer: ``~`` becomes ``~0``, then ``/`` becomes ``~1``."""
    return str(step).replace("~", "~0").replace("/", "~1")


def unescape(step: str) -> str:
    """The key a pointer step names (``~1`` first, so ``~01`` stays ``~1``)."""
    return step.replace("~1", "/").replace("~0", "~")


def join(path: Iterable[object]) -> str:
    """The pointer for a path of keys and indexes: ``["a/b", 0]`` -> ``/a~1b/0``."""
    return "".join("/" + escape(step) for step in path)


def split(text: str) -> list[str]:
    """The unescaped steps of a pointer; a leading ``#`` (a local ``$ref``) is allowed."""
    text = text[1:] if text.startswith("#") else text
    if not text:
        return []
    return [unescape(step) for step in text.split("/")[1:]]


def resolve(tree: Any, pointer: str | Sequence[str], default: Any = None) -> Any:
    """The node ``pointer`` names in ``tree``, or ``default`` when a step is missing.

    Steps into a list must be decimal indexes; a mapping key YAML read as a number (``200:``)
    matches its text, as it does in the pointers we emit.
    """
    node = tree
    for step in split(pointer) if isinstance(pointer, str) else pointer:
        found = child(node, step)
        if found is None:
            return default
        node = found[1]
    return node


def child(node: Any, step: str) -> tuple[str | int, Any] | None:
    """``(key, value)`` for one unescaped step, or None. Keys YAML read as numbers match their
    text; the key is returned as the tree holds it, so a path built from it finds the node again."""
    if isinstance(node, Mapping):
        if step in node:
            return step, node[step]
        for key, value in node.items():
            if not isinstance(key, str) and str(key) == step:
                return key, value
        return None
    if isinstance(node, list) and step.isdigit() and int(step) < len(node):
        return int(step), node[int(step)]
    return None
