"""New nodes as YAML text in the style of the document a patch adds them to.

Indentation, line breaks and JSON-or-YAML follow the old text; a key's comments in the new tree
come along unless the old text already holds them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from . import CANONICAL, Layout, _literal_safe, _round_trip_dump, from_plain, is_tree
from .patch_text import _COMMENT_OR_BLANK, Unpatchable, _OldText


class _Renderer(_OldText):
    """Renders values for insertion into the old text, the way that text writes its own."""

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
