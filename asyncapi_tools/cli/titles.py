"""``asyncapi-tools inject-titles``: give every payload schema a type name, keeping comments."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app
from ._common import TopLevelTitlesOption, err, handle_errors


@app.command("inject-titles")
@handle_errors
def inject_titles(
    file: Annotated[str, typer.Argument(help="The AsyncAPI document.", metavar="FILE")],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write here (`-` for stdout, the default).")
    ] = None,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite FILE itself, keeping its comments.")] = False,
    top_level_titles: TopLevelTitlesOption = False,
    report: Annotated[bool, typer.Option("--report", help="List every title injected, with its location.")] = False,
) -> None:
    """Inject a PascalCase `title` into every message payload schema that has none (and into nested
    objects, array items and enums), so code generators name types well. Existing titles are kept."""
    from .._document import load
    from .._files import output_stream
    from .._titles import inject_titles as run
    from .._write import write

    if in_place and output is not None:
        raise typer.BadParameter("use either --output or --in-place, not both", param_hint="--in-place")
    doc = load(file)
    changes = run(doc, nested=not top_level_titles)
    if report:
        for change in changes:
            err(f"{file}:{change.line or '?'}: injected title {change.title!r} at #{change.pointer}")
    target = file if in_place else (output or "-")
    # Only --in-place may replace FILE: `-o FILE` (or a link to it) is more likely a slip.
    written = write(doc, target, protect=() if in_place else [file])
    if output_stream(target) is None:
        err(f"{'wrote' if written.changed else 'unchanged:'} {target} ({len(changes)} title{'s' if len(changes) != 1 else ''} injected)")
