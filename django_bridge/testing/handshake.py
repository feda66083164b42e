"""How a test connects to a channel: its path with URL parameters filled in, query, headers, scope.

Values come from the user (the ``asyncapi_url_params`` and ``asyncapi_handshake`` fixtures);
a parameter nobody gives falls back to what the spec says about it (``enum``, ``default``,
``examples``), and otherwise is an error that names the fixture to write.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from asyncapi_tools import ContractChannel as Channel

from .violations import ContractViolation

#: ``asyncapi_handshake``: a dict for every channel, or a callable taking the channel id.
HandshakeSource = Mapping[str, Any] | Callable[[str], Mapping[str, Any]] | None
HANDSHAKE_KEYS = ("query", "headers", "scope", "subprotocols")


@dataclass(frozen=True)
class Handshake:
    """Everything a communicator needs to open one channel."""

    path: str
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    scope: dict[str, Any] = field(default_factory=dict)
    subprotocols: list[str] = field(default_factory=list)


def handshake_for(channel: Channel, *, url_params: Mapping[str, Any] | None, handshake: HandshakeSource) -> Handshake:
    """The handshake of ``channel``: ``handshake`` gives ``query`` (a dict or a string),
    ``headers`` (pairs of str or bytes), ``scope`` (merged into the scope: ``{"user": user}``) and
    ``subprotocols``."""
    given = handshake(channel.id) if callable(handshake) else handshake
    given = dict(given or {})
    unknown = sorted(set(given) - set(HANDSHAKE_KEYS))
    if unknown:
        raise ContractViolation(f"asyncapi_handshake: unknown key(s) {', '.join(unknown)}; known: {', '.join(HANDSHAKE_KEYS)}")
    values = {name: _parameter(channel, name, url_params or {}) for name in _names(channel)}
    path = channel.fill(values)
    query = given.get("query")
    if isinstance(query, Mapping):
        query = urlencode(query)
    if query:
        path = f"{path}?{str(query).lstrip('?')}"
    headers = [(_bytes(name), _bytes(value)) for name, value in given.get("headers") or []]
    return Handshake(path=path, headers=headers, scope=dict(given.get("scope") or {}), subprotocols=list(given.get("subprotocols") or []))


def _names(channel: Channel) -> list[str]:
    import re

    return re.findall(r"\{([^{}]+)\}", channel.address or "")


def _parameter(channel: Channel, name: str, url_params: Mapping[str, Any]) -> str:
    if name in url_params:
        return str(url_params[name])
    spec = channel.parameters.get(name) or {}
    for key in ("default", "enum", "examples"):
        value = spec.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None:
            return str(value)
    raise ContractViolation(
        f"channel {channel.id} ({channel.address}) needs a value for the URL parameter {name!r}: "
        f"define the fixture asyncapi_url_params, e.g. {{{name!r}: '...'}}, or give the parameter "
        "examples in the spec"
    )


def _bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("latin-1")
