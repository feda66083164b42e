"""Errors of the Django bridge, part of asyncapi_tools' one hierarchy.

::

    AsyncAPIToolsError (asyncapi_tools)
    └── BridgeError              the consumers cannot be documented as written
        ├── DecoratorError       a decorator was given something it cannot store (raised at import)
        ├── PayloadError         a payload cannot be turned into JSON Schema (raised by the generator)
        └── ConfigurationError   CHANNELS_SPECTACULAR_SETTINGS or the generator's arguments are wrong
                                 (also a django.core.exceptions.ImproperlyConfigured)

Each names the file and line of the handler or setting involved and says what to write instead.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from asyncapi_tools import AsyncAPIToolsError


class BridgeError(AsyncAPIToolsError):
    code = "django-bridge"


class DecoratorError(BridgeError, TypeError):
    code = "decorator"


class PayloadError(BridgeError, TypeError):
    code = "payload"


class ConfigurationError(BridgeError, ImproperlyConfigured):
    """Also Django's ``ImproperlyConfigured``, what Django code expects for bad settings."""

    code = "configuration"
