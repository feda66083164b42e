"""Channels: address, parameters, servers, bindings, and the messages each channel carries."""

from __future__ import annotations

from collections.abc import Mapping

from ._context import Context
from ._direction import BOTH
from ._matching import pair
from ._nodes import Node


def _address(node: Node) -> object:
    return node.resolved().get("address")


def compare_channels(ctx: Context) -> None:
    old_channels, new_channels = ctx.old.child("channels"), ctx.new.child("channels")
    ctx.channels = pairing = pair(old_channels, new_channels, same=_address)
    for name, node in pairing.removed:
        ctx.report.add("channel-removed", f"channel `{name}` removed", old=node, new=ctx.place(new_channels, ctx.new))
    for name, node in pairing.added:
        ctx.report.add("channel-added", f"channel `{name}` added", old=ctx.place(old_channels, ctx.old), new=node)
    for old_name, old_node, new_name, new_node in pairing.renamed:
        ctx.report.add("channel-renamed", f"channel `{old_name}` renamed to `{new_name}`", old=old_node, new=new_node)
        _compare(ctx, old_name, new_name, old_node.resolved(), new_node.resolved())
    for name, old_node, new_node in pairing.pairs:
        _compare(ctx, name, name, old_node.resolved(), new_node.resolved())


def _compare(ctx: Context, old_id: str, new_id: str, o: Node, n: Node) -> None:
    if o.get("address") != n.get("address"):
        ctx.report.add("channel-address-changed", f"channel `{new_id}`: address {o.get('address')!r} -> {n.get('address')!r}", old=ctx.place(o.child("address"), o), new=ctx.place(n.child("address"), n))
    _parameters(ctx, new_id, o, n)
    _servers(ctx, new_id, o, n)
    _bindings(ctx, new_id, o.child("bindings").resolved(), n.child("bindings").resolved(), o, n)
    _messages(ctx, old_id, new_id, o, n)


def _parameters(ctx: Context, channel: str, o: Node, n: Node) -> None:
    old_params, new_params = o.child("parameters"), n.child("parameters")
    pairing = pair(old_params, new_params)
    for name, node in pairing.removed:
        ctx.report.add("channel-parameter-removed", f"channel `{channel}`: parameter `{name}` removed", old=node, new=ctx.place(new_params, n))
    for name, node in pairing.added:
        ctx.report.add("channel-parameter-added", f"channel `{channel}`: parameter `{name}` added", old=ctx.place(old_params, o), new=node)
    for name, old_node, new_node in [*pairing.pairs, *((a, b, d) for a, b, _c, d in pairing.renamed)]:
        op, np = old_node.resolved(), new_node.resolved()
        old_enum, new_enum = op.get("enum"), np.get("enum")
        where = f"channel `{channel}`: parameter `{name}`"
        if isinstance(new_enum, list) and not isinstance(old_enum, list):
            ctx.report.add("channel-parameter-enum-added", f"{where} is now limited to {new_enum}", old=op, new=np.child("enum"))
        elif isinstance(new_enum, list) and isinstance(old_enum, list):
            for value in old_enum:
                if value not in new_enum:
                    ctx.report.add("channel-parameter-enum-value-removed", f"{where} no longer allows {value!r}", old=op.child("enum"), new=np.child("enum"))
            for value in new_enum:
                if value not in old_enum:
                    ctx.report.add("channel-parameter-enum-value-added", f"{where} allows {value!r}", old=op.child("enum"), new=np.child("enum"))
        if op.get("default") != np.get("default"):
            ctx.report.add("channel-parameter-default-changed", f"{where}: default {op.get('default')!r} -> {np.get('default')!r}", old=op, new=np)


def _server_names(channel: Node, document: Node) -> set[str]:
    """The servers a channel is available on (all of the document's when it lists none)."""
    listed = channel.child("servers")
    if listed.value is None:
        return {name for name, _ in document.child("servers").items()}
    return {str(item.get("$ref", "")).rsplit("/", 1)[-1] for item in listed.elements()}


def _servers(ctx: Context, channel: str, o: Node, n: Node) -> None:
    still_there = {name for name, _ in ctx.new.child("servers").items()}
    lost = (_server_names(o, ctx.old) - _server_names(n, ctx.new)) & still_there
    for server in sorted(lost):
        ctx.report.add("channel-server-removed", f"channel `{channel}` is no longer available on server `{server}`", old=ctx.place(o.child("servers"), o), new=ctx.place(n.child("servers"), n))


def _bindings(ctx: Context, channel: str, ob: Node, nb: Node, o: Node, n: Node) -> None:
    old_protocols = {name for name, _ in ob.items()}
    new_protocols = {name for name, _ in nb.items()}
    for protocol in sorted(old_protocols - new_protocols):
        ctx.report.add("channel-binding-removed", f"channel `{channel}`: {protocol} bindings removed", old=ob.child(protocol), new=ctx.place(nb, n))
    for protocol in sorted(new_protocols - old_protocols):
        ctx.report.add("channel-binding-added", f"channel `{channel}`: {protocol} bindings added", old=ctx.place(ob, o), new=nb.child(protocol))
    old_ws, new_ws = ob.child("ws").resolved(), nb.child("ws").resolved()
    if new_ws.value is None:
        return
    if (old_ws.get("method") or "GET") != (new_ws.get("method") or "GET"):
        ctx.report.add("ws-binding-method-changed", f"channel `{channel}`: handshake method {old_ws.get('method') or 'GET'} -> {new_ws.get('method') or 'GET'}", old=ctx.place(old_ws, o), new=new_ws)
    for part, check in (("query", "ws-binding-query-required-added"), ("headers", "ws-binding-header-required-added")):
        old_schema, new_schema = old_ws.child(part).resolved(), new_ws.child(part).resolved()
        newly = _required(new_schema.value) - _required(old_schema.value)
        for name in sorted(newly):
            ctx.report.add(check, f"channel `{channel}`: handshake {part} `{name}` is now required", old=ctx.place(old_schema, ctx.place(old_ws, o)), new=new_schema)


def _required(schema: object) -> set[str]:
    required = schema.get("required") if isinstance(schema, Mapping) else None
    return {str(name) for name in required} if isinstance(required, list) else set()


def _messages(ctx: Context, old_id: str, new_id: str, o: Node, n: Node) -> None:
    old_messages, new_messages = o.child("messages"), n.child("messages")
    pairing = pair(old_messages, new_messages)
    for key, node in pairing.removed:
        check = "deprecated-message-removed" if node.resolved().get("deprecated") else "channel-message-removed"
        ctx.report.add(check, f"channel `{new_id}`: message `{key}` removed", old=node, new=ctx.place(new_messages, n))
    for key, node in pairing.added:
        ctx.report.add("channel-message-added", f"channel `{new_id}`: message `{key}` added", old=ctx.place(old_messages, o), new=node)
    ctx.channel_messages[old_id] = pairing
    matched = [(key, old_node, key, new_node) for key, old_node, new_node in pairing.pairs] + pairing.renamed
    for old_key, old_node, new_key, new_node in matched:
        used = ctx.old_usage.get((old_id, old_key), set()) | ctx.new_usage.get((new_id, new_key), set())
        ctx.messages.compare(old_node, new_node, frozenset(used) or BOTH, new_key)
