"""The rules JSON Schema cannot express (docs/design-rules.md, "JSON Schema is necessary").

Each rule is a small function over a :class:`Context` that yields located diagnostics with a
stable code:

==================== ======== ===================================================================
code                 severity what
==================== ======== ===================================================================
unresolved-ref       error    a ``$ref`` (local or relative file) names nothing, or loops
remote-ref           warning  an http(s) ``$ref``: never fetched, so not checked
address-parameter    error    ``{param}`` in an address not declared, or declared and unused
operation-channel    error    ``operation.channel`` is not a ``$ref`` to ``#/channels/...``
operation-message    error    an operation message is not one of its channel's ``messages``
reply                error    ``reply.channel`` is no channel; reply messages not on that channel
duplicate-name       warning  two messages of one channel (or of components) share a ``name``
server-ref           error    ``channel.servers`` entry is not a ``$ref`` to ``#/servers/...``
==================== ======== ===================================================================

The rules follow references (a channel may be a ``$ref`` into components or into another file)
but report a broken reference only once, under ``unresolved-ref``: the other rules skip what
they cannot resolve. They never assume the document passed the JSON Schema: wrong shapes are
skipped, not crashed on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from . import _pointer
from ._diagnostics import Diagnostic
from ._document import Document
from ._refs import REF, Location, Resolver, Steps, Target, iter_refs

_PARAMETER = re.compile(r"\{(.+?)\}")


@dataclass
class Context:
    """What every rule needs: the document and the resolver shared by the whole run."""

    doc: Document
    refs: Resolver


def check(doc: Document, *, refs: Resolver | None = None) -> list[Diagnostic]:
    """Every semantic diagnostic of ``doc`` (unsorted; :func:`asyncapi_tools.validate` sorts)."""
    context = Context(doc, refs or Resolver(doc))
    return [diagnostic for rule in RULES for diagnostic in rule(context)]


# -- helpers --------------------------------------------------------------------------------------


def _mapping_items(node: object) -> Iterator[tuple[str, object]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield str(key), value


def _section(doc: Document, *path: str) -> object:
    node: object = doc.tree
    for step in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(step)
    return node


def _followed(context: Context, node: object, document: Document, path: Steps) -> Target | None:
    """The object behind ``node`` (following references), or None when that fails (reported
    elsewhere) or when it is not a mapping."""
    target = context.refs.follow(node, document=document, path=path)
    if isinstance(target, Diagnostic) or not isinstance(target.node, Mapping):
        return None
    return target


def _channels(context: Context) -> Iterator[tuple[Steps, Target]]:
    """``(path in the root, followed channel)`` for root channels, then component channels."""
    for section in (("channels",), ("components", "channels")):
        for channel_id, node in _mapping_items(_section(context.doc, *section)):
            path = (*section, channel_id)
            target = _followed(context, node, context.doc, path)
            if target is not None:
                yield path, target


def _unique_targets(pairs: Iterable[tuple[Steps, Target]], context: Context) -> Iterator[tuple[Steps, Target]]:
    """Each followed object once (a root channel that references a component is one channel)."""
    seen: set[tuple[str, Steps]] = set()
    for path, target in pairs:
        identity = (context.refs.key(target.document), target.path)
        if identity not in seen:
            seen.add(identity)
            yield path, target


def _operations(context: Context, *, components: bool = True) -> Iterator[tuple[Steps, Target]]:
    sections: list[tuple[str, ...]] = [("operations",)]
    if components:
        sections.append(("components", "operations"))
    for section in sections:
        for operation_id, node in _mapping_items(_section(context.doc, *section)):
            path = (*section, operation_id)
            target = _followed(context, node, context.doc, path)
            if target is not None:
                yield path, target


def _ref_of(node: object) -> str | None:
    """The ``$ref`` string of a Reference object, else None."""
    ref = node.get(REF) if isinstance(node, Mapping) else None
    return ref if isinstance(ref, str) else None


def _resolves(context: Context, ref: str, document: Document) -> bool:
    """False when ``ref`` is broken: ``unresolved-ref`` says so, other rules stay quiet."""
    return not isinstance(context.refs.resolve(ref, document=document, at=()), Diagnostic)


def _message_slot(message: Location | None, channel: Location | None) -> bool:
    """True when ``message`` is ``<channel>/messages/<name>``: one of that channel's messages."""
    if message is None or channel is None or message.file != channel.file:
        return False
    size = len(channel.steps)
    return (
        len(message.steps) == size + 2
        and message.steps[:size] == channel.steps
        and message.steps[size] == "messages"
    )


def _message_choices(context: Context, channel_ref: str, document: Document) -> str | None:
    """A hint listing the references an operation may use for the messages of a channel."""
    target = context.refs.resolve(channel_ref, document=document, at=())
    if isinstance(target, Diagnostic):
        return None
    channel = _followed(context, target.node, target.document, target.path)
    names = [name for name, _ in _mapping_items(channel.node.get("messages"))] if channel else []
    if not names:
        return f"the channel `{channel_ref}` declares no messages: add the message under its `messages` first"
    escaped = [_pointer.escape(name) for name in names]
    return "use one of: " + ", ".join(f"`{channel_ref}/messages/{name}`" for name in escaped)


# -- rules ----------------------------------------------------------------------------------------


def unresolved_refs(context: Context) -> Iterator[Diagnostic]:
    """Every ``$ref`` in the document, and in every file it reaches, must resolve."""
    done: set[int] = set()
    while True:
        pending = [doc for doc in context.refs.documents() if id(doc) not in done]
        if not pending:
            return
        for document in pending:
            done.add(id(document))
            for path, node in iter_refs(document.tree):
                result = context.refs.follow(node, document=document, path=path)
                if isinstance(result, Diagnostic):
                    yield result


def address_parameters(context: Context) -> Iterator[Diagnostic]:
    """Every ``{name}`` in a channel address has a parameter, and every parameter is used."""
    for _path, channel in _unique_targets(_channels(context), context):
        address = channel.node.get("address")
        used = _PARAMETER.findall(address) if isinstance(address, str) else []
        parameters = channel.node.get("parameters")
        declared = [name for name, _ in _mapping_items(parameters)]
        doc, at = channel.document, channel.path
        for name in dict.fromkeys(used):
            if name not in declared:
                yield doc.diagnostic(
                    "address-parameter",
                    f"address {address!r} uses {{{name}}} but the channel declares no parameter {name!r}",
                    path=(*at, "address"),
                    hint=f"add `{name}:` (with a description) under the channel's `parameters`",
                )
        for name in declared:
            if name not in used:
                unused = (
                    f"the address {address!r} does not use {{{name}}}"
                    if isinstance(address, str)
                    else "the channel has no address to use it in"
                )
                yield doc.diagnostic(
                    "address-parameter",
                    f"parameter {name!r} is declared but {unused}",
                    path=(*at, "parameters", name),
                    hint=f"remove the parameter, or add {{{name}}} to the address",
                )


def operation_channels(context: Context) -> Iterator[Diagnostic]:
    """A root operation's ``channel`` is a ``$ref`` to a channel under the root ``channels``."""
    for path, operation in _operations(context, components=False):
        channel = operation.node.get("channel")
        ref = _ref_of(channel)
        if ref is None:
            continue  # missing or not a Reference: the JSON Schema reports it
        location = context.refs.locate(ref, document=operation.document)
        root_channels = context.refs.key(context.doc), "channels"
        if location and (location.file, *location.steps[:1]) == root_channels and len(location.steps) == 2:
            continue
        yield operation.document.diagnostic(
            "operation-channel",
            f"operation {path[-1]!r} must reference a channel under the root `channels`, not `{ref}`",
            path=(*operation.path, "channel", REF),
            hint="declare the channel under `channels:` (it may itself `$ref` a component) and reference `#/channels/<id>`",
        )


def operation_messages(context: Context) -> Iterator[Diagnostic]:
    """Each ``operation.messages`` entry is ``<operation channel>/messages/<name>``."""
    for path, operation in _unique_targets(_operations(context), context):
        channel_ref = _ref_of(operation.node.get("channel"))
        doc = operation.document
        for index, ref, hint in _foreign_messages(context, operation.node.get("messages"), doc, channel_ref, doc):
            yield doc.diagnostic(
                "operation-message",
                f"operation {path[-1]!r} lists `{ref}`, which is not a message of its channel `{channel_ref}`",
                path=(*operation.path, "messages", index),
                hint=hint,
            )


def replies(context: Context) -> Iterator[Diagnostic]:
    """``reply.channel`` names a channel; reply messages belong to the reply channel (or, with
    no reply channel, to the operation's channel)."""
    for path, operation in _unique_targets(_operations(context), context):
        reply_node = operation.node.get("reply")
        if reply_node is None:
            continue
        reply = _followed(context, reply_node, operation.document, (*operation.path, "reply"))
        if reply is None:
            continue
        doc = reply.document
        reply_channel_ref = _ref_of(reply.node.get("channel"))
        channel_ref: str | None
        if reply_channel_ref is not None:
            problem = _not_a_channel(context, reply_channel_ref, doc)
            if problem:
                yield doc.diagnostic(
                    "reply",
                    f"reply of operation {path[-1]!r}: `{reply_channel_ref}` {problem}",
                    path=(*reply.path, "channel", REF),
                    hint="reference a channel, e.g. `#/channels/<id>` (the same channel as the operation is fine)",
                )
                continue
            channel_ref, channel_doc, whose = reply_channel_ref, doc, "reply channel"
        else:
            channel_ref = _ref_of(operation.node.get("channel"))
            channel_doc, whose = operation.document, "operation's channel (the reply has no channel)"
        for index, ref, hint in _foreign_messages(context, reply.node.get("messages"), doc, channel_ref, channel_doc):
            yield doc.diagnostic(
                "reply",
                f"reply of operation {path[-1]!r} lists `{ref}`, which is not a message of the {whose} `{channel_ref}`",
                path=(*reply.path, "messages", index),
                hint=hint,
            )


def _foreign_messages(
    context: Context, messages: object, doc: Document, channel_ref: str | None, channel_doc: Document
) -> Iterator[tuple[int, str, str | None]]:
    """``(index, $ref, hint)`` of each listed message (refs read in ``doc``) that is not a message
    of the channel ``channel_ref`` (read in ``channel_doc``), the hint listing the references that
    would be right: what operations and replies share. Nothing when there is no list or no
    channel that resolves: other rules report those."""
    if channel_ref is None or not isinstance(messages, list) or not _resolves(context, channel_ref, channel_doc):
        return
    channel = context.refs.locate(channel_ref, document=channel_doc)
    for index, message in enumerate(messages):
        ref = _ref_of(message)
        if ref is not None and not _message_slot(context.refs.locate(ref, document=doc), channel):
            yield index, ref, _message_choices(context, channel_ref, channel_doc)


def _not_a_channel(context: Context, ref: str, document: Document) -> str | None:
    """Why ``ref`` does not name a channel, or None when it does (or cannot be resolved: that is
    ``unresolved-ref``'s to report)."""
    target = context.refs.resolve(ref, document=document, at=())
    if isinstance(target, Diagnostic):
        return None
    steps = target.path
    in_channels = (len(steps) == 2 and steps[0] == "channels") or (
        len(steps) == 3 and steps[:2] == ("components", "channels")
    )
    if in_channels or not isinstance(target.document.tree, Mapping) or "asyncapi" not in target.document.tree:
        return None  # a channel slot, or a fragment file whose layout is its own business
    return "does not point at a channel (expected `#/channels/<id>` or `#/components/channels/<id>`)"


def duplicate_names(context: Context) -> Iterator[Diagnostic]:
    """Messages of one channel have distinct ``name``s: a client telling frames apart by name
    could not. Across channels a name may repeat (two sockets may both have a ``ping``)."""
    groups: list[tuple[str, Document, Steps, object]] = [
        (f"channel {path[-1]!r}", channel.document, (*channel.path, "messages"), channel.node.get("messages"))
        for path, channel in _unique_targets(_channels(context), context)
    ]
    for owner, doc, at, messages in groups:
        first: dict[str, tuple[str, tuple[str, Steps]]] = {}
        for key, node in _mapping_items(messages):
            target = _followed(context, node, doc, (*at, key))
            name = target.node.get("name") if target else None
            if target is None or not isinstance(name, str):
                continue
            identity = (context.refs.key(target.document), target.path)
            if name not in first:
                first[name] = (key, identity)
            elif first[name][1] != identity:
                yield doc.diagnostic(
                    "duplicate-name",
                    f"messages {first[name][0]!r} and {key!r} of {owner} share the name {name!r}",
                    path=(*at, key),
                    severity="warning",
                    hint="give each message a unique `name`; code generators use it as the type name",
                )


def server_refs(context: Context) -> Iterator[Diagnostic]:
    """``channel.servers`` entries are ``$ref``s to servers under the root ``servers``."""
    root = context.refs.key(context.doc)
    for path, channel in _unique_targets(_channels(context), context):
        if channel.document is not context.doc:
            continue  # a channel from another file names that file's servers
        servers = channel.node.get("servers")
        if not isinstance(servers, list):
            continue
        for index, server in enumerate(servers):
            ref = _ref_of(server)
            if ref is None:
                continue  # not a Reference: the JSON Schema reports it
            location = context.refs.locate(ref, document=context.doc)
            if location and location.file == root and len(location.steps) == 2 and location.steps[0] == "servers":
                continue
            names = [name for name, _ in _mapping_items(_section(context.doc, "servers"))]
            yield context.doc.diagnostic(
                "server-ref",
                f"channel {path[-1]!r} lists `{ref}`; channel servers must be servers under the root `servers`",
                path=(*channel.path, "servers", index),
                hint=("use one of: " + ", ".join(f"`#/servers/{name}`" for name in names)) if names else "declare the server under the root `servers` and reference `#/servers/<name>`",
            )


RULES: tuple[Callable[[Context], Iterable[Diagnostic]], ...] = (
    unresolved_refs,
    address_parameters,
    operation_channels,
    operation_messages,
    replies,
    duplicate_names,
    server_refs,
)
