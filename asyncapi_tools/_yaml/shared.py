"""Copy-on-write for nodes that YAML aliases share, in time linear in the size of the tree.

A step that walks a tree along some references and changes nodes it found (title injection)
must not change what the *other* references to those nodes show: an anchor's other users, or
the original of a node that had to be copied. Copying per path, the obvious rule, expands every
alias: a document whose shared nodes nest ``d`` deep has ``2**d`` paths. So the decision is made
per node instead (the "Anchors" rule of docs/design-rules.md, applied once per node, not once per path):

* a node is changed in place when every reference to it was walked, from a parent that stays;
* otherwise it is copied once, and every walked reference to it is pointed at that one copy, so
  the copies stay shared and the output keeps its aliases.

Copies carry no comments (the original, which stays in the tree, still writes them) and none of
the original's anchors; a copy written more than once gets a fresh anchor named by the caller.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from . import anchored

#: One walked reference: ``parent[key]`` is ``child``.
Edge = tuple[Any, Any, Any]

#: Where ruamel keeps a mapping's ``<<:`` sources (``ruamel.yaml.comments.merge_attrib``), read
#: by name so that plain documents (the Django generator's) never import ruamel here.
_MERGE_ATTRIB = "_yaml_merge"


class CopyOnWrite:
    """Where to write each node of ``changed``: the node itself, or its one copy.

    ``walked`` are the references the caller followed to reach the nodes it changes (every step
    from the root); ``names`` suggests an anchor name per node id for copies written twice.
    Copies are made and wired into the tree when the object is built.
    """

    def __init__(self, tree: Any, walked: Iterable[Edge], changed: Iterable[Any], *, names: Mapping[int, str] | None = None) -> None:
        self._edges = list(walked)
        self._copied = self._nodes_to_copy(tree, list(changed))
        self._memo: dict[int, Any] = {}
        if self._copied:
            self._make_copies(tree, names or {})

    def target(self, node: Any) -> Any:
        """The object to write into instead of ``node``."""
        return self._memo[id(node)] if id(node) in self._copied else node

    # -- deciding ---------------------------------------------------------------------------

    def _nodes_to_copy(self, tree: Any, changed: list[Any]) -> dict[int, Any]:
        """Changed nodes that something other than the walk can see, copied or not.

        A node is *exposed* when a reference the walk did not follow points at it, or when a
        walked parent is exposed (a change below an anchor shows through every alias of it).
        An exposed node that changes is copied; its walked parents then change too (they must
        point at the copy), and are copied in turn if exposed.
        """
        into: dict[int, list[Any]] = {}  # walked parents of each child
        out_of: dict[int, list[Any]] = {}  # walked children of each parent
        for parent, _key, child in self._edges:
            into.setdefault(id(child), []).append(parent)
            out_of.setdefault(id(parent), []).append(child)
        references = reference_counts(tree)
        exposed: set[int] = set()
        stack = [child for _parent, _key, child in self._edges if references.get(id(child), 0) > len(into[id(child)])]
        while stack:
            node = stack.pop()
            if id(node) not in exposed:
                exposed.add(id(node))
                stack.extend(out_of.get(id(node), []))
        copied: dict[int, Any] = {}
        stack = list(changed)
        while stack:
            node = stack.pop()
            if id(node) in exposed and id(node) not in copied:
                copied[id(node)] = node
                stack.extend(into.get(id(node), []))
        return copied

    # -- copying ----------------------------------------------------------------------------

    def _make_copies(self, tree: Any, names: Mapping[int, str]) -> None:
        memo = self._memo
        for node in self._copied.values():
            # copy.deepcopy, not deep_copy: it writes merged (``<<:``) keys out as the copy's
            # own, which a copy needs, having no merge source of its own (see _strip_comments).
            copy.deepcopy(node, memo)
        originals = {id(node): node for node in _containers_in(self._copied.values())}
        taken = {node.anchor.value for node in _containers_in([tree]) if anchored(node)}
        for key, original in originals.items():
            clone = memo[key]
            _strip_comments(clone)
            if anchored(original):
                # The original may have lost every alias to the copy: keep writing its anchor,
                # so its own lines do not change.
                original.anchor.always_dump = True
                name = _unique(names.get(key) or str(original.anchor.value), taken)
                clone.yaml_set_anchor(name, always_dump=False)
        for parent, key, child in self._edges:
            if id(child) in self._copied and id(parent) not in self._copied:
                parent[key] = memo[id(child)]


def reference_counts(tree: Any) -> dict[int, int]:
    """How many references (items, and ``<<:`` merge keys) point at each collection."""
    counts: dict[int, int] = {}
    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        children = list(node.values()) if isinstance(node, Mapping) else list(node)
        children.extend(getattr(node, _MERGE_ATTRIB, None) or ())
        for child in children:
            if isinstance(child, Mapping | list):
                counts[id(child)] = counts.get(id(child), 0) + 1
                stack.append(child)
    return counts


def _containers_in(roots: Iterable[Any]) -> list[Any]:
    """Every collection under ``roots``, each once."""
    found: dict[int, Any] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        if not isinstance(node, Mapping | list) or id(node) in found:
            continue
        found[id(node)] = node
        stack.extend(node.values() if isinstance(node, Mapping) else node)
    return list(found.values())


def _strip_comments(node: Any) -> None:
    """A copy keeps no comments and no anchor; its ``<<:`` keys are written out (deepcopy made
    them its own keys already), since the copy cannot alias the original's merged mappings."""
    if type(node) is dict or type(node) is list:
        return  # plain data has neither
    from ruamel.yaml.comments import Comment

    if hasattr(node, Comment.attrib):
        setattr(node, Comment.attrib, Comment())
    if hasattr(node, _MERGE_ATTRIB):
        delattr(node, _MERGE_ATTRIB)
    anchor = getattr(node, "anchor", None)
    if anchor is not None and getattr(anchor, "value", None) is not None:
        anchor.value = None
        anchor.always_dump = False


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}{number}", number + 1
    taken.add(candidate)
    return candidate


def deep_copy(node: Any, memo: dict[int, Any] | None = None) -> Any:
    """A deep copy of a tree that keeps its aliases shared and its ``<<:`` merge keys working.

    ``copy.deepcopy`` of a round-trip tree (ruamel 0.19) copies a mapping's merged keys as its
    own and its merge sources without the memo: the copy dumps every merge source a second time
    inline, under ``<<:``, and turns shared children into ``&id001`` aliases.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, merge_attrib

    memo = {} if memo is None else memo
    if id(node) in memo:
        return memo[id(node)]
    if type(node) is CommentedMap:
        mapping = CommentedMap()
        memo[id(node)] = mapping
        for key, value in node.non_merged_items():
            mapping[key] = deep_copy(value, memo)
        _copy_attributes(node, mapping, memo)
        merge = getattr(node, merge_attrib, None)
        if merge:
            mapping.add_yaml_merge(_copy_merge(merge, memo))
        return mapping
    if type(node) is CommentedSeq:
        seq = CommentedSeq()
        memo[id(node)] = seq
        seq.extend(deep_copy(item, memo) for item in node)
        _copy_attributes(node, seq, memo)
        return seq
    if type(node) is dict:
        plain: dict[Any, Any] = {}
        memo[id(node)] = plain
        plain.update((key, deep_copy(value, memo)) for key, value in node.items())
        return plain
    if type(node) is list:
        items: list[Any] = []
        memo[id(node)] = items
        items.extend(deep_copy(item, memo) for item in node)
        return items
    if isinstance(node, Mapping | list):
        return copy.deepcopy(node, memo)  # other round-trip types (sets, ordered maps): rare
    return node  # scalars are immutable


def _copy_attributes(source: Any, target: Any, memo: dict[int, Any]) -> None:
    """Comments, flow style, positions, anchor and tag, through the same memo as the nodes.

    The memo matters for comments: ruamel keeps the comment above a collection's first entry
    both on the parent's entry and on the collection, as *one* token, and the emitter marks a
    token it wrote as done and resets it through the other holder. Two copies of that token
    come apart: the next dump skips the comment and writes ``key:   -`` onto one line.
    """
    from ruamel.yaml.anchor import Anchor
    from ruamel.yaml.comments import Comment, Format, LineCol
    from ruamel.yaml.tag import Tag

    for attribute in (Comment.attrib, Format.attrib, LineCol.attrib, Anchor.attrib, Tag.attrib):
        if hasattr(source, attribute):
            setattr(target, attribute, copy.deepcopy(getattr(source, attribute), memo))


def _copy_merge(merge: Any, memo: dict[int, Any]) -> Any:
    from ruamel.yaml.mergevalue import MergeValue

    copied = MergeValue()
    copied.merge_pos = merge.merge_pos
    if merge.sequence is not None:
        copied.set_sequence(deep_copy(merge.sequence, memo))
    copied.extend(deep_copy(source, memo) for source in merge.value)
    return copied
