"""AsyncAPI 3 documentation for Django Channels consumers, built on asyncapi_tools.

Decorate consumer methods with :func:`document_action` (client → server) and
:func:`document_event` (server → client); :class:`AsyncAPIGenerator` turns the decorated
consumers into a document that goes through the same pipeline as hand-written specs;
:class:`AsyncAPISpecView` serves it and :class:`AsyncAPIDocView` shows it, to whoever the
``DOCS_PERMISSION`` callable admits (built-ins: :func:`allow_any`, :func:`allow_authenticated`,
:func:`allow_staff`, named in settings as ``"django_bridge.allow_staff"``).

The rooms of the package (each a subpackage whose ``__init__`` says its job): ``annotations``
(what you write on consumers), ``discovery`` (finding them), ``generation`` (consumers → a
document, including naming), ``payloads`` (types → JSON Schema), ``web`` (the views), and
``management`` (``export_asyncapi``).

Names are imported lazily: importing this package and decorating consumers loads neither
Pydantic, DRF, ruamel nor jinja2.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "document_action": "annotations.decorators",
    "document_event": "annotations.decorators",
    "client_message": "annotations.decorators",
    "server_message": "annotations.decorators",
    "WireFormat": "annotations.wire",
    # "public name": "module:attribute" where the module's own name is too short out of context
    "resolve_wire": "annotations.wire:resolve",
    "frame_example": "annotations.wire",
    "document_channel": "annotations.channel_metadata",
    "ChannelDoc": "annotations.channel_metadata",
    "channel_doc": "annotations.channel_metadata",
    "discover": "discovery.routing",
    "documented": "discovery.routing",
    "Route": "discovery.routing",
    "HandlerDoc": "annotations.decorators",
    "AsyncAPIGenerator": "generation.generator",
    "BridgeSettings": "conf",
    "build_settings": "conf",
    "handler_doc": "annotations.decorators",
    "documented_handlers": "annotations.decorators",
    "consumer_findings": "annotations.misuse",
    "get_settings": "conf",
    "BridgeError": "errors",
    "DecoratorError": "errors",
    "PayloadError": "errors",
    "ConfigurationError": "errors",
    "AsyncAPISpecView": "web.spec_view",
    "AsyncAPIDocView": "web.doc_view",
    "allow_any": "web.access",
    "allow_authenticated": "web.access",
    "allow_staff": "web.access",
    "spec_cache": "web.spec_cache",
    "SpecCache": "web.spec_cache",
    "BuiltSpec": "web.spec_cache",
    "VIEWER_VERSION": "web.assets",
    "VIEWER_JS": "web.assets",
    "VIEWER_CSS": "web.assets",
}

__all__ = [
    "VIEWER_CSS",
    "VIEWER_JS",
    "VIEWER_VERSION",
    "AsyncAPIDocView",
    "AsyncAPIGenerator",
    "AsyncAPISpecView",
    "BridgeError",
    "BridgeSettings",
    "BuiltSpec",
    "ChannelDoc",
    "ConfigurationError",
    "DecoratorError",
    "HandlerDoc",
    "PayloadError",
    "Route",
    "SpecCache",
    "WireFormat",
    "allow_any",
    "allow_authenticated",
    "allow_staff",
    "build_settings",
    "channel_doc",
    "client_message",
    "consumer_findings",
    "discover",
    "document_action",
    "document_channel",
    "document_event",
    "documented",
    "documented_handlers",
    "frame_example",
    "get_settings",
    "handler_doc",
    "resolve_wire",
    "server_message",
    "spec_cache",
]


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'django_bridge' has no attribute {name!r}")
    module_name, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(f".{module_name}", __name__), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from .annotations.channel_metadata import ChannelDoc, channel_doc, document_channel
    from .annotations.decorators import (
        HandlerDoc,
        client_message,
        document_action,
        document_event,
        documented_handlers,
        handler_doc,
        server_message,
    )
    from .annotations.misuse import consumer_findings
    from .annotations.wire import WireFormat, frame_example
    from .annotations.wire import resolve as resolve_wire
    from .conf import BridgeSettings, build_settings, get_settings
    from .discovery.routing import Route, discover, documented
    from .errors import BridgeError, ConfigurationError, DecoratorError, PayloadError
    from .generation.generator import AsyncAPIGenerator
    from .web.access import allow_any, allow_authenticated, allow_staff
    from .web.assets import VIEWER_CSS, VIEWER_JS, VIEWER_VERSION
    from .web.doc_view import AsyncAPIDocView
    from .web.spec_cache import BuiltSpec, SpecCache, spec_cache
    from .web.spec_view import AsyncAPISpecView
