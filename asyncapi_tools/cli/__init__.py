"""The ``asyncapi-tools`` command line: a thin face over the pipeline functions."""

from . import commands  # noqa: F401  (registers the commands)
from ._app import app, main

__all__ = ["app", "main"]
