"""``asyncapi-tools check``: build the document in memory and compare it with the committed file."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer

from ._app import app
from ._common import (
    FormatOption,
    HostOption,
    NoTitlesOption,
    NoValidateOption,
    OutputFormat,
    ProtocolOption,
    TopLevelTitlesOption,
    VarOption,
    VarsFileOption,
    build_template,
    err,
    handle_errors,
    print_diagnostics,
)
from ._output import finish


@app.command()
@handle_errors
def check(
    source: Annotated[
        str, typer.Argument(help="A template (as for `render`), or with overlays the base document (as for `merge`).", metavar="SOURCE")
    ],
    against: Annotated[
        str, typer.Option("--against", metavar="COMMITTED", help="The committed file to compare with (required).")
    ],
    overlays: Annotated[
        list[str] | None, typer.Argument(help="Overlay documents: check the result of `merge SOURCE OVERLAY...`.", metavar="[OVERLAY...]")
    ] = None,
    host: HostOption = None,
    protocol: ProtocolOption = None,
    var: VarOption = None,
    vars_file: VarsFileOption = None,
    no_template: Annotated[
        bool, typer.Option("--no-template", help="Treat SOURCE as plain YAML: no placeholder substitution.")
    ] = False,
    no_titles: NoTitlesOption = False,
    top_level_titles: TopLevelTitlesOption = False,
    no_validate: NoValidateOption = False,
    format: FormatOption = OutputFormat.yaml,
) -> None:
    """Exit 0 when the committed file holds what `render` (or `merge`, with overlays) would write,
    else exit 1 with a unified diff and the command that refreshes it. Writes nothing; a committed
    file with the same data but other comments or layout passes."""
    from .._document import load
    from .._pipeline import build

    overlays = overlays or []
    render_options = any([host, protocol, var, vars_file, no_template, no_titles, top_level_titles])
    if overlays and render_options:
        raise typer.BadParameter(
            "render options apply to a template; with overlays SOURCE is merged as plain YAML", param_hint="OVERLAY"
        )
    if overlays:
        from .._merge import merge
        from .merge import refresh_command

        doc = merge(load(source), *(load(path) for path in overlays))
        result = build(doc, titles=False, validate=not no_validate)
        command = refresh_command(source, overlays, against, format)
    else:
        result = build_template(
            source,
            host=host,
            protocol=protocol,
            var=var,
            vars_file=vars_file,
            no_template=no_template,
            no_titles=no_titles,
            top_level_titles=top_level_titles,
            no_validate=no_validate,
        )
        doc = result.document
        command = _render_command(source, against)
    print_diagnostics(result.diagnostics)
    if not result.ok:
        err("error: the document built from the inputs is invalid (pass --no-validate to compare it anyway)")
        raise typer.Exit(1)
    try:
        finish(doc, output=against, fmt=format, overwrite=False, check=True, command=command)
    except typer.Exit:
        from .diff import print_breaking

        print_breaking(against, doc)
        raise


def _render_command(source: str, against: str) -> str:
    """``render`` with the options this check was given (minus ``--against``)."""
    import sys

    args = sys.argv[1:]
    if args[:1] == ["check"]:
        rest: list[str] = []
        skip = False
        for arg in args[1:]:
            if skip:
                skip = False
                continue
            if arg == "--against":
                skip = True
                continue
            if arg.startswith("--against="):
                continue
            rest.append(arg)
        args = ["render", *rest, "-o", against]
    else:
        args = ["render", source, "-o", against]
    return "asyncapi-tools " + " ".join(shlex.quote(arg) for arg in args)
