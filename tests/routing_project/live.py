"""Connect to every discovered address of the project, through its real ASGI application.

Run with the project's own settings (the test suite does, in a subprocess)::

    DJANGO_SETTINGS_MODULE=tests.routing_project.settings python -m tests.routing_project.live

Each discovered route's ``{param}`` expressions are filled with a value its schema accepts, the
handshake goes through the origin validator, the auth stack and every router, and the consumer
that answers says its name. Prints one JSON object per route.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

#: Values tried, in order, for a string parameter: the first its pattern accepts is used.
CANDIDATES = ("abc", "2024", "a-b_c", "docs/a.txt")
UUID = "12345678-9abc-4def-8123-456789abcdef"


def sample(schema: dict[str, Any]) -> str:
    """A path value ``schema`` accepts (Python's ``re`` reads these simple ECMA patterns alike)."""
    if schema.get("type") == "integer":
        return "42"
    if schema.get("format") == "uuid":
        return UUID
    pattern = schema.get("pattern")
    if pattern is None:  # the path converter: slashes allowed
        return "docs/a.txt"
    for candidate in CANDIDATES:
        if re.search(pattern, candidate):
            return candidate
    raise ValueError(f"no sample value for {schema!r}")


async def visit(application: Any, path: str) -> dict[str, Any]:
    from channels.testing import WebsocketCommunicator

    communicator = WebsocketCommunicator(application, path, headers=[(b"origin", b"http://localhost")])
    connected, _ = await communicator.connect()
    reply = await communicator.receive_json_from() if connected else {}
    await communicator.disconnect()
    return {"connected": connected, "reached": reply.get("consumer"), "kwargs": reply.get("kwargs")}


async def main() -> list[dict[str, Any]]:
    import django

    django.setup()
    from django_bridge import discover

    from .asgi import application

    results = []
    for route in discover():
        url = re.sub(r"\{(\w+)\}", lambda match, route=route: sample(route.parameters[match[1]]), route.path)
        outcome = await visit(application, url)
        results.append({"path": route.path, "url": url, "expected": route.consumer.__name__, **outcome})
    return results


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main()), indent=2))
