"""Plain data and positioned nodes from YAML text, fast: ruamel's C (libyaml) parser, YAML 1.2.

Used where only the data matters, such as deciding whether a committed file is up to date, and
where a rewrite needs every node's position (:mod:`.patch`), so the pure-Python round-trip
parse (~25x slower) is paid only when a change needs it.

The loader is ruamel's own C parser with its safe constructor and YAML 1.2 resolver (what
``YAML(typ="safe", pure=False)`` assembles), with one difference: the resolver remembers what
each plain scalar resolved to. libyaml calls back into Python to resolve every scalar, and
ruamel's resolver rebuilds its version lookup on each call; a spec repeats the same few thousand
scalars (``type: object``), so the memo makes the C path several times faster. A loader holds
its input, so each call builds its own: no state is shared between threads.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import _refuse_alias_bombs, to_plain

if TYPE_CHECKING:
    from ruamel.yaml.nodes import Node

_loader_class: Any = None


def c_loader(text: str) -> Any:
    """A fresh C loader over ``text``: ``get_single_node()`` gives nodes with start and end
    marks (character index, line, column), ``get_single_data()`` the constructed data."""
    global _loader_class
    if _loader_class is None:
        _loader_class = _build_loader_class()
    return _loader_class(text)


def _compose(text: str) -> tuple[Node | None, Any]:
    """The node graph of ``text`` with positions (aliases share one node object), and the loader
    that built it (it also constructs scalar values, with the document's YAML version)."""
    loader = c_loader(text)
    return loader.get_single_node(), loader


def _build_loader_class() -> Any:
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # PyPy, or no ruamel.yaml.clib: ruamel's pure-Python safe loader
        return _PureLoader

    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    # CParser is a C extension without types: only mypy --strict flags subclassing it
    class Loader(CParser, SafeConstructor, VersionedResolver):  # type: ignore[misc, unused-ignore]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            self._parser = self._composer = self
            SafeConstructor.__init__(self, loader=self)
            self.allow_duplicate_keys = False
            VersionedResolver.__init__(self, version=None, loadumper=self)
            self._plain_tags: dict[str, Any] = {}

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0] and not self.yaml_path_resolvers:
                # a plain scalar's tag depends on its text only (the version is fixed per document)
                tag = self._plain_tags.get(value)
                if tag is None:
                    tag = self._plain_tags[value] = VersionedResolver.resolve(self, kind, value, implicit)
                return tag
            return VersionedResolver.resolve(self, kind, value, implicit)

    return Loader


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a parse builds its (acyclic) objects.

    Building a 1 MB document's nodes triggers many full collections over a growing heap; pausing
    them saves ~30% of a C load. Only the caller that paused it resumes it, so overlapping calls
    from several threads leave it as they found it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _PureLoader:
    """The same interface over ruamel's pure-Python safe loader (slower, same data and marks)."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml import YAML

        self.text = text
        self.yaml = YAML(typ="safe", pure=True)
        self.yaml.allow_duplicate_keys = False

    def get_single_node(self) -> Any:
        return self.yaml.compose(self.text)

    def get_single_data(self) -> Any:
        return self.yaml.load(self.text)

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        return self.yaml.constructor.construct_object(node, deep=deep)

    def dispose(self) -> None:
        """Nothing to free (the C loader's counterpart releases libyaml's parser)."""


def parser_module() -> str:
    """The module of the parser class the fast loader uses (a C extension when clib is present)."""
    loader = c_loader("")
    if isinstance(loader, _PureLoader):
        return "ruamel.yaml.parser"
    return str(loader.__class__.__mro__[1].__module__)


def fast_load(text: str) -> Any:
    """JSON-compatible plain data (dates as ISO strings, as ``to_plain`` gives them).

    Raises ruamel's own errors on malformed YAML; callers that need a located message parse
    again with :func:`asyncapi_tools._yaml.parse`. Aliases are expanded, so an alias bomb is
    refused (``YAMLSyntaxError``) before the expansion starts.
    """
    loader = c_loader(text)
    try:
        with paused_gc():
            data = loader.get_single_data()
    finally:
        loader.dispose()
    _refuse_alias_bombs(data, None)
    return to_plain(data)
