"""Rewrite a committed YAML text by patching it where the data changed, keeping every other byte.

A reviewer reads a rewrite as a diff, so the diff must be the change: an added ``title`` is one
line at its siblings' indent, a changed scalar is that scalar's span, and indentation, flow
collections, multi-line plain scalars, quoting, blank lines, comments and the final newline of
untouched nodes are the old bytes. ruamel's emitter cannot promise that (it re-indents, joins
lines, re-spaces flow collections), so here the old text is parsed with ruamel's C parser
(libyaml: every node with its start and end position, ~10x cheaper than the round-trip parse),
compared with the new data node by node, and edited in place:

* a mapping keeps its keys in their old order; a key the new data adds is inserted after the
  key it follows in the new data (before the comments that lead the next key, so a comment is
  never split from its key nor written twice), rendered in the style of its neighbours: a block
  entry at the siblings' column and the document's own indentation, or ``key: value`` inside a
  flow mapping; a deleted key goes with its leading comments;
* a changed scalar's span is replaced, in the old scalar's quoting class;
* sequence items are compared index by index; items are appended or dropped at the end.

What a patch cannot express (a change of kind, a change inside a node that an alias shares,
deleting from a flow collection, ``<<`` merge keys, ...) raises :class:`Unpatchable`, and the
caller falls back to the round-trip tree editor and ruamel's emitter configured with the
indentation :func:`detect_layout` found. Every patched text is loaded again and compared with the
new data, so the patch path can only ever produce what the data says.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import CANONICAL, Layout, _literal_safe, _round_trip_dump, from_plain, is_tree
from .equality import data_equal, key_text

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_COMMENT_OR_BLANK = re.compile(r"[ \t]*(#.*)?\r?\n?\Z")


class Unpatchable(Exception):
    """The change needs more than a text patch: rewrite the round-trip tree instead."""


def patch(old_text: str, new: Any) -> str:
    """``old_text`` holding the data of ``new`` (a mapping), changed only where the data differs.

    Raises :class:`Unpatchable` when the change cannot be written as a patch, or when the old
    text is not one YAML document the C parser reads (the caller's round-trip parse then
    reports the problem with its position).
    """
    from .fast import paused_gc

    with paused_gc():
        return _patch(old_text, new)


def _patch(old_text: str, new: Any) -> str:
    from ruamel.yaml.error import YAMLError

    try:
        root, loader = _compose(old_text)
    except (YAMLError, RecursionError) as exc:
        raise Unpatchable(f"the C parser does not read this text: {exc}") from None
    if root is None or root.tag != _MAP_TAG or not isinstance(new, Mapping):
        raise Unpatchable("the document root is not a mapping")
    patcher = _Patcher(old_text, root, loader)
    try:
        patcher.node(root, new, column=-1)
    except (YAMLError, RecursionError) as exc:  # e.g. a tag the safe constructor does not know
        raise Unpatchable(f"a value the C loader cannot construct: {exc}") from None
    if not patcher.edits:
        return old_text
    result = patcher.apply()
    if not data_equal(_load_checked(result), new):
        raise Unpatchable("the patched text does not hold the new data")
    return result


def _load_checked(text: str) -> Any:
    """The data of a patched text, read back to prove the patch (raises Unpatchable if unreadable).

    The old text's aliases were not expanded into anything new, so no alias-bomb check is needed.
    """
    from ruamel.yaml.error import YAMLError

    from .fast import c_loader

    loader = c_loader(text)
    try:
        return loader.get_single_data()
    except (YAMLError, RecursionError):
        raise Unpatchable("the patched text does not parse") from None
    finally:
        loader.dispose()


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


# --------------------------------------------------------------------------- parsing


def _compose(text: str) -> tuple[Node | None, Any]:
    """The node graph of ``text`` with positions (aliases share one node object), and the loader
    that built it (it also constructs scalar values, with the document's YAML version)."""
    from .fast import c_loader

    loader = c_loader(text)
    return loader.get_single_node(), loader


def _scalar_value(node: Any, constructor: Any) -> Any:
    """What a scalar node means as data (YAML 1.2, as the round-trip and fast loaders read it)."""
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return constructor.construct_object(node, deep=True)


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
    else:
        seq, offset = found_mapping + CANONICAL.offset, CANONICAL.offset
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


# --------------------------------------------------------------------------- the patcher


class _Patcher:
    """Compares the node graph of the old text with the new data and collects text edits."""

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

    # -- text helpers -------------------------------------------------------------------

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

    # -- comparison ----------------------------------------------------------------------

    def node(self, old: Any, new: Any, *, column: int, flow: bool = False) -> None:
        """Record the edits that make ``old`` hold ``new``; ``column`` is the parent's column."""
        if self.is_shared(old):
            if not data_equal(self.data(old), new):
                raise Unpatchable("a node shared through an alias changes")
            return
        if old.id == "mapping":
            if not isinstance(new, Mapping):
                raise Unpatchable("a mapping becomes another kind")
            self.mapping(old, new, column=column, flow=flow or bool(old.flow_style))
        elif old.id == "sequence":
            if not isinstance(new, list | tuple):
                raise Unpatchable("a sequence becomes another kind")
            self.sequence(old, new, column=column, flow=flow or bool(old.flow_style))
        else:
            if isinstance(new, Mapping | list | tuple):
                raise Unpatchable("a scalar becomes a collection")
            if old.tag == _MERGE_TAG:
                raise Unpatchable("a merge key")
            value = _scalar_value(old, self.constructor)
            if not data_equal(value, new):
                self.scalar(old, value, new, column=column, flow=flow)

    def mapping(self, old: Any, new: Mapping[Any, Any], *, column: int, flow: bool) -> None:
        entries = old.value
        index_of: dict[str, int] = {}
        for position, (key, _) in enumerate(entries):
            if key.id != "scalar" or key.tag == _MERGE_TAG:
                raise Unpatchable("a complex or merge key")
            text = key_text(_scalar_value(key, self.constructor))
            if text in index_of:
                raise Unpatchable("a duplicate key")
            index_of[text] = position
        wanted: set[str] = set()
        inserts: dict[int, list[tuple[Any, Any]]] = {}
        previous = -1
        for nkey, nvalue in new.items():
            text = key_text(nkey)
            wanted.add(text)
            position = index_of.get(text, -2)
            if position == -2:
                inserts.setdefault(previous, []).append((nkey, nvalue))
                continue
            key_node, value_node = entries[position]
            self.node(value_node, nvalue, column=key_node.start_mark.column, flow=flow)
            previous = position
        deleted = [position for text, position in index_of.items() if text not in wanted]
        if not inserts and not deleted:
            return
        if flow:
            self.flow_mapping_changes(old, inserts, deleted)
            return
        if len(deleted) == len(entries) and not inserts:
            raise Unpatchable("a block mapping becomes empty")
        sibling_column = entries[0][0].start_mark.column
        layout = self.local_layout(sibling_column - column) if column >= 0 else self.layout
        for after, items in inserts.items():
            self.insert_block_entries(old, new, after, items, sibling_column, layout, root=old is self.root)
        for position in deleted:
            start = self.entry_boundary(old, position, root=old is self.root)
            if start is None:
                raise Unpatchable("the first key shares its line with its parent")
            self.edit(start, self.line_end(self.value_end(entries[position])), "")

    def entry_boundary(self, mapping: Any, position: int, *, root: bool) -> int | None:
        """Where the lines of entry ``position`` begin: after the previous entry's last line,
        so the comments leading this entry belong to it (None when it starts mid-line)."""
        entries = mapping.value
        if position > 0:
            return self.line_end(self.value_end(entries[position - 1]))
        key_start = entries[0][0].start_mark.index
        line_start = self.line_start(key_start)
        if self.text[line_start:key_start].strip():
            return None
        if root:
            return line_start
        line = self.line_of(key_start)
        while line > 0:
            previous = self.text[self.line_starts[line - 1] : self.line_starts[line]]
            if not _COMMENT_OR_BLANK.match(previous):
                break
            line -= 1
        return self.line_starts[line]

    def value_end(self, entry: tuple[Any, Any]) -> int:
        key, value = entry
        if value.start_mark.index < key.end_mark.index:
            raise Unpatchable("the value is an alias")
        end = self.end(value)
        if value.id == "scalar" and end == value.start_mark.index and not value.value:
            colon = self.text.find(":", key.end_mark.index)
            return colon + 1 if colon >= 0 else key.end_mark.index
        return end

    def insert_block_entries(
        self,
        mapping: Any,
        new: Mapping[Any, Any],
        after: int,
        items: list[tuple[Any, Any]],
        column: int,
        layout: Layout,
        *,
        root: bool,
    ) -> None:
        text = "".join(
            self.leading(new, key, column, root=root)
            + _with_eol(self.block_entry(key, value, column, layout), _eol_comment(new, key))
            for key, value in items
        )
        if after >= 0:
            at = self.line_end(self.value_end(mapping.value[after]))
        else:
            boundary = self.entry_boundary(mapping, 0, root=root)
            if boundary is None:  # `- first: x`: the new key takes the dash line
                key_start = mapping.value[0][0].start_mark.index
                self.edit(key_start, key_start, text[column:] + " " * column)
                return
            at = boundary
        if at == len(self.text) and not self.text.endswith("\n"):
            text = self.newline + text
        self.edit(at, at, text)

    def flow_mapping_changes(self, old: Any, inserts: dict[int, list[tuple[Any, Any]]], deleted: list[int]) -> None:
        if deleted:
            raise Unpatchable("a key is deleted from a flow mapping")
        entries = old.value
        for after, items in inserts.items():
            text = ", ".join(self.flow_entry(key, value) for key, value in items)
            if not entries:
                start = old.start_mark.index
                end = old.end_mark.index
                self.edit(start, end, "{" + text + "}")
            elif after < 0:
                at = entries[0][0].start_mark.index
                self.edit(at, at, text + ", ")
            else:
                at = self.value_end(entries[after])
                self.edit(at, at, ", " + text)

    def sequence(self, old: Any, new: Any, *, column: int, flow: bool) -> None:
        items = old.value
        for index in range(min(len(items), len(new))):
            item = items[index]
            self.node(item, new[index], column=item.start_mark.column, flow=flow)
        if len(new) == len(items):
            return
        if not items or not new:
            raise Unpatchable("a sequence becomes empty or gains its first item")
        floor = items[-2].start_mark.index + 1 if len(items) > 1 else old.start_mark.index
        if items[-1].start_mark.index < floor:
            raise Unpatchable("the last item is an alias")
        if len(new) < len(items):
            if flow:
                raise Unpatchable("items are deleted from a flow sequence")
            start = self.line_end(self.end(items[len(new) - 1]))
            self.edit(start, self.line_end(self.end(items[-1])), "")
            return
        extra = new[len(items) :]
        last_end = self.end(items[-1])
        if flow:
            self.edit(last_end, last_end, "".join(", " + self.flow_value(value) for value in extra))
            return
        dash = self.text.rfind("-", self.line_start(items[-1].start_mark.index), items[-1].start_mark.index)
        if dash < 0:
            raise Unpatchable("a sequence item without its dash on its line")
        dash_column = dash - self.line_start(dash)
        text = "".join(self.block_item(value, dash_column) for value in extra)
        at = self.line_end(last_end)
        if at == len(self.text) and not self.text.endswith("\n"):
            text = self.newline + text
        self.edit(at, at, text)

    def scalar(self, old: Any, old_value: Any, new: Any, *, column: int, flow: bool) -> None:
        start, end = old.start_mark.index, old.end_mark.index
        if start == end:
            raise Unpatchable("an empty (null) value gains content")
        styled = _styled(old, new)
        rendered = self.flow_value(styled) if flow else self.block_value(styled, column)
        end = self.end(old)
        if rendered == "":
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
        self.edit(start, end, rendered)

    # -- rendering new nodes in the document's style --------------------------------------

    def dump(self, data: Any, layout: Layout | None = None) -> str:
        text = _round_trip_dump(data, layout=layout or self.layout)
        return text.replace("\n", self.newline) if self.newline != "\n" else text

    def local_layout(self, mapping_indent: int) -> Layout:
        """The document's layout with the mapping indent of the block being added to, so that a
        subtree added to a block indented unlike the rest of the file matches that block."""
        layout = self.layout
        if mapping_indent < 1 or mapping_indent == layout.mapping:
            return layout
        if layout.offset == layout.mapping:  # dashes indented like mappings
            offset = mapping_indent
            sequence = mapping_indent + layout.sequence - layout.offset
        else:
            offset, sequence = layout.offset, layout.sequence
        if sequence < offset + 2:
            return layout
        return Layout(mapping=mapping_indent, sequence=sequence, offset=offset)

    def leading(self, new: Mapping[Any, Any], key: Any, column: int, *, root: bool) -> str:
        """The comment lines that lead ``key`` in a new round-trip tree, at ``column``."""
        if not is_tree(new):
            return ""
        from .comment_slots import leading_lines

        # In a tree parsed from the old text itself (titles, or a template rendered before) the
        # lines before a new key are often the old text's comments that lead the next key:
        # only lines the old text does not hold yet are new, or they would be written twice.
        lines = [line.strip() for line in leading_lines(new, key, root=root)]
        lines = [line for line in lines if line and line not in self.comment_lines]
        return "".join(" " * column + line + self.newline for line in lines)

    @functools.cached_property
    def comment_lines(self) -> frozenset[str]:
        return frozenset(line.strip() for line in self.text.splitlines() if line.lstrip().startswith("#"))

    def block_entry(self, key: Any, value: Any, column: int, layout: Layout) -> str:
        """``key: value`` as block lines at ``column``, nested lines indented as ``layout`` says."""
        from ruamel.yaml.comments import CommentedMap

        if not is_tree(value) and not isinstance(value, Mapping | list | tuple) and isinstance(key, str):
            # one plain scalar entry (a title): the fast writer spells it as ruamel does
            from .emit import emit

            text = emit({key: value})
            return _indent(text.replace("\n", self.newline) if self.newline != "\n" else text, column)
        fragment = CommentedMap()
        fragment[key] = _fresh(value)
        text = self.dump(fragment, layout)
        return _indent(_drop_trailing_comments(text) if is_tree(value) else text, column)

    def block_item(self, value: Any, column: int) -> str:
        from ruamel.yaml.comments import CommentedSeq

        fragment = CommentedSeq()
        fragment.append(_fresh(value))
        text = _dedent(self.dump(fragment))
        return _indent(_drop_trailing_comments(text) if is_tree(value) else text, column)

    def block_value(self, value: Any, column: int) -> str:
        """A scalar as it follows ``key: `` at ``column`` (block scalars indented under it)."""
        from ruamel.yaml.comments import CommentedMap

        fragment = CommentedMap()
        fragment["k"] = value
        text = self.dump(fragment)
        if not text.startswith("k:"):
            raise Unpatchable("unexpected rendering")
        text = text[2:].lstrip(" ")
        lines = text.split(self.newline)
        if lines and lines[-1] == "":
            lines.pop()
        width = self.layout.mapping
        body = [lines[0]] + [(" " * (column + width) + line[width:]) if line else line for line in lines[1:]]
        return self.newline.join(body)

    def flow_entry(self, key: Any, value: Any) -> str:
        return self.flow_value({key: value})[1:-1]

    def flow_value(self, value: Any) -> str:
        """One value in flow style on one line (collections as ``{...}`` / ``[...]``)."""
        if self.json_style:
            import json

            from . import to_plain

            return json.dumps(to_plain(value), ensure_ascii=False)
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        node = _flow(value)
        if isinstance(node, Mapping | list):
            text = _round_trip_dump(CommentedMap(k=node), layout=CANONICAL)  # `k: {...}`
        else:
            holder = CommentedSeq()  # a scalar as a flow context quotes it: `k: [...]`
            holder.append(node)
            holder.fa.set_flow_style()
            text = _round_trip_dump(CommentedMap(k=holder), layout=CANONICAL)
            text = "k: " + text[4:-2] + "\n" if text.startswith("k: [") and text.endswith("]\n") else ""
        if not text.startswith("k: ") or text.count("\n") != 1:
            raise Unpatchable("a value that does not fit on one line in a flow collection")
        return text[3:-1]


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


def _styled(old: Any, new: Any) -> Any:
    """``new`` in the quoting class of the old scalar, as the tree editor keeps it."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        PlainScalarString,
        SingleQuotedScalarString,
    )

    if not isinstance(new, str):
        return new
    text = str(new)
    style = old.style
    if old.tag != "tag:yaml.org,2002:str" and style is None:
        return from_plain(text)
    if style == "'":
        return SingleQuotedScalarString(text)
    if style == '"':
        return DoubleQuotedScalarString(text)
    if style in ("|", ">") and _literal_safe(text):
        return LiteralScalarString(text) if style == "|" else FoldedScalarString(text)
    if "\n" in text.rstrip("\n"):
        return from_plain(text)
    return PlainScalarString(text)


def _fresh(value: Any) -> Any:
    """A value ready to dump on its own: plain data as round-trip nodes, trees without anchors."""
    if is_tree(value):
        from . import detached_copy

        return detached_copy(value)
    return from_plain(value)


def _flow(value: Any) -> Any:
    node = _fresh(value)
    if isinstance(node, Mapping | list):
        from . import walk

        for item in walk(node):
            fa = getattr(item, "fa", None)
            if fa is not None:
                fa.set_flow_style()
    return node


def _eol_comment(container: Any, key: Any) -> str | None:
    """The end-of-line comment on ``key``'s line in a new round-trip tree (``# ...``), if any.

    ruamel stores it with the full-line comments after the entry; those lead the next key and
    are not taken.
    """
    ca = getattr(container, "ca", None)
    entry = ca.items.get(key) if ca is not None else None
    token = entry[2] if entry and len(entry) > 2 else None
    text = getattr(token, "value", None)
    if not isinstance(text, str) or not text.startswith("#"):
        return None
    value = container[key]
    if isinstance(value, str) and value.__class__.__name__ in ("LiteralScalarString", "FoldedScalarString"):
        return None  # after a block scalar every comment line is a full line
    return text.split("\n", 1)[0].rstrip()


def _with_eol(entry: str, comment: str | None) -> str:
    """``entry`` with ``comment`` at the end of its first line."""
    if comment is None:
        return entry
    first, newline, rest = entry.partition("\n")
    return f"{first.rstrip(chr(13))}  {comment}{chr(13) if first.endswith(chr(13)) else ''}{newline}{rest}"


def _indent(text: str, column: int) -> str:
    if column <= 0:
        return text
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def _dedent(text: str) -> str:
    lines = text.splitlines(keepends=True)
    width = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
    return "".join(line[width:] for line in lines)


def _drop_trailing_comments(text: str) -> str:
    """Cut comment lines after a fragment's last value: in the new tree they lead the key after
    it, which the old text already has with its own comments."""
    lines = text.splitlines(keepends=True)
    while len(lines) > 1 and _COMMENT_OR_BLANK.match(lines[-1]) and not lines[-1].lstrip().startswith(("|", ">")):
        lines.pop()
    return "".join(lines)
