"""Which block indentation a YAML text uses, so that text written for it is indented alike.

A rewrite that cannot be a patch goes through ruamel's emitter, configured with what this finds;
the line patcher indents the subtrees it adds with it too.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import CANONICAL, Layout
from .fast import _compose


def detect_layout(text: str) -> Layout:
    """The block indentation ``text`` uses most (mapping indent, sequence indent, dash offset).

    Counted over every nested block collection; a document without nesting gets the canonical
    layout. Used to configure ruamel's emitter when a rewrite cannot be a patch.
    """
    try:
        root, _ = _compose(text)
    except Exception:  # malformed: the caller's round-trip parse reports it
        return CANONICAL
    return _layout_of(root, text) if root is not None else CANONICAL


def _layout_of(root: Any, text: str) -> Layout:
    """Majority vote over the nested block collections (see :func:`detect_layout`)."""
    mapping: Counter[int] = Counter()
    sequence: Counter[tuple[int, int]] = Counter()
    seen: set[int] = set()
    # (node, column of the block mapping key that holds it, or -1 in a sequence or flow collection)
    stack: list[tuple[Any, int]] = [(root, -1)]
    while stack:
        node, key_column = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.id == "mapping":
            if not node.flow_style and key_column >= 0 and node.value:
                mapping[node.value[0][0].start_mark.column - key_column] += 1
            for key, value in node.value:
                stack.append((value, -1 if node.flow_style else key.start_mark.column))
        elif node.id == "sequence":
            for item in node.value:
                if not node.flow_style and key_column >= 0:
                    dash = _dash_index(text, item)
                    if dash is not None:
                        line_start = text.rfind("\n", 0, dash) + 1
                        sequence[(item.start_mark.column - key_column, dash - line_start - key_column)] += 1
                stack.append((item, -1))
    found_mapping = max(mapping, key=lambda k: (mapping[k], -k)) if mapping else CANONICAL.mapping
    if sequence:
        seq, offset = max(sequence, key=lambda k: (sequence[k], -k[0]))
    else:  # no list to learn from: a list is indented as a mapping is (the canonical layout's rule)
        seq, offset = found_mapping + 2, found_mapping
    if found_mapping < 1 or offset < 0 or seq < offset + 2:
        return CANONICAL
    return Layout(mapping=found_mapping, sequence=seq, offset=offset)


def _dash_index(text: str, item: Any) -> int | None:
    """Index of the ``-`` that introduces a block sequence item on the item's own line."""
    start = item.start_mark.index
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    stripped = before.rstrip(" ")
    if not stripped.endswith("-") or stripped[:-1].strip(" -"):
        return None
    return line_start + len(stripped) - 1
