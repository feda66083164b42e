"""A token middleware of the kind real projects write: ``?token=...`` on the handshake."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

#: The tokens this test project knows, and whose they are.
TOKENS = {"ann-token": "ann"}


class TokenAuthMiddleware:
    """Refuses the handshake (close 4401) without a known ``token`` query parameter; otherwise
    puts the token's user name into the scope as ``username``."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        token = parse_qs(scope.get("query_string", b"").decode()).get("token", [""])[0]
        if token not in TOKENS:
            await receive()  # the websocket.connect message
            await send({"type": "websocket.close", "code": 4401})
            return None
        return await self.inner(dict(scope, username=TOKENS[token]), receive, send)
