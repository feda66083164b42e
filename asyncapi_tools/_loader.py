"""Where ``{% include %}`` and ``{% import %}`` may read from, and how their errors are reported.

A template may include files from exactly two folders: its own (and its subfolders) and the
built-in ``templates/`` shipped with the package (``{% import "asyncapi/macros.j2" as api %}``).
The template's own folder is searched first, so a project can shadow a built-in partial on
purpose. Names are relative to those folders, never to the including file, and are refused when
they could leave them: a ``..`` segment, an absolute path, a backslash, or a symlink whose target
lies outside. The refusal is a :class:`TemplateError` at the include's line and column.

Jinja reports an error inside an included file at the top-level template's line; this module
finds the innermost template frame instead and names the whole chain
(``main.yaml:3 → partials/servers.yaml:7``), so the user opens the file that is wrong.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import AsyncAPIToolsError, TemplateError
from ._source import read_text

if TYPE_CHECKING:
    from jinja2 import Environment

#: The filename Jinja gives a template compiled from a string (the top-level template).
TOP_LEVEL = "<template>"

_ALLOWED_HINT = (
    "include files by a name relative to the template's folder (`partials/servers.yaml`) or by a "
    "built-in name (`asyncapi/macros.j2`); run `asyncapi-tools templates` to list the built-ins"
)


@dataclass(frozen=True)
class Root:
    """One folder includes may read from, and how its files are named in messages."""

    folder: Path  # resolved: symlinks are judged against the real folder
    display: str  # the prefix shown in messages (as the user gave the template's path)


def roots_for(folder: str | os.PathLike[str] | None, *, display: str | None = None) -> list[Root]:
    """The folders a template in ``folder`` may include from: ``folder`` (when given), then the
    built-in templates. ``display`` is how ``folder`` is written in messages."""
    from ._templates import builtin_folder

    roots = []
    if folder is not None:
        roots.append(Root(Path(folder).resolve(), display if display is not None else os.fspath(folder)))
    builtin = builtin_folder()
    if not roots or roots[0].folder != builtin:
        roots.append(Root(builtin, str(builtin)))
    return roots


def check_name(name: str) -> list[str]:
    """The path segments of an include name, or a TemplateError saying why it is refused."""
    if not name or not name.strip():
        raise TemplateError("an include name is empty", hint=_ALLOWED_HINT)
    if "\\" in name:
        raise TemplateError(f"include {name!r} refused: write paths with '/', not '\\'", hint=_ALLOWED_HINT)
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise TemplateError(
            f"include {name!r} refused: absolute paths are not allowed",
            hint=_ALLOWED_HINT,
        )
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise TemplateError(
            f"include {name!r} refused: '..' may not leave the template's folder",
            hint="move the shared file into the template's folder (or a subfolder) and include it "
            "from there; " + _ALLOWED_HINT,
        )
    return parts


def make_loader(roots: Sequence[Root]) -> SafeLoader:
    """A Jinja loader over ``roots`` (Jinja is imported here, on first use)."""
    from jinja2 import BaseLoader, TemplateNotFound

    class _SafeLoader(BaseLoader, SafeLoader):
        def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
            found = self.find(template)
            if found is None:
                searched = " and ".join(root.display or "." for root in self.roots)
                raise TemplateNotFound(f"{template!r} (searched {searched})")
            path, mtime = found
            text = read_text(path, what="included template", allow_empty=True)
            return text, str(path), lambda: _mtime(path) == mtime

    return _SafeLoader(roots)


class SafeLoader:
    """Finds include names in the allowed roots and remembers how to name what it served."""

    def __init__(self, roots: Sequence[Root]) -> None:
        self.roots = list(roots)
        #: real path of every file served -> how messages name it
        self.served: dict[str, str] = {}

    def find(self, template: str) -> tuple[Path, float | None] | None:
        """The real path of ``template`` in the first root that has it (None: in no root)."""
        parts = check_name(template)
        for root in self.roots:
            candidate = root.folder.joinpath(*parts)
            if not os.path.lexists(candidate):
                continue
            real = candidate.resolve()
            if not real.is_relative_to(root.folder):
                raise TemplateError(
                    f"include {template!r} refused: it is a symlink to {real}, outside {root.display or '.'}",
                    hint="copy the file into the template's folder instead of linking to it; " + _ALLOWED_HINT,
                )
            if not real.is_file():
                continue
            self.served[str(real)] = os.path.join(root.display, *real.relative_to(root.folder).parts)
            return real, _mtime(real)
        return None


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def environment_for(base: Environment, roots: Sequence[Root]) -> tuple[Environment, SafeLoader]:
    """``base`` (the sandboxed environment) with a loader limited to ``roots``, and that loader.

    An overlay keeps the sandbox, the undefined policy and the delimiters of ``base``; each
    template gets its own loader, so two templates in different folders never see each other's
    files. The overlay also has the ``to_yaml`` filter the built-in macros write with and the
    ``fail(message)`` global with which a macro refuses a bad argument.
    """
    loader = make_loader(roots)
    environment = base.overlay(loader=loader)  # type: ignore[arg-type]  # a jinja2 BaseLoader at run time
    environment.filters = {**base.filters, "to_yaml": to_yaml}
    environment.globals = {**base.globals, "fail": fail}
    return environment, loader


class TemplateFailed(Exception):
    """Raised by ``fail(message)``: a template (a macro) refusing its arguments."""


def fail(message: str) -> str:
    """The ``fail`` global: stop rendering with ``message``, reported at the calling line."""
    raise TemplateFailed(str(message))


def to_yaml(value: Any) -> str:
    """The ``to_yaml`` filter: data built in a template as block YAML, in the canonical style
    (no final newline, so ``| indent(N)`` lines it up under the call)."""
    from . import _yaml

    return _yaml.dump(_yaml.to_plain(value)).rstrip("\n")


@dataclass(frozen=True)
class Frame:
    """One template frame of an error: the file as messages name it, its text, the line."""

    file: str
    line: int
    text: str


def include_error(
    exc: Exception,
    *,
    loader: SafeLoader,
    top_name: str,
    top_text: str,
    describe: Callable[[Exception, Frame], TemplateError],
) -> TemplateError | None:
    """A TemplateError for ``exc`` located in the file where it happened, with the include chain;
    None when the error is the top-level template's own (its caller reports it as usual).

    ``describe`` turns a runtime error into the message and hint (the render module's wording).
    """
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    frames = _frames(exc, loader=loader, top_name=top_name, top_text=top_text)
    if isinstance(exc, TemplateSyntaxError) and exc.filename in loader.served:
        inner = Frame(loader.served[exc.filename], exc.lineno or 0, exc.source or "")
        if not frames or frames[-1].file != inner.file:
            frames.append(inner)
        return _located(
            TemplateError(f"template syntax error: {exc.message}", hint="fix the included file"),
            frames,
            column=_first_tag(inner),
        )
    if isinstance(exc, TemplateError):  # a name refused by the loader, at the include statement
        return _located(exc, frames, column=_quoted(frames[-1], exc.message) if frames else None)
    if isinstance(exc, TemplateNotFound):
        return _located(
            TemplateError(f"included template not found: {exc.message}", hint=_ALLOWED_HINT),
            frames,
            column=_quoted(frames[-1], str(exc.name)) if frames else None,
        )
    if isinstance(exc, AsyncAPIToolsError):  # e.g. an included file that is not UTF-8
        where = ":".join(str(part) for part in (exc.file, exc.line, exc.column) if part is not None)
        return _located(TemplateError(f"cannot include {where}: {exc.message}", hint=exc.hint), frames, column=None)
    if len(frames) < 2 or frames[-1].file == top_name:
        return None
    inner = frames[-1]
    error = describe(exc, inner)
    variable = re.match(r"undefined template variable '(.+)'", error.message)
    column = _word(inner, variable.group(1)) if variable else _first_tag(inner)
    return _located(TemplateError(error.message, hint=error.hint), frames, column=column)


def _frames(exc: BaseException, *, loader: SafeLoader, top_name: str, top_text: str) -> list[Frame]:
    """The template frames of ``exc``'s traceback, outermost first, consecutive repeats merged."""
    frames: list[Frame] = []
    texts: dict[str, str] = {}
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename == TOP_LEVEL:
            frame = Frame(top_name, tb.tb_lineno, top_text)
        elif filename in loader.served:
            if filename not in texts:
                texts[filename] = _read(filename)
            frame = Frame(loader.served[filename], tb.tb_lineno, texts[filename])
        else:
            tb = tb.tb_next
            continue
        if frames and frames[-1].file == frame.file:
            frames[-1] = frame  # the same file again (a macro calling itself): keep the innermost
        else:
            frames.append(frame)
        tb = tb.tb_next
    return frames


def _read(filename: str) -> str:
    try:
        return Path(filename).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _located(error: TemplateError, frames: list[Frame], *, column: int | None) -> TemplateError:
    if not frames:
        return error
    inner = frames[-1]
    message = error.message
    if len(frames) > 1:
        message += " [include chain: " + " → ".join(f"{f.file}:{f.line}" for f in frames) + "]"
    return TemplateError(message, file=inner.file, line=inner.line, column=column, hint=error.hint)


def _line(frame: Frame) -> str:
    lines = frame.text.splitlines()
    return lines[frame.line - 1] if 0 < frame.line <= len(lines) else ""


def _word(frame: Frame, word: str) -> int | None:
    found = re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", _line(frame))
    return found.start() + 1 if found else None


def _quoted(frame: Frame, message: str) -> int | None:
    """Column of the quoted include name (taken from ``message``) on the frame's line."""
    name = re.search(r"'([^']*)'", message)
    text = _line(frame)
    if name:
        for quote in ('"', "'"):
            where = text.find(f"{quote}{name.group(1)}{quote}")
            if where >= 0:
                return where + 1
    return _first_tag(frame)


def _first_tag(frame: Frame) -> int | None:
    found = re.search(r"\{\{|\{%", _line(frame))
    return found.start() + 1 if found else None

