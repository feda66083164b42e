"""ASGI middleware: ``?token=<signed token>`` on the WebSocket handshake authenticates the user.

Browsers send the session cookie by themselves (``AuthMiddlewareStack``); API and mobile clients
that cannot set cookies put a token in the query string instead. A token that is present but
invalid leaves the user anonymous (the consumer then refuses the connection)."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from django.contrib.auth.models import AnonymousUser

from .tokens import user_for_token


class QueryTokenAuthMiddleware:
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] == "websocket":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            token = query.get("token", [None])[0]
            if token:
                user = await database_sync_to_async(user_for_token)(token)
                scope = {**scope, "user": user or AnonymousUser()}
        return await self.inner(scope, receive, send)
