"""The last step of every writing command: write in place, or ``--check`` against the file."""

from __future__ import annotations

import shlex
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


def refresh_command(args: Sequence[str]) -> str:
    """The pasteable ``asyncapi-tools ARGS...`` line a stale ``--check`` tells the user to run."""
    return "asyncapi-tools " + " ".join(shlex.quote(arg) for arg in args)


def invoked_args(command: str) -> list[str] | None:
    """The arguments after ``command`` when this process was started as ``asyncapi-tools COMMAND``;
    ``None`` when it was not (called from another command or from Python), so the caller rebuilds
    the line from its parameters instead of echoing someone else's."""
    return sys.argv[2:] if sys.argv[1:2] == [command] else None


def without_option(args: Sequence[str], option: str) -> list[str]:
    """``args`` minus ``option`` and its value, in both ``--opt VALUE`` and ``--opt=VALUE`` forms."""
    rest: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == option:
            skip = True
        elif not arg.startswith(option + "="):
            rest.append(arg)
    return rest
