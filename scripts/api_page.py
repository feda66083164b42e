"""Regenerate docs/api.md: the public API of both packages, from their ``__all__`` and docstrings.

Run: ``python scripts/api_page.py`` (tests/test_api_page.py fails when the committed page differs
from what this writes, so a changed signature or docstring shows up in the page's diff).
"""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = "docs/api.md"

HEADER = """# Public API

Everything importable from `asyncapi_tools`, `django_bridge` and `django_bridge.testing` by name:
the names in each package's `__all__`, which `tests/test_public_api.py` pins. The pytest plugin is
public by its module name, `django_bridge.testing.plugin` (see [Contract testing](testing.md)).
Anything else (modules whose names start with `_`, the Django package's rooms) may move between
releases.

This page is generated from the docstrings by `python scripts/api_page.py`;
`tests/test_api_page.py` fails when it is stale.
"""

INTROS = {
    "asyncapi_tools": "The framework-free pipeline: load or render, titles, merge, validate, "
    "write or check, diff, and the contract checker. It imports no Django.",
    "django_bridge": "The Django app: decorators on Channels consumers, routing discovery, the "
    "generator, settings, and the docs views.",
    "django_bridge.testing": "Contract testing: the spec as the oracle of tests that talk to "
    "consumers, and of live frames in development.",
}


def _signature(obj: Any) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return ""


def _kind(obj: Any) -> str:
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if callable(obj):
        return "function"
    return "constant"


def _methods(cls: type) -> list[str]:
    """The public methods and properties a class defines itself, with their first docstring line."""
    lines = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        target = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
        if not callable(target):
            continue
        doc = inspect.getdoc(target) or ""
        summary = doc.split("\n\n", 1)[0].replace("\n", " ")
        shown = name if isinstance(member, property) else f"{name}{_signature(target)}"
        lines.append(f"- `{shown}`" + (f": {summary}" if summary else ""))
    return lines


def _entry(package: str, name: str, obj: Any) -> list[str]:
    kind = _kind(obj)
    lines = [f"### `{name}`", ""]
    if kind == "constant":
        shown = repr(obj)
        value = shown if len(shown) <= 80 and " at 0x" not in shown else f"a `{type(obj).__name__}`"
        lines += [f"*constant*: {value}", ""]
        return lines
    signature = _signature(obj) if kind in ("function", "class") else ""
    lines += ["```py", f"{package}.{name}{signature}", "```", ""]  # py: a signature, not an example to run
    if inspect.isclass(obj):
        bases = [base.__name__ for base in obj.__bases__ if base is not object]
        lines += [f"*{kind}*" + (f", a subclass of {', '.join(f'`{b}`' for b in bases)}" if bases else ""), ""]
        # only the class's own docstring: an inherited one describes the base, not this class
        doc = inspect.cleandoc(obj.__doc__) if vars(obj).get("__doc__") else None
    else:
        lines += [f"*{kind}*", ""]
        doc = inspect.getdoc(obj)
    if doc:
        lines += [doc, ""]
    if kind == "class":
        methods = _methods(obj)
        if methods:
            lines += [*methods, ""]
    return lines


def api_markdown() -> str:
    """The page's text, from the packages as they are imported now."""
    import asyncapi_tools
    import django_bridge
    import django_bridge.testing

    packages: list[ModuleType] = [asyncapi_tools, django_bridge, django_bridge.testing]
    lines = [HEADER]
    for package in packages:
        lines += [f"## `{package.__name__}`", "", INTROS[package.__name__], ""]
        for name in sorted(n for n in package.__all__ if not n.startswith("__")):
            lines += _entry(package.__name__, name, getattr(package, name))
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.django_bridge.settings")
    import django

    django.setup()
    (ROOT / PAGE).write_text(api_markdown(), encoding="utf-8")
    print(f"wrote {PAGE}")


if __name__ == "__main__":
    main()
