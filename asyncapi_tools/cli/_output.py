"""The last step of every writing command: write in place, or ``--check`` against the file."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer

from .._document import Document
from ._common import OutputFormat, err


def finish(
    doc: Document,
    *,
    output: str,
    fmt: OutputFormat,
    overwrite: bool,
    check: bool,
    command: str,
    inputs: Sequence[str] = (),
) -> None:
    """Write ``doc`` to ``output`` (or compare with it under ``--check``) and say what happened.

    ``inputs`` are the files the document was built from: an output that names one of them is
    refused, since writing it would destroy the source (``render t.yaml -o ./sub/../t.yaml``).
    """
    from .._files import output_stream, resolve_output, write_stream

    if check:
        from .._check import check as run_check

        if output_stream(output) is not None:
            raise typer.BadParameter("--check compares with a file, not a stream", param_hint="--check")
        resolve_output(output)  # a FIFO or a device would block or never end: refuse it first

        result = run_check(doc, output, format=fmt.value)
        if result.up_to_date:
            err(f"{output} is up to date")
            return
        write_stream(sys.stdout, result.diff)
        err(f"{output} is stale; refresh it with:\n  {command}")
        raise typer.Exit(1)

    from .._write import write

    written = write(doc, output, format=fmt.value, overwrite=overwrite, protect=inputs)
    if output_stream(output) is not None:
        return
    if not written.changed:
        err(f"{output} is up to date (not rewritten)")
    else:
        err(f"wrote {output}")
