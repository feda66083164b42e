"""ASGI entry point: HTTP through Django, WebSockets through the query-token auth and the router.

In DEBUG the HTTP side also serves static files (the docs viewer's assets), exactly as
``runserver`` does; in production run ``collectstatic`` and let the web server or WhiteNoise
serve ``STATIC_ROOT``.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dispatch_demo.settings")
django_http = get_asgi_application()  # sets Django up before the consumers are imported

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from rides.middleware import QueryTokenAuthMiddleware  # noqa: E402
from rides.routing import websocket_urlpatterns  # noqa: E402

if settings.DEBUG:
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    django_http = ASGIStaticFilesHandler(django_http)

application = ProtocolTypeRouter(
    {
        "http": django_http,
        # the session cookie first, then ?token=... (which wins when both are given)
        "websocket": AuthMiddlewareStack(QueryTokenAuthMiddleware(URLRouter(websocket_urlpatterns))),
    }
)
