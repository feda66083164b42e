"""``asyncapi-tools check``: build the document in memory and compare it with the committed file."""

from __future__ import annotations

from typing import Annotated

import typer

from ._common import (
    FormatOption,
    HostOption,
    NoTitlesOption,
    NoValidateOption,
    OutputFormat,
    ProtocolOption,
    RenderOptions,
    TopLevelTitlesOption,
    VarOption,
    VarsFileOption,
    build_template,
    handle_errors,
    report_build,
)
from ._output import finish, invoked_args, refresh_command, without_option


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
    options = RenderOptions(host, protocol, var, vars_file, no_template, no_titles, top_level_titles, no_validate)
    if overlays and options.any_template_option():
        raise typer.BadParameter(
            "render options apply to a template; with overlays SOURCE is merged as plain YAML", param_hint="OVERLAY"
        )
    if overlays:
        from .._merge import merge
        from .merge import merge_command

        doc = merge(load(source), *(load(path) for path in overlays))
        result = build(doc, titles=False, validate=not no_validate)
        command = merge_command(source, overlays, against, format)
    else:
        result = build_template(source, options)
        doc = result.document
        command = _render_command(source, against)
    report_build(result, refusal="error: the document built from the inputs is invalid (pass --no-validate to compare it anyway)")
    try:
        finish(doc, output=against, fmt=format, overwrite=False, check=True, command=command)
    except typer.Exit:
        from .diff import print_breaking

        print_breaking(against, doc)
        raise


def _render_command(source: str, against: str) -> str:
    """``render`` with the options this check was given (minus ``--against``)."""
    args = invoked_args("check")
    if args is None:
        return refresh_command(["render", source, "-o", against])
    return refresh_command(["render", *without_option(args, "--against"), "-o", against])
