"""asyncapi-tools: one round-trip pipeline for AsyncAPI 3 documents.

    load / render  ->  inject_titles  ->  merge  ->  validate  ->  write (in place) / check
    diff(old, new)  ->  classified changes (breaking or not, by direction)

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
    # JSON pointers (RFC 6901) and how paths appear in messages
    "json_pointer": "_pointer:join",
    "split_json_pointer": "_pointer:split",
    "escape_pointer_step": "_pointer:escape",
    "resolve_json_pointer": "_pointer:resolve",
    "display_path": "_source",
    # render
    "render_text": "_render",
    "render_file": "_render",
    "BUILTIN_VARIABLES": "_render",
    # built-in templates
    "builtin_templates": "_templates",
    "resolve_template": "_templates",
    "scaffold": "_templates",
    "parse_var": "_render",
    # the shared middle of every face: titles, then validation
    "build": "_pipeline",
    "BuildResult": "_pipeline",
    # titles and naming
    "inject_titles": "_titles",
    "TitleChange": "_titles",
    "pascal_case": "_naming",
    "NameRegistry": "_naming",
    "Collision": "_naming",
    # merge and check
    "merge": "_merge",
    "merge_with_report": "_merge",
    "MergeChange": "_merge",
    "check": "_check",
    "CheckResult": "_check",
    # validate
    "validate": "_validate",
    # diff
    "diff": "_diff",
    "DiffChange": "_diff",
    # contract: the spec as a test oracle for frames (django_bridge.testing, the mock server)
    "Contract": "_contract",
    "FrameChecker": "_contract",
    "Verdict": "_contract",
    "ContractChannel": "_contract:Channel",
    "ContractOperation": "_contract:Operation",
    "ContractMessage": "_contract:Message",
    "FrameSide": "_contract:Side",
    "frame_strategy": "_contract.samples:strategy",
    # write
    "dumps": "_write",
    "write": "_write",
    "WriteResult": "_write",
    # diagnostics and errors
    "Diagnostic": "_diagnostics",
    "Severity": "_diagnostics",
    # "public name": "module:attribute" where the module's own name is too short out of context
    "unique_diagnostics": "_diagnostics:unique",
    "format_diagnostics": "_diagnostics:format_text",
    "diagnostics_summary": "_diagnostics:summary",
    "AsyncAPIToolsError": "_errors",
    "InputError": "_errors",
    "YAMLSyntaxError": "_errors",
    "TemplateError": "_errors",
    "MergeError": "_errors",
    "AssetsMissing": "_errors",
}

__all__ = [*sorted(_EXPORTS), "__version__"]


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'asyncapi_tools' has no attribute {name!r}")
    module_name, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(f".{module_name}", __name__), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from ._check import CheckResult, check
    from ._contract import Channel as ContractChannel
    from ._contract import Contract, FrameChecker, Verdict
    from ._contract import Message as ContractMessage
    from ._contract import Operation as ContractOperation
    from ._contract import Side as FrameSide
    from ._contract.samples import strategy as frame_strategy
    from ._diagnostics import Diagnostic, Severity
    from ._diagnostics import format_text as format_diagnostics
    from ._diagnostics import summary as diagnostics_summary
    from ._diagnostics import unique as unique_diagnostics
    from ._diff import DiffChange, diff
    from ._document import Document, from_data, load, loads
    from ._errors import (
        AssetsMissing,
        AsyncAPIToolsError,
        InputError,
        MergeError,
        TemplateError,
        YAMLSyntaxError,
    )
    from ._merge import MergeChange, merge, merge_with_report
    from ._naming import Collision, NameRegistry, pascal_case
    from ._pipeline import BuildResult, build
    from ._pointer import escape as escape_pointer_step
    from ._pointer import join as json_pointer
    from ._pointer import resolve as resolve_json_pointer
    from ._pointer import split as split_json_pointer
    from ._render import BUILTIN_VARIABLES, parse_var, render_file, render_text
    from ._source import display_path
    from ._templates import builtin_templates, resolve_template, scaffold
    from ._titles import TitleChange, inject_titles
    from ._validate import validate
    from ._write import WriteResult, dumps, write
