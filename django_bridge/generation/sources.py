"""The sources of ``export_asyncapi``: consumers (generator), a template, overlays, merged.

Kept apart from the command so other faces (views, tests) can build the same document.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from asyncapi_tools import Diagnostic, Document
from django_bridge.errors import ConfigurationError

if TYPE_CHECKING:
    from django_bridge.conf import BridgeSettings

DEFAULT_HOST = "localhost:8000"
DEFAULT_PROTOCOL = "ws"


def parse_consumer_option(value: str) -> tuple[str, str | None]:
    """``dotted.path[:/ws/path/]`` or ``module:Class[:/ws/path/]`` → (class path, path or None).

    The text after the first colon is the class when it is an identifier (``Class``,
    ``Outer.Inner``): a channel path always has a ``/``, an identifier never does. Everything
    after the colon that ends the class (or after the first colon otherwise) is the path, colons
    included, so Django converters keep theirs (``/ws/rides/<int:ride_id>/``)."""
    from django_bridge.discovery.dotted import IDENTIFIER_PATH

    dotted, sep, path = value.partition(":")
    if sep:
        name, name_sep, rest = path.partition(":")
        if IDENTIFIER_PATH.fullmatch(name):
            dotted, sep, path = f"{dotted}:{name}", name_sep, rest
    if sep and not path.strip():
        raise ConfigurationError(
            f"--consumer {value!r} has an empty channel path after ':'",
            hint=f"write --consumer {dotted}:/ws/your/path/ or leave out ':' to use CHANNEL_PATH",
        )
    return dotted, (path if sep else None)


def import_consumer(dotted: str) -> type:
    """Import a consumer class by ``module.Class`` or ``module:Class``, with one-line errors for
    every way it can fail (a typo gets the module's real class names)."""
    from django_bridge.discovery.dotted import import_dotted

    target = import_dotted(dotted, what="--consumer", example="--consumer rides.consumers.DispatchConsumer")
    if not inspect.isclass(target):
        raise ConfigurationError(
            f"--consumer {dotted!r} is a {type(target).__name__}, not a consumer class",
            hint="point --consumer at a Channels consumer class (a subclass of AsyncConsumer or SyncConsumer)",
        )
    from channels.consumer import AsyncConsumer, SyncConsumer

    if not issubclass(target, AsyncConsumer | SyncConsumer):
        raise ConfigurationError(
            f"--consumer {dotted!r} is not a Channels consumer (it subclasses neither AsyncConsumer nor SyncConsumer)",
            hint="point --consumer at your consumer class, e.g. a subclass of AsyncJsonWebsocketConsumer",
        )
    return target


#: The name of the one server derived from WS_HOST (or the request) when SERVERS is not set. The
#: same in the served spec and in ``export_asyncapi``'s output, so a committed spec and the docs
#: page agree; ``default`` because the host is whatever deployment runs the code (a production
#: WS_HOST would be mislabelled ``development``), and because django-channels-spectacular names it so.
DEFAULT_SERVER_NAME = "default"


def servers_for(
    *,
    host: str | None,
    protocol: str | None,
    fallback_host: str | None = DEFAULT_HOST,
    fallback_protocol: str = DEFAULT_PROTOCOL,
    settings: BridgeSettings | None = None,
) -> dict[str, Any]:
    """The servers block of every face (``export_asyncapi`` and the views): the SERVERS setting
    (``host``/``protocol`` override each entry), else one ``default`` server whose host is
    ``host``, else WS_HOST, else ``fallback_host`` (no server at all when that is None too), and
    whose protocol is ``protocol``, else WS_PROTOCOL, else ``fallback_protocol``."""
    if settings is None:
        from django_bridge.conf import get_settings

        settings = get_settings()
    if settings.SERVERS:
        servers = {name: dict(server) for name, server in settings.SERVERS.items()}
        for server in servers.values():
            if host:
                server["host"] = host
            if protocol:
                server["protocol"] = protocol
        return servers
    chosen = host or settings.WS_HOST or fallback_host
    if not chosen:
        return {}
    return {DEFAULT_SERVER_NAME: {"host": chosen, "protocol": protocol or settings.WS_PROTOCOL or fallback_protocol}}


def build_document(
    *,
    consumers: Sequence[str] = (),
    template: str | None = None,
    overlays: Sequence[str] = (),
    host: str | None = None,
    protocol: str | None = None,
    variables: Mapping[str, str] | None = None,
    discover: bool = False,
) -> tuple[Document, list[Diagnostic]]:
    """The document the sources describe, plus the generator's diagnostics (warnings, and info
    notes such as the routes discovery skipped).

    Generated document (the consumers given, or with ``discover`` — the default when neither
    consumers nor a template are given — every documented consumer of ASGI_APPLICATION's
    routing) ← rendered template ← overlays, in that order.
    """
    from asyncapi_tools import merge, render_file

    discover = discover or (not consumers and not template)
    from django_bridge.conf import get_settings

    settings = get_settings()
    host = host or settings.WS_HOST
    protocol = protocol or settings.WS_PROTOCOL
    documents: list[Document] = []
    diagnostics: list[Diagnostic] = []
    if discover and not consumers:
        from django_bridge.generation.generator import AsyncAPIGenerator

        generator = AsyncAPIGenerator.from_routing(servers=servers_for(host=host, protocol=protocol))
        documents.append(generator.get_document())
        diagnostics.extend(generator.diagnostics)  # info notes too: the faces decide what to show
    if consumers:
        from django_bridge.generation.generator import AsyncAPIGenerator

        pairs = []
        for value in consumers:
            dotted, path = parse_consumer_option(value)
            pairs.append((import_consumer(dotted), path))
        from django_bridge.annotations.misuse import consumer_findings

        for klass in dict.fromkeys(klass for klass, _ in pairs):
            diagnostics.extend(consumer_findings(klass))
        servers = servers_for(host=host, protocol=protocol)
        if len(pairs) == 1 and pairs[0][1] is None:
            generator = AsyncAPIGenerator(pairs[0][0], servers=servers)
        else:
            default_path = settings.CHANNEL_PATH
            generator = AsyncAPIGenerator(
                consumers=[(klass, path if path is not None else default_path) for klass, path in pairs],
                servers=servers,
            )
        documents.append(generator.get_document())
        diagnostics.extend(generator.diagnostics)
    from asyncapi_tools import resolve_template

    for path in ([str(resolve_template(template))] if template else []) + list(overlays):
        documents.append(render_file(path, host=host, protocol=protocol, variables=variables))
    base, *rest = documents
    return (merge(base, *rest) if rest else base), diagnostics
