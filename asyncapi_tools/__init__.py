"""asyncapi-tools: one round-trip pipeline for AsyncAPI 3 documents.

    load / render  ->  inject_titles  ->  merge  ->  validate  ->  write (in place) / check
    diff(old, new)  ->  classified changes (breaking or not, by direction)
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
    "drift_report": "_diff",
    # contract: the spec as a test oracle for frames (django_bridge.testing, the mock server)
    "Contract": "_contract",
    "FrameChecker": "_contract",
    "Verdict": "_contract",
    "ContractChannel": "_contract:Channel",
    "ContractOperation": "_contract:Operation",
    "ContractMessage": "_contract:Message",
    "FrameSide": "_contract:Side",
    "frame_strategy": "_contract.samples:strategy",
    # a mock server from the spec (`asyncapi-tools mock`, or in a frontend's tests)
    "MockServer": "_mock",
    "MockOptions": "_mock",
    # docs pages
    "write_html": "_html:write_page",
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
    # ``X as X``: an explicit re-export, which mypy --strict needs to see these as public
    from ._check import CheckResult as CheckResult
    from ._check import check as check
    from ._client import ClientCheck as ClientCheck
    from ._client import ClientWrite as ClientWrite
    from ._client import check_client as check_client
    from ._client import generate_client as generate_client
    from ._client import write_client as write_client
    from ._contract import Channel as _ContractChannel
    from ._contract import Contract as Contract
    from ._contract import FrameChecker as FrameChecker
    from ._contract import Message as _ContractMessage
    from ._contract import Operation as _ContractOperation
    from ._contract import Side as _FrameSide
    from ._contract import Verdict as Verdict
    from ._contract.samples import strategy as _frame_strategy
    from ._diagnostics import Diagnostic as Diagnostic
    from ._diagnostics import Severity as Severity
    from ._diagnostics import format_text as _format_diagnostics
    from ._diagnostics import summary as _diagnostics_summary
    from ._diagnostics import unique as _unique_diagnostics
    from ._diff import DiffChange as DiffChange
    from ._diff import diff as diff
    from ._diff import drift_report as drift_report
    from ._document import Document as Document
    from ._document import from_data as from_data
    from ._document import load as load
    from ._document import loads as loads
    from ._errors import AssetsMissing as AssetsMissing
    from ._errors import AsyncAPIToolsError as AsyncAPIToolsError
    from ._errors import InputError as InputError
    from ._errors import MergeError as MergeError
    from ._errors import TemplateError as TemplateError
    from ._errors import YAMLSyntaxError as YAMLSyntaxError
    from ._html import write_page as _write_html
    from ._merge import MergeChange as MergeChange
    from ._merge import merge as merge
    from ._merge import merge_with_report as merge_with_report
    from ._mock import MockOptions as MockOptions
    from ._mock import MockServer as MockServer
    from ._naming import Collision as Collision
    from ._naming import NameRegistry as NameRegistry
    from ._naming import pascal_case as pascal_case
    from ._pipeline import BuildResult as BuildResult
    from ._pipeline import build as build
    from ._pointer import escape as _escape_pointer_step
    from ._pointer import join as _json_pointer
    from ._pointer import resolve as _resolve_json_pointer
    from ._pointer import split as _split_json_pointer
    from ._render import BUILTIN_VARIABLES as BUILTIN_VARIABLES
    from ._render import parse_var as parse_var
    from ._render import render_file as render_file
    from ._render import render_text as render_text
    from ._source import display_path as display_path
    from ._templates import builtin_templates as builtin_templates
    from ._templates import resolve_template as resolve_template
    from ._templates import scaffold as scaffold
    from ._titles import TitleChange as TitleChange
    from ._titles import inject_titles as inject_titles
    from ._validate import validate as validate
    from ._write import WriteResult as WriteResult
    from ._write import dumps as dumps
    from ._write import write as write

    # renamed names: an assignment exports them (``import a as b`` alone does not, for mypy)
    ContractChannel = _ContractChannel
    ContractMessage = _ContractMessage
    ContractOperation = _ContractOperation
    FrameSide = _FrameSide
    frame_strategy = _frame_strategy
    write_html = _write_html
    format_diagnostics = _format_diagnostics
    diagnostics_summary = _diagnostics_summary
    unique_diagnostics = _unique_diagnostics
    escape_pointer_step = _escape_pointer_step
    json_pointer = _json_pointer
    resolve_json_pointer = _resolve_json_pointer
    split_json_pointer = _split_json_pointer
