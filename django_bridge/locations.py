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


def route_location(route: Any, pattern_text: str) -> tuple[str | None, int | None]:
    """The file and line of the ``path()``/``re_path()`` call that made ``route``.

    A URLPattern does not remember where it was written: the module is the one that holds it in a
    module-level list (``websocket_urlpatterns``), the line the first one there that spells the
    pattern (as a raw or an ordinary string). ``(None, None)`` when no loaded module holds it.
    """
    import sys

    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        file = getattr(module, "__file__", None)
        if not isinstance(namespace, dict) or not isinstance(file, str):
            continue
        if any(type(value) is list and any(item is route for item in value) for value in list(namespace.values())):
            return (file, _line_spelling(file, pattern_text))
    return (None, None)


def _line_spelling(file: str, text: str) -> int | None:
    """The first line of ``file`` holding ``text`` as written in source, None if none does."""
    try:
        with open(file, encoding="utf-8") as source:
            lines = source.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    spellings = {text, text.replace("\\", "\\\\")}
    for number, line in enumerate(lines, start=1):
        if any(spelling in line for spelling in spellings):
            return number
    return None


def display_path(file: str | None) -> str | None:
    """``file`` as the core names paths in messages (relative to the working directory when it
    lies below it), or None when the location is unknown."""
    from asyncapi_tools import display_path as core_display_path

    return core_display_path(file) if file else None
