"""Diagnostics as data: what every pipeline step reports, and how the faces print it.

A diagnostic names where the problem is twice over: as a JSON pointer into the document (stable,
machine-readable) and as ``file:line:column`` (for humans and editors). Steps return them in a
list; the CLI, the Django command and the views decide how to print them (:func:`format_text`,
:func:`format_json`, or the views' JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a document, with enough context to fix it without reading our code."""

    code: str
    message: str
    severity: Severity = "error"
    pointer: str = ""
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    hint: str | None = None
    breadcrumb: str | None = None

    @property
    def location(self) -> str:
        """``file:line:col`` with whatever parts are known (``<document>`` when there is no file)."""
        parts = [self.file or "<document>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """Print like a compiler: ``file:line:col: error[code]: message`` plus indented context."""
        head = f"{self.location}: {self.severity}[{self.code}]: {self.message}"
        lines = [head]
        if self.breadcrumb:
            lines.append(f"  in: {self.breadcrumb}")
        if self.pointer:
            lines.append(f"  at: #{self.pointer}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """Every field as plain data, for ``--format json`` and the docs page's diagnostics."""
        return asdict(self)


def unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Drop exact repeats, keeping first-seen order (the same leaf is often reached twice)."""
    seen: set[Diagnostic] = set()
    result = []
    for diagnostic in diagnostics:
        if diagnostic not in seen:
            seen.add(diagnostic)
            result.append(diagnostic)
    return result


def sort_key(diagnostic: Diagnostic) -> tuple[object, ...]:
    """Report order: by file, then line (unlocated last), column, severity, code and message."""
    return (
        diagnostic.file or "",
        diagnostic.line if diagnostic.line is not None else 10**9,
        diagnostic.column or 0,
        SEVERITY_ORDER.get(diagnostic.severity, 9),
        diagnostic.code,
        diagnostic.message,
    )


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


def warnings(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "warning"]


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Every diagnostic as :meth:`Diagnostic.format` prints it, one block after another."""
    return "\n".join(d.format() for d in diagnostics)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False)


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    """``2 errors, 1 warning``: the counts a face ends its report with."""
    n_errors = len(errors(diagnostics))
    n_warnings = len(warnings(diagnostics))
    return f"{n_errors} error{'s' if n_errors != 1 else ''}, {n_warnings} warning{'s' if n_warnings != 1 else ''}"
