"""Merge overlay documents onto a base document, keeping the comments of both.

Semantics are JSON Merge Patch (RFC 7386) on mappings, extended for AsyncAPI: later documents
win on scalars, ``null`` in an overlay deletes the key, lists are replaced, except lists of named
objects (every item a mapping with a ``name``, such as ``tags``) which merge item by item on
``name``. A mapping never silently replaces a scalar or list (or the reverse): that is a
:class:`MergeError` naming both files and the JSON pointer, as is mixing AsyncAPI versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from . import _pointer, _yaml
from ._document import Document
from ._errors import MergeError
from ._yaml import tree_merge
from ._yaml.shared import deep_copy


@dataclass(frozen=True)
class MergeChange:
    """One path an overlay changed, added or deleted (``source`` names the overlay)."""

    kind: Literal["changed", "added", "deleted"]
    pointer: str
    source: str | None


def merge(base: Document, *overlays: Document) -> Document:
    """A new Document: ``base`` with each overlay applied in order; the inputs are not changed."""
    return merge_with_report(base, *overlays)[0]


def merge_with_report(base: Document, *overlays: Document) -> tuple[Document, list[MergeChange]]:
    """Like :func:`merge`, plus every path each overlay changed, added or deleted, in order."""
    # The merged tree carries the overlays' comments, so it is a round-trip tree: a plain base
    # (generated data) is converted, a round-trip base deep-copied (keeping anchors shared).
    tree = deep_copy(base.tree) if _yaml.is_tree(base.tree) else _yaml.from_plain(base.tree)
    changes: list[MergeChange] = []
    for overlay in overlays:
        _check_versions(tree, base, overlay)

        def record(kind: tree_merge.ChangeKind, path: tuple[Any, ...], _source: str | None = overlay.source) -> None:
            changes.append(MergeChange(kind, _pointer.join(path), _source))

        try:
            tree_merge.merge_into(tree, overlay.tree, on_change=record)
        except tree_merge.Clash as clash:
            raise _clash_error(base, overlay, clash) from None
    return Document(tree=tree, source=base.source, base_dir=base.base_dir), changes


def _name(doc: Document) -> str:
    return doc.source or "<document>"


def _check_versions(tree: Any, base: Document, overlay: Document) -> None:
    ours, theirs = tree.get("asyncapi"), overlay.tree.get("asyncapi")
    if ours is None or theirs is None or str(ours) == str(theirs):
        return
    where = overlay.position(("asyncapi",))
    raise MergeError(
        f"cannot merge {_name(overlay)} (asyncapi {theirs}) onto {_name(base)} (asyncapi {ours}) at #/asyncapi: "
        "the AsyncAPI versions differ",
        file=overlay.source,
        line=where[0] if where else None,
        column=where[1] if where else None,
        hint="merge documents of one AsyncAPI version, or drop `asyncapi:` from the overlay",
    )


def _clash_error(base: Document, overlay: Document, clash: tree_merge.Clash) -> MergeError:
    where = overlay.position(clash.overlay_path)
    return MergeError(
        f"cannot merge {_name(overlay)} onto {_name(base)} at #{_pointer.join(clash.base_path)}: "
        f"{_name(base)} has {clash.base_kind} there, {_name(overlay)} has {clash.overlay_kind}",
        file=overlay.source,
        line=where[0] if where else None,
        column=where[1] if where else None,
        hint="give both the same shape, or delete the key first with `key: null` in an earlier overlay",
    )
