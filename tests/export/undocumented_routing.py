"""ASGI applications whose discovery documents nothing, as a project looks before its first
decorator: plain consumers behind Channels' usual middleware, and a websocket app that is no router."""

from __future__ import annotations

from typing import Any

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path, re_path

from tests.export.consumers import PlainConsumer


class LobbyConsumer(PlainConsumer):
    pass


application = ProtocolTypeRouter(
    {
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                URLRouter(
                    [
                        re_path(r"^ws/chat/(?P<room>\w+)/$", PlainConsumer.as_asgi()),
                        path("ws/lobby/", LobbyConsumer.as_asgi()),
                    ]
                )
            )
        )
    }
)


async def echo(scope: Any, receive: Any, send: Any) -> None:
    """A hand-written ASGI app: not a consumer, not a router."""


no_router = ProtocolTypeRouter({"websocket": echo})
