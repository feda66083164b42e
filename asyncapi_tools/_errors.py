"""The one exception hierarchy of asyncapi_tools.

::

    AsyncAPIToolsError            anything this package refuses to do; str() is the user-facing text
    ├── InputError                a file that cannot be read as a document (missing, directory,
    │                             empty, not UTF-8, root not a mapping, output path is a directory)
    ├── YAMLSyntaxError           malformed YAML, duplicate keys, alias bombs
    ├── TemplateError             undefined placeholder, template syntax, sandbox violation
    ├── MergeError                documents that cannot be merged (version mismatch, type clash)
    └── AssetsMissing             the npm-pinned JSON Schemas were not installed

Every error carries the file, line and column where there is one, and a hint that says how to fix
it. Faces (the CLI, the Django command) print ``str(error)`` and exit non-zero: never a traceback.
"""

from __future__ import annotations

from ._diagnostics import Diagnostic


class AsyncAPIToolsError(Exception):
    """Base class: a refusal with a message a user can act on."""

    code = "error"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint

    def as_diagnostic(self) -> Diagnostic:
        """The refusal as a located :class:`Diagnostic`, for faces that list findings (the docs
        page, ``--format json``) rather than print one message."""
        return Diagnostic(
            code=self.code,
            message=self.message,
            file=self.file,
            line=self.line,
            column=self.column,
            hint=self.hint,
        )

    def __str__(self) -> str:
        location = ""
        if self.file is not None:
            location = self.file
            if self.line is not None:
                location += f":{self.line}"
                if self.column is not None:
                    location += f":{self.column}"
            location += ": "
        text = f"{location}error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(AsyncAPIToolsError):
    """A file that cannot be read as a document, or an output path that cannot be written."""

    code = "input"


class YAMLSyntaxError(AsyncAPIToolsError):
    """Malformed YAML, a duplicate key or an alias bomb, at the line and column the parser stopped."""

    code = "yaml-syntax"


class TemplateError(AsyncAPIToolsError):
    """An undefined placeholder, a Jinja2 syntax error, or something the sandbox refused."""

    code = "template"


class MergeError(AsyncAPIToolsError):
    """Documents that cannot be merged: different AsyncAPI versions, or a mapping over a list."""

    code = "merge"


class AssetsMissing(AsyncAPIToolsError):
    """The npm-pinned files (the official JSON Schemas, the viewer) are not installed; the hint
    says which setup command installs them."""

    code = "assets-missing"
