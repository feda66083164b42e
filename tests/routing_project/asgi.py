"""ASGI entry point of the routing project, laid out like a real Channels project."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.routing_project.settings")
django_asgi_app = get_asgi_application()  # sets Django up before the consumers are imported

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path, re_path, register_converter  # noqa: E402

from . import consumers  # noqa: E402
from .converters import FourDigitYearConverter  # noqa: E402
from .middleware import TenantMiddleware  # noqa: E402

register_converter(FourDigitYearConverter, "yyyy")

ws_routes = [
    path("rides/<int:ride_id>/", consumers.RideConsumer.as_asgi()),
    path("drivers/<uuid:driver_id>/", consumers.DriverConsumer.as_asgi()),
    path("rooms/<slug:room>/", consumers.ChatConsumer.as_asgi()),
    path("users/<str:username>/profile/", consumers.ProfileConsumer.as_asgi()),
    path("reports/<yyyy:year>/", consumers.ReportConsumer.as_asgi()),
    # the same consumer again, at its old regex address
    re_path(r"^legacy/(?P<room>[a-z]+)/(?P<page>\d+)/$", consumers.ChatConsumer.as_asgi()),
    path("plain/", consumers.PlainConsumer.as_asgi()),
    path("health/", consumers.health),
    path("files/<path:file_path>", consumers.FileConsumer.as_asgi()),
]

tenant_routes = [
    path("feed/", consumers.FeedConsumer.as_asgi()),
]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                URLRouter(
                    [
                        path("ws/", URLRouter(ws_routes)),
                        re_path(r"^tenants/(?P<tenant>[-\w]+)/", TenantMiddleware(URLRouter(tenant_routes))),
                    ]
                )
            )
        ),
    }
)
