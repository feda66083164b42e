"""asyncapi-tools: one round-trip pipeline for AsyncAPI 3 documents.

    load / render  ->  inject_titles  ->  merge  ->  validate  ->  write (in place) / check
    load  ->  generate_client  ->  write_client / check_client     (typed TypeScript and Python clients)

Every step is a plain function over a :class:`Document`; the ``asyncapi-tools`` CLI, the Django
``export_asyncapi`` command and the Django views are thin faces over these functions.

Names are imported lazily, so ``import asyncapi_tools`` costs next to nothing until a step runs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # documents
    "Document": "_document",
    "load": "_document",
    "loads": "_document",
    "from_data": "_document",
    # render
    "render_text": "_render",
    "render_file": "_render",
    "BUILTIN_VARIABLES": "_render",
    # titles and naming
    "inject_titles": "_titles",
    "TitleChange": "_titles",
    "pascal_case": "_naming",
    "NameRegistry": "_naming",
    # merge and check
    "merge": "_merge",
    "MergeChange": "_merge",
    "check": "_check",
    "CheckResult": "_check",
    # validate
    "validate": "_validate",
    # write
    "dumps": "_write",
    "write": "_write",
    "WriteResult": "_write",
    # typed clients
    "generate_client": "_client",
    "write_client": "_client",
    "check_client": "_client",
    "ClientCheck": "_client",
    "ClientWrite": "_client",
    # diagnostics and errors
    "Diagnostic": "_diagnostics",
    "AsyncAPIToolsError": "_errors",
    "InputError": "_errors",
    "YAMLSyntaxError": "_errors",
    "TemplateError": "_errors",
    "MergeError": "_errors",
    "ValidationFailed": "_errors",
    "AssetsMissing": "_errors",
}

__all__ = [*sorted(_EXPORTS), "__version__"]


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'asyncapi_tools' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from ._check import CheckResult, check
    from ._client import ClientCheck, ClientWrite, check_client, generate_client, write_client
    from ._diagnostics import Diagnostic
    from ._document import Document, from_data, load, loads
    from ._errors import (
        AssetsMissing,
        AsyncAPIToolsError,
        InputError,
        MergeError,
        TemplateError,
        ValidationFailed,
        YAMLSyntaxError,
    )
    from ._merge import MergeChange, merge
    from ._naming import NameRegistry, pascal_case
    from ._render import BUILTIN_VARIABLES, render_file, render_text
    from ._titles import TitleChange, inject_titles
    from ._validate import validate
    from ._write import WriteResult, dumps, write
