"""``asyncapi-tools templates`` and ``asyncapi-tools init``: the built-in templates, listed and scaffolded."""

from __future__ import annotations

from typing import Annotated

import typer

from ._common import VarOption, err, handle_errors, parse_vars


@handle_errors
def list_templates() -> None:
    """List the built-in templates: starters (render or `init` them by name) and the partials and
    macros any template can import, each with a one-line description."""
    from .._templates import builtin_templates

    found = builtin_templates()
    width = max(len(t.name) for t in found)
    typer.echo("Starters (asyncapi-tools init NAME, asyncapi-tools render NAME):")
    for template in (t for t in found if t.is_starter):
        typer.echo(f"  {template.name.removesuffix('.yaml'):<{width}}  {template.description}")
    typer.echo('Partials and macros ({% import "NAME" as api %} or {% include "NAME" %}):')
    for template in (t for t in found if not t.is_starter):
        typer.echo(f"  {template.name:<{width}}  {template.description}")


@handle_errors
def init(
    name: Annotated[
        str, typer.Argument(help="The built-in starter to copy (see `asyncapi-tools templates`).", metavar="[NAME]")
    ] = "channels-websocket",
    output: Annotated[
        str, typer.Option("--output", "-o", help="Where to write your template.")
    ] = "asyncapi.template.yaml",
    var: VarOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")] = False,
) -> None:
    """Scaffold a built-in starter template into your repository. `--var NAME=VALUE` writes new
    defaults for the variables the starter declares; an existing file is kept unless --force."""
    from .._templates import scaffold

    written = scaffold(name, output, variables=parse_vars(var), force=force)
    err(f"wrote {written}; render it with: asyncapi-tools render {written} -o asyncapi.yaml")
