"""``manage.py export_asyncapi``: generated, hand-written and merged specs through one pipeline.

Order, as drf-spectacular's ``spectacular`` command: generate → report diagnostics → fail on
warnings → validate → write. Every source goes through asyncapi_tools, so the output is titled,
validated, written atomically and *in place*: a comment added by hand to the committed file
survives a re-export, and an unchanged export leaves the file byte-identical.

Precedence in merged mode: the generated document is the base; the rendered ``--template`` is
merged over it; then each ``--overlay`` in the order given. Hand-written text wins.
"""

from __future__ import annotations

import shlex
import sys
from argparse import ArgumentParser
from typing import Any, Literal, NoReturn

from django.core.management.base import BaseCommand, CommandError

from asyncapi_tools import AsyncAPIToolsError


def one_line(error: AsyncAPIToolsError) -> str:
    """A CommandError is one line: location, message, then the hint."""
    return str(error).replace("\n  hint: ", "; hint: ").replace("\n", " ")


class Command(BaseCommand):
    help = (
        "Export the AsyncAPI document of your consumers (--consumer, or every documented consumer "
        "of the ASGI routing by default), of a hand-written template (--template), or both merged, "
        "with hand-written --overlay files on top. The output is validated and written in place: "
        "comments in a committed file survive."
    )
    requires_system_checks: tuple[str, ...] = ()

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--consumer",
            action="append",
            default=[],
            metavar="DOTTED.PATH[:/ws/path/]",
            help="A decorated consumer class, optionally with its WebSocket path (default: the "
            "CHANNEL_PATH setting). Repeatable: every consumer becomes a channel of one document.",
        )
        parser.add_argument(
            "--discover",
            action="store_true",
            help="Document every consumer of the ASGI routing (settings.ASGI_APPLICATION); the default "
            "when neither --consumer nor --template is given.",
        )
        parser.add_argument(
            "--template",
            metavar="FILE",
            help="A hand-written YAML template ({{ WS_HOST }}-style placeholders) or a built-in "
            "template's name (asyncapi-tools templates lists them). With --consumer, "
            "it is merged over the generated document.",
        )
        parser.add_argument(
            "--overlay",
            action="append",
            default=[],
            metavar="FILE",
            help="A hand-written YAML file merged over the result (JSON Merge Patch; null deletes). "
            "Repeatable, applied in the order given.",
        )
        parser.add_argument(
            "-o",
            "--output",
            default="asyncapi.yaml",
            metavar="FILE",
            help="Where to write (default: asyncapi.yaml; `-` for stdout). Parent directories are "
            "created; an existing file is updated in place.",
        )
        parser.add_argument("--host", help="WebSocket host (with port) for the servers block (default: the settings, else localhost:8000).")
        parser.add_argument("--protocol", choices=["ws", "wss"], help="WebSocket protocol for the servers block (default: the settings, else ws).")
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml", help="Output format (default: yaml).")
        parser.add_argument(
            "--var",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="A template variable for --template and --overlay files. Repeatable.",
        )
        parser.add_argument("--no-validate", action="store_true", help="Write even when the document is invalid.")
        parser.add_argument("--fail-on-warn", action="store_true", help="Fail (exit 1, nothing written) on generator warnings.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing: exit 1 with a diff when the output file is stale, 0 when it is up to date.",
        )
        parser.add_argument(
            "--html",
            metavar="PATH",
            help="Also write the docs as one self-contained HTML file (a folder ending in / gets index.html plus assets/); see asyncapi-tools html.",
        )
        parser.add_argument(
            "--client",
            choices=["typescript", "python"],
            help="Write a typed client of the document into the folder -o names, instead of the "
            "document (see docs/clients.md); with --check, exit 1 when that client is stale.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace the output file instead of updating it in place (drops its comments and layout).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._export(options)
        except AsyncAPIToolsError as exc:
            raise CommandError(one_line(exc)) from exc

    # -- the steps ------------------------------------------------------------------------------

    def _export(self, options: dict[str, Any]) -> None:
        from asyncapi_tools import build, diagnostics_summary, format_diagnostics
        from django_bridge.generation.sources import build_document

        doc, diagnostics = build_document(
            consumers=options["consumer"],
            template=options["template"],
            overlays=options["overlay"],
            host=options["host"],
            protocol=options["protocol"],
            variables=_parse_vars(options["var"]),
            discover=options["discover"],
        )
        # info notes (a route skipped because its consumer documents nothing) only with -v 2
        warned = [d for d in diagnostics if d.severity != "info"]
        shown = diagnostics if options["verbosity"] >= 2 else warned
        if shown:
            self.stderr.write(format_diagnostics(shown))
        if warned and options["fail_on_warn"]:
            raise CommandError(f"{len(warned)} warning(s) and --fail-on-warn: nothing written")
        result = build(doc, titles=True, validate=not options["no_validate"])
        if result.diagnostics:
            self.stderr.write(format_diagnostics(result.diagnostics))
        if not result.ok:
            raise CommandError(
                f"the document is invalid ({diagnostics_summary(result.diagnostics)}): nothing written; "
                "fix the errors above or pass --no-validate"
            )
        output = options["output"]
        if options["client"]:
            self._client(result.document, output, options["client"], check=options["check"])
            return
        if options["check"]:
            self._check(doc, output, options["format"])
            return
        from asyncapi_tools import write

        written = write(doc, output, format=options["format"], overwrite=options["overwrite"])
        if output != "-":
            self.stdout.write(f"Written {output}" if written.changed else f"{output} is up to date (not rewritten)")
        if options["html"]:
            from asyncapi_tools import write_html

            pages = write_html(doc.plain(), options["html"])
            (self.stderr if output == "-" else self.stdout).write(f"Written {pages[0]}" + (f" and {len(pages) - 1} asset files" if len(pages) > 1 else ""))

    def _check(self, doc: Any, output: str, fmt: Literal["yaml", "json"]) -> None:
        from asyncapi_tools import check, drift_report

        result = check(doc, output, format=fmt)
        if result.up_to_date:
            self.stdout.write(f"{output} is up to date")
            return
        report = drift_report(output, doc)
        if report:
            self.stderr.write(report, ending="")
        self._stale(result.diff, output)

    def _stale(self, diff: str, what: str) -> NoReturn:
        """Print the diff and fail, naming the command (without --check) that refreshes ``what``."""
        self.stdout.write(diff, ending="")
        command = " ".join(shlex.quote(a) for a in sys.argv if a != "--check") or "manage.py export_asyncapi ..."
        raise CommandError(f"{what} is stale; refresh it with: {command}")

    def _client(self, doc: Any, folder: str, lang: Literal["typescript", "python"], *, check: bool) -> None:
        from asyncapi_tools import check_client, generate_client, write_client

        files = generate_client(doc, lang)
        if not check:
            written = write_client(files, folder)
            self.stdout.write(f"Written {len(written.written)} of {len(files)} client files to {folder}")
            return
        checked = check_client(files, folder)
        if checked.ok:
            self.stdout.write(f"{folder} is up to date")
            return
        self._stale(checked.diff, f"the client in {folder} ({', '.join(checked.stale)})")


def _parse_vars(values: list[str]) -> dict[str, str]:
    from asyncapi_tools import parse_var

    return dict(parse_var(value) for value in values)
