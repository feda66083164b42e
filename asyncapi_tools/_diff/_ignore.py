"""Ignore files: accepted changes, one per line, so CI stops failing on a break that was agreed.

Format (``#`` starts a comment line; blank lines are skipped)::

    CHECK-ID  POINTER  [reason...]

``POINTER`` is a JSON pointer (``/channels/room/address`` or ``#/channels/room/address``) that
matches a change at that place or below it, in the old or the new document; ``*`` matches any
place. An unknown check id is an error (a typo would silently ignore nothing).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

from .._errors import InputError
from .._source import display_name, read_text
from ._catalog import CHECKS
from ._model import DiffChange


@dataclass(frozen=True)
class IgnoreRule:
    check: str
    pointer: str  # "" matches the whole document ("*" in the file)
    line: int

    def matches(self, change: DiffChange) -> bool:
        if change.check != self.check:
            return False
        if not self.pointer:
            return True
        pointers = [place.pointer for place in (change.old, change.new) if place is not None]
        return any(p == self.pointer or p.startswith(self.pointer + "/") for p in pointers)


def read_ignore_file(path: str | os.PathLike[str]) -> list[IgnoreRule]:
    name = display_name(path)
    rules = []
    for number, raw in enumerate(read_text(path, what="ignore file", allow_empty=True).splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 2:
            raise InputError(
                "an ignore entry needs a check id and a pointer",
                file=name,
                line=number,
                column=1,
                hint="write `CHECK-ID /json/pointer [reason]`, or `CHECK-ID *` to ignore it everywhere",
            )
        check, where = parts[0], parts[1]
        if check not in CHECKS:
            close = difflib.get_close_matches(check, CHECKS, n=1)
            raise InputError(
                f"unknown check id `{check}`",
                file=name,
                line=number,
                column=1,
                hint=f"did you mean `{close[0]}`?" if close else "see docs/diff-checks.md for the ids",
            )
        pointer = where[1:] if where.startswith("#") else where
        if pointer != "*" and pointer and not pointer.startswith("/"):
            raise InputError(
                f"`{where}` is not a JSON pointer",
                file=name,
                line=number,
                column=raw.index(where) + 1,
                hint="a pointer starts with a slash, like /channels/room/address (or use * for anywhere)",
            )
        rules.append(IgnoreRule(check, "" if pointer == "*" else pointer.rstrip("/"), number))
    return rules


def apply(changes: list[DiffChange], rules: list[IgnoreRule]) -> tuple[list[DiffChange], list[DiffChange]]:
    """``(kept, ignored)``."""
    kept: list[DiffChange] = []
    ignored: list[DiffChange] = []
    for change in changes:
        (ignored if any(rule.matches(change) for rule in rules) else kept).append(change)
    return kept, ignored
