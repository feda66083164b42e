"""Plain data *and* line numbers, fast: the C parser's node tree kept beside the data.

``diff`` reads two whole documents but reports only a handful of places, so it pays for the C
composer (marks on every node) instead of the pure-Python round trip (~4x slower), and looks a
position up only for the places it reports. Malformed input is parsed again round-trip to get
the located :class:`~asyncapi_tools.YAMLSyntaxError` every face prints.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from . import Path, _refuse_alias_bombs, parse, position, to_plain

if TYPE_CHECKING:
    from ruamel.yaml import YAML


@functools.lru_cache(maxsize=1)
def _safe_c() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = False
    return yaml


class Positions:
    """1-based ``(line, column)`` of a path of keys and indexes, from the composed node tree."""

    def __init__(self, root: Any) -> None:
        self._root = root
        # mapping node id -> {key text: (key node, value node)}, built on first visit: reports
        # often land in the same big mappings (channels, components), a scan each time is slow
        self._index: dict[int, dict[str, tuple[Any, Any]]] = {}

    def __call__(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """The position of the deepest node of ``path`` that exists (its key for a mapping entry)."""
        from ruamel.yaml.nodes import MappingNode, SequenceNode

        node = self._root
        if node is None:
            return None
        found = (node.start_mark.line + 1, node.start_mark.column + 1)
        for step in path:
            if isinstance(node, MappingNode):
                entry = self._entries(node).get(str(step))
                if entry is None:
                    break
                key_node, node = entry
                found = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            elif isinstance(node, SequenceNode) and str(step).isdigit() and int(step) < len(node.value):
                node = node.value[int(step)]
                found = (node.start_mark.line + 1, node.start_mark.column + 1)
            else:
                break
        return found

    def _entries(self, node: Any) -> dict[str, tuple[Any, Any]]:
        entries = self._index.get(id(node))
        if entries is None:
            entries = {}
            for key_node, value_node in node.value:
                entries.setdefault(str(key_node.value), (key_node, value_node))
            self._index[id(node)] = entries
        return entries


def located_load(text: str, *, source: str | None = None) -> tuple[Any, Callable[[Path], tuple[int, int] | None]]:
    """JSON-compatible data of YAML 1.2 (or JSON) text, and a position lookup for its paths.

    libyaml refuses a few things the pure-Python parser accepts (an emoji written in JSON as
    two escaped surrogates, for one): such text goes through the round trip instead, which also
    raises the located error for text that is really malformed.
    """
    from ruamel.yaml.error import YAMLError

    yaml = _safe_c()
    try:
        node = yaml.compose(text)
        data = yaml.constructor.construct_document(node) if node is not None else None
    except YAMLError:
        tree = parse(text, source=source)
        return _join_surrogates(to_plain(tree)), functools.partial(position, tree)
    _refuse_alias_bombs(data, source)
    return to_plain(data), Positions(node)


def _join_surrogates(data: Any) -> Any:
    """Strings with the surrogate pairs the round trip leaves from ``\\u`` escapes, as the
    characters JSON means (an emoji is one character, not two halves)."""
    if isinstance(data, str):
        if any("\ud800" <= char <= "\udfff" for char in data):
            return data.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return data
    if isinstance(data, dict):
        return {key: _join_surrogates(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_join_surrogates(item) for item in data]
    return data
