"""What every command shares: error handling, diagnostics output, and the common options."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .._diagnostics import Diagnostic, format_json, format_text
from .._errors import AsyncAPIToolsError

if TYPE_CHECKING:
    from .._pipeline import BuildResult

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(str, Enum):
    yaml = "yaml"
    json = "json"


class Protocol(str, Enum):
    ws = "ws"
    wss = "wss"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


def err(message: str) -> None:
    """Everything but the document goes to stderr, so ``-o -`` output stays clean."""
    typer.echo(message, err=True)


#: Set by the root ``--debug`` option for the command being run.
DEBUG: contextvars.ContextVar[bool] = contextvars.ContextVar("asyncapi_tools_debug", default=False)


def handle_errors(func: F) -> F:
    """Turn our errors into a clear message and exit 1: never a traceback (unless --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # typer's own exits and usage errors (exit 2)
        except AsyncAPIToolsError as exc:
            if DEBUG.get():
                raise
            err(str(exc))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:
            if DEBUG.get():
                raise
            err(f"internal error: {type(exc).__name__}: {exc}")
            err("  hint: rerun with --debug for the traceback, and please report it")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def print_diagnostics(diagnostics: Sequence[Diagnostic], *, fmt: ReportFormat = ReportFormat.text) -> None:
    if fmt is ReportFormat.json:
        typer.echo(format_json(diagnostics))
        return
    if diagnostics:
        err(format_text(diagnostics))


def report_build(result: BuildResult, *, refusal: str) -> None:
    """Print the build's diagnostics; when the document is invalid, print ``refusal`` (what was not
    done, and the flag that does it anyway) and exit 1."""
    print_diagnostics(result.diagnostics)
    if not result.ok:
        err(refusal)
        raise typer.Exit(1)


def parse_vars(values: Sequence[str] | None) -> dict[str, str]:
    """``--var KEY=VALUE`` pairs; a malformed one is a usage error (exit 2)."""
    from .._errors import TemplateError
    from .._render import parse_var

    result: dict[str, str] = {}
    for value in values or ():
        try:
            key, val = parse_var(value)
        except TemplateError as exc:
            raise typer.BadParameter(exc.message, param_hint="--var") from None
        result[key] = val
    return result


OutputOption = Annotated[
    str,
    typer.Option("--output", "-o", help="Where to write the document (`-` or /dev/stdout for stdout). An existing file is updated in place, keeping its comments; a symbolic link is written through."),
]
HostOption = Annotated[
    str | None, typer.Option("--host", help="Value of {{ WS_HOST }} (default: localhost:8000).")
]
ProtocolOption = Annotated[
    Protocol | None, typer.Option("--protocol", help="Value of {{ WS_PROTOCOL }} (default: ws).", case_sensitive=False)
]
VarOption = Annotated[
    list[str] | None,
    typer.Option("--var", metavar="KEY=VALUE", help="Set a template variable; repeatable. Wins over --vars-file."),
]
VarsFileOption = Annotated[
    str | None, typer.Option("--vars-file", metavar="FILE", help="YAML or JSON mapping of template variables.")
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
NoTitlesOption = Annotated[
    bool, typer.Option("--no-titles", help="Do not inject `title` into payload schemas.")
]
TopLevelTitlesOption = Annotated[
    bool,
    typer.Option("--top-level-titles", help="Inject titles into payload schemas only, not into their nested objects, items and enums."),
]
NoValidateOption = Annotated[
    bool, typer.Option("--no-validate", help="Skip validation: write the document even if it is invalid.")
]
OverwriteOption = Annotated[
    bool,
    typer.Option("--overwrite", help="Replace an existing output file instead of updating it in place (drops its comments and layout)."),
]
CheckOption = Annotated[
    bool,
    typer.Option("--check", help="Write nothing: exit 1 with a diff when the output file is stale, 0 when it is up to date."),
]


@dataclass(frozen=True)
class RenderOptions:
    """The template options ``render`` and ``check`` share, as one value.

    Typer needs them as separate parameters (each has its own flag and help text), so each
    command collects them into this object once and hands it on.
    """

    host: str | None = None
    protocol: Protocol | None = None
    var: Sequence[str] | None = None
    vars_file: str | None = None
    no_template: bool = False
    no_titles: bool = False
    top_level_titles: bool = False
    no_validate: bool = False

    def any_template_option(self) -> bool:
        """Whether any option that only applies to a template was given (``no_validate`` is not one)."""
        return any(
            [self.host, self.protocol, self.var, self.vars_file, self.no_template, self.no_titles, self.top_level_titles]
        )


def build_template(template: str, options: RenderOptions, *, data_only: bool = False) -> BuildResult:
    """What ``render`` and ``check`` share: render the template, inject titles, validate.

    ``data_only`` builds from plain data (see ``render_file``); when that finds anything to report,
    the document is built again round trip, so every diagnostic names its line and column.
    """
    from .._pipeline import build
    from .._render import render_file

    doc = render_file(
        template,
        host=options.host,
        protocol=options.protocol.value if options.protocol else None,
        variables=parse_vars(options.var),
        vars_file=options.vars_file,
        template=not options.no_template,
        data_only=data_only,
    )
    result = build(
        doc,
        titles=not options.no_titles,
        nested_titles=not options.top_level_titles,
        validate=not options.no_validate,
    )
    if data_only and result.diagnostics:
        return build_template(template, options)
    return result
