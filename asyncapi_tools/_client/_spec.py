"""What a client needs to know about a document, read once: channels, their operations, frames.

The emitters never look at the raw document; they read this small model. The wire format is read
from the spec itself, per message, because that is what the server documents: a message whose
payload has a required property with a string ``const`` is told apart by that property (its
discriminator: ``action``, ``type``, ``event``...); a message without one has no discriminator and
is recognised by its required properties. An envelope (``{"event": "x", "payload": {...}}``) needs
no special case: the payload schema describes the whole frame, so the envelope is a property the
caller fills in like any other, and the client only adds the discriminator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._errors import InputError
from .._naming import NameRegistry, pascal_case, words

#: Class names a channel may not take: the runtime's, and those whose module (the class name
#: without ``Client``) would overwrite a fixed file (models, runtime, index).
RESERVED_CLASS_NAMES = ("TypedSocket", "FrameKind", "ModelsClient", "RuntimeClient", "IndexClient")


@dataclass(frozen=True)
class Frame:
    """One documented message as it travels: its payload type and how it is recognised."""

    message_key: str  # the message's key under components.messages (or the channel)
    name: str  # the wire name: the discriminator's value, else the message's `name`
    type_name: str  # the payload model's name, as Modelina wrote it
    key: str | None  # the discriminator property, None when frames carry none
    required: tuple[str, ...]  # required properties (how frames without a key are told apart)
    summary: str | None = None
    deprecated: bool = False
    #: The member models of a oneOf/anyOf payload that Modelina left without a model of its own
    #: (its Python generator does so): the emitter declares ``type_name`` as their union.
    union: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClientOperation:
    """A frame the client sends (``action: receive`` in the document), with its replies."""

    method: str  # snake_case, e.g. request_ride
    frame: Frame
    replies: tuple[Frame, ...]
    summary: str | None
    deprecated: bool


@dataclass(frozen=True)
class Auth:
    """A documented handshake credential (``httpApiKey``): where it goes and under which name."""

    scheme: str
    location: str  # query | cookie | header
    name: str
    description: str | None


@dataclass
class Channel:
    id: str
    class_name: str
    address: str
    parameters: tuple[str, ...]
    operations: list[ClientOperation] = field(default_factory=list)
    server_frames: list[Frame] = field(default_factory=list)
    auth: list[Auth] = field(default_factory=list)

    def module(self, separator: str) -> str:
        """The file name (no suffix) of this channel's client: its class name's words without
        ``Client`` (``RoomChatClient`` -> ``room-chat`` / ``room_chat``); unique as class names are."""
        return separator.join(word.lower() for word in words(self.class_name.removesuffix("Client")))


@dataclass
class ClientSpec:
    title: str
    default_url: str | None
    channels: list[Channel]


def read_spec(data: Mapping[str, Any], type_names: Mapping[str, str], *, source: str) -> ClientSpec:
    """The client model of a plain document; ``type_names`` maps a payload's title or component
    schema key to the model name Modelina gave it."""
    reader = _Reader(data, type_names, source)
    return reader.read()


class _Reader:
    def __init__(self, data: Mapping[str, Any], type_names: Mapping[str, str], source: str) -> None:
        self.data = data
        self.type_names = type_names
        self.source = source

    def fail(self, message: str, where: str, hint: str | None = None) -> InputError:
        return InputError(f"{message} (at {where})", file=self.source, hint=hint)

    def resolve(self, node: Any, where: str) -> tuple[Any, str | None]:
        """The node a local ``$ref`` points to, and the last key of the pointer (its name)."""
        name = None
        seen: set[str] = set()
        while isinstance(node, Mapping) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
                raise self.fail(
                    f"cannot follow $ref {ref!r}: clients are made from one self-contained document",
                    where,
                    "bundle the document first (for instance with `asyncapi-tools merge`)",
                )
            seen.add(ref)
            target: Any = self.data
            steps = [_unescape(step) for step in ref[2:].split("/")]
            for step in steps:
                if not isinstance(target, Mapping) or step not in target:
                    raise self.fail(f"$ref {ref!r} points to nothing", where)
                target = target[step]
            node, name = target, steps[-1]
        return node, name

    def read(self) -> ClientSpec:
        info = self.data.get("info") or {}
        channels = self.channels()
        frames: dict[str, Frame] = {}
        for operation_id, raw in sorted((self.data.get("operations") or {}).items()):
            self.add_operation(operation_id, raw, channels, frames)
        servers = [self.resolve(server, f"/servers/{key}")[0] for key, server in sorted((self.data.get("servers") or {}).items())]
        for channel in channels.values():
            for server in servers:
                _add_auth(channel.auth, self.credentials(server.get("security"), "/servers"))
            channel.auth.sort(key=lambda auth: auth.scheme)
            _unique_methods(channel, self)
            channel.server_frames.sort(key=lambda frame: frame.name)
            channel.operations.sort(key=lambda op: op.method)
        return ClientSpec(
            title=str(info.get("title") or "AsyncAPI"),
            default_url=self.default_url(),
            channels=sorted(channels.values(), key=lambda channel: channel.id),
        )

    def channels(self) -> dict[str, Channel]:
        """Every channel with an address (one without cannot be connected to), with a class name
        of its own: two ids that make the same name get distinct ones from the naming module."""
        registry = NameRegistry()
        for reserved in RESERVED_CLASS_NAMES:
            registry.reserve(reserved, "the generated runtime")
        for model in sorted(set(self.type_names.values())):
            registry.reserve(model, "a model")
        channels: dict[str, Channel] = {}
        for channel_id, raw in sorted((self.data.get("channels") or {}).items()):
            channel, _ = self.resolve(raw, f"/channels/{channel_id}")
            address = channel.get("address")
            if not isinstance(address, str):
                continue
            channels[channel_id] = Channel(
                id=channel_id,
                class_name=registry.register(pascal_case(channel_id) + "Client", f"/channels/{channel_id}"),
                address=address,
                parameters=tuple(channel.get("parameters") or ()),
            )
        return channels

    def add_operation(self, operation_id: str, raw: Any, channels: dict[str, Channel], frames: dict[str, Frame]) -> None:
        """An operation's messages: server frames for ``send`` (and for replies), a method for
        each message of a ``receive``."""
        where = f"/operations/{operation_id}"
        operation, _ = self.resolve(raw, where)
        _, channel_id = self.resolve(operation.get("channel"), f"{where}/channel")
        channel = channels.get(channel_id or "")
        if channel is None:
            return
        _add_auth(channel.auth, self.credentials(operation.get("security"), f"{where}/security"))
        sent = [self.frame(ref, where, frames) for ref in operation.get("messages") or ()]
        if operation.get("action") == "send":
            for frame in sent:
                _add_frame(channel.server_frames, frame)
            return
        reply = operation.get("reply") or {}
        replies = tuple(self.frame(ref, f"{where}/reply", frames) for ref in reply.get("messages") or ())
        for frame in replies:
            _add_frame(channel.server_frames, frame)
        for frame in sent:
            method = "_".join(word.lower() for word in words(frame.name) or words(operation_id))
            summary = operation.get("summary") or frame.summary
            channel.operations.append(ClientOperation(method, frame, replies, summary, frame.deprecated))

    def frame(self, ref: Any, where: str, frames: dict[str, Frame]) -> Frame:
        message, key = self.resolve(ref, where)
        key = key or "message"
        if key in frames:
            return frames[key]
        payload_ref = message.get("payload")
        payload, schema_key = self.resolve(payload_ref, f"{where}/messages/{key}/payload")
        title = payload.get("title") if isinstance(payload, Mapping) else None
        type_name = self.type_names.get(title) if isinstance(title, str) else None
        if type_name is None and schema_key is not None:
            type_name = self.type_names.get(schema_key)
        union: tuple[str, ...] = ()
        if type_name is None:
            union = self.union_members(payload, f"{where}/messages/{key}/payload")
            if union:
                type_name = pascal_case(title if isinstance(title, str) else schema_key or f"{key} payload")
        if type_name is None:
            raise self.fail(
                f"there is no model for the payload of message {key!r}: it has no title and is not a component schema",
                f"{where}/messages/{key}",
                "give the payload a `title` (`asyncapi-tools inject-titles` does it for every payload)",
            )
        discriminator, required = self.shape(payload, f"{where}/messages/{key}/payload")
        name = discriminator[1] if discriminator else str(message.get("name") or key)
        frame = Frame(
            message_key=key,
            name=name,
            type_name=type_name,
            key=discriminator[0] if discriminator else None,
            required=required,
            summary=message.get("summary"),
            deprecated=bool(message.get("deprecated")),
            union=union,
        )
        frames[key] = frame
        return frame

    def shape(self, payload: Any, where: str) -> tuple[tuple[str, str] | None, tuple[str, ...]]:
        """How frames of a payload are recognised: its discriminator and its required properties.

        For a oneOf/anyOf payload: the discriminator all members share (Kraken's
        ``subscriptionStatus`` replies all carry ``event: subscriptionStatus``), and the required
        properties every member has, so that a union does not match every frame.
        """
        if not isinstance(payload, Mapping):
            return None, ()
        parts = payload.get("allOf")
        if isinstance(parts, list) and parts:  # every part holds: the first key found, all required
            own = self.shape({k: v for k, v in payload.items() if k != "allOf"}, where)
            shapes = [own, *(self.shape(self.resolve(part, where)[0], where) for part in parts)]
            found = [shape[0] for shape in shapes if shape[0] is not None]
            required = [name for shape in shapes for name in shape[1]]
            return (found[0] if found else None), tuple(dict.fromkeys(required))
        members = payload.get("oneOf") or payload.get("anyOf")
        if not isinstance(members, list) or not members or "properties" in payload:
            return _discriminator(payload), tuple(payload.get("required") or ())
        shapes = [self.shape(self.resolve(member, where)[0], where) for member in members]
        discriminators = {shape[0] for shape in shapes}
        common = [name for name in shapes[0][1] if all(name in shape[1] for shape in shapes)]
        return (discriminators.pop() if len(discriminators) == 1 else None), tuple(common)

    def union_members(self, payload: Any, where: str) -> tuple[str, ...]:
        """The model names of a oneOf/anyOf payload's members, when every member has one."""
        if not isinstance(payload, Mapping):
            return ()
        members = payload.get("oneOf") or payload.get("anyOf")
        if not isinstance(members, list) or not members:
            return ()
        names = []
        for member in members:
            schema, schema_key = self.resolve(member, where)
            title = schema.get("title") if isinstance(schema, Mapping) else None
            name = self.type_names.get(title) if isinstance(title, str) else None
            name = name or (self.type_names.get(schema_key) if schema_key else None)
            if name is None:
                return ()
            names.append(name)
        return tuple(names)

    def credentials(self, security: Any, where: str) -> list[Auth]:
        """The handshake credentials (``httpApiKey`` in query, cookie or header) a ``security``
        list applies; other schemes (user/password, OAuth) are not something a socket sends."""
        found: list[Auth] = []
        for entry in security or ():
            scheme, scheme_id = self.resolve(entry, where)
            location = scheme.get("in") if isinstance(scheme, Mapping) else None
            if scheme.get("type") in ("httpApiKey", "apiKey") and location in ("query", "cookie", "header") and scheme.get("name"):
                found.append(Auth(scheme_id or str(scheme["name"]), location, str(scheme["name"]), scheme.get("description")))
        return found

    def default_url(self) -> str | None:
        for _, server in sorted((self.data.get("servers") or {}).items()):
            server, _ = self.resolve(server, "/servers")
            host, protocol = server.get("host"), server.get("protocol")
            if isinstance(host, str) and protocol in ("ws", "wss"):
                return f"{protocol}://{host}{server.get('pathname') or ''}".rstrip("/")
        return None


def _discriminator(payload: Mapping[str, Any]) -> tuple[str, str] | None:
    """The property whose schema is a string ``const``: ``(key, value)``. A required one wins (the
    first in ``required`` order); else the first such property (hand-written specs such as
    Kraken's often leave ``event`` out of ``required``)."""
    properties = payload.get("properties") or {}
    required = [name for name in payload.get("required") or () if name in properties]
    for name in [*required, *properties]:
        schema = properties.get(name)
        if isinstance(schema, Mapping) and isinstance(schema.get("const"), str):
            return str(name), schema["const"]
    return None


def _unescape(step: str) -> str:
    """One JSON-pointer step as a key (RFC 6901: ``~1`` is ``/``, ``~0`` is ``~``)."""
    return step.replace("~1", "/").replace("~0", "~")


def _add_auth(auths: list[Auth], found: list[Auth]) -> None:
    for auth in found:
        if auth not in auths:
            auths.append(auth)


def _add_frame(frames: list[Frame], frame: Frame) -> None:
    if all(existing.message_key != frame.message_key for existing in frames):
        frames.append(frame)


def _unique_methods(channel: Channel, reader: _Reader) -> None:
    """Two server frames with one wire name, or two operations with one method, are ambiguous."""
    names = [frame.name for frame in channel.server_frames]
    duplicate = sorted({name for name in names if names.count(name) > 1})
    if duplicate:
        raise reader.fail(
            f"server messages {', '.join(map(repr, duplicate))} of channel {channel.id!r} share a wire name, so frames cannot be told apart",
            f"/channels/{channel.id}",
        )
    methods = [op.method for op in channel.operations]
    clash = sorted({m for m in methods if methods.count(m) > 1})
    if clash:
        raise reader.fail(f"client messages of channel {channel.id!r} map to the same method {clash[0]!r}", f"/channels/{channel.id}")
