"""Security: the schemes in ``components.securitySchemes`` and the requirements that use them.

AsyncAPI 3 requirements are alternatives (one of the listed schemes must be satisfied), so
requiring credentials where none were required, or dropping an accepted scheme, breaks clients;
adding another accepted scheme does not.
"""

from __future__ import annotations

from ._context import Context
from ._matching import pair
from ._nodes import Node


def requirement_names(requirements: Node) -> dict[str, Node]:
    """The schemes a ``security`` list accepts, by name (a reference's last step, else the
    scheme's type and parameter name for an inline scheme)."""
    names: dict[str, Node] = {}
    for item in requirements.elements():
        reference = item.get("$ref")
        if isinstance(reference, str):
            names[reference.rsplit("/", 1)[-1]] = item
        else:
            resolved = item.resolved()
            names[f"{resolved.get('type')}:{resolved.get('name') or resolved.get('in') or ''}"] = item
    return names


def compare_requirements(ctx: Context, old: Node, new: Node, *, owner: str, added_id: str, removed_id: str, old_parent: Node, new_parent: Node) -> None:
    """Compare the ``security`` lists of one server or operation (``owner`` names it)."""
    before, after = requirement_names(old), requirement_names(new)
    where_new = ctx.place(new, new_parent)
    where_old = ctx.place(old, old_parent)
    dropped = [name for name in before if name not in after]
    if after and (not before or dropped):
        detail = f"no longer accepts {', '.join(f'`{n}`' for n in dropped)}" if before else f"now requires {', '.join(f'`{n}`' for n in after)}"
        ctx.report.add(added_id, f"{owner} {detail}", old=where_old, new=where_new)
    elif before and (not after or any(name not in before for name in after)):
        detail = "no longer requires credentials" if not after else f"also accepts {', '.join(f'`{n}`' for n in after if n not in before)}"
        ctx.report.add(removed_id, f"{owner} {detail}", old=where_old, new=where_new)
    for name in before.keys() & after.keys():
        old_scopes = set(map(str, before[name].resolved().get("scopes") or []))
        new_scopes = set(map(str, after[name].resolved().get("scopes") or []))
        if new_scopes - old_scopes:
            scopes = ", ".join(sorted(new_scopes - old_scopes))
            ctx.report.add("security-scope-added", f"{owner}: `{name}` now needs scope {scopes}", old=before[name], new=after[name])


def compare_schemes(ctx: Context) -> None:
    old_schemes = ctx.old.child("components").child("securitySchemes")
    new_schemes = ctx.new.child("components").child("securitySchemes")
    pairing = pair(old_schemes, new_schemes)
    fallback = ctx.place(new_schemes, ctx.new)
    for name, node in pairing.removed:
        ctx.report.add("security-scheme-removed", f"security scheme `{name}` removed", old=node, new=fallback)
    for name, node in pairing.added:
        ctx.report.add("security-scheme-added", f"security scheme `{name}` added", old=ctx.place(old_schemes, ctx.old), new=node)
    for old_name, old_node, new_name, new_node in pairing.renamed:
        ctx.report.add("component-renamed", f"security scheme `{old_name}` renamed to `{new_name}`", old=old_node, new=new_node)
    for name, old_node, new_node in pairing.pairs:
        o, n = old_node.resolved(), new_node.resolved()
        for field, check in (("type", "security-scheme-type-changed"), ("in", "security-scheme-location-changed"), ("name", "security-scheme-parameter-renamed")):
            if o.get(field) != n.get(field):
                ctx.report.add(check, f"security scheme `{name}`: {field} {o.get(field)!r} -> {n.get(field)!r}", old=o.child(field) if o.get(field) is not None else o, new=ctx.place(n.child(field), n))
