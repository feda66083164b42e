"""Count the work a call does, instead of timing it: a wall-clock bound fails on a busy CI machine
and passes on a fast one, while the number of Python calls is the same everywhere."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")


def count_calls(function: Callable[[], T]) -> tuple[T, int]:
    """``function()``'s result and how many Python functions it called (at any depth)."""
    calls = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        result = function()
    finally:
        sys.setprofile(previous)
    return result, calls
