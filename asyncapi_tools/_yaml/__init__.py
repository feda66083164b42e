"""The one place that knows ruamel.yaml: parse, dump, positions, plain-data views, tree helpers.

Other modules treat trees as ordinary ``MutableMapping`` / ``MutableSequence`` objects and call
the helpers here for anything ruamel-specific (inserting a key at a position, copying a node that
an anchor shares, mapping a JSON pointer back to a line). ruamel is imported lazily so that
importing ``asyncapi_tools`` (for instance from Django start-up) stays cheap.

Round-trip settings (measured on real files, see docs/yaml-round-trip.md): quotes preserved,
width 4096 so long scalars are never re-folded, indentation mapping=2 / sequence=4 / offset=2
for new documents (a rewrite keeps the indentation the existing document uses, see
:mod:`.patch` and :mod:`.layout`).

ruamel's ``YAML`` objects keep parser and emitter state on the instance, so one shared instance
breaks as soon as two threads parse at once (threaded WSGI servers, ``runserver``). Each thread
therefore gets its own instances (:class:`threading.local`), built on first use.
"""

from __future__ import annotations

import datetime
import re
import sys
import threading
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._errors import YAMLSyntaxError

if TYPE_CHECKING:
    from ruamel.yaml import YAML

#: Refuse documents whose aliases expand past this many nodes (the "billion laughs" attack).
MAX_EXPANDED_NODES = 2_000_000

Path = Sequence[str | int]


@dataclass(frozen=True)
class Layout:
    """Block indentation as ruamel counts it: ``mapping`` spaces per nesting level, sequence
    items' content ``sequence`` spaces and their dash ``offset`` spaces in from the parent key."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


#: The layout of documents we write from scratch (55 of 63 real files use it).
CANONICAL = Layout()

_per_thread = threading.local()
#: How many layouts' instances a thread keeps (real files use a handful of layouts).
_LAYOUTS_KEPT = 8


def _round_trip(layout: Layout = CANONICAL) -> YAML:
    """This thread's round-trip ``YAML`` instance for ``layout`` (never shared across threads)."""
    cache: dict[Layout, YAML] | None = getattr(_per_thread, "round_trip", None)
    if cache is None:
        cache = _per_thread.round_trip = {}
    yaml = cache.get(layout)
    if yaml is None:
        from ruamel.yaml import YAML

        if len(cache) >= _LAYOUTS_KEPT:  # files with unusual indents: keep the cache small
            cache.clear()

        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
        yaml.allow_duplicate_keys = False
        cache[layout] = yaml
    return yaml


def parse(text: str, *, source: str | None = None) -> Any:
    """Parse YAML text into a round-trip tree; syntax errors name the line and column.

    The tree keeps comments, key order, quoting, block scalars, anchors and flow style.
    """
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        tree = _round_trip().load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        raise YAMLSyntaxError(
            _first_line(exc.problem or "duplicate key"),
            file=source,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="a YAML mapping must not repeat a key: remove or rename one of them",
        ) from exc
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        hint = "check the indentation and quoting around this position"
        if "{{" in text or "{%" in text:
            hint += "; if this is a template, render it first (asyncapi-tools render)"
        raise YAMLSyntaxError(
            f"malformed YAML: {_first_line(problem)}",
            file=source,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint=hint,
        ) from exc
    except YAMLError as exc:  # errors without a position (rare: e.g. bad directives)
        raise YAMLSyntaxError(f"malformed YAML: {_first_line(str(exc))}", file=source) from exc
    except RecursionError as exc:
        raise YAMLSyntaxError(
            "the document nests too deeply to parse", file=source, hint="flatten the structure"
        ) from exc
    except ValueError as exc:  # Python refuses int() of over 4,300 digits (a CPU-time guard)
        if "integer string conversion" not in str(exc):
            raise
        # A plain scalar of digits: after a space, `[`, `{`, `,` or a line start, and ending the value.
        limit = sys.get_int_max_str_digits()
        digits = re.search(rf"(?m)(?:^|(?<=[\s\[{{,]))[-+]?[0-9][0-9_]{{{limit},}}(?=[ \t]*(?:$|[,\]}}#]))", text)
        start = digits.start() if digits else 0
        raise YAMLSyntaxError(
            f"an integer has more than {limit:,} digits",
            file=source,
            line=text.count("\n", 0, start) + 1 if digits else None,
            column=start - text.rfind("\n", 0, start) if digits else None,
            hint="quote it to keep it as a string",
        ) from exc
    _refuse_alias_bombs(tree, source)
    return tree


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _refuse_alias_bombs(tree: Any, source: str | None) -> None:
    """Count the nodes the tree would have with every alias expanded, in time linear in its size.

    Aliases make ruamel share one Python object, so loading a "billion laughs" document is cheap;
    it is converting or walking it that explodes. Memoising per object keeps this count bounded.
    """
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes and not children_done:
            continue
        children = (
            list(node.values())
            if isinstance(node, Mapping)
            else list(node)
            if isinstance(node, list)
            else []
        )
        if not children_done:
            if children:
                sizes[key] = -1  # in progress
                stack.append((node, True))
                stack.extend((child, False) for child in children if id(child) not in sizes)
            else:
                sizes[key] = 1
            continue
        total = 1 + sum(max(sizes.get(id(child), 1), 1) for child in children)
        if total > MAX_EXPANDED_NODES:
            raise YAMLSyntaxError(
                f"aliases in this document expand to more than {MAX_EXPANDED_NODES:,} nodes",
                file=source,
                hint="this looks like an alias bomb; expand the anchors by hand if it is real",
            )
        sizes[key] = total


def dump(tree: Any, *, layout: Layout = CANONICAL) -> str:
    """Serialise a tree (LF, final newline), indented as ``layout`` says (canonical by default).

    Plain data (dicts and lists, as a generator builds them) in the canonical layout is written by
    the fast writer in :mod:`.emit`, with the bytes ruamel writes for ``from_plain(tree)``; a
    round-trip tree keeps its comments and layout through ruamel.
    """
    if not is_tree(tree):
        if layout == CANONICAL:
            from .emit import emit

            return emit(tree)
        tree = from_plain(tree)
    return _round_trip_dump(tree, layout=layout)


def _round_trip_dump(tree: Any, *, layout: Layout = CANONICAL) -> str:
    """ruamel's own dump of ``tree`` (the reference the fast writer is held to)."""
    import io

    stream = io.StringIO()
    _round_trip(layout).dump(tree, stream)
    text = stream.getvalue()
    return text if text.endswith("\n") else text + "\n"


def to_plain(node: Any) -> Any:
    """A JSON-compatible copy of a tree: dicts, lists, str, int, float, bool, None.

    Unquoted dates become ISO strings (JSON Schema and JSON output want strings); ruamel's scalar
    subclasses become their built-in types, so the result can go to any validator or serialiser.
    A collection that aliases share is copied once and shared the same way in the copy (as YAML
    means it: one node): a document whose anchors nest ``d`` deep has ``2**d`` paths, and a copy
    per path would take exponential time and memory.
    """
    return _plain(node, {})


def _plain(node: Any, copies: dict[int, Any]) -> Any:
    kind = type(node)
    # exact built-in types first: generated documents are all of these, and ABC checks are slow
    if kind is str or kind is int or kind is bool or kind is float or node is None:
        return node
    if kind is dict or kind is list:
        # plain data (the C loader's, a generator's): a comprehension is the fast way to copy
        copy = copies.get(id(node))
        if copy is None:
            if kind is dict:
                copy = {str(k): _plain(v, copies) for k, v in node.items()}
            else:
                copy = [_plain(item, copies) for item in node]
            copies[id(node)] = copy
        return copy
    if isinstance(node, Mapping | list | tuple):
        copy = copies.get(id(node))
        if copy is None:
            # registered before its children: an alias to itself (a recursive node) finds it
            if isinstance(node, Mapping):
                copy = copies[id(node)] = {}
                for key, value in node.items():
                    copy[str(key)] = _plain(value, copies)
            else:
                copy = copies[id(node)] = []
                copy.extend([_plain(item, copies) for item in node])
        return copy
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        # ruamel's ScalarBoolean is an int subclass: keep its truth value, not 0/1
        if type(node).__name__ == "ScalarBoolean":
            return bool(node)
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.datetime | datetime.date | datetime.time):
        return node.isoformat()
    return str(node)


def from_plain(data: Any) -> Any:
    """Build a round-trip tree from plain data, so generated documents dump in the same style.

    Multi-line strings become literal block scalars (``|``), which is how people write them.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(data, Mapping):
        mapping = CommentedMap()
        for key, value in data.items():
            mapping[key] = from_plain(value)
        return mapping
    if isinstance(data, list | tuple):
        seq = CommentedSeq()
        seq.extend(from_plain(item) for item in data)
        return seq
    if isinstance(data, str) and "\n" in data.rstrip("\n") and _literal_safe(data):
        return LiteralScalarString(data)
    return data


#: What a literal block cannot faithfully carry: a space at the end of a line, tabs, other controls.
_NOT_LITERAL = re.compile(r"[\x00-\x09\x0b-\x1f]| \n| \Z")


def copy_plain(data: Any) -> Any:
    """A copy of plain data whose containers are new dicts and lists (scalars are shared).

    What ``from_plain`` gives without the round-trip types: a node reachable by two paths
    becomes two nodes, so changing the copy never changes the original.
    """
    kind = type(data)
    if kind is str or kind is int or kind is bool or kind is float or data is None:
        return data
    if kind is dict:
        return {key: copy_plain(value) for key, value in data.items()}
    if isinstance(data, Mapping):
        return {key: copy_plain(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [copy_plain(item) for item in data]
    return data


def _literal_safe(text: str) -> bool:
    return _NOT_LITERAL.search(text) is None


def is_tree(node: Any) -> bool:
    """True for a round-trip mapping (one that keeps comments)."""
    # A round-trip node exists only once ruamel is loaded: never import it just to check
    # (writing a generated spec needs no ruamel at all, and importing it costs a cold call).
    comments = sys.modules.get("ruamel.yaml.comments")
    return comments is not None and isinstance(node, comments.CommentedBase)


def position(tree: Any, path: Path) -> tuple[int, int] | None:
    """1-based (line, column) of the node at ``path`` (the key when the last step is a key).

    Walks as deep as the path exists; returns the position of the deepest node found, or None
    for trees without positions (plain data).
    """
    node = tree
    found: tuple[int, int] | None = None
    for step in path:
        if isinstance(node, list) and isinstance(step, str) and step.isdigit():
            step = int(step)  # JSON pointers spell list indexes as text
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, Mapping) and step in node:
                if lc is not None:
                    line, col = lc.key(step)
                    found = (line + 1, col + 1)
                node = node[step]
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                if lc is not None:
                    line, col = lc.item(step)
                    found = (line + 1, col + 1)
                node = node[step]
            else:
                break
        except (KeyError, TypeError, IndexError):
            break
    if found is None:
        lc = getattr(tree, "lc", None)
        if lc is not None and lc.line is not None:
            found = (lc.line + 1, lc.col + 1)
    return found


def value_position(mapping: Any, key: Any) -> tuple[int, int] | None:
    """1-based position of the value of ``key`` in a round-trip mapping."""
    lc = getattr(mapping, "lc", None)
    if lc is None:
        return None
    try:
        line, col = lc.value(key)
    except (KeyError, TypeError):
        return None
    return line + 1, col + 1


def insert_key(mapping: MutableMapping[Any, Any], index: int, key: Any, value: Any) -> None:
    """Insert ``key`` at ``index``: in place, so every holder of the mapping sees the new order.

    A round-trip mapping keeps its comments; a plain dict is rebuilt in the new order (an
    existing ``key`` moves to ``index``).
    """
    insert = getattr(mapping, "insert", None)
    if callable(insert):
        insert(index, key, value)
        return
    items = [(k, v) for k, v in mapping.items() if k != key]
    items.insert(index, (key, value))
    mapping.clear()
    mapping.update(items)


def anchored(node: Any) -> bool:
    """True when the node carries an anchor (``&name``) and may be shared through aliases."""
    anchor = getattr(node, "anchor", None)
    return anchor is not None and getattr(anchor, "value", None) is not None


def detached_copy(node: Any) -> Any:
    """A deep copy with anchors dropped: safe to change without touching other alias users."""
    from .shared import deep_copy  # copy.deepcopy breaks ruamel's shared comment tokens

    clone = deep_copy(node)
    for item in walk(clone):
        anchor = getattr(item, "anchor", None)
        if anchor is not None and getattr(anchor, "value", None) is not None:
            anchor.value = None
            anchor.always_dump = False
    return clone


def shared_node_ids(tree: Any) -> set[int]:
    """ids of the collections reachable by more than one path, or anchored (aliases share them).

    Writers call this once before changing a tree, then copy such nodes (``detached_copy``)
    before writing into them, so other users of an anchor are left untouched.
    """
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        kind = type(node)
        # exact types first: the ABC checks below cost more than the rest of the walk
        if kind is str or kind is int or kind is bool or kind is float or node is None:
            continue
        if kind is not dict and kind is not list:
            if not isinstance(node, Mapping | list):
                continue
            if anchored(node):
                shared.add(id(node))
        key = id(node)
        if key in seen:
            shared.add(key)
            continue
        seen.add(key)
        stack.extend(node.values() if kind is dict or (kind is not list and isinstance(node, Mapping)) else node)
    return shared


def walk(node: Any) -> Iterator[Any]:
    """Every collection and scalar in the tree, each object once (aliases visited once)."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping | list):
            if id(item) in seen:
                continue
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, Mapping) else item)
        yield item


def same_style_string(old: Any, new: str) -> Any:
    """``new`` in the presentation class of ``old`` (single/double quoted, literal, folded)."""
    from ruamel.yaml.scalarstring import FoldedScalarString, ScalarString

    if isinstance(old, FoldedScalarString):
        return FoldedScalarString(new)
    if isinstance(old, ScalarString):
        return type(old)(new)
    return new
