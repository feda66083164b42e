"""Render step: substitute template placeholders (``{{ WS_HOST }}``) before the YAML is parsed.

Templates are rendered as text with Jinja2 in a sandbox, because a template is not valid YAML until
it is rendered (``host: {{ WS_HOST }}`` would load as a flow mapping). The environment is set up so
that ordinary YAML is not mistaken for template syntax: undefined names are errors (never silently
empty), Jinja comments are switched off (``{#`` appears in regex patterns), and the final newline
is kept. Text without ``{{`` or ``{%`` skips Jinja and comes back byte for byte.

Variables, lowest precedence first: built-in defaults (:data:`BUILTIN_VARIABLES`), a vars file,
``--var KEY=VALUE``, then ``host=`` / ``protocol=``. ``WS_HOST`` and ``ws_host`` (likewise
``WS_PROTOCOL`` / ``ws_protocol``) are two spellings of one variable.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import _yaml
from ._errors import InputError, TemplateError, YAMLSyntaxError
from ._source import check_characters, display_name, read_text

if TYPE_CHECKING:
    from jinja2 import Environment, Template, TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    from ._document import Document

#: ``{{ WS_HOST }}`` when neither ``--host`` nor a variable sets it (as django-channels-spectacular).
DEFAULT_HOST = "localhost:8000"
#: ``{{ WS_PROTOCOL }}`` when neither ``--protocol`` nor a variable sets it.
DEFAULT_PROTOCOL = "ws"
#: The values ``WS_PROTOCOL`` may take.
PROTOCOLS = ("ws", "wss")

#: The variables every template can use, with their defaults (both spellings of each).
BUILTIN_VARIABLES: Mapping[str, str] = MappingProxyType(
    {
        "WS_HOST": DEFAULT_HOST,
        "WS_PROTOCOL": DEFAULT_PROTOCOL,
        "ws_host": DEFAULT_HOST,
        "ws_protocol": DEFAULT_PROTOCOL,
    }
)

# lowercase spelling -> the canonical (uppercase) name of the same variable
_ALIASES: Mapping[str, str] = MappingProxyType({"ws_host": "WS_HOST", "ws_protocol": "WS_PROTOCOL"})

# What a host may contain: names, IPv4/IPv6 literals, a port, userinfo. Whitespace, quotes and
# braces would change the YAML around the placeholder, so they are refused here, where it is cheap.
_HOST = re.compile(r"[\w.\-~:@\[\]%]+")

_RAW_HINT = (
    "if this is literal text (prose, a regex, a GitHub Actions `${{ }}` expression), wrap it in "
    "{% raw %}...{% endraw %}, or pass --no-template to read the file as plain YAML"
)


def parse_var(text: str) -> tuple[str, str]:
    """Split a ``--var KEY=VALUE`` argument; the value may contain ``=`` and may be empty."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep:
        raise TemplateError(f"--var {text!r} has no '='", hint="write --var NAME=VALUE, for example --var API_VERSION=1.2.0")
    _check_name(key, where=f"--var {text!r}")
    return key, value


def load_vars_file(path: str | os.PathLike[str]) -> dict[str, str]:
    """Read a YAML or JSON mapping of variable names to scalars.

    Strings are used as they are; numbers and booleans as written in the file (``1.10`` stays
    ``1.10``, not ``1.1``), since they are substituted into YAML text. An empty file (or one with
    only comments) has no variables.
    """
    name = display_name(path)
    text = read_text(path, what="vars file", allow_empty=True)
    if not text.strip():
        return {}
    tree = _yaml.parse(text, source=name)
    if tree is None:  # only comments
        return {}
    if not isinstance(tree, Mapping):
        raise InputError(
            "the vars file is not a mapping of names to values",
            file=name,
            line=1,
            column=1,
            hint="write one `NAME: value` per line (YAML) or an object (JSON)",
        )
    lines = text.splitlines()
    result: dict[str, str] = {}
    for key, value in tree.items():
        where = _yaml.position(tree, [key])
        line, column = where if where else (None, None)
        if not isinstance(key, str):
            raise InputError(f"variable name {key!r} is not a string", file=name, line=line, column=column)
        _check_name(key, where="vars file", file=name, line=line, column=column)
        plain = _yaml.to_plain(value)
        if plain is None:
            raise InputError(
                f"variable {key!r} has no value",
                file=name,
                line=line,
                column=column,
                hint=f"write {key}: '' for an empty string",
            )
        if isinstance(plain, dict | list):
            raise InputError(
                f"variable {key!r} is a {'mapping' if isinstance(plain, dict) else 'list'}, not a single value",
                file=name,
                line=line,
                column=column,
                hint="template variables are strings, numbers or booleans",
            )
        if isinstance(value, str):
            result[key] = str(value)
        else:
            result[key] = _as_written(lines, _yaml.value_position(tree, key)) or str(plain)
    return result


def _as_written(lines: list[str], where: tuple[int, int] | None) -> str | None:
    """The source spelling of a one-line scalar (a number or boolean) at a 1-based position."""
    if where is None or not 0 < where[0] <= len(lines):
        return None
    match = re.match(r"[^\s,\]}#]+", lines[where[0] - 1][where[1] - 1 :])
    return match.group(0) if match else None


def render_text(
    text: str,
    *,
    variables: Mapping[str, str] | None = None,
    host: str | None = None,
    protocol: str | None = None,
    source: str | None = None,
    folder: str | os.PathLike[str] | None = None,
) -> str:
    """Substitute the placeholders of a template; ``source`` names the file in errors.

    ``{% include %}`` and ``{% import %}`` read from ``folder`` (the template's own folder) and
    from the built-in templates, nowhere else (see :mod:`._loader`). Raises
    :class:`TemplateError` (with file and line) for an undefined variable, a syntax error, a
    sandbox violation, a refused include, or a bad ``host`` / ``protocol``. Text without ``{{``
    or ``{%`` is returned unchanged, without starting Jinja.
    """
    from ._loader import environment_for, include_error, roots_for

    context = _context(variables, host=host, protocol=protocol)
    if "{{" not in text and "{%" not in text:
        return text
    name = source or "<string>"
    environment, loader = environment_for(_environment(), roots_for(folder, display=os.path.dirname(name)))
    template = _compile(text, name, environment)
    try:
        return template.render(context)
    except Exception as exc:  # anything a template does wrong is the template's error
        included = include_error(
            exc,
            loader=loader,
            top_name=name,
            top_text=text,
            describe=lambda error, frame: _runtime_error(error, frame.text, frame.file, context=context),
        )
        if included is not None:  # it happened in an included file: report it there
            raise included from None
        raise _runtime_error(exc, text, name, context=context) from None


def _plain_document(text: str, *, name: str, base_dir: Path) -> Document | None:
    """``text`` as a plain-data Document, or None when the C loader cannot read it as a mapping
    (malformed, duplicate keys, an alias bomb: the round-trip parse then locates the problem)."""
    from ._document import Document
    from ._yaml.fast import fast_load

    try:
        data = fast_load(text)
    except Exception:
        return None
    if not isinstance(data, dict):
        return None
    return Document(tree=data, source=name, base_dir=base_dir, text=text)


def render_file(
    path: str | os.PathLike[str],
    *,
    host: str | None = None,
    protocol: str | None = None,
    variables: Mapping[str, str] | None = None,
    vars_file: str | os.PathLike[str] | None = None,
    template: bool = True,
    data_only: bool = False,
) -> Document:
    """Read a template, render it and parse the result into a round-trip Document.

    With ``data_only`` the rendered text is read by the C loader into plain data (no comments, no
    positions: ~10x cheaper) when it can be; for callers that need only the data, such as a
    rewrite of an existing output that is patched in place. Anything the C loader refuses still
    goes through the round-trip parse, for its located error.

    ``variables`` (``--var``) win over ``vars_file``; ``host`` / ``protocol`` win over both. With
    ``template=False`` the file is plain YAML: nothing is substituted and the options are ignored.
    YAML errors in a rendered file refer to lines of the *rendered* text; the error's hint quotes
    the rendered line when rendering changed the text.
    """
    from ._document import loads

    name = display_name(path)
    original = read_text(path, what="template" if template else "document")
    text = original
    if template:
        layers: dict[str, str] = {}
        if vars_file is not None:
            layers.update(_canonical(load_vars_file(vars_file), where=display_name(vars_file)))
        layers.update(_canonical(variables or {}, where="--var"))
        text = render_text(
            original, variables=layers, host=host, protocol=protocol, source=name, folder=Path(path).parent
        )
        if text != original:
            check_characters(
                text,
                name=name,
                what="the rendered template",
                hint="a substituted value brings it in: the position refers to the rendered text",
            )
    base_dir = Path(path).resolve().parent
    if data_only:
        plain = _plain_document(text, name=name, base_dir=base_dir)
        if plain is not None:
            return plain
    try:
        return loads(text, source=name, base_dir=base_dir)
    except YAMLSyntaxError as exc:
        if text == original:
            raise
        raise YAMLSyntaxError(
            exc.message,
            file=exc.file,
            line=exc.line,
            column=exc.column,
            hint=_rendered_hint(exc, text),
        ) from exc


def _rendered_hint(exc: YAMLSyntaxError, text: str) -> str:
    hint = "the line number refers to the rendered template"
    lines = text.splitlines()
    if exc.line is not None and 0 < exc.line <= len(lines):
        hint += f", whose line {exc.line} reads: {lines[exc.line - 1].strip()!r}"
    hint += "; if a substituted value contains YAML syntax (': ', ' #', a newline), quote it with `| tojson`"
    return hint


def _context(variables: Mapping[str, str] | None, *, host: str | None, protocol: str | None) -> dict[str, str]:
    """The variables a template sees: defaults, then ``variables``, then ``host`` / ``protocol``."""
    values = {name: default for name, default in BUILTIN_VARIABLES.items() if name not in _ALIASES}
    for name in variables or {}:
        _check_name(name, where="template variables")
    values.update(_canonical(variables or {}, where="template variables"))
    if host is not None:
        values["WS_HOST"] = host
    if protocol is not None:
        values["WS_PROTOCOL"] = protocol
    _check_host(values["WS_HOST"])
    _check_protocol(values["WS_PROTOCOL"])
    for alias, canonical in _ALIASES.items():
        values[alias] = values[canonical]
    return values


def _canonical(variables: Mapping[str, str], *, where: str) -> dict[str, str]:
    """Fold ``ws_host`` into ``WS_HOST`` (and so on), refusing two different values for one."""
    result: dict[str, str] = {}
    for name, value in variables.items():
        canonical = _ALIASES.get(name, name)
        if canonical in result and result[canonical] != str(value):
            raise TemplateError(
                f"{where} set {canonical} twice with different values ({result[canonical]!r} and {str(value)!r})",
                hint=f"{canonical} and {canonical.lower()} are one variable: set only one of them",
            )
        result[canonical] = str(value)
    return result


def _check_name(
    name: str,
    *,
    where: str,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> None:
    if not name.isidentifier():
        raise TemplateError(
            f"{where}: {name!r} is not a valid variable name",
            file=file,
            line=line,
            column=column,
            hint="a name starts with a letter or _ and has only letters, digits and _ (for example API_VERSION)",
        )


def _check_host(host: str) -> None:
    if not _HOST.fullmatch(host):
        raise TemplateError(
            f"invalid host {host!r}",
            hint="give a host name with an optional port, for example --host api.example.com or --host localhost:8000",
        )


def _check_protocol(protocol: str) -> None:
    if protocol not in PROTOCOLS:
        raise TemplateError(
            f"invalid protocol {protocol!r}: WS_PROTOCOL must be ws or wss",
            hint="use --protocol ws for plain WebSocket or --protocol wss for WebSocket over TLS",
        )


#: Largest string or list a template expression may build (the sandbox blocks internals, this
#: bounds memory: ``{{ 'x' * 10**10 }}`` is refused instead of exhausting the machine).
MAX_BUILT_SIZE = 1_000_000


@functools.lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict, bounded, and blind to all but ``{{ }}``/``{% %}``."""
    from jinja2 import StrictUndefined
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedEnvironment(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > 64:
                raise SecurityError("exponent too large in a template expression")
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if isinstance(seq, str | list | tuple) and isinstance(count, int) and len(seq) * count > MAX_BUILT_SIZE:
                        raise SecurityError("a template expression would build a value over 1,000,000 items")
            return super().call_binop(context, operator, left, right)

    return BoundedEnvironment(
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        # Jinja comments are switched off: `{#` occurs in YAML (regex patterns such as '^[{#]').
        # NUL cannot occur in a YAML file, so nobody can open a comment by accident.
        comment_start_string="\x00#",
        comment_end_string="#\x00",
    )


def _compile(text: str, name: str, environment: Environment | None = None) -> Template:
    from jinja2 import TemplateSyntaxError

    try:
        return (environment or _environment()).from_string(text)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}",
            file=name,
            line=exc.lineno,
            column=_tag_column(text, exc.lineno, fails=_fails_to_compile) or _token_column(text, exc),
            hint=_RAW_HINT,
        ) from None


def _runtime_error(exc: Exception, text: str, name: str, *, context: Mapping[str, str]) -> TemplateError:
    """Turn whatever went wrong while rendering into a TemplateError at the template's line and
    column."""
    from jinja2.exceptions import SecurityError, UndefinedError

    defined = sorted(context)
    line = _template_line(exc)
    column = _tag_column(text, line, fails=lambda tag: _fails_to_render(tag, context))
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, SecurityError):
        return TemplateError(
            f"unsafe template expression: {detail}",
            file=name,
            line=line,
            column=column,
            hint="templates may substitute variables and apply filters; Python internals such as "
            "__class__ are blocked; " + _RAW_HINT,
        )
    undefined = re.fullmatch(r"'(.+)' is undefined", detail)
    if isinstance(exc, UndefinedError) and undefined:
        variable = undefined.group(1)
        return TemplateError(
            f"undefined template variable {variable!r}",
            file=name,
            line=line,
            column=_column(text, line, variable) or column,
            hint=f"set it with --var {variable}=VALUE or in a --vars-file (defined: "
            f"{', '.join(defined)}); {_RAW_HINT}",
        )
    return TemplateError(f"template error: {detail}", file=name, line=line, column=column, hint=_RAW_HINT)


def _template_line(exc: BaseException) -> int | None:
    """The template line of the innermost template frame (Jinja rewrites tracebacks to show it)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _column(text: str, line: int | None, variable: str) -> int | None:
    """1-based column of ``variable`` on ``line`` when it appears there exactly once."""
    lines = text.splitlines()
    if line is None or not 0 < line <= len(lines):
        return None
    found = [m.start() for m in re.finditer(rf"(?<![\w.]){re.escape(variable)}(?!\w)", lines[line - 1])]
    return found[0] + 1 if len(found) == 1 else None


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def _tag_column(text: str, line: int | None, *, fails: Callable[[str], bool]) -> int | None:
    """1-based column of the ``{{ }}`` / ``{% %}`` tag on ``line`` that caused an error: the only
    tag there, else the first that ``fails`` on its own, else the first one (a block tag such as
    ``{% if %}`` cannot be tried alone)."""
    lines = text.splitlines()
    if line is None or not 0 < line <= len(lines):
        return None
    tags = list(_TAG.finditer(lines[line - 1]))
    if not tags:
        opening = re.search(r"\{\{|\{%", lines[line - 1])  # an unclosed tag
        return opening.start() + 1 if opening else None
    if len(tags) > 1:
        for tag in tags:
            if tag.group().startswith("{{") and fails(tag.group()):
                return tag.start() + 1
    return tags[0].start() + 1


def _token_column(text: str, exc: TemplateSyntaxError) -> int | None:
    """Where the token Jinja complains about (``got 'version'``) stands on the error's line."""
    token = re.search(r"got '([^']+)'", exc.message or "")
    lines = text.splitlines()
    if token is None or exc.lineno is None or not 0 < exc.lineno <= len(lines):
        return None
    where = lines[exc.lineno - 1].find(token.group(1))
    return where + 1 if where >= 0 else None


def _fails_to_compile(tag: str) -> bool:
    from jinja2 import TemplateSyntaxError

    try:
        _environment().from_string(tag)
    except TemplateSyntaxError:
        return True
    return False


def _fails_to_render(tag: str, context: Mapping[str, str]) -> bool:
    try:
        _environment().from_string(tag).render(context)
    except Exception:
        return True
    return False
