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
indentation :func:`.layout.detect_layout` found. Every patched text is loaded again and compared
with the new data, so the patch path can only ever produce what the data says.

This module compares and decides; :mod:`.patch_text` knows where things are in the old text and
collects the edits, :mod:`.patch_render` writes new nodes the way the old text writes its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import Layout
from .equality import data_equal, key_text
from .fast import _compose, c_loader, paused_gc
from .patch_render import _eol_comment, _Renderer, _styled, _with_eol
from .patch_text import _COMMENT_OR_BLANK, Unpatchable, _scalar_value

_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def patch(old_text: str, new: Any) -> str:
    """``old_text`` holding the data of ``new`` (a mapping), changed only where the data differs.

    Raises :class:`Unpatchable` when the change cannot be written as a patch, or when the old
    text is not one YAML document the C parser reads (the caller's round-trip parse then
    reports the problem with its position).
    """
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

    loader = c_loader(text)
    try:
        return loader.get_single_data()
    except (YAMLError, RecursionError):
        raise Unpatchable("the patched text does not parse") from None
    finally:
        loader.dispose()


class _Patcher(_Renderer):
    """Compares the node graph of the old text with the new data and collects text edits."""

    def node(self, old: Any, new: Any, *, column: int, flow: bool = False) -> None:
        """Record the edits that make ``old`` hold ``new``; ``column`` is the parent's column."""
        if self.is_shared(old):
            if not data_equal(self.data(old), new):
                raise Unpatchable("a node shared through an alias changes")
            return
        if old.id in ("mapping", "sequence") and old.flow_style and not old.value and new:
            # ``{}`` / ``[]`` that gains content where block style cannot go (inside a flow
            # collection, or not after a block key): the new value, in flow style, in its place
            if not isinstance(new, Mapping if old.id == "mapping" else list | tuple):
                raise Unpatchable("an empty collection becomes another kind")
            self.edit(old.start_mark.index, self.end(old), self.flow_value(new))
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
            if not flow and self.empty_flow_filled(key_node, value_node, nvalue):
                previous = position
                continue
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

    def empty_flow_filled(self, key: Any, old: Any, new: Any) -> bool:
        """``key: {}`` or ``key: []`` in a block mapping that gains content: written in block style
        below the key, as a fresh file writes it (the braces were only how YAML spells empty; a
        generated spec committed before its first channel would otherwise grow on one line).
        The key line's comment stays on the key line. False when this does not apply."""
        kinds = {"mapping": Mapping, "sequence": list | tuple}
        if old.id not in kinds or not old.flow_style or old.value or self.json_style or self.is_shared(old):
            return False
        if not isinstance(new, kinds[old.id]) or not new or old.start_mark.line != key.start_mark.line:
            return False
        lines = self.block_value(new, key.start_mark.column).split(self.newline)
        if lines[0] != "":  # rendered on the key's line after all: leave it to the general path
            return False
        start, end = old.start_mark.index, self.end(old)
        while start > 0 and self.text[start - 1] == " ":
            start -= 1
        self.edit(start, end, "")
        at = self.line_end(end)
        text = "".join(line + self.newline for line in lines[1:])
        if at == len(self.text) and not self.text.endswith("\n"):
            text = self.newline + text
        self.edit(at, at, text)
        return True

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
