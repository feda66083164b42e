"""Pairing the entries of two mappings by key, and telling renames from removals.

An entry whose key disappeared and another whose key appeared with the same content is one thing
renamed, not a removal plus an addition; callers may also pair by a looser identity (a channel
by its address, an operation by what it does) through ``same``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from ._nodes import Node


@dataclass
class Pairing:
    """``pairs`` kept their key; ``renamed`` changed key; ``removed``/``added`` have no partner."""

    pairs: list[tuple[str, Node, Node]] = field(default_factory=list)
    renamed: list[tuple[str, Node, str, Node]] = field(default_factory=list)
    removed: list[tuple[str, Node]] = field(default_factory=list)
    added: list[tuple[str, Node]] = field(default_factory=list)
    _new_keys: dict[str, str] | None = field(default=None, repr=False)

    def new_key(self, old_key: str) -> str | None:
        """The key an old entry has in the new document (None if it was removed)."""
        if self._new_keys is None:
            self._new_keys = {key: key for key, _old, _new in self.pairs}
            self._new_keys.update((before, after) for before, _old, after, _new in self.renamed)
        return self._new_keys.get(old_key)


def content(value: Any) -> str:
    """A canonical text of plain data: equal text, equal content (key order ignored)."""
    return json.dumps(value, sort_keys=True, default=str)


def pair(old: Node, new: Node, *, same: Callable[[Node], Hashable] | None = None) -> Pairing:
    """Pair the entries of the mappings ``old`` and ``new`` (e.g. two ``channels`` objects)."""
    result = Pairing()
    old_items = dict(old.items())
    new_items = dict(new.items())
    for key, old_node in old_items.items():
        if key in new_items:
            result.pairs.append((key, old_node, new_items[key]))
    gone = {key: node for key, node in old_items.items() if key not in new_items}
    came = {key: node for key, node in new_items.items() if key not in old_items}
    for identity in (lambda node: content(node.value), same):
        if identity is None or not gone or not came:
            continue
        waiting: dict[Hashable, list[str]] = {}
        for key, node in came.items():
            waiting.setdefault(identity(node), []).append(key)
        waiting.pop(None, None)  # no identity: never paired by it
        for key, node in list(gone.items()):
            candidates = waiting.get(identity(node))
            if candidates:
                new_key = candidates.pop(0)
                result.renamed.append((key, node, new_key, came.pop(new_key)))
                del gone[key]
    result.removed = list(gone.items())
    result.added = list(came.items())
    return result
