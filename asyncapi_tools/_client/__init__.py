"""Typed clients from a document: ``generate_client`` builds the files, ``write_client`` writes
them, ``check_client`` says whether a committed client is stale.

Models come from @asyncapi/modelina (run with node); the channel clients are thin classes over a
small runtime that is copied into the output, so the generated code has no dependency on us.
"""

from __future__ import annotations

from ._generate import ClientCheck, ClientWrite, check_client, generate_client, write_client

__all__ = ["ClientCheck", "ClientWrite", "check_client", "generate_client", "write_client"]
