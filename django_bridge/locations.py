"""Where a class or function is defined, and how a file is shown: the file and line that the
bridge's errors and diagnostics name, so that a user lands on the code to fix.

Looked up only when a message needs them: finding a class's line parses its module, far too slow
to do for every decorated class at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def class_location(klass: Any) -> tuple[str | None, int | None]:
    """The file and line where ``klass`` is defined, ``(None, None)`` when unknown (built-ins,
    classes made at run time, a module without source)."""
    import inspect

    try:
        file = inspect.getsourcefile(klass)
        _, line = inspect.getsourcelines(klass)
    except (OSError, TypeError):
        return (None, None)
    return (file, line)


def function_location(func: Callable[..., Any]) -> tuple[str | None, int | None]:
    """The file and first line of ``func`` (read from its code object: cheap), ``(None, None)``
    for callables without one."""
    code = getattr(getattr(func, "__func__", func), "__code__", None)
    if code is None:
        return (None, None)
    return (code.co_filename, code.co_firstlineno)


def display_path(file: str | None) -> str | None:
    """``file`` as the core names paths in messages (relative to the working directory when it
    lies below it), or None when the location is unknown."""
    from asyncapi_tools import display_path as core_display_path

    return core_display_path(file) if file else None
