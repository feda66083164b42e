"""The typer application and its root options; ``commands`` registers the commands on it."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__

app = typer.Typer(
    name="asyncapi-tools",
    help=(
        "Render, title, merge, validate and check AsyncAPI 3 documents, keeping the comments "
        "of committed files. Exit codes: 0 ok, 1 invalid document or failed check, 2 usage error."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"asyncapi-tools {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback when a command fails.")
    ] = False,
) -> None:
    """Root options; the commands do the work."""
    from ._common import DEBUG

    DEBUG.set(debug)

