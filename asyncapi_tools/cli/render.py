"""``asyncapi-tools render``: template → placeholders → titles → validate → write (in place)."""

from __future__ import annotations

from typing import Annotated

import typer

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
    RenderOptions,
    ReportFormat,
    TopLevelTitlesOption,
    VarOption,
    VarsFileOption,
    build_template,
    err,
    handle_errors,
    print_diagnostics,
)
from ._output import finish, invoked_args, refresh_command


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

    options = RenderOptions(host, protocol, var, vars_file, no_template, no_titles, top_level_titles, no_validate)
    result = build_template(str(resolve_template(template)), options)
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
    """The ``render`` line that rewrites ``output``: this one, minus ``--check``."""
    args = invoked_args("render")
    if args is None:
        return refresh_command(["render", template, "-o", output])
    return refresh_command(["render", *(arg for arg in args if arg != "--check")])
