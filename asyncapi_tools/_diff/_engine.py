"""``diff(old, new)``: load both sides, pair what they describe, and classify every change."""

from __future__ import annotations

import os

from .._document import Document
from ._channels import compare_channels
from ._components import compare_components
from ._context import Context
from ._direction import usage
from ._load import Side, open_side
from ._messages import MessageDiff
from ._model import DiffChange
from ._nodes import root
from ._operations import compare_operations
from ._report import Report
from ._schema import SchemaDiff
from ._security import compare_schemes
from ._servers import compare_servers

Source = str | os.PathLike[str] | Document


def diff(old: Source, new: Source) -> list[DiffChange]:
    """The classified changes from ``old`` to ``new``, most severe first.

    Each side is a path, ``git:REF:path`` (the file as committed at REF, read with ``git show``)
    or a loaded :class:`~asyncapi_tools.Document`. Raises :class:`~asyncapi_tools.InputError` or
    :class:`~asyncapi_tools.YAMLSyntaxError` (located) when a side cannot be read.
    """
    return compare(open_side(old), open_side(new))


def compare(old: Side, new: Side) -> list[DiffChange]:
    """The changes between two loaded sides (``diff`` without the reading)."""
    old_root, new_root = root(old), root(new)
    report = Report()
    schemas = SchemaDiff(report)
    ctx = Context(
        old=old_root,
        new=new_root,
        report=report,
        schemas=schemas,
        messages=MessageDiff(report, schemas, old_default=old_root.get("defaultContentType"), new_default=new_root.get("defaultContentType")),
        old_usage=usage(old_root),
        new_usage=usage(new_root),
    )
    _document(ctx)
    compare_servers(ctx)
    compare_channels(ctx)
    compare_operations(ctx)
    compare_schemes(ctx)
    compare_components(ctx)
    return report.changes()


def _document(ctx: Context) -> None:
    old_info, new_info = ctx.old.child("info"), ctx.new.child("info")
    if old_info.get("version") != new_info.get("version"):
        ctx.report.add("info-version-changed", f"info.version {old_info.get('version')!r} -> {new_info.get('version')!r}", old=ctx.place(old_info.child("version"), ctx.old), new=ctx.place(new_info.child("version"), ctx.new))
    if ctx.old.get("asyncapi") != ctx.new.get("asyncapi"):
        ctx.report.add("asyncapi-version-changed", f"asyncapi {ctx.old.get('asyncapi')!r} -> {ctx.new.get('asyncapi')!r}", old=ctx.old.child("asyncapi"), new=ctx.new.child("asyncapi"))
    if ctx.old.get("defaultContentType") != ctx.new.get("defaultContentType"):
        ctx.report.add("default-content-type-changed", f"defaultContentType {ctx.old.get('defaultContentType')!r} -> {ctx.new.get('defaultContentType')!r}", old=ctx.place(ctx.old.child("defaultContentType"), ctx.old), new=ctx.place(ctx.new.child("defaultContentType"), ctx.new))
