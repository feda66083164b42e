"""The one place that lists the CLI's commands and registers them on the app.

Command modules define plain functions and import nothing from the app, so there is no import
cycle and no registration by side effect: a new command is one import and one line in
``COMMANDS``. The order of ``COMMANDS`` is the order ``--help`` lists them in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from . import check, client, diff, html, merge, mock, render, templates, titles, validate

#: ``(name, function)`` for every command; ``None`` lets typer name it after the function.
COMMANDS: list[tuple[str | None, Callable[..., Any]]] = [
    (None, check.check),
    (None, client.client),
    (None, diff.diff),
    (None, html.html),
    (None, merge.merge),
    (None, mock.mock),
    (None, render.render),
    (None, html.serve),
    ("templates", templates.list_templates),
    (None, templates.init),
    ("inject-titles", titles.inject_titles),
    (None, validate.validate),
]


def register(app: typer.Typer) -> None:
    """Add every command in ``COMMANDS`` to ``app``."""
    for name, function in COMMANDS:
        app.command(name)(function)
