"""The last step of every writing command: write in place, or ``--check`` against the file."""

from __future__ import annotations

import typer

from .._document import Document
from ._common import OutputFormat, err


def finish(doc: Document, *, output: str, fmt: OutputFormat, overwrite: bool, check: bool, command: str) -> None:
    """Write ``doc`` to ``output`` (or compare with it under ``--check``) and say what happened."""
    if check:
        from .._check import check as run_check

        result = run_check(doc, output, format=fmt.value)
        if result.up_to_date:
            err(f"{output} is up to date")
            return
        typer.echo(result.diff, nl=False)
        err(f"{output} is stale; refresh it with:\n  {command}")
        raise typer.Exit(1)

    from .._write import write

    written = write(doc, output, format=fmt.value, overwrite=overwrite)
    if output == "-":
        return
    if not written.changed:
        err(f"{output} is up to date (not rewritten)")
    else:
        err(f"wrote {output}")
