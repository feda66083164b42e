"""Reading the two sides of a diff: files, ``git:REF:path`` (a committed version), or Documents.

Each side is a :class:`Side`: the root document plus a loader for the files its ``$ref``s name,
read from the same place (the disk, or the same git commit), each file once. Data comes from
the fast located loader (see :mod:`asyncapi_tools._yaml.located`): a diff reads whole documents
but reports a few places, so positions are looked up only for those.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import _pointer
from .._document import Document
from .._errors import AsyncAPIToolsError, InputError
from .._source import decode, read_text
from .._yaml.located import located_load
from ._model import Where

GIT_PREFIX = "git:"

Steps = tuple[str | int, ...]


@dataclass(eq=False)
class Doc:
    """One file of a side: its plain data, its name in messages, and a path -> position lookup."""

    data: Any
    source: str
    position: Callable[[Steps], tuple[int, int] | None]
    #: where relative references are resolved from: a directory, or a directory inside the commit
    base: str | None = None

    def where(self, path: Steps) -> Where:
        found = self.position(path) if path else None
        return Where(self.source, _pointer.join(path), found[0] if found else None, found[1] if found else None)


@dataclass(eq=False)
class Side:
    """The root document of one side and the files its references reach (loaded on demand)."""

    root: Doc
    read_relative: Callable[[Doc, str], Doc] | None = None
    _cache: dict[str, Doc | AsyncAPIToolsError] = field(default_factory=dict)

    def referenced(self, doc: Doc, file_part: str) -> Doc | None:
        """The document a relative reference names, or None if it cannot be read (reported as
        an unresolved reference by ``validate``; the diff then compares the references as text)."""
        if self.read_relative is None or doc.base is None:
            return None
        key = posixpath.normpath(posixpath.join(doc.base, file_part))
        cached = self._cache.get(key)
        if cached is None:
            try:
                cached = self.read_relative(doc, file_part)
            except AsyncAPIToolsError as exc:
                cached = exc
            self._cache[key] = cached
        return cached if isinstance(cached, Doc) else None


def parse(text: str, *, source: str, base: str | None) -> Doc:
    """A Doc from YAML or JSON text; the root must be a mapping (as for ``load``)."""
    data, positions = located_load(text, source=source)
    if not isinstance(data, Mapping):
        raise InputError(
            "the document root is not a mapping",
            file=source,
            line=1,
            column=1,
            hint="an AsyncAPI document is a mapping that starts with `asyncapi: 3.0.0`",
        )
    return Doc(data=data, source=source, position=positions, base=base)


def open_side(spec: str | os.PathLike[str] | Document) -> Side:
    """A side from a path, a ``git:REF:path`` spec, or an already loaded Document."""
    if isinstance(spec, Document):
        return _document_side(spec)
    text_spec = os.fspath(spec)
    if text_spec.startswith(GIT_PREFIX):
        return _git_side(text_spec)
    return _file_side(text_spec)


def _file_side(path: str) -> Side:
    root = parse(read_text(path, what="document"), source=path, base=str(Path(path).resolve().parent))
    return Side(root, _read_from_disk)


def _read_from_disk(doc: Doc, file_part: str) -> Doc:
    """A referenced file, named the way the user named the document that references it
    (``specs/old/openapi.yaml`` beside ``specs/old/asyncapi.yaml``)."""
    assert doc.base is not None
    target = os.path.normpath(os.path.join(doc.base, file_part))
    shown = os.path.normpath(os.path.join(os.path.dirname(doc.source), file_part))
    return parse(read_text(target, what="referenced file"), source=shown, base=os.path.dirname(target))


def _document_side(document: Document) -> Side:
    root = Doc(
        data=document.plain(),
        source=document.source or "<document>",
        position=document.position,
        base=str(document.base_dir) if document.base_dir else None,
    )
    return Side(root, _read_from_disk)


def _git_side(spec: str) -> Side:
    """``git:REF:path``: the file as committed at REF (path relative to the current directory,
    as git reads ``REF:./path``); its relative references are read from the same commit."""
    ref, sep, path = spec[len(GIT_PREFIX) :].partition(":")
    if not sep or not ref or not path:
        raise InputError(
            f"`{spec}` is not a git source",
            hint="write git:REF:PATH, for example git:main:asyncapi.yaml or git:HEAD~1:docs/asyncapi.yaml",
        )
    prefix = _git(["rev-parse", "--show-prefix"], spec=spec).decode("utf-8", "replace").strip()
    in_repo = posixpath.normpath(posixpath.join(prefix, path.replace(os.sep, "/")))

    def read(repo_path: str, shown: str) -> Doc:
        text = decode(_git(["show", f"{ref}:{repo_path}"], spec=shown), name=shown, what="document")
        return parse(text, source=shown, base=posixpath.dirname(repo_path))

    def read_relative(doc: Doc, file_part: str) -> Doc:
        assert doc.base is not None
        repo_path = posixpath.normpath(posixpath.join(doc.base, file_part))
        return read(repo_path, f"{GIT_PREFIX}{ref}:{repo_path}")

    return Side(read(in_repo, spec), read_relative)


def _git(args: list[str], *, spec: str) -> bytes:
    """git's standard output; a failure is an InputError that quotes git's own last line."""
    try:
        completed = subprocess.run(["git", *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError(f"cannot read `{spec}`: git is not installed", hint="install git, or pass the file itself") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            f"cannot read `{spec}`: {message[-1] if message else 'git failed'}",
            hint="check the ref (git log --oneline) and the path (relative to the current directory)",
        )
    return completed.stdout
