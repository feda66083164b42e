"""Import what a dotted path in a setting or an option names, and say "did you mean" when it is wrong.

``import_string`` answers a typo with ``Module "chat.consumers" does not define a "ChatConsumr"
attribute/class``; a user then opens the module to find the real name. Here the message lists the
module's real classes (or the package's real submodules) nearest to what was typed.

Two spellings are accepted where ``colon=True``: Django's ``module.Class`` and the
``module:Class`` of entry points and ASGI servers (uvicorn, daphne). A path with a colon is read
as ``module:attribute`` only when the text after the colon is a (dotted) identifier, so that a
caller can keep using ``:`` for something else that is never an identifier (``--consumer``'s
``:/ws/path/``).
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import inspect
import pkgutil
import re
from typing import Any

from asyncapi_tools import AsyncAPIToolsError

from ..errors import ConfigurationError

__all__ = ["IDENTIFIER_PATH", "import_dotted", "split_dotted"]

#: ``name`` or ``Outer.Inner``: what may follow ``module:``.
IDENTIFIER_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def split_dotted(path: str, *, colon: bool = True) -> tuple[str, str]:
    """``(module, attribute path)`` of ``module.Class`` or (with ``colon``) ``module:Class``.

    ``attribute path`` is empty when ``path`` has no dot and no colon (a bare name)."""
    if colon and ":" in path:
        module, _, attribute = path.partition(":")
        return module, attribute
    module, _, attribute = path.rpartition(".")
    return module, attribute


def import_dotted(path: str, *, what: str, example: str, colon: bool = True) -> Any:
    """The object ``path`` names; ConfigurationError with a did-you-mean otherwise.

    ``what`` names the setting or option in messages (``"--consumer"``, ``"ASGI_APPLICATION"``);
    ``example`` is a correct value of the same kind, shown when the path has no module part.
    """
    module_name, attribute = split_dotted(path, colon=colon)
    if not module_name or not attribute or (colon and ":" in path and not IDENTIFIER_PATH.fullmatch(attribute)):
        raise ConfigurationError(
            f"{what} {path!r} is not a dotted path",
            hint=f"write the module and the name, e.g. {example}",
        )
    module = _import_module(module_name, what=what, path=path)
    found: Any = module
    # what the user typed up to the current part, spelled the way they spelled it
    spelled = f"{module_name}:" if colon and ":" in path else f"{module_name}."
    for part in attribute.split("."):
        try:
            found = getattr(found, part)
        except AttributeError:
            raise ConfigurationError(
                f"{what} {path!r}: {spelled[:-1]} has no attribute {part!r}",
                hint=_did_you_mean(found, part, spelled),
            ) from None
        spelled = f"{spelled}{part}."
    return found


def _import_module(name: str, *, what: str, path: str) -> Any:
    """The module, or a ConfigurationError telling a missing module (did you mean a sibling?) from
    a module that exists but fails to import (its own error, which is the one to fix)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = exc.name or name
        if not (name == missing or name.startswith(missing + ".")):
            file, line = _failing_line(exc)
            top = missing.partition(".")[0]
            hint = (
                f"{name} imports {missing!r}, which the installed {top} does not have (written for another version?)"
                if top != missing and importlib.util.find_spec(top) is not None
                else f"{name} imports {missing!r}, which is not installed"
            )
            raise ConfigurationError(f"{what} {path!r}: importing {name} failed: {exc}", file=file, line=line, hint=hint) from exc
        raise ConfigurationError(f"{what} {path!r}: there is no module {missing!r}", hint=_did_you_mean_module(missing)) from None
    except AsyncAPIToolsError:  # e.g. a decorator refused a handler: that error is located already
        raise
    except Exception as exc:  # the module exists; its code raised: show that error, not ours
        file, line = _failing_line(exc)
        raise ConfigurationError(
            f"{what} {path!r}: importing {name} failed: {type(exc).__name__}: {exc}",
            file=file,
            line=line,
            hint=f"fix the error there; run `python -c \"import {name}\"` to see the traceback",
        ) from exc


def _failing_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The project line an import failed on: the innermost frame outside importlib's machinery."""
    import traceback

    from ..locations import display_path

    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if not frame.filename.startswith("<frozen")]
    if not frames or frames[-1].filename == __file__:
        return (None, None)
    return (display_path(frames[-1].filename), frames[-1].lineno)


def _did_you_mean(container: Any, typed: str, spelled: str) -> str:
    """The names ``container`` really has that are nearest to ``typed`` (classes first)."""
    public = [name for name in dir(container) if not name.startswith("_")]
    classes = [name for name in public if inspect.isclass(getattr(container, name, None))]
    if inspect.ismodule(container):
        # a module's own classes, not the ones it imported
        own = [name for name in classes if getattr(getattr(container, name), "__module__", None) == container.__name__]
        classes = own or classes
    close = difflib.get_close_matches(typed, classes, n=3, cutoff=0.75) or difflib.get_close_matches(typed, public, n=3, cutoff=0.75)
    if close:
        return "did you mean " + " or ".join(repr(spelled + name) for name in close) + "?"
    if classes:
        shown = ", ".join(sorted(classes)[:10]) + (", ..." if len(classes) > 10 else "")
        return f"{spelled[:-1]} defines: {shown}"
    return f"{spelled[:-1]} defines no classes; check the module path"


def _did_you_mean_module(missing: str) -> str:
    """Sibling modules of the missing one nearest to its last part."""
    parent, _, leaf = missing.rpartition(".")
    if parent:
        try:
            package = importlib.import_module(parent)
        except Exception:
            package = None
        search = getattr(package, "__path__", None)
        siblings = [info.name for info in pkgutil.iter_modules(search)] if search is not None else []
    else:
        siblings = [info.name for info in pkgutil.iter_modules()]
    close = difflib.get_close_matches(leaf, siblings, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(f"{parent}.{name}" if parent else name) for name in close) + "?"
    return "check the module path; it must be importable from the project's root (where manage.py is)"
