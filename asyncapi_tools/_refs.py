"""``$ref`` resolution for the semantic rules: local pointers, relative files, never the network.

A reference is ``file#pointer``: the file part is resolved against the directory of the document
that *contains* the reference (so ``../common/messages.yaml`` inside ``backend/asyncapi.yaml``
means ``common/messages.yaml``), the pointer is an RFC 6901 JSON pointer. Remote references
(``http``/``https``) are never fetched: they come back as a ``remote-ref`` warning.

One :class:`Resolver` is one resolution run: it loads each referenced file once and remembers
failures, so a missing file costs one attempt however often it is referenced. Every answer is
either a :class:`Target` or a located :class:`Diagnostic` that says why not.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from . import _pointer
from ._diagnostics import Diagnostic
from ._document import Document, load
from ._errors import AsyncAPIToolsError, InputError
from ._source import display_path

REF = "$ref"

Steps = tuple[str | int, ...]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_REMOTE_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True)
class Target:
    """What a reference points at: the node, the document it lives in, and its path there."""

    node: Any
    document: Document
    path: Steps


@dataclass(frozen=True)
class Location:
    """Where a reference points, worked out without loading anything.

    ``file`` identifies the document (an absolute, normalised path, or a stand-in for a document
    that has no file); ``steps`` are the pointer's steps. Two references that name the same
    node the same way have equal locations, whichever file wrote them.
    """

    file: str
    steps: tuple[str, ...]


def is_ref(node: Any) -> bool:
    """True for a Reference object: a mapping whose ``$ref`` is a string."""
    # dict first: round-trip mappings are dicts, and the ABC check is slow on big documents
    return isinstance(node, dict | Mapping) and REF in node and isinstance(node[REF], str)


def is_remote(ref: str) -> bool:
    match = _SCHEME.match(ref)
    return match is not None and match.group(1).lower() in _REMOTE_SCHEMES


def split(ref: str) -> tuple[str, str]:
    """``(file part, pointer)`` of a reference, the pointer percent-decoded (``#`` dropped)."""
    file_part, _, fragment = ref.partition("#")
    return file_part, unquote(fragment)


def iter_refs(tree: Any) -> Iterator[tuple[Steps, Mapping[str, Any]]]:
    """``(path, Reference object)`` for every reference in a tree.

    A node shared through a YAML alias is visited once, at the first path that reaches it.
    """
    # Trees are dicts and lists (ruamel's round-trip types subclass them): exact isinstance
    # checks against the builtins keep this walk, the hot loop of validation, cheap.
    seen: set[int] = set()
    stack: list[tuple[Any, Steps]] = [(tree, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            ref = node.get(REF)
            if isinstance(ref, str):
                yield path, node
            children = [(value, (*path, key)) for key, value in node.items() if isinstance(value, dict | list)]
        else:
            children = [(item, (*path, index)) for index, item in enumerate(node) if isinstance(item, dict | list)]
        children.reverse()
        stack.extend(children)


class Resolver:
    """Resolves references for one validation run, starting from the document being checked."""

    def __init__(self, root: Document) -> None:
        self.root = root
        self._keys: dict[int, str] = {}
        self._files: dict[str, Document | AsyncAPIToolsError] = {}
        self._active: set[tuple[str, str]] = set()
        root_file = _document_file(root)
        self._keys[id(root)] = root_file or f"<document {id(root)}>"
        if root_file:
            self._files[root_file] = root

    # -- identity -------------------------------------------------------------------------------

    def key(self, document: Document) -> str:
        """A stable identity for a document of this run (its absolute path where it has one)."""
        key = self._keys.get(id(document))
        if key is None:
            key = self._keys[id(document)] = _document_file(document) or f"<document {id(document)}>"
        return key

    def documents(self) -> list[Document]:
        """The root and every file loaded so far, in load order (failed loads excluded)."""
        loaded = [doc for doc in self._files.values() if isinstance(doc, Document)]
        return [self.root, *(doc for doc in loaded if doc is not self.root)]

    def locate(self, ref: str, *, document: Document) -> Location | None:
        """Where ``ref`` (written in ``document``) points, or None for a reference to the network
        or a relative file that cannot be placed (no base directory)."""
        if is_remote(ref) or (_SCHEME.match(ref) and not ref.lower().startswith("file:")):
            return None
        file_part, fragment = split(ref)
        if not file_part:
            return Location(self.key(document), tuple(_pointer.split(fragment)))
        target = self._file_path(file_part, document)
        if target is None:
            return None
        return Location(target, tuple(_pointer.split(fragment)))

    # -- resolution -----------------------------------------------------------------------------

    def resolve(self, ref: str, *, document: Document, at: Steps) -> Target | Diagnostic:
        """One hop: the node ``ref`` names (a Reference object there is returned as it is).

        ``at`` is the path of the Reference object in ``document``; diagnostics point at its
        ``$ref`` key. Pointers may pass *through* Reference objects on the way (as in
        ``#/channels/room/messages/hello`` when ``room`` is itself a reference).
        """
        where = (*at, REF)
        if is_remote(ref):
            return document.diagnostic(
                "remote-ref",
                f"remote reference `{ref}` is not fetched, so what it points to was not checked",
                path=where,
                severity="warning",
                hint="copy the file next to the document and use a relative reference to have it checked",
            )
        if _SCHEME.match(ref) and not ref.lower().startswith("file:"):
            return document.diagnostic(
                "unresolved-ref",
                f"cannot resolve `{ref}`: only local pointers and relative files are supported",
                path=where,
                hint="use `#/components/...` or a relative file such as `./common.yaml#/name`",
            )
        file_part, fragment = split(ref)
        if fragment and not fragment.startswith("/"):
            return document.diagnostic(
                "unresolved-ref",
                f"cannot resolve `{ref}`: `#{fragment}` is not a JSON pointer",
                path=where,
                hint="a pointer starts with a slash, like `#/components/messages/UserSignedUp`",
            )
        active = (self.key(document), ref)
        if active in self._active:
            return document.diagnostic(
                "unresolved-ref",
                f"circular $ref: resolving `{ref}` needs `{ref}` itself",
                path=where,
                hint="point the reference at the object itself, not at a path through a reference to it",
            )
        self._active.add(active)
        try:
            if file_part:
                loaded = self._load(file_part, document=document, ref=ref, where=where)
                if isinstance(loaded, Diagnostic):
                    return loaded
                target_doc = loaded
            else:
                target_doc = document
            return self._walk(target_doc, _pointer.split(fragment), ref=ref, referrer=document, where=where)
        finally:
            self._active.discard(active)

    def follow(self, node: Any, *, document: Document, path: Steps) -> Target | Diagnostic:
        """The object behind a chain of references (``node`` itself when it is no reference).

        A chain that comes back to where it started is reported as a circular ``$ref``.
        """
        current = Target(node, document, tuple(path))
        chain: list[str] = []
        seen: set[tuple[str, Steps]] = set()
        while is_ref(current.node):
            identity = (self.key(current.document), current.path)
            if identity in seen:
                return document.diagnostic(
                    "unresolved-ref",
                    f"circular $ref: {' -> '.join(f'`{r}`' for r in chain)} leads back to itself",
                    path=(*path, REF),
                    hint="one of these references must point at a real object",
                )
            seen.add(identity)
            ref = current.node[REF]
            chain.append(ref)
            result = self.resolve(ref, document=current.document, at=current.path)
            if isinstance(result, Diagnostic):
                return result
            current = result
        return current

    # -- internals ------------------------------------------------------------------------------

    def _file_path(self, file_part: str, document: Document) -> str | None:
        if file_part.lower().startswith("file:"):
            file_part = urlsplit(file_part).path
        relative = unquote(file_part)
        if os.path.isabs(relative):
            return os.path.normpath(relative)
        if document.base_dir is None:
            return None
        return os.path.normpath(document.base_dir / relative)

    def _load(self, file_part: str, *, document: Document, ref: str, where: Steps) -> Document | Diagnostic:
        target = self._file_path(file_part, document)
        if target is None:
            return document.diagnostic(
                "unresolved-ref",
                f"cannot resolve `{ref}`: the document was not read from a file, so `{file_part}` has no directory to be relative to",
                path=where,
                hint="load the document with asyncapi_tools.load(path), or pass base_dir= to loads()",
            )
        cached = self._files.get(target)
        if cached is None:
            try:
                _require_regular_file(target)
                cached = load(display_path(target))
            except AsyncAPIToolsError as exc:
                cached = exc
            self._files[target] = cached
            if isinstance(cached, Document):
                self._keys[id(cached)] = target
        if isinstance(cached, Document):
            return cached
        return document.diagnostic(
            "unresolved-ref",
            f"cannot resolve `{ref}`: {_describe_failure(cached, target)}",
            path=where,
            hint=_file_hint(target, cached),
        )

    def _walk(self, document: Document, steps: list[str], *, ref: str, referrer: Document, where: Steps) -> Target | Diagnostic:
        node: Any = document.tree
        path: list[str | int] = []
        for index, step in enumerate(steps):
            while is_ref(node) and _pointer.child(node, step) is None:
                followed = self.follow(node, document=document, path=tuple(path))
                if isinstance(followed, Diagnostic):
                    return followed
                node, document, path = followed.node, followed.document, list(followed.path)
            child = _pointer.child(node, step)
            if child is None:
                so_far = "#" + _pointer.join(steps[:index]) if index else "the document root"
                if file := split(ref)[0]:
                    so_far = f"{so_far} of {file}"
                return referrer.diagnostic(
                    "unresolved-ref",
                    f"`{ref}` does not resolve: {so_far} has no {_describe_missing(node, step)}",
                    path=where,
                    hint=_key_hint(node, step),
                )
            key, node = child
            path.append(key)
        return Target(node, document, tuple(path))


def _require_regular_file(target: str) -> None:
    """A reference may name a regular file only: a device (``/dev/zero``), a FIFO or a socket
    would block or never end. Missing files are left to ``load``, which says so with a hint;
    the size bound is ``read_text``'s (:data:`asyncapi_tools._source.MAX_INPUT_BYTES`)."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return  # missing, or a NUL in the path: read_text names the problem
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError(
            "not a regular file (a device, pipe or socket): references are only followed to files",
            file=display_path(target),
            hint="point the $ref at a YAML or JSON file",
        )


def _document_file(document: Document) -> str | None:
    if document.base_dir is None or not document.source or document.source.startswith("<"):
        return None
    return os.path.normpath(document.base_dir / Path(document.source).name)


def _describe_missing(node: Any, step: str) -> str:
    if isinstance(node, Mapping):
        return f"key {step!r}"
    if isinstance(node, list):
        return f"item {step} (it has {len(node)} item{'s' if len(node) != 1 else ''})"
    kind = "null" if node is None else "a boolean" if isinstance(node, bool) else "a string" if isinstance(node, str) else "a number"
    return f"key {step!r} (it is {kind}, not a mapping)"


def _key_hint(node: Any, step: str) -> str | None:
    if not isinstance(node, Mapping) or not node:
        return None
    keys = [str(key) for key in node]
    close = difflib.get_close_matches(step, keys, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    shown = ", ".join(keys[:12]) + (", ..." if len(keys) > 12 else "")
    return f"it has: {shown}"


def _describe_failure(error: AsyncAPIToolsError, target: str) -> str:
    where = error.file or display_path(target)
    if error.line is not None:
        where += f":{error.line}" + (f":{error.column}" if error.column is not None else "")
    return f"{where}: {error.message}"


def _file_hint(target: str, error: AsyncAPIToolsError) -> str | None:
    directory, name = os.path.split(target)
    try:
        candidates = [entry for entry in os.listdir(directory) if os.path.isfile(os.path.join(directory, entry))]
    except OSError:
        return error.hint
    close = difflib.get_close_matches(name, candidates, n=1)
    if close and close[0] != name:
        return f"did you mean {close[0]!r}? (paths are relative to the file that holds the $ref)"
    return error.hint
