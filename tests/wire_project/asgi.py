"""ASGI entry point of the wire project, laid out like a real Channels project."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.wire_project.settings")
django_asgi_app = get_asgi_application()  # sets Django up before the consumers are imported

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import re_path  # noqa: E402

from . import consumers  # noqa: E402
from .middleware import TokenAuthMiddleware  # noqa: E402

websocket_urlpatterns = [
    re_path(r"^ws/rooms/(?P<room>[\w-]+)/$", consumers.RoomConsumer.as_asgi()),
    # the same consumer at the address older clients still use
    re_path(r"^ws/chat/(?P<room>[\w-]+)/$", consumers.RoomConsumer.as_asgi()),
    re_path(r"^ws/presence/(?P<team>[a-z]+)/$", consumers.PresenceConsumer.as_asgi()),
    re_path(r"^ws/feeds/(?P<feed_id>\d+)/$", consumers.FeedConsumer.as_asgi()),
]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(TokenAuthMiddleware(URLRouter(websocket_urlpatterns)))),
    }
)
