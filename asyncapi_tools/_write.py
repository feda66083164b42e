"""The sink of the pipeline: canonical text, atomic writes, and in-place rewriting.

Writing to a path that already holds a YAML document rewrites that document's tree into the new
content, so hand-written comments, quoting and layout survive (``overwrite=True`` starts fresh).
When the bytes would not change the file is not touched at all (its mtime is kept), and a failed
write leaves the old file byte-identical: we write a temporary file beside it and rename.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import _yaml
from ._document import Document
from ._errors import InputError, YAMLSyntaxError
from ._source import read_text

Format = Literal["yaml", "json"]
STDOUT = "-"


@dataclass(frozen=True)
class WriteResult:
    """What a write did: ``changed`` is False when the target already held these exact bytes."""

    path: str
    changed: bool
    created: bool = False


def dumps(doc: Document, *, format: Format = "yaml") -> str:
    """The document as text in the canonical style: YAML (2-space indent, LF, final newline,
    unicode kept, long strings never folded) or JSON (2-space indent, unicode kept)."""
    if format == "json":
        return json.dumps(doc.plain(), indent=2, ensure_ascii=False) + "\n"
    if format != "yaml":
        raise ValueError(f"unknown format {format!r}: use 'yaml' or 'json'")
    return _yaml.dump(doc.tree)


def rendered_for(doc: Document, path: str | os.PathLike[str], *, format: Format = "yaml", overwrite: bool = False) -> str:
    """The exact text ``write`` would put at ``path``: the existing file rewritten in place when
    there is one (YAML), else a fresh dump. ``check`` compares against this too.

    An existing file is patched where the data changed and kept byte for byte elsewhere
    (:mod:`._yaml.patch`); a change a patch cannot express goes through the round-trip tree
    editor and ruamel's emitter, indented the way the existing file is.
    """
    target = Path(path)
    if format == "yaml" and not overwrite and target.is_file():
        existing_text = read_text(target, what="existing output file", allow_empty=True)
        if existing_text.strip():
            from ._yaml.patch import Unpatchable, detect_layout, patch

            if isinstance(doc.tree, Mapping):
                try:
                    return patch(existing_text, doc.tree)
                except Unpatchable:
                    pass  # the tree editor below handles every change
            from ._yaml.edit import rewrite

            try:
                existing = _yaml.parse(existing_text, source=os.fspath(path))
            except YAMLSyntaxError as exc:
                raise InputError(
                    f"cannot update the existing file in place: {exc.message}",
                    file=exc.file,
                    line=exc.line,
                    column=exc.column,
                    hint="fix the file, or pass --overwrite to replace it (its comments will be lost)",
                ) from exc
            if isinstance(existing, dict):
                rewrite(existing, doc.tree)
                return _yaml.dump(existing, layout=detect_layout(existing_text))
    return dumps(doc, format=format)


def write(
    doc: Document,
    path: str | os.PathLike[str],
    *,
    format: Format = "yaml",
    overwrite: bool = False,
) -> WriteResult:
    """Write ``doc`` to ``path`` (``-`` for stdout) atomically, updating an existing file in place."""
    name = os.fspath(path)
    if name == STDOUT:
        sys.stdout.write(dumps(doc, format=format))
        sys.stdout.flush()
        return WriteResult(path=name, changed=True)
    target = Path(path)
    if target.is_dir():
        raise InputError("the output path is a directory", file=name, hint="pass a file path, e.g. -o docs/asyncapi.yaml")
    existed = target.exists()
    if existed and not overwrite and holds_same_data(target, doc, format=format):
        # The cheap path: a C loader and a data comparison, no round-trip parse of the file.
        return WriteResult(path=name, changed=False)
    text = rendered_for(doc, target, format=format, overwrite=overwrite)
    data = text.encode("utf-8")
    if existed and _same_bytes(target, data):
        return WriteResult(path=name, changed=False)
    atomic_write_bytes(target, data)
    return WriteResult(path=name, changed=True, created=not existed)


def holds_same_data(target: Path, doc: Document, *, format: Format = "yaml") -> bool:
    """True when the file at ``target`` already holds ``doc``'s data (comments and layout aside).

    Uses a fast C (YAML 1.2) or JSON loader: the round-trip parse is paid only when data differ.
    """
    from ._yaml.edit import data_equal
    from ._yaml.fast import fast_load

    try:
        text = read_text(target, what="existing output file", allow_empty=True)
        data = json.loads(text) if format == "json" else fast_load(text)
    except Exception:  # unreadable or malformed: the slow path reports it precisely
        return False
    return data_equal(data, doc.plain())


def _same_bytes(target: Path, data: bytes) -> bool:
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one rename; on any failure the old file is untouched."""
    name = os.fspath(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output directory: {exc.strerror or exc}", file=name) from None
    mode = None
    if target.exists():
        mode = target.stat().st_mode & 0o7777
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write the output file: {exc.strerror or exc}", file=name) from None
        raise
