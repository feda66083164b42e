"""ASGI entry point: HTTP through Django, WebSockets through the Origin check, auth and the router.

Browsers send cookies with a WebSocket handshake to any site, whichever page opens it, and the
same-origin policy does not apply to WebSockets. ``AllowedHostsOriginValidator`` therefore refuses
a handshake whose ``Origin`` is not one of ``ALLOWED_HOSTS`` (with DEBUG and no ALLOWED_HOSTS,
localhost), so another site cannot act for a signed-in reader. It also refuses a handshake with
no ``Origin`` at all: clients that are not browsers send one naming an allowed host.

In DEBUG the HTTP side also serves static files (the docs viewer's assets) from the apps, exactly
as ``runserver`` does; in production ``collectstatic`` gathers them into ``STATIC_ROOT`` and
WhiteNoise (a middleware, see settings.py) serves them.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dispatch_demo.settings")
django_http = get_asgi_application()  # sets Django up before the consumers are imported

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from rides.middleware import QueryTokenAuthMiddleware  # noqa: E402
from rides.routing import websocket_urlpatterns  # noqa: E402

if settings.DEBUG:
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    django_http = ASGIStaticFilesHandler(django_http)

application = ProtocolTypeRouter(
    {
        "http": django_http,
        # the Origin first; then the session cookie, then ?token=... (which wins when both are given)
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(QueryTokenAuthMiddleware(URLRouter(websocket_urlpatterns)))
        ),
    }
)
