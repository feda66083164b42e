"""Merge an overlay document into a round-trip tree in place (RFC 7386, extended), comments kept.

The merge is the tree editor's moves (:mod:`.edit`) with merge semantics on top: ``null``
deletes, lists of named objects merge item by item, a mapping meeting a non-mapping is a
:class:`Clash`, every change is reported, and the overlay's comments come along with its keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from . import is_tree
from .comment_slots import (
    _comment_token,
    _end_lines,
    _flow_if_empty,
    _is_block_scalar,
    _last_entry,
    _pre_lines,
    _set_head_lines,
    _set_key_line_comment,
    _set_pre_lines,
    _split_tail,
    _token_column,
    add_tail_lines,
    head_lines,
    key_line_comment,
    leading_lines,
    own_keys,
    take_tail_lines,
    without_lines,
)
from .edit import _MISSING, _Editor
from .equality import data_equal

ChangeKind = Literal["changed", "added", "deleted"]
#: ``on_change(kind, path)``: called once for each key or item a merge adds, changes or deletes.
OnChange = Callable[[ChangeKind, tuple[Any, ...]], None]


class Clash(Exception):
    """A mapping meets a non-mapping during a merge (``_merge`` turns this into ``MergeError``)."""

    def __init__(self, base_path: tuple[Any, ...], overlay_path: tuple[Any, ...], base_kind: str, overlay_kind: str) -> None:
        super().__init__(f"{base_kind} in the base, {overlay_kind} in the overlay")
        self.base_path = base_path
        self.overlay_path = overlay_path
        self.base_kind = base_kind
        self.overlay_kind = overlay_kind


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else "a scalar"


def _named_list(items: Any) -> bool:
    return (
        isinstance(items, list)
        and len(items) > 0
        and all(isinstance(item, Mapping) and isinstance(item.get("name"), str) for item in items)
    )


class _Merger(_Editor):
    """One merge of an overlay into one target tree: the editor's moves, merge semantics."""

    def __init__(self, target: Any, *, on_change: OnChange | None, source_style: bool) -> None:
        super().__init__(target, source_style=source_style)
        self.on_change = on_change

    def _report(self, kind: ChangeKind, path: tuple[Any, ...]) -> None:
        if self.on_change is not None:
            self.on_change(kind, path)

    def would_change(self, base: Any, overlay: Any) -> bool:
        """Whether merging ``overlay`` into ``base`` changes anything (so nothing is copied)."""
        if isinstance(base, Mapping) and isinstance(overlay, Mapping):
            for key, value in overlay.items():
                found = self._find(base, key)
                if value is None:
                    if found is not _MISSING:
                        return True
                elif found is _MISSING or self.would_change(base[found], value):
                    return True
            return False
        if _named_list(base) and _named_list(overlay):
            names = {item["name"]: item for item in base}
            return any(item["name"] not in names or self.would_change(names[item["name"]], item) for item in overlay)
        return not data_equal(base, overlay)

    def merge_map(self, base: Any, overlay: Mapping[Any, Any], path: tuple[Any, ...], opath: tuple[Any, ...], *, root: bool = False) -> list[str]:
        """Merge one mapping level; returns comment lines left over if ``base`` became empty."""
        okeys = list(overlay.keys())
        previous: Any = _MISSING
        orphans: list[str] = []
        for position, okey in enumerate(okeys):
            ovalue = overlay[okey]
            found = self._find(base, okey)
            here, ohere = (*path, found if found is not _MISSING else okey), (*opath, okey)
            if ovalue is None:
                if found is not _MISSING:
                    orphans = self.delete(base, found) + orphans
                    self._report("deleted", here)
                continue
            if found is _MISSING:
                index = self._insert_index(base, okeys[position + 1 :], previous, overlay)
                self.insert(base, index, okey, ovalue, source=overlay, source_key=okey, source_root=root)
                self._report("added", here)
                previous = okey
                continue
            previous = found
            bvalue = base[found]
            if isinstance(bvalue, Mapping) and isinstance(ovalue, Mapping):
                if self._worth_visiting(bvalue, ovalue):
                    target = self.writable(base, found)
                    left = self.merge_map(target, ovalue, here, ohere)
                    _flow_if_empty(target)
                    add_tail_lines(base, found, left)
                self.take_comments(base, found, overlay, okey, root=root)
                continue
            if bvalue is not None and (isinstance(bvalue, Mapping) or isinstance(ovalue, Mapping)):
                raise Clash(here, ohere, _kind(bvalue), _kind(ovalue))
            if _named_list(bvalue) and _named_list(ovalue):
                if self._worth_visiting(bvalue, ovalue):
                    self.merge_named(self.writable(base, found), ovalue, here, ohere)
            elif self.update(base, found, ovalue, here):
                self._report("changed", here)
            self.take_comments(base, found, overlay, okey, root=root)
        if orphans and len(base):
            add_tail_lines(base, _last_entry(base), orphans)
            return []
        return orphans

    def _worth_visiting(self, base: Any, overlay: Any) -> bool:
        """Merge into ``base`` when data change, or to bring the overlay's comments, unless that
        would mean copying a node an anchor shares (comments alone are not worth expanding it)."""
        return self.would_change(base, overlay) or (is_tree(overlay) and id(base) not in self.shared)

    @staticmethod
    def take_comments(base: Any, key: Any, overlay: Any, okey: Any, *, root: bool) -> None:
        """Bring the overlay's comments on a key both sides have: the full lines above it (after
        the base's own, lines the base already has skipped) and its end-of-line comment (after
        the base's, when the base has a different one)."""
        if not is_tree(overlay) or getattr(base, "ca", None) is None or key not in own_keys(base):
            return
        lead = without_lines(leading_lines(overlay, okey, root=root), leading_lines(base, key, root=root))
        if lead:
            _set_pre_lines(base, key, _pre_lines(base, key) + lead)
        theirs = key_line_comment(overlay, okey)
        if theirs is None or _is_block_scalar(base[key]):
            return
        ours = key_line_comment(base, key)
        if ours is None:
            _set_key_line_comment(base, key, theirs)
        elif theirs.value.strip() not in ours.value:
            both = ours.value.rstrip("\n") + "  " + theirs.value.strip() + "\n"
            _set_key_line_comment(base, key, _comment_token(both, _token_column(ours)))

    def _insert_index(self, base: Any, later: Iterable[Any], previous: Any, overlay: Mapping[Any, Any]) -> int:
        keys = own_keys(base)
        if previous is not _MISSING:
            return keys.index(previous) + 1
        for key in later:
            found = self._find(base, key)
            if found is not _MISSING and overlay[key] is not None and found in keys:
                return keys.index(found)
        return len(keys)

    def merge_named(self, base: Any, overlay: list[Any], path: tuple[Any, ...], opath: tuple[Any, ...]) -> None:
        for oindex, item in enumerate(overlay):
            match = next((i for i, existing in enumerate(base) if existing.get("name") == item["name"]), None)
            if match is None:
                lines = take_tail_lines(base, len(base) - 1)
                add_tail_lines(base, len(base) - 1, leading_lines(overlay, oindex) if is_tree(overlay) else [])
                base.append(self.fresh(item))
                add_tail_lines(base, len(base) - 1, lines)
                self._report("added", (*path, len(base) - 1))
            elif self._worth_visiting(base[match], item):
                # a named item always keeps its `name`, so it never becomes empty
                self.merge_map(self.writable(base, match), item, (*path, match), (*opath, oindex))


def merge_into(base: Any, overlay: Mapping[Any, Any], *, on_change: OnChange | None = None) -> None:
    """Apply ``overlay`` to the round-trip mapping ``base`` in place (RFC 7386, extended).

    Later documents win on scalars, ``null`` deletes a key, lists are replaced except lists of
    named objects (every item a mapping with a ``name``), which merge item by item on ``name``.
    A mapping meeting a non-mapping raises :class:`Clash`. ``on_change`` hears every change.
    """
    editor = _Merger(base, on_change=on_change, source_style=is_tree(overlay))
    editor.merge_map(base, overlay, (), (), root=True)
    if is_tree(overlay) and len(overlay) and len(base):
        # The overlay's head and footer comments (its first and last lines) have no key to
        # travel with: they go after the base's own head and footer.
        _set_head_lines(base, head_lines(base) + without_lines(head_lines(overlay), head_lines(base)))
        last = _last_entry(base)
        footer = _split_tail(overlay, list(overlay)[-1])[1] + _end_lines(overlay)
        add_tail_lines(base, last, without_lines(footer, _split_tail(base, last)[1] + _end_lines(base)))
