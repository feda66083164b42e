"""``asyncapi-tools render``: template → placeholders → titles → validate → write (in place)."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app
from ._common import (
    CheckOption,
    FormatOption,
    HostOption,
    NoTitlesOption,
    NoValidateOption,
    OutputFormat,
    OutputOption,
    OverwriteOption,
    ProtocolOption,
    ReportFormat,
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
def render(
    template: Annotated[str, typer.Argument(help="The template (YAML with {{ WS_HOST }}-style placeholders), or a built-in template's name.", metavar="TEMPLATE")],
    output: OutputOption = "asyncapi.yaml",
    host: HostOption = None,
    protocol: ProtocolOption = None,
    var: VarOption = None,
    vars_file: VarsFileOption = None,
    no_template: Annotated[
        bool, typer.Option("--no-template", help="Treat the file as plain YAML: no placeholder substitution.")
    ] = False,
    no_titles: NoTitlesOption = False,
    top_level_titles: TopLevelTitlesOption = False,
    no_validate: NoValidateOption = False,
    format: FormatOption = OutputFormat.yaml,
    report: Annotated[bool, typer.Option("--report", help="List every title injected, with its location.")] = False,
    overwrite: OverwriteOption = False,
    check: CheckOption = False,
) -> None:
    """Render a template into an AsyncAPI document: substitute placeholders, inject payload titles,
    validate, and write it (updating an existing output file in place). TEMPLATE is a path or
    the name of a built-in starter (`asyncapi-tools templates` lists them)."""
    from .._templates import resolve_template

    result = build_template(
        str(resolve_template(template)),
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
    if report:
        for change in result.titles:
            err(f"{template}:{change.line or '?'}: injected title {change.title!r} at #{change.pointer}")
    print_diagnostics(result.diagnostics, fmt=ReportFormat.text)
    if not result.ok:
        err("error: not written: the document is invalid (pass --no-validate to write it anyway)")
        raise typer.Exit(1)
    finish(
        doc,
        output=output,
        fmt=format,
        overwrite=overwrite,
        check=check,
        command=_refresh_command(template, output),
        inputs=[template, *([vars_file] if vars_file else [])],
    )


def _refresh_command(template: str, output: str) -> str:
    import shlex
    import sys

    args = [a for a in sys.argv[1:] if a != "--check"] if sys.argv[1:2] == ["render"] else ["render", template, "-o", output]
    return "asyncapi-tools " + " ".join(shlex.quote(a) for a in args)
