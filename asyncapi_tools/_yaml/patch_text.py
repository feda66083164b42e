"""The old text a patch edits: its node graph, where its lines and nodes are, the edits made.

The line patcher (:mod:`.patch`) reads positions from here and collects its edits here; a change
that cannot be written as an edit of this text raises :class:`Unpatchable`.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from . import Layout
from .equality import key_text
from .layout import _layout_of

_COMMENT_OR_BLANK = re.compile(r"[ \t]*(#.*)?\r?\n?\Z")


class Unpatchable(Exception):
    """The change needs more than a text patch: rewrite the round-trip tree instead."""


def _scalar_value(node: Any, constructor: Any) -> Any:
    """What a scalar node means as data (YAML 1.2, as the round-trip and fast loaders read it)."""
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return constructor.construct_object(node, deep=True)


class _OldText:
    """The old text and its node graph (start and end marks): positions, data, collected edits."""

    def __init__(self, text: str, root: Any, constructor: Any) -> None:
        self.text = text
        self.root = root
        self.edits: list[tuple[int, int, int, str]] = []  # (start, end, order, replacement)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
        self.shared = _shared_nodes(root)
        self.constructor = constructor
        self._data: dict[int, Any] = {}  # node id -> plain data, for nodes that aliases share
        self._layout: Layout | None = None
        # A document written as JSON (a flow root with double-quoted keys) gets JSON additions.
        self.json_style = bool(root.flow_style) and all(key.style == '"' for key, _ in root.value)

    @property
    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = _layout_of(self.root, self.text)
        return self._layout

    def line_of(self, index: int) -> int:
        return bisect.bisect_right(self.line_starts, index) - 1

    def line_start(self, index: int) -> int:
        return self.line_starts[self.line_of(index)]

    def line_end(self, index: int) -> int:
        """Index just past the line break of the line holding ``index`` (its comment included)."""
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1

    def edit(self, start: int, end: int, replacement: str) -> None:
        self.edits.append((start, end, len(self.edits), replacement))

    def apply(self) -> str:
        pieces: list[str] = []
        at = 0
        for start, end, _, replacement in sorted(self.edits):
            if start < at:
                raise Unpatchable("two edits overlap")
            pieces.append(self.text[at:start])
            pieces.append(replacement)
            at = end
        pieces.append(self.text[at:])
        return "".join(pieces)

    def end(self, node: Any) -> int:
        """Index just past the last character that belongs to ``node``'s content."""
        while node.id in ("mapping", "sequence") and not node.flow_style and node.value:
            if node.id == "mapping":
                key, last = node.value[-1]
                floor = key.end_mark.index
            else:
                last = node.value[-1]
                floor = node.value[-2].start_mark.index + 1 if len(node.value) > 1 else node.start_mark.index
            if last.start_mark.index < floor:
                # an alias (`*name`): its node is the anchor's, written earlier in the text
                raise Unpatchable("a block ends with an alias")
            node = last
        start: int = node.start_mark.index
        stop: int = node.end_mark.index
        if node.id == "scalar" and node.style in ("|", ">"):
            header = self.text[start : self.text.find("\n", start)]
            if "+" in header:  # keep chomping: trailing blank lines are content
                return stop
        while stop > start and self.text[stop - 1] in " \t\r\n":
            stop -= 1
        if node.id == "scalar" and stop == start:
            return start  # an empty (null) value: nothing of its own
        return stop

    def data(self, node: Any) -> Any:
        """Plain data of an old node (only needed for nodes that aliases share).

        Each collection node is converted once and its data shared wherever an alias repeats
        it, so nested anchors cost one visit per node, not one per path (``2**depth``)."""
        found = self._data.get(id(node))
        if found is not None:
            return found
        if node.id == "mapping":
            found = {key_text(_scalar_value(key, self.constructor)): self.data(value) for key, value in node.value}
        elif node.id == "sequence":
            found = [self.data(item) for item in node.value]
        else:
            return _scalar_value(node, self.constructor)
        self._data[id(node)] = found
        return found

    def is_shared(self, node: Any) -> bool:
        return id(node) in self.shared


def _shared_nodes(root: Any) -> set[int]:
    """ids of nodes reachable by more than one path (an anchor and its aliases)."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if node.id == "mapping":
            for _key, value in node.value:
                stack.append(value)
        elif node.id == "sequence":
            stack.extend(node.value)
    return shared
