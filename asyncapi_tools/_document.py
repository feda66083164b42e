"""The document object every pipeline step takes and returns.

A ``Document`` is a tree plus where it came from, so that any step can turn a JSON pointer into
``file:line:column``. Parsed files and templates give a round-trip YAML tree (comments, order and
quoting kept); generated data stays plain dicts and lists. Sources (files, templates, the Django
generator) all produce one; sinks (writers, validators, views) consume it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _pointer, _yaml
from ._diagnostics import Diagnostic, Severity
from ._errors import InputError
from ._source import display_name, read_text


@dataclass
class Document:
    """A parsed AsyncAPI document and its origin.

    ``tree`` is a mapping you may read and change like a dict; keep to dict/list operations and
    the pipeline keeps comments and layout for you.
    """

    tree: Any
    source: str | None = None
    base_dir: Path | None = None
    text: str | None = field(default=None, repr=False)

    @property
    def asyncapi_version(self) -> str | None:
        version = self.tree.get("asyncapi") if isinstance(self.tree, Mapping) else None
        return str(version) if version is not None else None

    def plain(self) -> dict[str, Any]:
        """JSON-compatible plain data (a fresh copy each call: the tree may have changed).

        A node that aliases share is one object in the copy too, as it is in the tree: mutate a
        copy made through ``json.loads(json.dumps(...))`` when each path must change on its own.
        """
        data = _yaml.to_plain(self.tree)
        assert isinstance(data, dict)
        return data

    def position(self, path: _yaml.Path) -> tuple[int, int] | None:
        """``(line, column)``, 1-based, of the node at ``path`` (of its key when the last step is a
        key), or of the deepest part of the path that exists; None for a document built from data."""
        return _yaml.position(self.tree, path)

    def diagnostic(
        self,
        code: str,
        message: str,
        *,
        path: _yaml.Path = (),
        severity: Severity = "error",
        hint: str | None = None,
        breadcrumb: str | None = None,
    ) -> Diagnostic:
        """A diagnostic located at ``path`` in this document (pointer and line/column)."""
        where = self.position(path) if path else None
        return Diagnostic(
            code=code,
            message=message,
            severity=severity,
            pointer=_pointer.join(path),
            file=self.source,
            line=where[0] if where else None,
            column=where[1] if where else None,
            hint=hint,
            breadcrumb=breadcrumb,
        )


def loads(text: str, *, source: str | None = None, base_dir: str | os.PathLike[str] | None = None) -> Document:
    """Parse YAML (or JSON) text into a Document; the root must be a mapping."""
    tree = _yaml.parse(text, source=source)
    if not isinstance(tree, Mapping):
        kind = "empty" if tree is None else "a list" if isinstance(tree, list) else f"a {type(tree).__name__}"
        raise InputError(
            f"the document root is {kind}, not a mapping",
            file=source,
            line=1,
            column=1,
            hint="an AsyncAPI document is a mapping that starts with `asyncapi: 3.0.0`",
        )
    return Document(tree=tree, source=source, base_dir=Path(base_dir) if base_dir else None, text=text)


def load(path: str | os.PathLike[str]) -> Document:
    """Read and parse a YAML or JSON file (UTF-8) keeping comments and layout."""
    text = read_text(path, what="document")
    return loads(text, source=display_name(path), base_dir=Path(path).resolve().parent)


def from_data(data: Mapping[str, Any], *, source: str = "<generated>", base_dir: str | os.PathLike[str] | None = None) -> Document:
    """Wrap plain data (for instance a generated spec) as a Document for the same pipeline.

    The tree is a plain copy (dicts and lists, never the caller's own), not a round-trip tree:
    generated data has no comments to keep, every step reads and edits plain trees, and the
    writer dumps them as ruamel dumps ``from_plain(data)`` (byte for byte), at a fraction of
    the cost. ``merge`` converts a plain base when it needs to carry overlay comments.
    """
    return Document(tree=_yaml.copy_plain(data), source=source, base_dir=Path(base_dir) if base_dir else None)
