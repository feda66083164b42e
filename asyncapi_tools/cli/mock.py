"""``asyncapi-tools mock``: serve a spec's channels over WebSocket before the backend exists."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ._common import err, handle_errors


class InvalidFrames(str, Enum):
    error = "error"
    close = "close"


@handle_errors
def mock(
    file: Annotated[str, typer.Argument(help="The AsyncAPI document to serve (YAML or JSON).", metavar="FILE")],
    host: Annotated[str, typer.Option("--host", help="Interface to bind; 127.0.0.1 keeps the mock on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on (0: any free port).")] = 8765,
    on_invalid: Annotated[
        InvalidFrames,
        typer.Option("--on-invalid", help="An undocumented client frame gets an error frame {\"error\", \"report\"}, or a close with code 1008.", case_sensitive=False),
    ] = InvalidFrames.error,
    push_every: Annotated[
        float | None, typer.Option("--push-every", metavar="SECONDS", help="Push the channel's server messages in turn to every connection this often.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would be served, then exit without listening.")] = False,
) -> None:
    """Serve every channel's address over WebSocket: client frames are checked against the spec,
    documented ones answered with their reply's example (or a value made from its schema), server
    messages pushed on a timer or on GET /_mock/push?channel=ID&message=NAME. Stop with Ctrl-C."""
    import asyncio

    from .._contract import Contract
    from .._document import load
    from .._errors import InputError
    from .._mock import MockOptions, MockServer, describe

    if push_every is not None and push_every <= 0:
        raise InputError(f"--push-every must be a positive number of seconds, not {push_every:g}", hint="e.g. --push-every 5")
    contract = Contract.from_document(load(file))
    if not any(channel.address for channel in contract.channels.values()):
        raise InputError(f"{file} has no channel with an address: there is nothing to serve", file=file, hint="give each channel an `address`")
    options = MockOptions(host=host, port=port, on_invalid=on_invalid.value, push_every=push_every)
    if dry_run:
        server = MockServer(contract, options)
        err(f"would serve {file} on ws://{host}:{port}:")
        describe(server, err)
        return

    async def run() -> None:
        async with MockServer(contract, options) as server:
            err(f"serving {file} on ws://{host}:{server.port} (Ctrl-C to stop):")
            describe(server, err)
            await server.serve_forever()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        err("stopped")
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", hint="choose another --port, or stop what uses it") from None
