"""``asyncapi-tools diff``: classify the changes between two versions of a document."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from ._common import err, handle_errors

if TYPE_CHECKING:
    from .._diff._model import Level
    from .._document import Document


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    github = "github"


class Threshold(str, Enum):
    error = "error"
    warn = "warn"


_LEVELS: dict[Threshold, Level] = {Threshold.error: "error", Threshold.warn: "warn"}


@handle_errors
def diff(
    old: Annotated[str, typer.Argument(help="The old version: a file, or git:REF:PATH for a committed one.", metavar="OLD")],
    new: Annotated[str, typer.Argument(help="The new version: a file, or git:REF:PATH.", metavar="NEW")],
    format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text, json, markdown (PR comments), junit (CI test reports) or github (workflow annotations).", case_sensitive=False),
    ] = DiffFormat.text,
    fail_on: Annotated[
        Threshold | None,
        typer.Option("--fail-on", help="Exit 1 when a change of this level or worse is found (error: breaking only; warn: also possibly breaking).", case_sensitive=False),
    ] = None,
    ignore_file: Annotated[
        str | None,
        typer.Option("--ignore-file", metavar="FILE", help="Accepted changes, one `CHECK-ID /json/pointer [reason]` per line; they are not reported."),
    ] = None,
    level: Annotated[
        Threshold | None,
        typer.Option("--level", help="Report only changes of this level or worse (info changes are shown by default).", case_sensitive=False),
    ] = None,
) -> None:
    """Compare two versions of an AsyncAPI 3 document and classify each change as error
    (breaks clients), warn (may break them) or info. What clients send is checked like a
    request, what the server sends like a response. Exit 0 unless --fail-on finds something."""
    from .._diff import diff as run_diff
    from .._diff._format import counts, failing, render
    from .._diff._ignore import apply, read_ignore_file

    rules = read_ignore_file(ignore_file) if ignore_file else []
    changes, ignored = apply(run_diff(old, new), rules)
    if level is not None:
        changes = failing(changes, _LEVELS[level])
    threshold = _LEVELS[fail_on] if fail_on is not None else None
    typer.echo(render(changes, format.value, fail_on=threshold), nl=False)
    failed = failing(changes, threshold)
    if ignored:
        err(f"{len(ignored)} change{'s' if len(ignored) != 1 else ''} ignored by {ignore_file}")
    if failed:
        err(f"failed: {len(failed)} change{'s' if len(failed) != 1 else ''} at --fail-on {threshold} or worse ({counts(failed)})")
        raise typer.Exit(1)


def print_breaking(committed: str, doc: Document) -> None:
    """What refreshing ``committed`` with ``doc`` would break, on stderr (``check``'s drift report)."""
    from .._diff._format import drift_report

    report = drift_report(committed, doc)
    if report:
        err(report.rstrip("\n"))
