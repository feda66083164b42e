"""``asyncapi-tools validate``: the official JSON Schema plus semantic rules, compiler-style output."""

from __future__ import annotations

from typing import Annotated

import typer

from ._common import ReportFormat, err, handle_errors, print_diagnostics


@handle_errors
def validate(
    files: Annotated[list[str], typer.Argument(help="AsyncAPI documents (YAML or JSON).", metavar="FILE...")],
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text: compiler-style lines; json: a list of diagnostics.", case_sensitive=False)
    ] = ReportFormat.text,
    fail_on_warn: Annotated[bool, typer.Option("--fail-on-warn", help="Exit 1 on warnings too.")] = False,
) -> None:
    """Validate documents against the official AsyncAPI JSON Schema for their version, plus the
    semantic rules ($ref resolution, address parameters, operation/channel membership, replies)."""
    from .._diagnostics import errors, summary, warnings
    from .._document import load
    from .._errors import AsyncAPIToolsError
    from .._validate import validate as run_validation

    everything = []
    failed = False
    for path in files:
        try:
            diagnostics = run_validation(load(path))
        except AsyncAPIToolsError as exc:
            diagnostics = [exc.as_diagnostic()]
        everything.extend(diagnostics)
        bad = bool(errors(diagnostics)) or (fail_on_warn and bool(warnings(diagnostics)))
        failed = failed or bad
        if format is ReportFormat.text:
            print_diagnostics(diagnostics)
            err(f"{path}: {'invalid' if errors(diagnostics) else 'valid'} ({summary(diagnostics)})")
    if format is ReportFormat.json:
        print_diagnostics(everything, fmt=ReportFormat.json)
    if failed:
        raise typer.Exit(1)
