"""Servers: where clients connect (host, protocol, pathname, variables) and what they must present."""

from __future__ import annotations

from ._context import Context
from ._matching import pair
from ._nodes import Node
from ._security import compare_requirements


def _identity(node: Node) -> tuple[object, ...] | None:
    server = node.resolved()
    return (server.get("host"), server.get("protocol"), server.get("pathname")) if server.get("host") else None


def compare_servers(ctx: Context) -> None:
    old_servers, new_servers = ctx.old.child("servers"), ctx.new.child("servers")
    pairing = pair(old_servers, new_servers, same=_identity)
    for name, node in pairing.removed:
        ctx.report.add("server-removed", f"server `{name}` removed", old=node, new=ctx.place(new_servers, ctx.new))
    for name, node in pairing.added:
        ctx.report.add("server-added", f"server `{name}` added", old=ctx.place(old_servers, ctx.old), new=node)
    for old_name, old_node, new_name, new_node in pairing.renamed:
        ctx.report.add("server-renamed", f"server `{old_name}` renamed to `{new_name}`", old=old_node, new=new_node)
        _compare(ctx, new_name, old_node.resolved(), new_node.resolved())
    for name, old_node, new_node in pairing.pairs:
        _compare(ctx, name, old_node.resolved(), new_node.resolved())


def _compare(ctx: Context, name: str, o: Node, n: Node) -> None:
    for field, check in (
        ("host", "server-host-changed"),
        ("protocol", "server-protocol-changed"),
        ("pathname", "server-pathname-changed"),
        ("protocolVersion", "server-protocol-version-changed"),
    ):
        if o.get(field) != n.get(field):
            ctx.report.add(check, f"server `{name}`: {field} {o.get(field)!r} -> {n.get(field)!r}", old=ctx.place(o.child(field), o), new=ctx.place(n.child(field), n))
    old_vars, new_vars = o.child("variables"), n.child("variables")
    new_by_name = dict(new_vars.items())
    for var, old_var in old_vars.items():
        new_var = new_by_name.get(var)
        if new_var is None:
            ctx.report.add("server-variable-removed", f"server `{name}`: variable `{var}` removed", old=old_var, new=ctx.place(new_vars, n))
            continue
        ov, nv = old_var.resolved(), new_var.resolved()
        new_enum = nv.get("enum")
        if isinstance(new_enum, list):
            for value in ov.get("enum") or []:
                if value not in new_enum:
                    ctx.report.add("server-variable-enum-value-removed", f"server `{name}`: variable `{var}` no longer allows {value!r}", old=ov, new=nv.child("enum"))
        if ov.get("default") != nv.get("default"):
            ctx.report.add("server-variable-default-changed", f"server `{name}`: variable `{var}` default {ov.get('default')!r} -> {nv.get('default')!r}", old=ov, new=nv)
    compare_requirements(
        ctx, o.child("security"), n.child("security"), owner=f"server `{name}`",
        added_id="server-security-added", removed_id="server-security-removed", old_parent=o, new_parent=n,
    )
