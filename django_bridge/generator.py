"""``AsyncAPIGenerator``: decorated consumers → an AsyncAPI 3 document, as one more pipeline source.

The generator builds plain data and hands it to asyncapi_tools like any other document
(``from_data`` → ``inject_titles`` → ``dumps``), so generated and hand-written specs are titled,
written and validated the same way. The rules it follows (DESIGN.md, "AsyncAPI 3.0 rules"):

- the document describes the server: a frame the client sends is ``action: receive``, a frame the
  server pushes is ``action: send``; ``responses`` become the operation's ``reply``;
- one channel per consumer path, its ``{param}`` expressions declared under ``parameters``;
- messages and nested schemas live in ``components``, named by :mod:`django_bridge.naming`;
  a collision is a warning, never an overwrite; ``deprecated`` goes on messages only;
- frames are shaped as the declared wire format says (:mod:`django_bridge.wire`: the discriminator
  key per direction, flat or enveloped, or none), ``action`` in and ``type`` out by default;
- a consumer mounted at several routes has one set of messages, referenced by every channel;
- output is deterministic: the same consumers give the same bytes.

Findings (collisions, undocumented handlers, examples that do not match their payload, consumers
with nothing documented) are :class:`~asyncapi_tools.Diagnostic` warnings in
:attr:`AsyncAPIGenerator.diagnostics`, each with a breadcrumb and the handler's file and line.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import addresses, wire
from .channel_metadata import ChannelDoc, channel_doc
from .decorators import HandlerDoc, documented_handlers, handler_doc
from .errors import ConfigurationError, PayloadError
from .locations import class_location, display_path, function_location
from .routing import Route

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic, Document

    from .conf import BridgeSettings
    from .naming import Names
    from .payloads import Direction, SchemaBank

OPERATION_ACTION: dict[str, str] = {"action": "receive", "event": "send"}
DIRECTION: dict[str, Direction] = {"action": "in", "event": "out"}
SECURITY_SCHEMES = {"query": "queryToken", "cookie": "cookieAuth"}
WS_BINDING_VERSION = "0.1.0"


@dataclass
class _Message:
    """One message of one channel, before it is written out."""

    name: str
    doc: HandlerDoc
    consumer: type
    method: str
    #: The frame shape in effect for this message (settings < consumer < handler).
    wire: wire.WireFormat = wire.DEFAULT
    payload: dict[str, Any] | None = None
    #: Names of the messages this action's reply lists.
    replies: list[str] = field(default_factory=list)
    #: False for response-only messages (no operation of their own).
    has_operation: bool = True


@dataclass
class _Channel:
    id: str
    consumer: type
    #: The address and its parameters' schemas, from the consumer's path or discovered route.
    address: addresses.Address
    messages: list[_Message] = field(default_factory=list)
    #: ``@document_channel`` metadata of the consumer.
    metadata: ChannelDoc | None = None
    #: Message name → operation id where they differ (a consumer's second route).
    operation_ids: dict[str, str] = field(default_factory=dict)


class AsyncAPIGenerator:
    """Build an AsyncAPI 3 document from consumers decorated with ``@document_action``/``_event``.

    ``AsyncAPIGenerator(Consumer, channel_path="/ws/x/")`` documents one consumer;
    ``AsyncAPIGenerator(consumers=[(A, "/ws/a/"), (B, "/ws/b/")])`` several, each on its own
    channel, with message names prefixed by the channel. ``info`` is merged over the settings'
    TITLE/VERSION/DESCRIPTION; ``servers`` defaults to the SERVERS setting. The document is built
    once per generator and cached; build a new generator to see code changes.
    """

    def __init__(
        self,
        consumer: type | None = None,
        *,
        consumers: Sequence[tuple[type, str] | Route] | None = None,
        info: Mapping[str, Any] | None = None,
        servers: Mapping[str, Any] | None = None,
        channel_path: str | None = None,
        settings: BridgeSettings | None = None,
    ) -> None:
        if settings is None:
            from .conf import get_settings

            settings = get_settings()
        self.settings = settings
        entries: list[Any]
        if consumers is not None:
            entries = list(consumers)
        elif consumer is not None:
            entries = [(consumer, channel_path if channel_path is not None else settings.CHANNEL_PATH)]
        else:
            raise ConfigurationError(
                "AsyncAPIGenerator needs a consumer",
                hint="pass AsyncAPIGenerator(MyConsumer, channel_path=...) or consumers=[(MyConsumer, '/ws/path/')]",
            )
        pairs = [(entry.consumer, entry.path) if isinstance(entry, Route) else entry for entry in entries]
        for index, pair in enumerate(pairs):
            if not (isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], type) and isinstance(pair[1], str)):
                raise ConfigurationError(
                    f"consumers[{index}] is {pair!r}, not a (consumer class, path) pair",
                    hint="write consumers=[(DispatchConsumer, '/ws/dispatch/')]",
                )
        self.consumers: list[tuple[type, str]] = [(klass, path) for klass, path in pairs]
        #: Message names carry their channel's id only when several consumers share the document
        #: (one consumer at several routes is one set of messages: nothing to tell apart).
        self.multi = len({klass for klass, _ in self.consumers}) > 1
        self._addresses = [_address(entry) for entry in entries]
        self.info = dict(info) if info else {}
        self.servers = dict(servers) if servers is not None else dict(settings.SERVERS or {})
        self._spec: dict[str, Any] | None = None
        self._yaml: str | None = None
        self._diagnostics: list[Diagnostic] = []
        #: Findings of routing discovery (from_routing), reported with the generator's own.
        self._discovery_diagnostics: list[Diagnostic] = []
        #: origin string given to the naming module → (breadcrumb, file, line), for reports; a
        #: consumer class stands for its location, looked up only if a report needs it (finding
        #: a class's line parses its module).
        self._origins: dict[str, tuple[str | None, type | tuple[str | None, int | None]]] = {}

    @classmethod
    def from_routing(
        cls,
        application: Any = None,
        *,
        info: Mapping[str, Any] | None = None,
        servers: Mapping[str, Any] | None = None,
        settings: BridgeSettings | None = None,
    ) -> AsyncAPIGenerator:
        """A generator for every documented consumer of the ASGI routing (``settings.ASGI_APPLICATION``
        unless ``application`` is given): one channel per route, in routing order, with the
        routes' parameter schemas. Plain consumers are skipped with a note, never an error
        (or, with the DISCOVER_UNDOCUMENTED setting, listed as channels without messages)."""
        from .routing import discover, documented

        if settings is None:
            from .conf import get_settings

            settings = get_settings()
        found: list[Diagnostic] = []
        routes = discover(application, diagnostics=found)
        if not settings.DISCOVER_UNDOCUMENTED:
            routes = documented(routes, diagnostics=found)
        generator = cls(consumers=routes, info=info, servers=servers, settings=settings)
        generator._discovery_diagnostics = found
        return generator

    # -- public faces -------------------------------------------------------------------------

    def get_spec(self) -> dict[str, Any]:
        """The document as plain data (built on first call, then cached; do not mutate it)."""
        if self._spec is None:
            self._spec = self._build()
        return self._spec

    def get_document(self) -> Document:
        """The document as a pipeline :class:`~asyncapi_tools.Document` (source ``<generated>``)."""
        from asyncapi_tools import from_data

        return from_data(self.get_spec(), source="<generated>")

    def get_yaml(self) -> str:
        """Canonical YAML: byte-identical to ``asyncapi_tools.dumps(from_data(get_spec()))``
        (rendered once per generator). The writer only reads the spec, so it is dumped as it is,
        without the copy ``from_data`` makes."""
        if self._yaml is None:
            from asyncapi_tools import Document, dumps

            self._yaml = dumps(Document(tree=self.get_spec(), source="<generated>"))
        return self._yaml

    def get_json(self) -> str:
        """Canonical JSON (2-space indent, unicode kept), as ``asyncapi_tools.dumps`` writes it.

        JSON needs no round-trip tree, so the plain spec is written directly (same bytes).
        """
        from asyncapi_tools import Document, dumps

        return dumps(Document(tree=self.get_spec(), source="<generated>"), format="json")

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Warnings found while generating (de-duplicated, in a stable order)."""
        self.get_spec()
        return [*self._discovery_diagnostics, *self._diagnostics]

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> dict[str, Any]:
        from asyncapi_tools import Document, inject_titles
        from asyncapi_tools._diagnostics import unique

        from .naming import Names
        from .payloads import SchemaBank

        self._diagnostics = []
        self._origins = {}
        names = Names()
        bank = SchemaBank()
        channels = self._collect(names)
        self._convert_payloads(channels, bank)
        schemas = self._name_schemas(channels, bank, names)
        spec = self._emit(channels, schemas)
        self._check_examples(spec, channels)
        self._report_collisions(names)
        # The generator is a source like any other: title injection names whatever is still
        # anonymous (inline enums, unions, nested objects in raw dict payloads), title first.
        # Every schema in the spec is a fresh copy reached once (payloads and components are
        # resolved into new dicts, examples are made JSON-able copies): nothing can be shared.
        inject_titles(Document(tree=spec, source="<generated>"), nested=True, unshared=True)
        self._diagnostics = unique(self._diagnostics)
        return spec

    def _collect(self, names: Names) -> list[_Channel]:
        channels: list[_Channel] = []
        first_route: dict[type, _Channel] = {}
        for index, ((consumer, path), address) in enumerate(zip(self.consumers, self._addresses, strict=True)):
            self._warn_address(consumer, address)
            channel_origin = f"{_qualname(consumer)} at {path!r}"
            if channel_origin in self._origins:  # the same pair twice: still two channels
                channel_origin = f"consumers[{index}] {channel_origin}"
            self._origins[channel_origin] = (consumer.__name__, consumer)
            metadata = channel_doc(consumer)
            shared = first_route.get(consumer)
            label = address.label
            if metadata and metadata.name:
                label = metadata.name if shared is None else f"{metadata.name} {address.label}"
            channel_id = names.channel(label, origin=channel_origin)
            channel = _Channel(id=channel_id, consumer=consumer, address=address, metadata=metadata)
            channels.append(channel)
            if shared is not None:
                # One consumer at several routes speaks one protocol: its messages are written
                # once and every route's channel references them; operations are per channel.
                channel.messages = shared.messages
                for message in shared.messages:
                    if message.has_operation:
                        # the message's name first: joining the channel id and the wire name
                        # could spell another message's name (`RoomChat`+`message`, `Room`+`chat_message`)
                        channel.operation_ids[message.name] = names.operation(
                            f"{message.name} via {channel_id}", origin=f"{_qualname(consumer)}.{message.method} at {path!r}"
                        )
                continue
            first_route[consumer] = channel
            self._collect_messages(channel, names, prefix=channel_id if self.multi else None)
        return channels

    def _collect_messages(self, channel: _Channel, names: Names, *, prefix: str | None) -> None:
        """The messages of ``channel``'s consumer: decorated handlers, then declared messages,
        then the replies no event documents."""
        from .hints import event_type

        consumer, metadata = channel.consumer, channel.metadata
        consumer_wire = wire.resolve(self.settings.WIRE_FORMAT, metadata.wire if metadata else None)
        handlers = list(documented_handlers(consumer))
        declared = [
            (f"{'client' if doc.kind == 'action' else 'server'}_message({doc.name!r})", doc)
            for doc in (metadata.messages if metadata else ())
        ]
        if not handlers and not declared:
            self._warn_empty(consumer)
        elif handlers:
            self._warn_undocumented(consumer, handlers)
        entries = []
        for method, doc in [*handlers, *declared]:
            message_wire = wire.resolve(consumer_wire, doc.wire)
            if not doc.responses_given and doc.responses:
                # replies read from type hints: their event name is the class's Literal field
                # named by this wire's server key
                key = message_wire.server_key or "type"
                doc = dataclasses.replace(doc, responses=tuple((event_type(p, key=key), p) for _, p in doc.responses))
            entries.append((method, doc, message_wire))
        # A wire name used in both directions (client sends `typing`, server pushes `typing`)
        # is two messages: their names say which way each goes.
        sent = {doc.name for _, doc, _ in entries if doc.kind == "action"}
        pushed = {doc.name for _, doc, _ in entries if doc.kind == "event"}
        pushed.update(event for _, doc, _ in entries for event, _ in doc.responses)
        both = sent & pushed
        by_event: dict[str, _Message] = {}
        for method, doc, message_wire in entries:
            for note in doc.notes:
                self._warn(
                    "type-hint-conflict",
                    note,
                    consumer=consumer,
                    method=method,
                    location=doc.location,
                    hint="drop the annotation or the explicit argument so that they cannot disagree",
                )
            origin = f"{_qualname(consumer)}.{method}"
            self._origins[origin] = (f"{consumer.__name__} > {method}", doc.location)
            message = self._new_message(names, doc, consumer, method, message_wire, prefix=prefix, origin=origin, both=both)
            channel.messages.append(message)
            if doc.kind == "event":
                by_event.setdefault(doc.name, message)
        # responses: reuse a documented event of that type, else a response-only message
        for message in list(channel.messages):
            for event, payload in message.doc.responses:
                target = by_event.get(event)
                if target is None:
                    response_doc = HandlerDoc(kind="event", name=event, payload=payload, location=message.doc.location)
                    origin = f"{_qualname(consumer)} response {event!r}"
                    self._origins[origin] = (f"{consumer.__name__} > {message.method}", message.doc.location)
                    target = self._new_message(
                        names, response_doc, consumer, message.method, message.wire, prefix=prefix, origin=origin, both=both, operation=False
                    )
                    channel.messages.append(target)
                    by_event[event] = target
                elif payload is not None and target.doc.payload is not None and payload is not target.doc.payload:
                    self._warn_at(
                        message,
                        "response-payload-ignored",
                        f"responses[{event!r}] gives a payload, but the event is documented elsewhere; that documentation is used",
                        hint=f"drop the payload from responses (write responses={{{event!r}: None}}) or make them the same",
                    )
                message.replies.append(target.name)

    @staticmethod
    def _new_message(
        names: Names,
        doc: HandlerDoc,
        consumer: type,
        method: str,
        message_wire: wire.WireFormat,
        *,
        prefix: str | None,
        origin: str,
        both: set[str],
        operation: bool = True,
    ) -> _Message:
        """A message named by its ``message_id``, else by its wire name (with the direction when
        the name is used both ways, with the channel prefix when the document has several); its
        operation, if it has one (a reply has none), takes the same name."""
        if doc.message_id:
            name = names.exact_message(doc.message_id, origin=origin)
        else:
            words = f"{'client' if doc.kind == 'action' else 'server'} {doc.name}" if doc.name in both else doc.name
            name = names.message(words, prefix=prefix, origin=origin)
        if operation:
            names.operation(name, origin=origin)
        return _Message(name=name, doc=doc, consumer=consumer, method=method, wire=message_wire, has_operation=operation)

    def _convert_payloads(self, channels: list[_Channel], bank: SchemaBank) -> None:
        from .payloads import drf, kind_of, raw
        from .payloads import pydantic as pydantic_payloads

        batch: list[tuple[_Message, Any, Direction]] = []
        for message in _messages(channels):
            doc = message.doc
            kind = kind_of(doc.payload)
            direction = DIRECTION[doc.kind]
            if kind == "none":
                message.payload = raw.empty_schema()
            elif kind == "raw":
                if raw.looks_like_schema(doc.payload):
                    message.payload = raw.copy_schema(doc.payload)
                else:
                    # A sketch such as {"ride_id": "uuid"} (the reference README writes one):
                    # document what it evidently means rather than a meaningless schema.
                    message.payload = raw.suggested_schema(doc.payload)
                    self._warn_at(
                        message,
                        "payload-not-schema",
                        f"the payload of {doc.name!r} is a dict without JSON Schema keywords: {doc.payload!r}; "
                        f"it is documented as {message.payload!r}",
                        hint=f"write the JSON Schema yourself, e.g. {message.payload!r}",
                    )
            elif kind == "drf":

                def unmapped(path: str, field_class: str, message: _Message = message) -> None:
                    self._warn_at(
                        message,
                        "drf-field-unmapped",
                        f"DRF field {path} ({field_class}) has no JSON Schema mapping; it is documented as any value",
                        hint="use a standard DRF field, or a dict payload with the schema you want",
                    )

                message.payload = drf.serializer_schema(doc.payload, direction=direction, bank=bank, on_unmapped=unmapped)
            elif kind == "pydantic":
                try:
                    batch.append((message, pydantic_payloads.core_schema(doc.payload), direction))
                except PayloadError as exc:
                    raise self._payload_error(message, exc.message, hint=exc.hint) from exc
            else:
                raise self._payload_error(message, f"unsupported payload {doc.payload!r}")
        from pydantic.errors import PydanticUserError

        try:
            schemas = pydantic_payloads.generate(
                [(core, direction) for _, core, direction in batch], bank=bank, payloads=[m.doc.payload for m, _, _ in batch]
            )
        except PydanticUserError:  # a type Pydantic cannot describe: find whose, say where
            from .payloads import SchemaBank

            for message, core, direction in batch:
                try:
                    pydantic_payloads.generate([(core, direction)], bank=SchemaBank())
                except PydanticUserError as alone:
                    first = str(alone).strip().splitlines()[0]
                    name = getattr(message.doc.payload, "__qualname__", None) or repr(message.doc.payload)
                    raise self._payload_error(
                        message,
                        f"cannot describe payload {name}: {first}",
                        hint="give every field a type Pydantic can describe as JSON Schema (define forward references before the spec is built)",
                    ) from alone
            raise
        for (message, _, _), schema in zip(batch, schemas, strict=True):
            message.payload = schema

    def _name_schemas(self, channels: list[_Channel], bank: SchemaBank, names: Names) -> dict[str, Any]:
        """Inline each payload's own type, then name the nested types that are still referenced."""
        from .payloads import SchemaBank as Bank
        from .payloads import resolve

        definitions: dict[str, dict[str, Any]] = {}
        for origin, _, by_direction in bank.groups():
            for direction, schema in by_direction.items():
                definitions[Bank.placeholder(origin, direction)] = schema
        for message in _messages(channels):
            if not message.wire.envelope:  # an envelope keeps the type by name around the fields
                message.payload = _inline_root(message.payload or {}, definitions)
        # Only types some payload (or another used type) still references become components.
        used: set[str] = set()
        stack: list[Any] = [message.payload for message in _messages(channels)]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str) and ref in definitions and ref not in used:
                    used.add(ref)
                    stack.append(definitions[ref])
                stack.extend(value for value in node.values() if isinstance(value, dict | list))
            elif isinstance(node, list):
                stack.extend(node)
        # payload titles first: they are the names users see for their messages' types
        for message in _messages(channels):
            title = names.payload_title(message.name, origin=f"payload of message {message.name}")
            message.payload = {"title": title, **{k: v for k, v in (message.payload or {}).items() if k != "title"}}
        targets: dict[str, str] = {}
        schemas: dict[str, Any] = {}
        for origin, preferred, by_direction in bank.groups():
            wanted = {d: s for d, s in by_direction.items() if Bank.placeholder(origin, d) in used}
            if not wanted:
                continue
            distinct = {_freeze(schema) for schema in wanted.values()}
            if len(distinct) == 1:
                name = names.schema(preferred, origin=origin)
                for direction in wanted:
                    targets[Bank.placeholder(origin, direction)] = f"#/components/schemas/{name}"
                schemas[name] = next(iter(wanted.values()))
            else:
                for direction, schema in wanted.items():
                    variant = "input" if direction == "in" else "output"
                    name = names.schema(preferred, origin=f"{origin} ({variant})", variant=variant)
                    targets[Bank.placeholder(origin, direction)] = f"#/components/schemas/{name}"
                    schemas[name] = schema
        resolved: dict[str, Any] = {}
        for name, schema in schemas.items():
            schema = resolve(schema, targets)
            if "title" in schema or _is_object(schema) or "enum" in schema:
                schema = {**schema, "title": name}
            resolved[name] = _ordered(schema)
        for message in _messages(channels):
            message.payload = resolve(message.payload, targets)
        return {name: resolved[name] for name in sorted(resolved)}

    # -- writing the document -----------------------------------------------------------------

    def _emit(self, channels: list[_Channel], schemas: dict[str, Any]) -> dict[str, Any]:
        settings = self.settings
        info: dict[str, Any] = {"title": settings.TITLE, "version": settings.VERSION}
        if settings.DESCRIPTION:
            info["description"] = settings.DESCRIPTION
        info.update(self.info)
        spec: dict[str, Any] = {"asyncapi": settings.ASYNCAPI_VERSION, "info": info}
        schemes = self._security_schemes()
        security = [{"$ref": f"#/components/securitySchemes/{name}"} for name in schemes]
        if self.servers:
            servers: dict[str, Any] = {}
            for key, server in self.servers.items():
                server = copy.deepcopy(dict(server)) if isinstance(server, Mapping) else server
                if security and isinstance(server, dict) and "security" not in server:
                    server["security"] = security
                servers[key] = server
            spec["servers"] = servers
        spec["defaultContentType"] = "application/json"
        channels_out: dict[str, Any] = {}
        operations: dict[str, Any] = {}
        messages_out: dict[str, Any] = {}
        for channel in channels:
            channel_ref = {"$ref": f"#/channels/{_escape(channel.id)}"}
            channel_out: dict[str, Any] = {"address": channel.address.text}
            metadata = channel.metadata
            if metadata is not None:
                for key in ("title", "summary", "description"):
                    if getattr(metadata, key):
                        channel_out[key] = getattr(metadata, key)
            if channel.address.parameters:
                channel_out["parameters"] = {p.name: addresses.parameter_object(p.name, p.schema) for p in channel.address.parameters}
            channel_out["messages"] = {m.name: {"$ref": f"#/components/messages/{_escape(m.name)}"} for m in channel.messages}
            if metadata is not None and metadata.tags:
                channel_out["tags"] = [{"name": tag} for tag in metadata.tags]
            if settings.AUTH_QUERY_PARAM:
                channel_out["bindings"] = {"ws": self._ws_binding(settings.AUTH_QUERY_PARAM)}
            channels_out[channel.id] = channel_out
            for message in channel.messages:
                if message.name not in messages_out:
                    messages_out[message.name] = self._message(message)
                if not message.has_operation:
                    continue
                operation_id = channel.operation_ids.get(message.name, message.name)
                operations[operation_id] = self._operation(channel, message, channel_ref, security if not self.servers else [])
        spec["channels"] = channels_out
        spec["operations"] = operations
        components: dict[str, Any] = {}
        if schemas:
            components["schemas"] = schemas
        components["messages"] = messages_out
        if schemes:
            components["securitySchemes"] = schemes
        spec["components"] = components
        return spec

    def _message(self, message: _Message) -> dict[str, Any]:
        from .examples import jsonable

        doc = message.doc
        direction = DIRECTION[doc.kind]
        out: dict[str, Any] = {"name": doc.name, **_texts(doc)}
        if doc.deprecated:
            out["deprecated"] = True
        try:
            payload, conflict = wire.frame_schema(message.wire, direction, doc.name, message.payload or {})
        except wire.FrameError as exc:
            raise self._payload_error(
                message, str(exc), hint="wrap the value in a field: a dataclass or model with e.g. `items: list[...]`"
            ) from None
        if conflict:
            key = message.wire.key(direction)
            self._warn_at(message, "discriminator-conflict", conflict, hint=f"drop {key!r} from the payload: the generator adds it")
        out["payload"] = payload
        if doc.examples:
            examples = []
            for example in doc.examples:
                item = jsonable(example)
                if "payload" in item:
                    item["payload"] = wire.frame_example(message.wire, direction, doc.name, item["payload"])
                examples.append({key: item[key] for key in ("name", "summary", "headers", "payload") if key in item})
            out["examples"] = examples
        return out

    def _operation(self, channel: _Channel, message: _Message, channel_ref: dict[str, str], security: list[dict[str, str]]) -> dict[str, Any]:
        doc = message.doc
        out: dict[str, Any] = {"action": OPERATION_ACTION[doc.kind], "channel": channel_ref, **_texts(doc)}
        if security:
            out["security"] = security
        base = f"#/channels/{_escape(channel.id)}/messages/"
        out["messages"] = [{"$ref": base + _escape(message.name)}]
        if message.replies:
            out["reply"] = {"channel": channel_ref, "messages": [{"$ref": base + _escape(name)} for name in message.replies]}
        return out

    def _security_schemes(self) -> dict[str, Any]:
        settings = self.settings
        schemes: dict[str, Any] = {}
        if settings.AUTH_QUERY_PARAM:
            schemes[SECURITY_SCHEMES["query"]] = {
                "type": "httpApiKey",
                "name": settings.AUTH_QUERY_PARAM,
                "in": "query",
                "description": f"A token in the `{settings.AUTH_QUERY_PARAM}` query parameter of the WebSocket handshake.",
            }
        if settings.AUTH_COOKIE_NAME:
            schemes[SECURITY_SCHEMES["cookie"]] = {
                "type": "httpApiKey",
                "name": settings.AUTH_COOKIE_NAME,
                "in": "cookie",
                "description": f"The `{settings.AUTH_COOKIE_NAME}` cookie sent with the WebSocket handshake.",
            }
        return schemes

    @staticmethod
    def _ws_binding(param: str) -> dict[str, Any]:
        return {
            "query": {
                "type": "object",
                "properties": {param: {"type": "string", "description": "Authentication token for the handshake."}},
            },
            "bindingVersion": WS_BINDING_VERSION,
        }

    # -- diagnostics --------------------------------------------------------------------------

    def _check_examples(self, spec: dict[str, Any], channels: list[_Channel]) -> None:
        from .examples import example_errors

        components = spec.get("components", {})
        schemas = components.get("schemas", {})
        owners = {message.name: message for message in _messages(channels)}
        for name, message in components.get("messages", {}).items():
            for index, example in enumerate(message.get("examples", [])):
                if "payload" not in example:
                    continue
                problems = example_errors(message["payload"], schemas, example["payload"])
                if problems:
                    owner = owners.get(name)
                    label = example.get("name") or f"#{index}"
                    self._warn(
                        "example-invalid",
                        f"example {label!r} of message {name} does not match its payload: {'; '.join(problems[:3])}",
                        consumer=owner.consumer if owner else None,
                        method=owner.method if owner else None,
                        location=owner.doc.location if owner else (None, None),
                        pointer=f"/components/messages/{_escape(name)}/examples/{index}/payload",
                        hint="fix the example's values, or the payload type if the example is right",
                    )

    def _report_collisions(self, names: Names) -> None:
        fixes = {
            "channel": "give the consumers distinct paths, or document them in separate generators",
            "message": "give one of them its own component id with message_id='...' (the wire name stays as it is)",
            "operation": "give the message its own component id with message_id='...'",
            "schema": "rename one of the classes, or give it an explicit title",
        }
        for what, collision in names.collisions():
            crumb, file, line = self._origin(collision.second)
            self._diagnostics.append(
                _diagnostic(
                    "name-collision",
                    f"{what} name {collision.name!r} is wanted by {collision.first} and by {collision.second}; "
                    f"the second is called {collision.assigned!r}",
                    hint=fixes[what],
                    breadcrumb=crumb,
                    file=file,
                    line=line,
                )
            )

    def _origin(self, origin: str) -> tuple[str | None, str | None, int | None]:
        """Breadcrumb, file and line of a name's origin (a consumer, a handler or a type)."""
        known = self._origins.get(origin)
        if known is None:
            return _type_location(origin)
        crumb, where = known
        return (crumb, *(class_location(where) if isinstance(where, type) else where))

    def _warn_empty(self, consumer: type) -> None:
        file, line = class_location(consumer)
        self._diagnostics.append(
            _diagnostic(
                "empty-consumer",
                f"{consumer.__name__} has no @document_action or @document_event handlers and declares no messages; its channel has no messages",
                breadcrumb=consumer.__name__,
                file=file,
                line=line,
                hint="decorate its handlers, or declare the frames it handles in receive_json() with "
                "@document_channel(messages=[client_message(...), server_message(...)])",
            )
        )

    def _warn_undocumented(self, consumer: type, handlers: list[tuple[str, HandlerDoc]]) -> None:
        documented_methods = {method for method, _ in handlers}
        documented_actions = {doc.name for _, doc in handlers if doc.kind == "action"}
        for attr in sorted(dir(consumer)):
            if not attr.startswith("handle_") or attr in documented_methods:
                continue
            value = inspect.getattr_static(consumer, attr, None)
            func = getattr(value, "__func__", value)
            if not callable(func) or handler_doc(func) is not None:
                continue
            if attr[len("handle_") :] in documented_actions:
                continue
            self._warn(
                "undocumented-handler",
                f"{consumer.__name__}.{attr} looks like an action handler but is not documented",
                consumer=consumer,
                method=attr,
                location=function_location(func),
                hint=f"decorate it with @document_action(summary=...) (action {attr[len('handle_'):]!r})",
            )

    def _warn_address(self, consumer: type, address: addresses.Address) -> None:
        """What the path parser approximated in an explicit channel path, located at the consumer."""
        if not address.findings:
            return
        location = class_location(consumer)
        for finding in address.findings:
            documented = f"; it is documented as {address.text!r}" if finding.code == addresses.UNSUPPORTED else ""
            self._warn(finding.code, finding.message + documented, consumer=consumer, method=None, location=location, hint=finding.hint)

    def _warn_at(self, message: _Message, code: str, text: str, *, hint: str) -> None:
        """A warning located at the handler that documents ``message``."""
        self._warn(code, text, consumer=message.consumer, method=message.method, location=message.doc.location, hint=hint)

    def _warn(
        self,
        code: str,
        message: str,
        *,
        consumer: type | None,
        method: str | None,
        location: tuple[str | None, int | None],
        hint: str,
        pointer: str = "",
    ) -> None:
        crumb = " > ".join(part for part in (consumer.__name__ if consumer else None, method) if part)
        file, line = location
        self._diagnostics.append(
            _diagnostic(code, message, breadcrumb=crumb or None, file=file, line=line, hint=hint, pointer=pointer)
        )

    def _payload_error(self, message: _Message, text: str, *, hint: str | None = None) -> PayloadError:
        file, line = message.doc.location
        return PayloadError(
            f"{message.consumer.__name__} > {message.method}: {text}",
            file=display_path(file),
            line=line,
            hint=hint or "use None, a JSON Schema dict, a dataclass, a TypedDict, a Pydantic model or a DRF serializer",
        )


# -- helpers ------------------------------------------------------------------------------------


def _diagnostic(
    code: str,
    message: str,
    *,
    hint: str,
    breadcrumb: str | None = None,
    file: str | None = None,
    line: int | None = None,
    pointer: str = "",
) -> Diagnostic:
    from asyncapi_tools import Diagnostic

    return Diagnostic(
        code=code,
        message=message,
        severity="warning",
        pointer=pointer,
        file=display_path(file),
        line=line,
        hint=hint,
        breadcrumb=breadcrumb,
    )


def _address(entry: tuple[type, str] | Route) -> addresses.Address:
    """The address of a consumer entry with its parameters' schemas: a discovered route's as found
    (it is an address already), an explicit path read by the parser discovery uses, so that both
    document their parameters alike."""
    if isinstance(entry, Route):
        parameters = tuple(addresses.Parameter(name, schema) for name, schema in entry.parameters.items())
        return addresses.Address(text=entry.path, parameters=parameters)
    return addresses.parse(entry[1])


def _texts(doc: HandlerDoc) -> dict[str, Any]:
    """The summary, description and tags a handler gives, as its Message and Operation both carry
    them (in that order; unset ones left out)."""
    out: dict[str, Any] = {}
    if doc.summary:
        out["summary"] = doc.summary
    if doc.description:
        out["description"] = doc.description
    if doc.tags:
        out["tags"] = [{"name": tag} for tag in doc.tags]
    return out


def _messages(channels: list[_Channel]) -> list[_Message]:
    """Every message once, in order (a consumer's further routes share its first route's)."""
    seen: dict[int, _Message] = {}
    for channel in channels:
        for message in channel.messages:
            seen.setdefault(id(message), message)
    return list(seen.values())


def _qualname(klass: type) -> str:
    return f"{klass.__module__}.{klass.__qualname__}"


def _type_location(origin: str) -> tuple[str | None, str | None, int | None]:
    """Breadcrumb and source of a named type from its origin (``python:pkg.mod.Class``): the
    longest imported module prefix, then attributes; unknown when they do not lead to a class
    (types made by ``create_model`` or in a function are no module attributes)."""
    import sys

    dotted = origin.split(":", 1)[-1].split(" ", 1)[0].split("[", 1)[0]
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        obj: Any = module
        for part in parts[cut:]:
            obj = getattr(obj, part, None)
        if isinstance(obj, type):
            return (obj.__qualname__, *class_location(obj))
        break
    return (None, None, None)


def _escape(step: str) -> str:
    return step.replace("~", "~0").replace("/", "~1")


def _is_object(schema: Mapping[str, Any]) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _inline_root(schema: dict[str, Any], definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A payload that is only a reference to an object type gets that type's schema inline, so
    the discriminator can be added to it (the named type stays for anything else using it)."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref in definitions and _is_object(definitions[ref]):
        extra = {key: value for key, value in schema.items() if key != "$ref"}
        # no copy needed: ``resolve`` copies every payload before anything edits it
        return {**definitions[ref], **extra}
    return schema


def _ordered(schema: dict[str, Any]) -> dict[str, Any]:
    """``title`` and ``type`` first, the rest as the converter wrote it (stable, readable)."""
    head: dict[str, Any] = {key: schema[key] for key in ("title", "type") if key in schema}
    return {**head, **{key: value for key, value in schema.items() if key not in head}}


def _freeze(node: Any) -> Any:
    if isinstance(node, dict):
        return tuple((key, _freeze(value)) for key, value in node.items())
    if isinstance(node, list):
        return tuple(_freeze(item) for item in node)
    return node
