"""The ``asyncapi-tools`` command line: a thin face over the pipeline functions."""

from ._app import app, main
from . import commands  # noqa: F401,E402  (registers the commands)

__all__ = ["app", "main"]
