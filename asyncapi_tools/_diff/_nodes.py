"""Cursors into one side of a diff, and ``$ref`` following that keeps track of where it lands.

A :class:`Node` is a value plus the document and path it was found at, so a change found deep
inside a referenced schema is reported at the line of the schema itself, in the file that holds
it. References are followed through local pointers and relative files (never the network); a
reference that does not resolve stays a reference, and is compared as written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .. import _pointer
from .._refs import REF, is_ref, is_remote, split
from ._load import Doc, Side, Steps
from ._model import Where

#: A longer chain of references than this is a cycle or a mistake: stop following.
MAX_CHAIN = 32


@dataclass(frozen=True)
class Node:
    """A value found at ``path`` in ``doc`` (one file of ``side``)."""

    side: Side
    doc: Doc
    path: Steps
    value: Any

    def child(self, key: str | int) -> Node:
        """The entry ``key`` (None when missing), the cursor moved along."""
        value = self.value
        if isinstance(value, Mapping):
            found = value.get(key) if isinstance(key, str) else None
        elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            found = value[key]
        else:
            found = None
        return Node(self.side, self.doc, (*self.path, key), found)

    def get(self, key: str, default: Any = None) -> Any:
        return self.value.get(key, default) if isinstance(self.value, Mapping) else default

    def items(self) -> Iterator[tuple[str, Node]]:
        """``(key, child)`` of a mapping (nothing for anything else)."""
        if isinstance(self.value, Mapping):
            for key in self.value:
                yield str(key), self.child(key)

    def elements(self) -> Iterator[Node]:
        if isinstance(self.value, list):
            for index in range(len(self.value)):
                yield self.child(index)

    @property
    def where(self) -> Where:
        return self.doc.where(self.path)

    def resolved(self) -> Node:
        """The node behind a chain of references (itself when it is none, or cannot be followed)."""
        node = self
        for _ in range(MAX_CHAIN):
            if not is_ref(node.value):
                return node
            target = node.target(node.value[REF])
            if target is None:
                return node
            node = target
        return node

    def target(self, ref: str) -> Node | None:
        """Where ``ref`` (written in this node's document) points, one hop, or None."""
        if is_remote(ref):
            return None
        file_part, fragment = split(ref)
        doc = self.doc
        if file_part:
            found = self.side.referenced(doc, file_part)
            if found is None:
                return None
            doc = found
        node = Node(self.side, doc, (), doc.data)
        for step in _pointer.split(fragment):
            node = node.resolved()
            key: str | int = int(step) if isinstance(node.value, list) and step.isdigit() else step
            node = node.child(key)
            if node.value is None:
                return None
        return node


def root(side: Side) -> Node:
    return Node(side, side.root, (), side.root.data)


def ref_targets(side: Side) -> set[Steps]:
    """Paths (in the root document) that the root's own local references point at."""
    from .._refs import iter_refs

    targets: set[Steps] = set()
    for _path, reference in iter_refs(side.root.data):
        file_part, fragment = split(reference[REF])
        if not file_part:
            targets.add(tuple(_pointer.split(fragment)))
    return targets
