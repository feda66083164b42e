"""Collecting the changes of one diff run: each check id turned into a located :class:`DiffChange`."""

from __future__ import annotations

from ._catalog import CHECKS
from ._model import DiffChange, sort_key
from ._nodes import Node


class Report:
    """The changes found so far, de-duplicated (a schema shared by two messages is reached twice)."""

    def __init__(self) -> None:
        self._changes: dict[DiffChange, None] = {}

    def add(self, check_id: str, message: str, *, old: Node | None, new: Node | None) -> None:
        """Record a change found by ``check_id`` at ``old`` (where it was) and ``new`` (where it
        is, or for a removal the place it was removed from)."""
        check = CHECKS[check_id]
        change = DiffChange(
            check=check.id,
            level=check.level,
            message=message,
            why=check.why,
            old=old.where if old is not None else None,
            new=new.where if new is not None else None,
        )
        self._changes.setdefault(change, None)

    def changes(self) -> list[DiffChange]:
        return sorted(self._changes, key=sort_key)
