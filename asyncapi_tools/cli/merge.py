"""``asyncapi-tools merge``: overlays onto a base (RFC 7386 + named lists) → validate → write."""

from __future__ import annotations

from typing import Annotated

import typer

from ._common import (
    CheckOption,
    FormatOption,
    NoValidateOption,
    OutputFormat,
    OverwriteOption,
    err,
    handle_errors,
    report_build,
)
from ._output import finish, refresh_command


@handle_errors
def merge(
    base: Annotated[str, typer.Argument(help="The base document; its comments survive on every node that survives.", metavar="BASE")],
    overlays: Annotated[
        list[str], typer.Argument(help="Overlay documents, applied in order (later ones win).", metavar="OVERLAY...")
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="Where to write the result (`-` for stdout, the default). An existing file is updated in place, keeping its comments."),
    ] = "-",
    report: Annotated[
        bool, typer.Option("--report", help="List every path an overlay changed, added or deleted (on stderr).")
    ] = False,
    no_validate: NoValidateOption = False,
    format: FormatOption = OutputFormat.yaml,
    overwrite: OverwriteOption = False,
    check: CheckOption = False,
) -> None:
    """Merge overlay documents onto a base document: later documents win on scalars, `null`
    deletes a key, lists are replaced except lists of named objects (merged by `name`). Comments
    of the base and of the overlays are kept."""
    from .._document import load
    from .._merge import merge_with_report
    from .._pipeline import build

    if check and output == "-":
        raise typer.BadParameter("--check compares with a file: pass -o COMMITTED", param_hint="--check")
    doc, changes = merge_with_report(load(base), *(load(path) for path in overlays))
    if report:
        for change in changes:
            err(f"{change.source}: {change.kind} #{change.pointer}")
        err(f"{len(changes)} change{'s' if len(changes) != 1 else ''}")
    result = build(doc, titles=False, validate=not no_validate)
    report_build(result, refusal="error: not written: the merged document is invalid (pass --no-validate to write it anyway)")
    finish(
        doc,
        output=output,
        fmt=format,
        overwrite=overwrite,
        check=check,
        command=merge_command(base, overlays, output, format),
        inputs=[base, *overlays],
    )


def merge_command(base: str, overlays: list[str], output: str, fmt: OutputFormat) -> str:
    """The exact ``merge`` command that rewrites ``output`` (printed when a check fails)."""
    args = ["merge", base, *overlays, "-o", output]
    if fmt is not OutputFormat.yaml:
        args += ["--format", fmt.value]
    return refresh_command(args)
