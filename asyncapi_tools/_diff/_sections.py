"""The entries of a root mapping (``servers``, ``operations``): paired, and those removed, added
or renamed reported under one id pattern, so each area only compares what kept its place."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from ._context import Context
from ._matching import pair
from ._nodes import Node


def compare_entries(
    ctx: Context,
    section: str,
    kind: str,
    *,
    same: Callable[[Node], Hashable],
    compare: Callable[[Context, str, Node, Node], None],
) -> None:
    """Pair ``section`` of both documents (by key, by content, then by ``same``); report the
    checks ``<kind>-removed``, ``<kind>-added`` and ``<kind>-renamed``, and ``compare`` each pair
    (resolved), renamed ones under their new name."""
    old_entries, new_entries = ctx.old.child(section), ctx.new.child(section)
    pairing = pair(old_entries, new_entries, same=same)
    for name, node in pairing.removed:
        ctx.report.add(f"{kind}-removed", f"{kind} `{name}` removed", old=node, new=ctx.place(new_entries, ctx.new))
    for name, node in pairing.added:
        ctx.report.add(f"{kind}-added", f"{kind} `{name}` added", old=ctx.place(old_entries, ctx.old), new=node)
    for old_name, old_node, new_name, new_node in pairing.renamed:
        ctx.report.add(f"{kind}-renamed", f"{kind} `{old_name}` renamed to `{new_name}`", old=old_node, new=new_node)
        compare(ctx, new_name, old_node.resolved(), new_node.resolved())
    for name, old_node, new_node in pairing.pairs:
        compare(ctx, name, old_node.resolved(), new_node.resolved())
