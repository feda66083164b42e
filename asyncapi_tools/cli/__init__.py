"""The ``asyncapi-tools`` command line: a thin face over the pipeline functions."""

from ._app import app
from .commands import register

register(app)


def main() -> None:
    """Console-script entry point (``asyncapi-tools`` and ``python -m asyncapi_tools``)."""
    app(prog_name="asyncapi-tools")


__all__ = ["app", "main"]
