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
    """The consumers cannot be documented as written; catch this for any bridge refusal."""

    code = "django-bridge"


class DecoratorError(BridgeError, TypeError):
    """A decorator was given something it cannot store; raised at import, at the decorated line.

    Also a ``TypeError``, what Python raises for a wrong argument."""

    code = "decorator"


class PayloadError(BridgeError, TypeError):
    """A payload type cannot be turned into JSON Schema; raised by the generator, naming the
    handler that declared it and the types that work instead."""

    code = "payload"


class ConfigurationError(BridgeError, ImproperlyConfigured):
    """Also Django's ``ImproperlyConfigured``, what Django code expects for bad settings."""

    code = "configuration"
