"""The built-in templates: where they live, what each one is for, and scaffolding one (``init``).

The repository's top-level ``templates/`` folder is the single source. A wheel ships it as
``asyncapi_tools/templates`` (hatch ``force-include``), a clone or an editable install reads it
where it is; :func:`builtin_folder` finds whichever exists. Top-level ``*.yaml`` files are
*starters* (whole specs to render or scaffold); files in subfolders are *partials* to include or
import (``asyncapi/macros.j2``). Each file's first ``# `` comment line is its description.

A starter declares its variables in a header of ``{%- set NAME = NAME | default("value") %}``
lines: ``render --var NAME=...`` overrides a default for one run, and ``init --var NAME=...``
writes a new default into the scaffolded copy.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ._errors import InputError, TemplateError
from ._source import display_name, read_text

#: What ``init`` writes when no output is given.
DEFAULT_OUTPUT = "asyncapi.template.yaml"
#: The starter ``init`` scaffolds when no name is given.
DEFAULT_STARTER = "channels-websocket"

# `{%- set NAME = NAME | default("value") %}`: a starter's declared variable and its default.
_VARIABLE = re.compile(
    r'^(?P<head>\{%-?\s*set\s+(?P<name>\w+)\s*=\s*(?P=name)\s*\|\s*default\()(?P<value>"(?:[^"\\]|\\.)*")(?P<tail>\)\s*-?%\})',
    re.MULTILINE,
)


@dataclass(frozen=True)
class BuiltinTemplate:
    """One file of the built-in ``templates/`` folder."""

    name: str  # how templates and commands refer to it: `channels-websocket`, `asyncapi/macros.j2`
    description: str  # its first `# ` comment line
    path: Path

    @property
    def is_starter(self) -> bool:
        return "/" not in self.name


def builtin_folder() -> Path:
    """The built-in templates folder: inside the installed package, else the clone's top level."""
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def builtin_templates() -> list[BuiltinTemplate]:
    """Every built-in template, starters first, each group sorted by name."""
    folder = builtin_folder()
    if not folder.is_dir():
        raise InputError(
            "the built-in templates are missing",
            file=str(folder),
            hint="reinstall asyncapi-tools (the wheel ships them as asyncapi_tools/templates)",
        )
    found = [
        BuiltinTemplate(path.relative_to(folder).as_posix(), _description(path), path)
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in (".yaml", ".j2")
    ]
    return sorted(found, key=lambda t: (not t.is_starter, t.name))


def starter_names() -> list[str]:
    return [t.name.removesuffix(".yaml") for t in builtin_templates() if t.is_starter]


def starter(name: str) -> BuiltinTemplate:
    """The starter called ``name`` (``channels-websocket`` or ``channels-websocket.yaml``)."""
    wanted = name if name.endswith(".yaml") else f"{name}.yaml"
    for template in builtin_templates():
        if template.is_starter and template.name == wanted:
            return template
    raise TemplateError(
        f"no built-in template called {name!r}",
        hint=f"the built-in templates are: {', '.join(starter_names())} (asyncapi-tools templates lists them)",
    )


def resolve_template(value: str | os.PathLike[str]) -> Path:
    """A template argument as a path: an existing path wins, else a built-in starter's name.

    A value that is neither is an error naming both possibilities, so a typo in a name is not
    reported as a missing file only.
    """
    path = Path(value)
    if os.path.lexists(path):
        return path
    text = os.fspath(value)
    if "/" not in text and os.sep not in text and text.removesuffix(".yaml") in starter_names():
        return starter(text).path
    raise InputError(
        "template not found",
        file=display_name(value),
        hint=f"check the path (it is relative to the current directory), or give a built-in name: "
        f"{', '.join(starter_names())}",
    )


def declared_variables(text: str) -> dict[str, str]:
    """The variables a starter declares in its header, with their default values."""
    return {m.group("name"): json.loads(m.group("value")) for m in _VARIABLE.finditer(text)}


def with_defaults(text: str, values: Mapping[str, str], *, source: str) -> str:
    """``text`` with the defaults of declared variables replaced by ``values``.

    Values are written as Jinja string literals (JSON escaping), so a value can never become
    template code. Naming a variable the starter does not declare is an error listing those it does.
    """
    declared = declared_variables(text)
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise TemplateError(
            f"{source} declares no variable {', '.join(map(repr, unknown))}",
            hint=f"its variables are: {', '.join(declared) or 'none'} (WS_HOST and WS_PROTOCOL are set "
            "with --host / --protocol when rendering)",
        )

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in values:
            return match.group(0)
        return f"{match.group('head')}{json.dumps(values[name], ensure_ascii=False)}{match.group('tail')}"

    return _VARIABLE.sub(replace, text)


def scaffold(
    name: str,
    output: str | os.PathLike[str],
    *,
    variables: Mapping[str, str] | None = None,
    force: bool = False,
) -> Path:
    """Copy the starter ``name`` to ``output`` with ``variables`` as its new defaults.

    Refuses to replace an existing file unless ``force``; checks that the copy renders before
    writing it; writes atomically, so a refusal or a failure leaves an existing file untouched.
    """
    from ._document import loads
    from ._files import atomic_write_bytes
    from ._render import render_text

    template = starter(name)
    target = Path(output)
    if target.is_dir():
        raise InputError("the output is a directory", file=display_name(output), hint="give a file name, for example -o asyncapi.template.yaml")
    if os.path.lexists(target) and not force:
        raise InputError(
            "already exists; not overwritten",
            file=display_name(output),
            hint="pass --force to replace it, or choose another file with -o",
        )
    text = with_defaults(read_text(template.path, what="template"), variables or {}, source=template.name)
    rendered = render_text(text, source=display_name(output), folder=target.parent)
    loads(rendered, source=display_name(output))  # a value that breaks the YAML is refused here
    atomic_write_bytes(target, text.encode("utf-8"))
    return target


def _description(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""
