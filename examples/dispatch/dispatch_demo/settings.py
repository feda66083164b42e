"""Settings of the Dispatch demo.

Development defaults that work from a fresh clone: DEBUG on, SQLite, the in-memory channel layer.
Environment variables change what a deployment needs to change:

- ``DJANGO_DEBUG=0``: production mode (try-it-out is then refused; static files are collected
  with ``collectstatic`` and served by WhiteNoise, so a plain ``daphne`` serves the docs viewer);
- ``REDIS_URL=redis://...``: channels-redis instead of the in-memory layer (several processes);
- ``DISPATCH_DB=/path/db.sqlite3``: where the SQLite database lives;
- ``DJANGO_SECRET_KEY``: required when DEBUG is off.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "1") not in {"0", "false", "False", ""}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or ("dispatch-demo-insecure-key" if DEBUG else "")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", *filter(None, os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(","))]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "rest_framework",
    "django_bridge",
    "rides",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:
    # Production: daphne serves the collected static files (the docs viewer among them) itself,
    # through WhiteNoise, so the demo needs no web server in front. In DEBUG the ASGI application
    # serves them from the apps instead, as runserver does (asgi.py).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "dispatch_demo.urls"
ASGI_APPLICATION = "dispatch_demo.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DISPATCH_DB") or str(BASE_DIR.parent / "out" / "dispatch-demo.sqlite3"),
    }
}

if os.environ.get("REDIS_URL"):
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [os.environ["REDIS_URL"]]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

STATIC_URL = "static/"
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT") or str(BASE_DIR.parent / "out" / "dispatch-static")

USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": "Dispatch API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Riders request rides and drivers answer with offers, all over one WebSocket.\n\n"
        "Frames carry an `action` (client → server) or a `type` (server → client)."
    ),
    "CHANNEL_PATH": "/ws/dispatch/",
    # Documented in the spec as httpApiKey schemes; the try-it-out panel offers both.
    "AUTH_QUERY_PARAM": "token",
    "AUTH_COOKIE_NAME": "sessionid",
    # A development tool: the docs views refuse it when DEBUG is off anyway.
    "TRY_IT_OUT_ENABLED": DEBUG,
    "TRY_IT_OUT_EXPANDED": True,
}
