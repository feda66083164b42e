"""The tree editor: make a round-trip tree hold new data in place, keeping comments and layout.

A change never replaces a mapping wholesale: mappings are rewritten key by key, sequences
index by index, scalars keep their quoting class, and whenever an entry is inserted, deleted or
changes kind, the "tail" lines that lead the *next* entry are detached and re-attached so they
stay above that entry (:mod:`.comment_slots` says where those lines live). Collections reachable
through an anchor are copied before they change. :mod:`.tree_merge` builds the merge of overlay
documents on the same moves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import _literal_safe, detached_copy, from_plain, is_tree, shared_node_ids
from .comment_slots import (
    _eol_token,
    _flow_if_empty,
    _flow_length,
    _is_block_collection,
    _is_block_scalar,
    _is_flow,
    _last_entry,
    _pre_lines,
    _set_pre_lines,
    _shift_eol,
    _split_tail,
    _token_column,
    add_tail_lines,
    leading_lines,
    lines_before_first_entry,
    own_keys,
    take_tail_lines,
    without_lines,
)
from .equality import data_equal, key_text

_MISSING: Any = object()


class _Editor:
    """One rewrite or merge over one target tree (shared-node ids are computed once)."""

    def __init__(self, target: Any, *, source_style: bool = False) -> None:
        self.shared = shared_node_ids(target)
        # A merge writes a replaced scalar as the overlay wrote it; a rewrite keeps the target's
        # quoting (its new content is usually generated data, which has no style of its own).
        self.source_style = source_style

    # -- building blocks --------------------------------------------------------------------

    def fresh(self, value: Any) -> Any:
        """A copy of a source value for the target: no anchors, no comments that lead siblings."""
        if not is_tree(value) and isinstance(value, Mapping | list):
            return from_plain(value)
        if isinstance(value, str) and not is_tree(value) and "\n" in value:
            return from_plain(value)
        if not isinstance(value, Mapping | list) and getattr(value, "anchor", None) is None:
            return value
        copied = detached_copy(value)
        if _is_block_collection(copied):
            take_tail_lines(copied, _last_entry(copied))
        return copied

    def writable(self, container: Any, key: Any) -> Any:
        """The collection at ``container[key]``, copied first if an anchor shares it."""
        value = container[key]
        inherited = isinstance(container, Mapping) and key not in own_keys(container)
        if id(value) in self.shared or inherited:
            value = detached_copy(value)
            container[key] = value
        return value

    def set_scalar(self, container: Any, key: Any, new: Any) -> None:
        old = container[key]
        value = new
        from ruamel.yaml.scalarstring import PlainScalarString, ScalarString

        if self.source_style and (not isinstance(new, str) or isinstance(new, ScalarString) or "\n" not in new):
            # The overlay's own scalar carries its style (quotes, block, number format); a plain
            # one needs the plain class, or ruamel re-applies the old block style for us.
            value = PlainScalarString(new) if type(new) is str else new
        elif isinstance(new, str) and isinstance(old, str):
            text = str(new)

            if isinstance(old, ScalarString) and (not _is_block_scalar(old) or _literal_safe(text)):
                from . import same_style_string

                value = same_style_string(old, text)
            else:
                # A plain class stops ruamel from re-applying the old (block) style for us.
                value = PlainScalarString(text)
        elif isinstance(new, str) and not is_tree(new) and "\n" in new:
            value = from_plain(new)
        # After a block scalar every comment is a full line; after a one-line value the first
        # one shares its line. When the kind changes, the lines are detached and put back.
        kind_changes = _is_block_scalar(old) != _is_block_scalar(value)
        lines = take_tail_lines(container, key) if kind_changes else []
        _shift_eol(container, key, _flow_length(old), value)
        if isinstance(container, list):
            list.__setitem__(container, key, value)
        else:
            container[key] = value
        add_tail_lines(container, key, lines)

    def replace(self, container: Any, key: Any, new: Any) -> None:
        """Give an entry a value of another kind, keeping its key-line comment and tail lines."""
        lines = take_tail_lines(container, key)
        value = self.fresh(new)
        if isinstance(container, list):
            list.__setitem__(container, key, value)
            ca = getattr(container, "ca", None)
            entry = ca.items.get(key) if ca is not None else None
            if entry and isinstance(value, Mapping | list):
                entry[0] = None  # a collection item has no line of its own to carry it
        else:
            container[key] = value
            entry = container.ca.items.get(key) if getattr(container, "ca", None) else None
            if entry and not isinstance(value, Mapping | list) and len(entry) > 3:
                entry[3] = None
        add_tail_lines(container, key, lines)

    def update(self, container: Any, key: Any, new: Any, path: tuple[Any, ...]) -> bool:
        """Make ``container[key]`` hold the data of ``new``; True when something changed."""
        old = container[key]
        if data_equal(old, new):
            return False
        if isinstance(old, Mapping | list) and isinstance(new, Mapping | list) and not _is_block_collection(old):
            # a flow collection (or an empty one) shares its line with the key's comment
            before, was_empty = _flow_length(old), len(old) == 0  # before: the update may fill `old` itself
            eol = _eol_token(container, key)
            column = _token_column(eol) if eol is not None else 0
            self._update_collection(container, key, new, path)
            value = container[key]
            if was_empty and len(value) > 0 and not _is_flow(new):
                value.fa.set_block_style()  # `key: {}` that gains content is written as a block
                if eol is not None:  # the `{}` and its space leave the key's line; the gap stays
                    eol.start_mark.column = max(0, column - before - 1)
            else:
                _shift_eol(container, key, before, value)
            return True
        if self._update_collection(container, key, new, path):
            return True
        if not isinstance(old, Mapping | list) and not isinstance(new, Mapping | list):
            self.set_scalar(container, key, new)
            return True
        self.replace(container, key, new)
        return True

    def _update_collection(self, container: Any, key: Any, new: Any, path: tuple[Any, ...]) -> bool:
        old = container[key]
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            target = self.writable(container, key)
            orphans = self.rewrite_map(target, new, path)
            _flow_if_empty(target)
            add_tail_lines(container, key, orphans)
            return True
        if isinstance(old, list) and isinstance(new, list):
            target = self.writable(container, key)
            orphans = self.rewrite_seq(target, new)
            _flow_if_empty(target)
            add_tail_lines(container, key, orphans)
            return True
        if isinstance(old, Mapping | list) and isinstance(new, Mapping | list):
            self.replace(container, key, new)
            return True
        return False

    def delete(self, mapping: Any, key: Any) -> list[str]:
        """Delete a key with its own leading comments; returns lines nobody could take."""
        if key not in own_keys(mapping):
            self._flatten(mapping)
        keys = own_keys(mapping)
        index = keys.index(key)
        lines = take_tail_lines(mapping, key)
        if index > 0:
            take_tail_lines(mapping, keys[index - 1])  # the deleted key's own leading comments
        del mapping[key]
        ca = getattr(mapping, "ca", None)
        if ca is not None:
            ca.items.pop(key, None)
        if index > 0:
            add_tail_lines(mapping, keys[index - 1], lines)
            return []
        if len(keys) > 1:
            following = keys[1]
            _set_pre_lines(mapping, following, lines + _pre_lines(mapping, following))
            return []
        return lines

    def _flatten(self, mapping: Any) -> None:
        """Turn inherited (``<<:``) keys into written ones so one of them can be deleted."""
        from ruamel.yaml.comments import merge_attrib

        for key in list(mapping.keys()):
            if key not in own_keys(mapping):
                value = mapping[key]
                mapping[key] = detached_copy(value) if isinstance(value, Mapping | list) else value
        if hasattr(mapping, merge_attrib):
            delattr(mapping, merge_attrib)

    def insert(self, mapping: Any, index: int, key: Any, value: Any, *, source: Any = None, source_key: Any = None, source_root: bool = False) -> None:
        """Insert ``key`` at ``index`` with the comments that lead it (and follow it) in ``source``."""
        keys = own_keys(mapping)
        moved = take_tail_lines(mapping, keys[index - 1]) if index > 0 else []
        fresh = self.fresh(value)
        lead: list[str] = []
        if source is not None and is_tree(source):
            # The lines the target already writes at this spot (those above its first key, or
            # the ones just detached) are often the very lines ``source`` puts above the new key:
            # a source made from the same file. Adding them again would write a comment twice.
            here = moved if index > 0 else lines_before_first_entry(mapping)
            lead = without_lines(leading_lines(source, source_key, root=source_root), here)
        if hasattr(mapping, "insert") and hasattr(mapping, "ca"):
            mapping.insert(index, key, fresh)
            source_entry = source.ca.items.get(source_key) if is_tree(source) else None
            if source_entry:
                eol, _ = _split_tail(source, source_key) if not isinstance(fresh, Mapping | list) else (source_entry[2], [])
                entry = [None, None, eol, source_entry[3] if isinstance(fresh, Mapping | list) and len(source_entry) > 3 else None]
                mapping.ca.items[key] = entry
            _set_pre_lines(mapping, key, lead)
            add_tail_lines(mapping, key, moved)
        else:
            mapping[key] = fresh

    # -- rewrite ----------------------------------------------------------------------------

    def rewrite_map(self, old: Any, new: Mapping[Any, Any], path: tuple[Any, ...], *, root: bool = False) -> list[str]:
        new_keys = {key_text(k): k for k in new}
        orphans: list[str] = []
        for key in list(old.keys()):
            if key_text(key) not in new_keys:
                orphans = self.delete(old, key) + orphans
        previous: Any = _MISSING
        for nkey, nvalue in new.items():
            existing = self._find(old, nkey)
            if existing is _MISSING:
                index = own_keys(old).index(previous) + 1 if previous is not _MISSING else 0
                self.insert(old, index, nkey, nvalue, source=new, source_key=nkey, source_root=root)
                previous = nkey
            else:
                self.update(old, existing, nvalue, (*path, existing))
                previous = existing
        if orphans and len(old):
            add_tail_lines(old, _last_entry(old), orphans)
            return []
        return orphans

    @staticmethod
    def _find(mapping: Mapping[Any, Any], key: Any) -> Any:
        if key in mapping:
            return key
        text = key_text(key)
        for candidate in mapping:
            if key_text(candidate) == text:
                return candidate
        return _MISSING

    def rewrite_seq(self, old: Any, new: list[Any]) -> list[str]:
        """Index by index in place; returns tail lines left over when the list became empty."""
        n_old, n_new = len(old), len(new)
        for index in range(min(n_old, n_new)):
            self.update(old, index, new[index], ())
        if n_new > n_old:
            lines = take_tail_lines(old, n_old - 1) if n_old else []
            for index in range(n_old, n_new):
                if index > 0 and is_tree(new):
                    add_tail_lines(old, index - 1, leading_lines(new, index))
                old.append(self.fresh(new[index]))
            add_tail_lines(old, n_new - 1, lines)
        elif n_new < n_old:
            lines = take_tail_lines(old, n_old - 1)
            for index in reversed(range(n_new, n_old)):
                del old[index]
            if n_new == 0:
                return lines
            take_tail_lines(old, n_new - 1)  # the leading comments of the first removed item
            add_tail_lines(old, n_new - 1, lines)
        return []


def rewrite(existing: Any, new: Any) -> bool:
    """Make the round-trip mapping ``existing`` hold exactly the data of ``new``, in place.

    ``new`` may be a tree (its comments come along with the keys it adds) or plain data.
    Unchanged nodes keep comments, quoting and layout; changed strings keep their quoting class;
    new keys go where ``new`` places them; anchored nodes are copied before they change.
    Returns whether anything changed (False means ``existing`` was not touched at all).
    """
    if data_equal(existing, new):
        return False
    editor = _Editor(existing)
    if isinstance(existing, Mapping) and isinstance(new, Mapping):
        editor.rewrite_map(existing, new, (), root=True)
    elif isinstance(existing, list) and isinstance(new, list):
        editor.rewrite_seq(existing, new)
    else:
        raise TypeError("rewrite() needs two mappings or two lists")
    return True
