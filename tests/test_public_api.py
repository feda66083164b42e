"""The public names of both packages, pinned (as httpx pins its own in tests/test_exported_members.py).

Adding or removing a public name is a decision: this test makes it a visible one, in the diff of
this file. Every pinned name resolves to a documented object defined in the package, and every
name the lazy export tables know is in ``__all__`` (nothing public by accident). The contract
testing subpackage, ``django_bridge.testing``, is pinned the same way; its pytest plugin is public
by its dotted name (the ``pytest11`` entry point, and ``pytest -p django_bridge.testing.plugin``).
"""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import entry_points
from types import ModuleType

import pytest

import asyncapi_tools
import django_bridge
import django_bridge.testing

ASYNCAPI_TOOLS = [
    "AssetsMissing",
    "AsyncAPIToolsError",
    "BUILTIN_VARIABLES",
    "BuildResult",
    "CheckResult",
    "ClientCheck",
    "ClientWrite",
    "Collision",
    "Contract",
    "ContractChannel",
    "ContractMessage",
    "ContractOperation",
    "Diagnostic",
    "DiffChange",
    "Document",
    "FrameChecker",
    "FrameSide",
    "InputError",
    "MergeChange",
    "MergeError",
    "MockOptions",
    "MockServer",
    "NameRegistry",
    "Severity",
    "TemplateError",
    "TitleChange",
    "Verdict",
    "WriteResult",
    "YAMLSyntaxError",
    "__version__",
    "build",
    "builtin_templates",
    "check",
    "check_client",
    "diagnostics_summary",
    "diff",
    "display_path",
    "drift_report",
    "dumps",
    "escape_pointer_step",
    "format_diagnostics",
    "frame_strategy",
    "from_data",
    "generate_client",
    "inject_titles",
    "json_pointer",
    "load",
    "loads",
    "merge",
    "merge_with_report",
    "parse_var",
    "pascal_case",
    "render_file",
    "render_text",
    "resolve_json_pointer",
    "resolve_template",
    "scaffold",
    "split_json_pointer",
    "unique_diagnostics",
    "validate",
    "write",
    "write_client",
    "write_html",
]

DJANGO_BRIDGE = [
    "AsyncAPIDocView",
    "AsyncAPIGenerator",
    "AsyncAPISpecView",
    "BridgeError",
    "BridgeSettings",
    "BuiltSpec",
    "ChannelDoc",
    "ConfigurationError",
    "DecoratorError",
    "HandlerDoc",
    "PayloadError",
    "Route",
    "SpecCache",
    "VIEWER_CSS",
    "VIEWER_JS",
    "VIEWER_VERSION",
    "WireFormat",
    "allow_any",
    "allow_authenticated",
    "allow_staff",
    "build_settings",
    "channel_doc",
    "client_message",
    "consumer_findings",
    "discover",
    "document_action",
    "document_channel",
    "document_event",
    "documented",
    "documented_handlers",
    "frame_example",
    "get_settings",
    "handler_doc",
    "resolve_wire",
    "server_message",
    "spec_cache",
]

DJANGO_BRIDGE_TESTING = [
    "ContractCommunicator",
    "ContractViolation",
    "FrameCheckMiddleware",
    "contract_for",
    "run_sync",
]

PACKAGES = [(asyncapi_tools, ASYNCAPI_TOOLS), (django_bridge, DJANGO_BRIDGE), (django_bridge.testing, DJANGO_BRIDGE_TESTING)]
IDS = [package.__name__ for package, _ in PACKAGES]
PLUGIN = "django_bridge.testing.plugin"


@pytest.mark.parametrize(("package", "pinned"), PACKAGES, ids=IDS)
def test_the_public_names_are_the_pinned_ones(package: ModuleType, pinned: list[str]) -> None:
    assert sorted(package.__all__) == sorted(pinned)
    assert sorted(dir(package)) == sorted(pinned)


@pytest.mark.parametrize(("package", "pinned"), PACKAGES, ids=IDS)
def test_every_exported_name_resolves_inside_the_package(package: ModuleType, pinned: list[str]) -> None:
    for name in pinned:
        value = getattr(package, name)
        origin = getattr(value, "__module__", None)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert origin is not None and origin.startswith(package.__name__ + "."), (name, origin)
            # its own docstring: one inherited from a base class says what the base is for
            assert (value.__doc__ or "").strip(), f"{package.__name__}.{name} has no docstring"


@pytest.mark.parametrize(("package", "pinned"), PACKAGES, ids=IDS)
def test_every_public_method_says_what_it_is_for(package: ModuleType, pinned: list[str]) -> None:
    """docs/api.md is generated from these docstrings: a method without one is a blank entry."""
    blank = [
        f"{package.__name__}.{name}.{attribute}"
        for name in pinned
        if inspect.isclass(value := getattr(package, name))
        for attribute, member in vars(value).items()
        if not attribute.startswith("_") and inspect.isfunction(member) and not (member.__doc__ or "").strip()
    ]
    assert blank == []


@pytest.mark.parametrize(("package", "pinned"), PACKAGES, ids=IDS)
def test_the_lazy_export_table_publishes_nothing_else(package: ModuleType, pinned: list[str]) -> None:
    table: dict[str, str] = package._EXPORTS  # the packages' own lazy-import tables
    assert set(table) <= set(pinned)
    assert set(pinned) - set(table) <= {"__version__"}


def test_an_unknown_name_is_an_attribute_error() -> None:
    for package, _ in PACKAGES:
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            package.nope  # noqa: B018


def test_the_pytest_plugin_is_public_by_its_dotted_name() -> None:
    """Users name the plugin module (``-p``, ``pytest_plugins``) and pip registers it by that name:
    moving it is a breaking change, like removing a pinned name."""
    (entry,) = [entry for entry in entry_points(group="pytest11") if entry.value.startswith("django_bridge")]
    plugin = importlib.import_module(PLUGIN)
    assert (entry.name, entry.value) == (PLUGIN, PLUGIN) and entry.load() is plugin
    fixtures = ["asyncapi_application", "asyncapi_spec", "asyncapi_url_params", "asyncapi_handshake", "asyncapi_error_messages", "contract_communicator"]
    assert all(callable(getattr(plugin, name)) for name in fixtures)
    assert callable(plugin.pytest_addoption) and callable(plugin.pytest_collection_modifyitems)
