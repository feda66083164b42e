"""``asyncapi-tools html`` (one self-contained docs page) and ``serve`` (a live preview)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._common import (
    HostOption,
    NoValidateOption,
    ProtocolOption,
    RenderOptions,
    ReportFormat,
    VarOption,
    VarsFileOption,
    build_template,
    err,
    handle_errors,
    print_diagnostics,
    report_build,
)

if TYPE_CHECKING:
    from .._diagnostics import Diagnostic

NoTemplateOption = Annotated[
    bool, typer.Option("--no-template", help="Treat the file as plain YAML: no placeholder substitution.")
]


@handle_errors
def html(
    spec: Annotated[str, typer.Argument(help="The AsyncAPI document or template (YAML or JSON).", metavar="FILE")],
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="The HTML file to write, or a folder (ending in /) for index.html plus assets/."),
    ] = "asyncapi.html",
    host: HostOption = None,
    protocol: ProtocolOption = None,
    var: VarOption = None,
    vars_file: VarsFileOption = None,
    no_template: NoTemplateOption = False,
    no_validate: NoValidateOption = False,
) -> None:
    """Write the spec's docs as one self-contained HTML file (viewer, styles, spec, search and
    dark mode inside; it makes no network request and opens from file://)."""
    from .._html import write_page

    options = RenderOptions(host=host, protocol=protocol, var=var, vars_file=vars_file, no_template=no_template, no_validate=no_validate)
    result = build_template(spec, options)
    report_build(result, refusal="error: not written: the document is invalid (pass --no-validate to write it anyway)")
    written = write_page(result.document.plain(), output)
    err(f"wrote {written[0]}" + (f" and {len(written) - 1} asset files" if len(written) > 1 else ""))


@handle_errors
def serve(
    spec: Annotated[str, typer.Argument(help="The AsyncAPI document or template (YAML or JSON).", metavar="FILE")],
    bind: Annotated[str, typer.Option("--bind", help="Address to listen on; keep the default unless others must see it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on (0: any free port).")] = 8765,
    host: HostOption = None,
    protocol: ProtocolOption = None,
    var: VarOption = None,
    vars_file: VarsFileOption = None,
    no_template: NoTemplateOption = False,
) -> None:
    """Preview the docs page while you edit: the page reloads when FILE (or --vars-file) changes
    and shows the validation diagnostics. Stop it with Ctrl-C."""
    from .._errors import AsyncAPIToolsError
    from .._html._serve import Preview, make_server

    options = RenderOptions(host=host, protocol=protocol, var=var, vars_file=vars_file, no_template=no_template)

    def build() -> tuple[dict[str, Any] | None, list[Diagnostic]]:
        try:
            result = build_template(spec, options)
        except AsyncAPIToolsError as exc:
            diagnostics = [exc.as_diagnostic()]
            print_diagnostics(diagnostics, fmt=ReportFormat.text)
            return None, diagnostics
        print_diagnostics(result.diagnostics, fmt=ReportFormat.text)
        # an invalid document would only show the viewer's parse error: keep the last valid one
        return (result.document.plain() if result.ok else None), result.diagnostics

    watched = [Path(spec), *([Path(vars_file)] if vars_file else [])]
    preview = Preview(build, watched)
    preview.current()  # a first build, so a broken file shows at once
    try:
        server = make_server(preview, bind, port)
    except OSError as exc:
        err(f"error: cannot listen on {bind}:{port}: {exc.strerror or exc}")
        err("  hint: pick another port with --port (0 chooses a free one)")
        raise typer.Exit(1) from None
    actual = server.server_address[1]
    try:  # the announcement inside: a Ctrl-C as soon as it shows still stops cleanly
        err(f"serving {spec} at http://{bind}:{actual}/ (the page reloads when the file changes; Ctrl-C stops)")
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        err("stopped")
    finally:
        server.server_close()
