"""The sink of the pipeline: canonical text, atomic writes, and in-place rewriting.

Writing to a path that already holds a YAML document rewrites that document's tree into the new
content, so hand-written comments, quoting and layout survive (``overwrite=True`` starts fresh).
When the bytes would not change the file is not touched at all (its mtime is kept), and a failed
write leaves the old file byte-identical. Which file a path names (streams, links, special files,
the command's own inputs) and how it is replaced are :mod:`asyncapi_tools._files`' job.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import _yaml
from ._document import Document
from ._errors import AsyncAPIToolsError, InputError, YAMLSyntaxError
from ._files import atomic_write_bytes, output_stream, resolve_output, write_stream
from ._source import read_text

Format = Literal["yaml", "json"]


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
            from ._yaml.layout import detect_layout
            from ._yaml.patch import patch
            from ._yaml.patch_text import Unpatchable

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
    protect: Sequence[str | os.PathLike[str]] = (),
) -> WriteResult:
    """Write ``doc`` to ``path`` atomically, updating an existing file in place.

    ``-``, ``/dev/stdout`` and ``/dev/stderr`` stream the text; a symbolic link is written through;
    directories and special files are refused, and so is a path that names one of ``protect`` (the
    files the document was read from). See :mod:`asyncapi_tools._files` for the guarantees.
    """
    name = os.fspath(path)
    stream = output_stream(name)
    if stream is not None:
        write_stream(stream, dumps(doc, format=format))
        return WriteResult(path=name, changed=True)
    target = resolve_output(name, protect=protect)
    existed = target.exists()
    if existed and not overwrite and holds_same_data(target, doc, format=format):
        # The cheap path: a C loader and a data comparison, no round-trip parse of the file.
        return WriteResult(path=name, changed=False)
    text = _updated_text(doc, target, name=name, format=format, overwrite=overwrite)
    data = text.encode("utf-8")
    if existed and _same_bytes(target, data):
        return WriteResult(path=name, changed=False)
    atomic_write_bytes(target, data, display=name)
    return WriteResult(path=name, changed=True, created=not existed)


def _updated_text(doc: Document, target: Path, *, name: str, format: Format, overwrite: bool) -> str:
    """``rendered_for``, with the one shape the in-place rewrite cannot handle named by line."""
    try:
        return rendered_for(doc, target, format=format, overwrite=overwrite)
    except AsyncAPIToolsError:
        raise
    except Exception:
        merge_key = _merge_key_position(target)
        if merge_key is None:
            raise
        raise InputError(
            "cannot update the existing file in place: it uses a YAML merge key (`<<:`)",
            file=name,
            line=merge_key[0],
            column=merge_key[1],
            hint="expand the merged mapping by hand, or write a fresh file (render and merge: "
            "--overwrite, which drops the file's comments; inject-titles: -o NEW.yaml)",
        ) from None


def _merge_key_position(target: Path) -> tuple[int, int] | None:
    """1-based line and column of the first ``<<:`` key of a file, if it has one."""
    try:
        text = read_text(target, what="existing output file", allow_empty=True)
    except AsyncAPIToolsError:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        found = _MERGE_KEY.search(line)
        if found:
            return number, found.start(1) + 1
    return None


_MERGE_KEY = re.compile(r"(?:^|[\s{,\-])(<<)\s*:")


def holds_same_data(target: Path, doc: Document, *, format: Format = "yaml") -> bool:
    """True when the file at ``target`` already holds ``doc``'s data (comments and layout aside).

    Uses a fast C (YAML 1.2) or JSON loader: the round-trip parse is paid only when data differ.
    """
    from ._yaml.equality import data_equal
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
