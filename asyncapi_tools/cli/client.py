"""``asyncapi-tools client``: a typed TypeScript or Python client for a document's channels."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ._common import err, handle_errors


class ClientLanguage(str, Enum):
    typescript = "typescript"
    python = "python"


@handle_errors
def client(
    source: Annotated[str, typer.Argument(help="The AsyncAPI document (YAML or JSON; payloads titled).", metavar="DOCUMENT")],
    lang: Annotated[ClientLanguage, typer.Option("--lang", "-l", help="The client's language.", case_sensitive=False)],
    output: Annotated[str, typer.Option("--output", "-o", metavar="DIR", help="The folder to write the client's files into (created if missing).")],
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 with a diff when the files in DIR differ from what would be generated.")
    ] = False,
) -> None:
    """Generate a typed client: models by @asyncapi/modelina (node), one class per channel with a
    typed method per client message, typed handlers per server message, and request/reply
    methods. Unchanged files are left alone, so a second run writes nothing."""
    from .._client import check_client, generate_client, write_client
    from .._document import load

    files = generate_client(load(source), lang.value)
    if check:
        checked = check_client(files, output)
        if not checked.ok:
            typer.echo(checked.diff, nl=False)
            err(f"error: the client in {output} is stale ({', '.join(checked.stale)})")
            err(f"  hint: run `asyncapi-tools client {source} --lang {lang.value} -o {output}`")
            raise typer.Exit(1)
        err(f"{output}: up to date ({len(files)} files)")
        return
    written = write_client(files, output)
    removed = f", {len(written.removed)} no longer generated removed" if written.removed else ""
    err(f"{output}: {len(written.written)} of {len(files)} files written{removed}")
