"""Where ruamel keeps comments in a round-trip tree, and how to read, detach and re-attach them.

Where ruamel 0.19 keeps comments decides how a tree can be edited without losing or moving any
(docs/design-rules.md, "Where ruamel keeps comments"):

* An end-of-line comment *and the full-line comments after it* are one token hanging off the
  entry before them: ``map.ca.items[key][2]`` or ``seq.ca.items[index][0]``. When that entry's value
  is a block collection, the token sits on the deepest last scalar of the subtree, so the comment
  above key ``b`` belongs, as far as ruamel is concerned, to the last leaf before ``b``.
* Comments before a key can also sit on the key itself (``map.ca.items[key][1]``, a list); the
  parser does that after flow collections, and we do it for every key we insert.
* A ``key:`` line whose value is a collection keeps its end-of-line comment in
  ``map.ca.items[key][2]`` and the comments before the first child in ``[3]``.

The helpers here read those slots as whole lines and put lines back in the slot that makes them
print in the same place, so the editor (:mod:`.edit`) and the merge (:mod:`.tree_merge`) can move
the comments that lead an entry together with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Where ruamel keeps a mapping's ``<<:`` sources (``ruamel.yaml.comments.merge_attrib``; read
#: directly because the ``merge`` property creates the attribute when it is missing).
_MERGE_ATTRIB = "_yaml_merge"


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


def _eol_token(container: Any, key: Any) -> Any:
    """The end-of-line comment token of ``container[key]``'s line, or None."""
    ca = getattr(container, "ca", None)
    entry = ca.items.get(key) if ca is not None else None
    token = entry[_slot(container)] if entry else None
    return None if token is None or token.value.startswith("\n") else token


def _shift_eol(container: Any, key: Any, old_length: int, new: Any) -> None:
    """Keep the gap before an end-of-line comment when the value on that line grows or shrinks."""
    token = _eol_token(container, key)
    if token is None or _is_block_scalar(new):
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

def _end_lines(tree: Any) -> list[str]:
    """Comment lines the parser put at the very end (``ca.end``: after a final flow collection)."""
    lines: list[str] = []
    for token in getattr(getattr(tree, "ca", None), "end", None) or ():
        text = token.value
        lines.extend(_lines(" " * _token_column(token) + text if text.startswith("#") else text))
    return lines
