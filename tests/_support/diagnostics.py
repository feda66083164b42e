"""Small views of ``validate()``'s result that several tests need."""

from __future__ import annotations

from collections.abc import Iterable

from asyncapi_tools import Diagnostic


def errors(found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that make a document invalid (warnings do not), in their order."""
    return [d for d in found if d.severity == "error"]
