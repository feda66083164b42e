"""Operations: action, channel, the messages each one sends or receives, replies and security."""

from __future__ import annotations

from collections.abc import Hashable

from ._context import Context
from ._direction import channel_id, message_key
from ._nodes import Node
from ._sections import compare_entries
from ._security import compare_requirements


def _identity(node: Node) -> Hashable:
    """What an operation does, whatever its id: its action, channel and messages."""
    operation = node.resolved()
    refs = tuple(sorted(str(item.get("$ref")) for item in operation.child("messages").elements()))
    return (operation.get("action"), channel_id(operation.child("channel")), refs)


def compare_operations(ctx: Context) -> None:
    compare_entries(ctx, "operations", "operation", same=_identity, compare=_compare)


def _compare(ctx: Context, name: str, o: Node, n: Node) -> None:
    action = n.get("action")
    if o.get("action") != action:
        ctx.report.add("operation-action-changed", f"operation `{name}`: action {o.get('action')} -> {action}", old=ctx.place(o.child("action"), o), new=ctx.place(n.child("action"), n))
    old_channel, new_channel = channel_id(o.child("channel")), channel_id(n.child("channel"))
    if ctx.channel_now(old_channel) != new_channel:
        ctx.report.add("operation-channel-changed", f"operation `{name}`: channel `{old_channel}` -> `{new_channel}`", old=o.child("channel"), new=n.child("channel"))
    added_id = "operation-accepts-new-message" if action == "receive" else "operation-sends-new-message"
    _message_lists(ctx, f"operation `{name}`", o.child("messages"), n.child("messages"), old_channel, new_channel, removed_id="operation-message-removed", added_id=added_id, o=o, n=n)
    _reply(ctx, name, o, n, old_channel, new_channel)
    compare_requirements(
        ctx, o.child("security"), n.child("security"), owner=f"operation `{name}`",
        added_id="operation-security-added", removed_id="operation-security-removed", old_parent=o, new_parent=n,
    )


def _keys(ctx: Context, messages: Node, channel: str | None, document: Node) -> dict[tuple[str, str], Node]:
    """The channel messages a list names; an absent list means every message of the channel."""
    if messages.value is None:
        if channel is None:
            return {}
        listed = document.child("channels").child(channel).resolved().child("messages")
        return {(channel, key): node for key, node in listed.items()}
    found = {}
    for item in messages.elements():
        key = message_key(item)
        if key is not None:
            found[key] = item
    return found


def _message_lists(ctx: Context, owner: str, old: Node, new: Node, old_channel: str | None, new_channel: str | None, *, removed_id: str, added_id: str, o: Node, n: Node) -> None:
    before = _keys(ctx, old, old_channel, ctx.old)
    after = _keys(ctx, new, new_channel, ctx.new)
    mapped = {ctx.message_now(key): node for key, node in before.items()}
    for key, node in before.items():
        if ctx.message_now(key) not in after:
            ctx.report.add(removed_id, f"{owner}: message `{key[1]}` removed", old=node, new=ctx.place(new, n))
    for key, node in after.items():
        if key not in mapped:
            ctx.report.add(added_id, f"{owner}: message `{key[1]}` added", old=ctx.place(old, o), new=node)


def _reply(ctx: Context, name: str, o: Node, n: Node, old_channel: str | None, new_channel: str | None) -> None:
    old_reply, new_reply = o.child("reply").resolved(), n.child("reply").resolved()
    if old_reply.value is None and new_reply.value is None:
        return
    owner = f"operation `{name}` reply"
    if old_reply.value is None:
        ctx.report.add("operation-reply-added", f"{owner} added", old=o, new=new_reply)
        return
    if new_reply.value is None:
        ctx.report.add("operation-reply-removed", f"{owner} removed", old=old_reply, new=n)
        return
    old_reply_channel = channel_id(old_reply.child("channel")) if old_reply.get("channel") is not None else old_channel
    new_reply_channel = channel_id(new_reply.child("channel")) if new_reply.get("channel") is not None else new_channel
    if ctx.channel_now(old_reply_channel) != new_reply_channel:
        ctx.report.add("operation-reply-channel-changed", f"{owner}: channel `{old_reply_channel}` -> `{new_reply_channel}`", old=ctx.place(old_reply.child("channel"), old_reply), new=ctx.place(new_reply.child("channel"), new_reply))
    old_address, new_address = old_reply.child("address").resolved(), new_reply.child("address").resolved()
    if old_address.value != new_address.value:
        ctx.report.add("operation-reply-address-changed", f"{owner}: address changed", old=ctx.place(old_address, old_reply), new=ctx.place(new_address, new_reply))
    _message_lists(
        ctx, owner, old_reply.child("messages"), new_reply.child("messages"), old_reply_channel, new_reply_channel,
        removed_id="operation-reply-message-removed", added_id="operation-reply-message-added", o=old_reply, n=new_reply,
    )
