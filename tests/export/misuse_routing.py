"""An ASGI application mounting a consumer with a handler mistake only its class reveals."""

from __future__ import annotations

from channels.routing import ProtocolTypeRouter, URLRouter
from django.urls import path

from tests.django_bridge.test_bridge_misuse import SyncOnAsync

application = ProtocolTypeRouter({"websocket": URLRouter([path("ws/chat/", SyncOnAsync.as_asgi())])})
