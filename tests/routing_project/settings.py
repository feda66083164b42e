"""Settings of the routing test project (``DJANGO_SETTINGS_MODULE=tests.routing_project.settings``)."""

SECRET_KEY = "routing-project-tests-only"
DEBUG = False
USE_TZ = True
ALLOWED_HOSTS = ["localhost", "testserver"]
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "channels",
    "django_bridge",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# Sessions without tables: AuthMiddlewareStack reads the (empty) session of each handshake.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
ROOT_URLCONF = "tests.routing_project.urls"
ASGI_APPLICATION = "tests.routing_project.asgi.application"
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
CHANNELS_SPECTACULAR_SETTINGS = {"TITLE": "Routing project", "VERSION": "2.0.0"}
