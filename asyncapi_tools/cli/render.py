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
    TopLevelTitlesOption,
    VarOption,
    VarsFileOption,
    build_template,
    err,
    handle_errors,
    report_build,
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
    # Onto an existing YAML file the output is patched where data changed, so only the data is
    # needed: the C loader reads the rendered text ~10x faster than the round-trip parse.
    data_only = not report and not overwrite and format == OutputFormat.yaml and _existing_file(output)
    result = build_template(str(resolve_template(template)), options, data_only=data_only)
    doc = result.document
    if report:
        for change in result.titles:
            err(f"{template}:{change.line or '?'}: injected title {change.title!r} at #{change.pointer}")
    report_build(result, refusal="error: not written: the document is invalid (pass --no-validate to write it anyway)")
    finish(
        doc,
        output=output,
        fmt=format,
        overwrite=overwrite,
        check=check,
        command=_refresh_command(template, output),
        inputs=[template, *([vars_file] if vars_file else [])],
    )


def _existing_file(output: str) -> bool:
    from pathlib import Path

    from .._files import output_stream

    try:
        return output_stream(output) is None and Path(output).is_file()
    except (OSError, ValueError):  # a name too long, a NUL: write() names the problem
        return False


def _refresh_command(template: str, output: str) -> str:
    """The ``render`` line that rewrites ``output``: this one, minus ``--check``."""
    args = invoked_args("render")
    if args is None:
        return refresh_command(["render", template, "-o", output])
    return refresh_command(["render", *(arg for arg in args if arg != "--check")])
