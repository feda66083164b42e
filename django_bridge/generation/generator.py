"""``AsyncAPIGenerator``: decorated consumers → an AsyncAPI 3 document, as one more pipeline source.

The generator is a pure source: consumers in, plain data and diagnostics out. It hands that data
to asyncapi_tools' pipeline like any other document (``build`` → ``dumps``), so generated and
hand-written specs are titled, written and validated the same way. It only chains the steps, each in a module of its own:

- :mod:`.channels`: one channel per consumer path (its ``{param}`` expressions declared under
  ``parameters``), one message per documented frame; a consumer mounted at several routes has
  one set of messages, referenced by every channel;
- :mod:`.schemas`: payloads → JSON Schema, nested types named as ``components.schemas``;
- :mod:`.document`: the AsyncAPI objects, describing the server (a frame the client sends is
  ``action: receive``, one the server pushes ``action: send``; ``responses`` become the
  operation's ``reply``), frames shaped as the declared wire format says
  (:mod:`django_bridge.annotations.wire`), ``deprecated`` on messages only;
- :mod:`.examples`: every example checked against its payload;
- :mod:`.naming`: every name, a collision a warning and never an overwrite.

Output is deterministic: the same consumers give the same bytes. Findings (collisions,
undocumented handlers, examples that do not match their payload, consumers with nothing
documented) are :class:`~asyncapi_tools.Diagnostic` warnings in
:attr:`AsyncAPIGenerator.diagnostics`, each with a breadcrumb and the handler's file and line
(:mod:`.diagnostics`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..discovery import addresses
from ..discovery.routing import Route
from ..errors import ConfigurationError

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic, Document

    from ..conf import BridgeSettings


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
            from ..conf import get_settings

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
        from ..discovery.routing import discover, documented

        if settings is None:
            from ..conf import get_settings

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
            from .gc_pause import collection_paused

            with collection_paused():
                self._spec = self._build()
        return self._spec

    def get_document(self) -> Document:
        """The document as a pipeline :class:`~asyncapi_tools.Document` (source ``<generated>``)."""
        from asyncapi_tools import from_data

        from .gc_pause import collection_paused

        spec = self.get_spec()
        with collection_paused():  # a copy of every node: as many containers as the build
            return from_data(spec, source="<generated>")

    def get_yaml(self) -> str:
        """Canonical YAML: byte-identical to ``asyncapi_tools.dumps(from_data(get_spec()))``
        (rendered once per generator). The writer only reads the spec, so it is dumped as it is,
        without the copy ``from_data`` makes."""
        if self._yaml is None:
            from asyncapi_tools import Document, dumps

            from .gc_pause import collection_paused

            with collection_paused():  # one pause for building and writing
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
        """Collect → convert payloads → name schemas → write → check examples → report
        collisions → title what is still anonymous (each step in its own module)."""
        from asyncapi_tools import Document, build, unique_diagnostics

        from ..payloads import SchemaBank
        from .channels import collect_channels
        from .diagnostics import Findings
        from .document import write_document
        from .examples import check_examples
        from .naming import Names
        from .schemas import convert_payloads, name_schemas

        findings = Findings()
        names = Names()
        bank = SchemaBank()
        channels = collect_channels(
            self.consumers, self._addresses, settings=self.settings, names=names, findings=findings, multi=self.multi
        )
        convert_payloads(channels, bank, findings)
        schemas = name_schemas(channels, bank, names)
        spec = write_document(channels, schemas, settings=self.settings, info=self.info, servers=self.servers, findings=findings)
        check_examples(spec, channels, findings)
        findings.report_collisions(names)
        # The generator is a source like any other: the pipeline's titles name whatever is still
        # anonymous (inline enums, unions, nested objects in raw dict payloads), title first.
        # Every schema in the spec is a fresh copy reached once (payloads and components are
        # resolved into new dicts, examples are made JSON-able copies): nothing can be shared.
        # Validation is the faces' choice (export_asyncapi --check, the docs page's diagnostics).
        build(Document(tree=spec, source="<generated>"), nested_titles=True, unshared=True, validate=False)
        self._diagnostics = unique_diagnostics(findings.diagnostics)
        return spec


def _address(entry: tuple[type, str] | Route) -> addresses.Address:
    """The address of a consumer entry with its parameters' schemas: a discovered route's as found
    (it is an address already), an explicit path read by the parser discovery uses, so that both
    document their parameters alike."""
    if isinstance(entry, Route):
        parameters = tuple(addresses.Parameter(name, schema) for name, schema in entry.parameters.items())
        return addresses.Address(text=entry.path, parameters=parameters)
    return addresses.parse(entry[1])
