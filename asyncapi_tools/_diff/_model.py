"""What a diff returns: changes, each located in both documents, and the levels they carry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warn", "info"]

#: Most severe first; ``--fail-on warn`` fails on everything ranked at or above ``warn``.
LEVEL_RANK: dict[str, int] = {"error": 0, "warn": 1, "info": 2}


@dataclass(frozen=True)
class Where:
    """A place in one document: ``file:line:column`` for people, the JSON pointer for tools."""

    file: str
    pointer: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = self.file
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class DiffChange:
    """One classified difference between the old and the new document.

    ``check`` is the stable id of the rule that found it (what ignore files and ``--fail-on``
    work with); ``why`` says in one line who breaks. ``old`` is where the thing was, ``new``
    where it is now (for something removed: the place in the new document it was removed from).
    """

    check: str
    level: Level
    message: str
    why: str
    old: Where | None
    new: Where | None

    def locations(self) -> str:
        """``old file:line -> new file:line`` (``-`` for a side that has no such place)."""
        return f"{self.old or '-'} -> {self.new or '-'}"

    def to_dict(self) -> dict[str, object]:
        """The change as plain data (what ``diff --format json`` prints for it)."""

        def where(place: Where | None) -> dict[str, object] | None:
            if place is None:
                return None
            return {"file": place.file, "line": place.line, "column": place.column, "pointer": place.pointer}

        return {
            "check": self.check,
            "level": self.level,
            "message": self.message,
            "why": self.why,
            "old": where(self.old),
            "new": where(self.new),
        }


def sort_key(change: DiffChange) -> tuple[object, ...]:
    """Most severe first, then in the order of the new document (old order for removals)."""
    place = change.new or change.old
    return (
        LEVEL_RANK[change.level],
        place.file if place else "",
        place.line if place and place.line is not None else 10**9,
        change.check,
        change.message,
    )
