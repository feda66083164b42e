"""Where the code behind each generated message is: a failing frame's report can then name the
decorator to fix (``rides/consumers.py:96 (DispatchConsumer.handle_ping)``), not only the spec.

Read from the same decorators the generator reads, per route: a message is keyed by its route's
address, its side and its wire name, as the generated spec has them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..annotations.channel_metadata import channel_doc
from ..annotations.decorators import documented_handlers
from ..locations import display_path


def origins(routes: Iterable[tuple[type, str]]) -> dict[tuple[str, str, str], str]:
    """``(address, side, wire name) → "file:line (Consumer.method)"`` for every documented message
    of ``routes`` (consumer, address). A reply declared with ``responses=`` is located at the
    action that declares it unless a handler documents it as an event."""
    found: dict[tuple[str, str, str], str] = {}
    replies: dict[tuple[str, str, str], str] = {}
    for consumer, path in routes:
        address = path.split("?", 1)[0].strip("/")
        entries = [(f"{consumer.__name__}.{method}", doc) for method, doc in documented_handlers(consumer)]
        metadata = channel_doc(consumer)
        for doc in metadata.messages if metadata else ():
            maker = "client_message" if doc.kind == "action" else "server_message"
            entries.append((f"{consumer.__name__} {maker}({doc.name!r})", doc))
        for where, doc in entries:
            file, line = doc.location
            text = f"{display_path(file) or '<unknown file>'}:{line or '?'} ({where})"
            found.setdefault((address, "client" if doc.kind == "action" else "server", doc.name), text)
            for event, _ in doc.responses:
                replies.setdefault((address, "server", event), text)
    return {**replies, **found}
