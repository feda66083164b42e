"""Components: renamed ones (same content, new key) and removed ones that nothing here used.

Components used by this document are compared where they are used (a removed message shows up
on its channel); a component nothing uses exists for other documents to ``$ref``, so removing it
breaks them. Security schemes are compared in :mod:`._security`.
"""

from __future__ import annotations

from ._context import Context
from ._matching import pair
from ._nodes import ref_targets


def compare_components(ctx: Context) -> None:
    old_components, new_components = ctx.old.child("components"), ctx.new.child("components")
    used: set[tuple[str | int, ...]] | None = None  # computed on the first unpaired removal
    for kind, old_group in old_components.items():
        if kind == "securitySchemes":
            continue
        new_group = new_components.child(kind)
        pairing = pair(old_group, new_group)
        for old_name, old_node, new_name, new_node in pairing.renamed:
            ctx.report.add("component-renamed", f"components.{kind}: `{old_name}` renamed to `{new_name}`", old=old_node, new=new_node)
        for name, node in pairing.removed:
            if used is None:
                used = ref_targets(ctx.old.side)
            if ("components", kind, name) not in used:
                ctx.report.add("component-removed", f"components.{kind}: unused `{name}` removed", old=node, new=ctx.place(new_group, ctx.place(new_components, ctx.new)))
