"""Settings of the wire project (``DJANGO_SETTINGS_MODULE=tests.wire_project.settings``)."""

SECRET_KEY = "wire-project-tests-only"
DEBUG = True
ALLOWED_HOSTS = ["localhost"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "channels", "django_bridge"]
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
ASGI_APPLICATION = "tests.wire_project.asgi.application"
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
CHANNELS_SPECTACULAR_SETTINGS = {"TITLE": "Wire project", "AUTH_QUERY_PARAM": "token"}
