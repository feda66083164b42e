"""The Django site that ``bench_load.py`` serves: the docs views and a fixed-bytes baseline view.

Imported by each ASGI server worker (``load_site:application``, with ``benchmarks/`` and the
repository on ``PYTHONPATH``). The consumers are ``bench_generator``'s synthetic project
(``BENCH_CONSUMERS`` × ``BENCH_HANDLERS``, half client actions, half server events, with
Pydantic, dataclass and DRF payloads), so the spec is as large as a real project's.

Routes:
- ``/docs/asyncapi.yaml``: ``AsyncAPISpecView`` over those consumers (built on first request);
- ``/docs/``: ``AsyncAPIDocView`` (the HTML page);
- ``/fixed/<size>``: ``size`` bytes that never change, the baseline: what Django itself costs
  to answer a body of that size on this server.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-load",
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.staticfiles", "channels", "rest_framework", "django_bridge"],
    # CommonMiddleware sets Content-Length, as most sites' middleware stacks do.
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    DATABASES={},
    USE_TZ=True,
    STATIC_URL="/static/",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
    CHANNELS_SPECTACULAR_SETTINGS={"TITLE": "Bench", "VERSION": "1.0.0"},
    LOGGING={"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}},
)
django.setup()

from bench_generator import build_decorated  # noqa: E402
from channels.generic.websocket import AsyncJsonWebsocketConsumer  # noqa: E402
from django.core.asgi import get_asgi_application  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

from django_bridge import AsyncAPIDocView, AsyncAPISpecView, document_action, document_event  # noqa: E402

CONSUMERS = build_decorated(
    document_action,
    document_event,
    AsyncJsonWebsocketConsumer,
    int(os.environ.get("BENCH_CONSUMERS", "20")),
    int(os.environ.get("BENCH_HANDLERS", "20")),
)


@functools.lru_cache(maxsize=8)
def _body(size: int) -> bytes:
    return b"x" * size


def fixed(request: HttpRequest, size: int) -> HttpResponse:
    """The baseline: the same bytes every time, no work beyond Django's own."""
    return HttpResponse(_body(min(size, 8_000_000)), content_type="application/yaml; charset=utf-8")


urlpatterns = [
    path("fixed/<int:size>", fixed),
    path("docs/", AsyncAPIDocView.as_view(spec_url="/docs/asyncapi.yaml")),
    path("docs/asyncapi.yaml", AsyncAPISpecView.as_view(consumers=CONSUMERS)),
]

application = get_asgi_application()
