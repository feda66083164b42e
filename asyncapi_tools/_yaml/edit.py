"""Comment surgery on round-trip trees: rewrite a tree into new data, merge overlays into it.

Where ruamel 0.19 keeps comments decides everything here (docs/design-rules.md, "Where ruamel keeps comments"):

* An end-of-line comment *and the full-line comments after it* are one token hanging off the
  entry before them: ``map.ca.items[key][2]`` or ``seq.ca.items[index][0]``. When that entry's value
  is a block collection, the token sits on the deepest last scalar of the subtree, so the comment
  above key ``b`` belongs, as far as ruamel is concerned, to the last leaf before ``b``.
* Comments before a key can also sit on the key itself (``map.ca.items[key][1]``, a list); the
  parser does that after flow collections, and we do it for every key we insert.
* A ``key:`` line whose value is a collection keeps its end-of-line comment in
  ``map.ca.items[key][2]`` and the comments before the first child in ``[3]``.

So a change never replaces a mapping wholesale: mappings are rewritten key by key, sequences
index by index, scalars keep their quoting class, and whenever an entry is inserted, deleted or
changes kind, the "tail" lines that lead the *next* entry are detached and re-attached so they
stay above that entry. Collections reachable through an anchor are copied before they change.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from . import _literal_safe, detached_copy, from_plain, is_tree, shared_node_ids

ChangeKind = Literal["changed", "added", "deleted"]
#: ``on_change(kind, path)``: called once for each key or item a merge adds, changes or deletes.
OnChange = Callable[[ChangeKind, tuple[Any, ...]], None]

_MISSING: Any = object()
#: Where ruamel keeps a mapping's ``<<:`` sources (``ruamel.yaml.comments.merge_attrib``; read
#: directly because the ``merge`` property creates the attribute when it is missing).
_MERGE_ATTRIB = "_yaml_merge"


class Clash(Exception):
    """A mapping meets a non-mapping during a merge (``_merge`` turns this into ``MergeError``)."""

    def __init__(self, base_path: tuple[Any, ...], overlay_path: tuple[Any, ...], base_kind: str, overlay_kind: str) -> None:
        super().__init__(f"{base_kind} in the base, {overlay_kind} in the overlay")
        self.base_path = base_path
        self.overlay_path = overlay_path
        self.base_kind = base_kind
        self.overlay_kind = overlay_kind


# --------------------------------------------------------------------------- data comparison


def _scalar_key(value: Any) -> tuple[str, Any]:
    """What a scalar means as data, type-aware: ``1``, ``1.0`` and ``True`` are three values."""
    if value is None:
        return ("null", None)
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return ("bool", bool(value))
    if isinstance(value, int):
        return ("int", int(value))
    if isinstance(value, float):
        return ("float", repr(float(value))) if value != value else ("float", float(value))
    if isinstance(value, str):
        return ("str", str(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return ("str", value.isoformat())  # as to_plain sees it, and as JSON Schema does
    return ("other", str(value))


def key_text(key: Any) -> str:
    """Keys are matched as text (``200`` and ``'200'`` are one key once converted to JSON)."""
    return key if isinstance(key, str) else str(key)


def data_equal(a: Any, b: Any) -> bool:
    """Equal as data: trees or plain data, key order, comments and style ignored, types not.

    Each pair of collections is compared once (aliases make one object appear on many paths:
    a document whose anchors nest ``d`` deep has ``2**d`` of them).
    """
    return _equal(a, b, {})


def _equal(a: Any, b: Any, seen: dict[tuple[int, int], bool]) -> bool:
    if isinstance(a, Mapping | list | tuple) and isinstance(b, Mapping | list | tuple):
        pair = (id(a), id(b))
        if pair not in seen:
            seen[pair] = True  # a pair met again inside itself (a recursive alias) is not a difference
            seen[pair] = _equal_collections(a, b, seen)
        return seen[pair]
    if isinstance(a, Mapping | list | tuple) or isinstance(b, Mapping | list | tuple):
        return False
    return _scalar_key(a) == _scalar_key(b)


def _equal_collections(a: Any, b: Any, seen: dict[tuple[int, int], bool]) -> bool:
    if isinstance(a, Mapping):
        if not isinstance(b, Mapping) or len(a) != len(b):
            return False
        other = {key_text(k): v for k, v in b.items()}
        for key, value in a.items():
            match = other.get(key_text(key), _MISSING)
            if match is _MISSING or not _equal(value, match, seen):
                return False
        return True
    if isinstance(b, Mapping) or len(a) != len(b):
        return False
    return all(_equal(x, y, seen) for x, y in zip(a, b, strict=True))


# --------------------------------------------------------------------------- comment slots


def _comment_token(text: str, column: int) -> Any:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(text, CommentMark(column))


def _token_column(token: Any) -> int:
    mark = getattr(token, "start_mark", None)
    return int(getattr(mark, "column", 0) or 0)


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, LiteralScalarString | FoldedScalarString)


def _is_block_collection(value: Any) -> bool:
    if not isinstance(value, Mapping | list) or len(value) == 0:
        return False
    if isinstance(value, Mapping) and getattr(value, _MERGE_ATTRIB, None) and not own_keys(value):
        return False  # only `<<:` keys: no entry of its own to carry the comments after it
    fa = getattr(value, "fa", None)
    return not (fa is not None and fa.flow_style())


def own_keys(mapping: Mapping[Any, Any]) -> list[Any]:
    """Keys written in this mapping (not inherited through a ``<<:`` merge key), in order."""
    non_merged = getattr(mapping, "non_merged_items", None)
    if callable(non_merged):
        return [key for key, _ in non_merged()]
    return list(mapping.keys())


def _last_entry(node: Any) -> Any:
    return own_keys(node)[-1] if isinstance(node, Mapping) else len(node) - 1


def _entry(container: Any, key: Any) -> list[Any] | None:
    """The ``ca.items`` list of one entry, created on demand (None for plain containers)."""
    ca = getattr(container, "ca", None)
    if ca is None:
        return None
    entry: list[Any] | None = ca.items.get(key)
    if entry is None:
        entry = [None, None, None, None]
        value = container[key]
        inner = getattr(getattr(value, "ca", None), "comment", None)
        if isinstance(container, Mapping) and inner:
            # The representer lets the parent's entry override the value's own key-line
            # comments; seed the new entry with them so creating it loses nothing.
            entry[2] = inner[0]
            entry[3] = inner[1] if len(inner) > 1 else None
        ca.items[key] = entry
    return entry


def _tail_holder(container: Any, key: Any) -> tuple[Any, Any]:
    """The (container, key) whose token ends the entry: its deepest last block descendant."""
    value = container[key]
    while _is_block_collection(value):
        container, key = value, _last_entry(value)
        value = container[key]
    return container, key


def _slot(container: Any) -> int:
    return 2 if isinstance(container, Mapping) else 0


def _split_tail(container: Any, key: Any) -> tuple[Any, list[str]]:
    """(end-of-line part as a token or None, the full lines that follow it) of an entry's tail."""
    holder, hkey = _tail_holder(container, key)
    ca = getattr(holder, "ca", None)
    entry = ca.items.get(hkey) if ca is not None else None
    token = entry[_slot(holder)] if entry else None
    if token is None:
        return None, []
    text = token.value
    if _is_block_scalar(holder[hkey]):
        # After a block scalar nothing can share the last line: every line is a full line.
        if text.startswith("#"):
            text = " " * _token_column(token) + text
        return None, _lines(text)
    if text.startswith("\n"):
        return None, _lines(text[1:])
    first, _, rest = text.partition("\n")
    return _comment_token(first + "\n", _token_column(token)), _lines(rest)


def _lines(text: str) -> list[str]:
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n") if text else []


def _set_tail(container: Any, key: Any, eol: Any, lines: list[str]) -> None:
    holder, hkey = _tail_holder(container, key)
    entry = _entry(holder, hkey)
    if entry is None:
        return
    slot = _slot(holder)
    value = holder[hkey]
    if _is_block_scalar(value):
        entry[slot] = _pre_token(lines) if lines else None
    elif eol is None and not lines:
        entry[slot] = None
    elif eol is None:
        entry[slot] = _comment_token("\n" + "\n".join(lines) + "\n", 0)
    else:
        text = eol.value.rstrip("\n") + "\n" + "".join(line + "\n" for line in lines)
        entry[slot] = _comment_token(text, _token_column(eol))
    if slot == 0 and isinstance(value, Mapping | list) and hasattr(value, "ca"):
        # ruamel asserts that a collection item's own comment and the list's entry agree
        comment = value.ca.comment
        if comment:
            comment[0] = entry[slot]
        elif entry[slot] is not None:
            value.ca.comment = [entry[slot], None]


def _pre_token(lines: list[str]) -> Any:
    """One token for whole lines written before a node (the first line carries the column)."""
    first = lines[0]
    stripped = first.lstrip(" ")
    return _comment_token(stripped + "\n" + "".join(line + "\n" for line in lines[1:]), len(first) - len(stripped))


def take_tail_lines(container: Any, key: Any) -> list[str]:
    """Detach the full-line comments after an entry (they lead whatever comes next)."""
    if getattr(container, "ca", None) is None:
        return []
    eol, lines = _split_tail(container, key)
    if lines:
        _set_tail(container, key, eol, [])
    return lines


def add_tail_lines(container: Any, key: Any, lines: list[str]) -> None:
    """Append full-line comments after an entry (its end-of-line comment stays first)."""
    if not lines or getattr(container, "ca", None) is None:
        return
    eol, old = _split_tail(container, key)
    _set_tail(container, key, eol, old + lines)


def _pre_lines(container: Any, key: Any) -> list[str]:
    ca = getattr(container, "ca", None)
    entry = ca.items.get(key) if ca is not None else None
    tokens = entry[1] if entry and len(entry) > 1 else None
    lines: list[str] = []
    for token in tokens or ():
        text = token.value
        if text.startswith("#"):
            text = " " * _token_column(token) + text
        lines.extend(_lines(text))
    return lines


def _set_pre_lines(container: Any, key: Any, lines: list[str]) -> None:
    entry = _entry(container, key)
    if entry is not None:
        entry[1] = [_pre_token(lines)] if lines else None


def leading_lines(container: Any, key: Any, *, root: bool = False) -> list[str]:
    """The full-line comments written just above ``key`` (or item ``key``) in a source tree.

    For the first key of a nested mapping that includes the comments before its first child; the
    header comments of a file (before the root's first key) are never taken.
    """
    if getattr(container, "ca", None) is None:
        return []
    keys = own_keys(container) if isinstance(container, Mapping) else list(range(len(container)))
    index = keys.index(key)
    lines: list[str] = []
    if index > 0:
        lines = _split_tail(container, keys[index - 1])[1]
    elif not root:
        lines = lines_before_first_entry(container)
    return lines + _pre_lines(container, key)


def head_lines(tree: Any) -> list[str]:
    """The comment lines at the top of a document, before its first key."""
    return lines_before_first_entry(tree) if isinstance(tree, Mapping) else []


def _set_head_lines(tree: Any, lines: list[str]) -> None:
    ca = getattr(tree, "ca", None)
    if ca is not None:
        ca.comment = [None, [_pre_token(lines)] if lines else None]


def key_line_comment(container: Any, key: Any) -> Any:
    """The end-of-line comment on the line of ``key`` (or item ``key``), as a one-line token."""
    ca = getattr(container, "ca", None)
    entry = ca.items.get(key) if ca is not None else None
    token = entry[_slot(container)] if entry else None
    if token is None or token.value.startswith("\n") or _is_block_scalar(container[key]):
        return None
    return _comment_token(token.value.partition("\n")[0] + "\n", _token_column(token))


def _set_key_line_comment(container: Any, key: Any, eol: Any) -> None:
    """Replace only the end-of-line part of an entry's token; the lines after it stay."""
    value = container[key]
    if not _is_block_collection(value):
        _set_tail(container, key, eol, _split_tail(container, key)[1])
        return
    entry = _entry(container, key)
    if entry is None:
        return
    slot = _slot(container)
    old = entry[slot]
    rest = "" if old is None else old.value[1:] if old.value.startswith("\n") else old.value.partition("\n")[2]
    token = _comment_token(eol.value.rstrip("\n") + "\n" + rest, _token_column(eol))
    entry[slot] = token
    comment = getattr(getattr(value, "ca", None), "comment", None)
    if comment:
        comment[0] = token
    elif hasattr(value, "ca"):
        value.ca.comment = [token, None]


def lines_before_first_entry(container: Any) -> list[str]:
    """The full-line comments written above the first key (or item) of a collection.

    They live in the collection's own ``ca.comment``: after the end-of-line comment of its
    ``key:`` line (``[0]``) and in the pre-comment list (``[1]``), which the parser fills for
    the root and the emitter prints for any collection.
    """
    comment = getattr(getattr(container, "ca", None), "comment", None)
    if not comment:
        return []
    lines: list[str] = []
    if comment[0] is not None and "\n" in comment[0].value.rstrip("\n"):
        lines.extend(_lines(comment[0].value.partition("\n")[2]))
    for token in (comment[1] if len(comment) > 1 else None) or ():
        text = token.value
        lines.extend(_lines(" " * _token_column(token) + text if text.startswith("#") else text))
    return lines


def without_lines(lines: list[str], present: list[str]) -> list[str]:
    """``lines`` minus one occurrence of each line in ``present`` (compared without indentation)."""
    remaining = [line.strip() for line in present if line.strip()]
    kept: list[str] = []
    for line in lines:
        text = line.strip()
        if text and text in remaining:
            remaining.remove(text)
        else:
            kept.append(line)
    return kept


def _flow_length(node: Any) -> int:
    """Roughly how wide a scalar or flow collection is on its line (for comment columns)."""
    if isinstance(node, Mapping):
        return 2 + sum(len(str(k)) + 2 + _flow_length(v) + 2 for k, v in node.items()) - (2 if node else 0)
    if isinstance(node, list):
        return 2 + sum(_flow_length(v) + 2 for v in node) - (2 if node else 0)
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(node, SingleQuotedScalarString | DoubleQuotedScalarString):
        return len(str(node)) + 2  # the quotes (a merge may swap a quoted value for a plain one)
    return len(str(node))


def _shift_eol(container: Any, key: Any, old_length: int, new: Any) -> None:
    """Keep the gap before an end-of-line comment when the value on that line grows or shrinks."""
    ca = getattr(container, "ca", None)
    entry = ca.items.get(key) if ca is not None else None
    token = entry[_slot(container)] if entry else None
    if token is None or token.value.startswith("\n") or _is_block_scalar(new):
        return
    delta = _flow_length(new) - old_length
    if delta:
        token.start_mark.column = max(0, _token_column(token) + delta)


def _is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def _flow_if_empty(node: Any) -> None:
    """An emptied collection is written ``{}`` / ``[]``; comments then follow it, not precede it."""
    fa = getattr(node, "fa", None)
    if fa is not None and len(node) == 0:
        fa.set_flow_style()


# --------------------------------------------------------------------------- the editor


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


class _Editor:
    """One rewrite or merge over one target tree (shared-node ids are computed once)."""

    def __init__(self, target: Any, *, on_change: OnChange | None = None, source_style: bool = False) -> None:
        self.shared = shared_node_ids(target)
        self.on_change = on_change
        # A merge writes a replaced scalar as the overlay wrote it; a rewrite keeps the target's
        # quoting (its new content is usually generated data, which has no style of its own).
        self.source_style = source_style

    def _report(self, kind: ChangeKind, path: tuple[Any, ...]) -> None:
        if self.on_change is not None:
            self.on_change(kind, path)

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
            before = _flow_length(old)
            self._update_collection(container, key, new, path)
            value = container[key]
            if len(old) == 0 and len(value) > 0 and not _is_flow(new):
                value.fa.set_block_style()  # `key: {}` that gains content is written as a block
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

    # -- merge ------------------------------------------------------------------------------

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


def merge_into(base: Any, overlay: Mapping[Any, Any], *, on_change: OnChange | None = None) -> None:
    """Apply ``overlay`` to the round-trip mapping ``base`` in place (RFC 7386, extended).

    Later documents win on scalars, ``null`` deletes a key, lists are replaced except lists of
    named objects (every item a mapping with a ``name``), which merge item by item on ``name``.
    A mapping meeting a non-mapping raises :class:`Clash`. ``on_change`` hears every change.
    """
    editor = _Editor(base, on_change=on_change, source_style=is_tree(overlay))
    editor.merge_map(base, overlay, (), (), root=True)
    if is_tree(overlay) and len(overlay) and len(base):
        # The overlay's head and footer comments (its first and last lines) have no key to
        # travel with: they go after the base's own head and footer.
        _set_head_lines(base, head_lines(base) + without_lines(head_lines(overlay), head_lines(base)))
        last = _last_entry(base)
        footer = _split_tail(overlay, list(overlay)[-1])[1] + _end_lines(overlay)
        add_tail_lines(base, last, without_lines(footer, _split_tail(base, last)[1] + _end_lines(base)))


def _end_lines(tree: Any) -> list[str]:
    """Comment lines the parser put at the very end (``ca.end``: after a final flow collection)."""
    lines: list[str] = []
    for token in getattr(getattr(tree, "ca", None), "end", None) or ():
        text = token.value
        lines.extend(_lines(" " * _token_column(token) + text if text.startswith("#") else text))
    return lines
