"""``asyncapi-tools inject-titles``: give every payload schema a type name, keeping comments."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ._common import TopLevelTitlesOption, err, handle_errors

if TYPE_CHECKING:
    from .._document import Document


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
    # In place, the file is patched where titles go and kept byte for byte elsewhere, so the
    # titles step only needs the data: loaded in C, ~10x cheaper than the round-trip parse.
    # The report wants line numbers, and other targets want the file's comments: round trip.
    doc = (_data_only(file) if in_place and not report else None) or load(file)
    changes = run(doc, nested=not top_level_titles)
    if report:
        for change in changes:
            err(f"{file}:{change.line or '?'}: injected title {change.title!r} at #{change.pointer}")
    target = file if in_place else (output or "-")
    # Only --in-place may replace FILE: `-o FILE` (or a link to it) is more likely a slip.
    written = write(doc, target, protect=() if in_place else [file])
    if output_stream(target) is None:
        err(f"{'wrote' if written.changed else 'unchanged:'} {target} ({len(changes)} title{'s' if len(changes) != 1 else ''} injected)")


def _data_only(file: str) -> Document | None:
    """``file`` as plain data (no comments, no positions), or None when the C loader cannot
    read it as a mapping: the round-trip load then reports the problem with its position."""
    from .._document import Document
    from .._source import display_name, read_text
    from .._yaml.fast import fast_load

    text = read_text(file, what="document")
    try:
        data = fast_load(text)
    except Exception:  # malformed, duplicate keys, an alias bomb: the located error comes next
        return None
    if not isinstance(data, dict):
        return None
    return Document(tree=data, source=display_name(file), base_dir=Path(file).resolve().parent, text=text)
