"""Servers: where clients connect (host, protocol, pathname, variables) and what they must present."""

from __future__ import annotations

from ._context import Context
from ._nodes import Node
from ._sections import compare_entries
from ._security import compare_requirements


def _identity(node: Node) -> tuple[object, ...] | None:
    server = node.resolved()
    return (server.get("host"), server.get("protocol"), server.get("pathname")) if server.get("host") else None


def compare_servers(ctx: Context) -> None:
    compare_entries(ctx, "servers", "server", same=_identity, compare=_compare)


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
