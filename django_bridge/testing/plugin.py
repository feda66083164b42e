"""The pytest plugin (entry point ``pytest11``): contract fixtures, and ``--asyncapi-contract``.

Fixtures, each overridable in your conftest.py:

- ``asyncapi_application``: the ASGI application under test (``--asyncapi-application`` or
  ``settings.ASGI_APPLICATION``);
- ``asyncapi_spec``: the :class:`~asyncapi_tools.Contract` (``--asyncapi-spec FILE``,
  else generated from the application's routing);
- ``asyncapi_url_params``: URL parameter values, ``{"room": "lobby"}``;
- ``asyncapi_handshake``: ``query``, ``headers``, ``scope`` (``{"user": user}``) and
  ``subprotocols`` for every connection, or a callable taking the channel id;
- ``asyncapi_error_messages``: server messages that may answer a generated frame instead of a
  reply (a documented error);
- ``contract_communicator``: a factory, ``contract_communicator("/ws/rooms/lobby/")`` or
  ``contract_communicator(channel="Room")``, of connected-ready ContractCommunicators.

``pytest --asyncapi-contract`` adds one test per documented client operation of every channel
(marked ``asyncapi_contract``). They sit beside the deepest directory that holds every test
collected, so the fixtures of that directory's conftest.py apply.

This module imports neither Django nor the contract code until a fixture or the switch needs them:
it is loaded in every pytest run of an environment that has asyncapi-tools installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from asyncapi_tools import Contract

    from .communicator import ContractCommunicator

MARKER = "asyncapi_contract"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("asyncapi", "AsyncAPI contract tests (django_bridge.testing)")
    group.addoption("--asyncapi-contract", action="store_true", default=False, help="Add a contract test for every documented client operation of the spec.")
    group.addoption("--asyncapi-spec", default=None, metavar="FILE", help="The spec to test against (default: generated from the routing).")
    group.addoption("--asyncapi-application", default=None, metavar="DOTTED.PATH", help="The ASGI application (default: settings.ASGI_APPLICATION).")
    group.addoption("--asyncapi-examples", type=int, default=20, metavar="N", help="Frames generated from each client message's schema (default 20; 0: examples only).")
    group.addoption("--asyncapi-timeout", type=float, default=1.0, metavar="SECONDS", help="How long to wait for a documented reply (default 1).")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: a contract test generated from the AsyncAPI spec (--asyncapi-contract)")


# -- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def asyncapi_application(pytestconfig: pytest.Config) -> Any:
    """The ASGI application the contract tests connect to."""
    return _application(pytestconfig)


@pytest.fixture(scope="session")
def asyncapi_spec(pytestconfig: pytest.Config, asyncapi_application: Any) -> Contract:
    """The contract: ``--asyncapi-spec FILE``, or the spec generated from the application's routing."""
    from .specs import contract_for

    return contract_for(pytestconfig.getoption("asyncapi_spec", default=None), application=asyncapi_application)[0]


@pytest.fixture
def asyncapi_url_params() -> dict[str, Any]:
    """Values of the channels' URL parameters (``{"room": "lobby"}``); override in conftest.py."""
    return {}


@pytest.fixture
def asyncapi_handshake() -> Any:
    """``query``, ``headers``, ``scope`` and ``subprotocols`` of every connection (or a callable
    taking the channel id and returning them); override in conftest.py for authentication."""
    return {}


@pytest.fixture
def asyncapi_error_messages() -> tuple[str, ...]:
    """Server messages (keys or names) that may answer a generated frame instead of its reply."""
    return ()


@pytest.fixture
def contract_communicator(asyncapi_application: Any, asyncapi_spec: Contract, asyncapi_url_params: Any, asyncapi_handshake: Any) -> Any:
    """A factory of ContractCommunicators on ``path`` (or on ``channel``, its address filled in
    from ``asyncapi_url_params``), with the handshake of ``asyncapi_handshake``."""
    from .communicator import ContractCommunicator
    from .handshake import handshake_for
    from .violations import ContractViolation

    def make(path: str | None = None, *, channel: str | None = None, **kwargs: Any) -> ContractCommunicator:
        if channel is not None and channel not in asyncapi_spec.channels:
            raise ContractViolation(f"the spec has no channel {channel!r}; it has: {', '.join(asyncapi_spec.channels)}")
        found = asyncapi_spec.channels[channel] if channel else asyncapi_spec.channel_for_path(path or "")
        if found is None:
            raise ContractViolation(f"no channel of the spec has the address {path!r}")
        shake = handshake_for(found, url_params=asyncapi_url_params, handshake=asyncapi_handshake)
        target = path or shake.path
        if path is not None and "?" not in path and "?" in shake.path:
            target = f"{path}?{shake.path.split('?', 1)[1]}"
        kwargs.setdefault("headers", shake.headers)
        kwargs.setdefault("subprotocols", shake.subprotocols)
        kwargs.setdefault("scope", shake.scope)
        return ContractCommunicator(asyncapi_application, target, spec=asyncapi_spec, channel=found.id, **kwargs)

    return make


# -- generated contract tests -------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)  # before -m / -k deselect: the generated tests are selectable too
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("asyncapi_contract"):
        return
    from asyncapi_tools import AsyncAPIToolsError

    from .specs import contract_for

    try:
        contract = contract_for(config.getoption("asyncapi_spec"), application=_application(config))[0]
    except AsyncAPIToolsError as exc:
        raise pytest.UsageError(f"--asyncapi-contract: {exc}") from None
    directory = _common_directory(session, items)
    # a module of their own, so that module-scoped fixtures of the directory's conftest.py apply
    parent = _ContractModule.from_parent(directory, path=Path(str(directory.path)) / "asyncapi_contract")
    for channel in contract.channels.values():
        for operation in channel.client_operations():
            function = _contract_test(channel.id, operation.id)
            item = pytest.Function.from_parent(parent, name=f"asyncapi_contract[{channel.id}::{operation.id}]", callobj=function)
            item.add_marker(MARKER)
            items.append(item)


def _contract_test(channel_id: str, operation_id: str) -> Any:
    def test(
        pytestconfig: pytest.Config,
        asyncapi_application: Any,
        asyncapi_spec: Contract,
        asyncapi_url_params: Any,
        asyncapi_handshake: Any,
        asyncapi_error_messages: Any,
    ) -> None:
        from .contract_run import RunOptions, run_operation
        from .handshake import handshake_for
        from .violations import ContractViolation

        channel = asyncapi_spec.channels.get(channel_id)
        operation = next((op for op in channel.operations if op.id == operation_id), None) if channel else None
        if channel is None or operation is None:
            raise ContractViolation(f"the spec of asyncapi_spec has no operation {operation_id} on channel {channel_id} (it changed since collection?)")
        options = RunOptions(
            generated=pytestconfig.getoption("asyncapi_examples"),
            timeout=pytestconfig.getoption("asyncapi_timeout"),
            errors=tuple(asyncapi_error_messages),
        )
        shake = handshake_for(channel, url_params=asyncapi_url_params, handshake=asyncapi_handshake)
        run_operation(asyncapi_application, asyncapi_spec, channel, operation, shake, options)

    test.__name__ = f"asyncapi_contract_{channel_id}_{operation_id}"
    test.__doc__ = f"The consumer of channel {channel_id} honours operation {operation_id} of the spec."
    return test


class _ContractModule(pytest.Module):
    """The generated tests' module: it has no file, only a name under the directory it sits in."""

    def _getobj(self) -> Any:
        import types

        return types.ModuleType("asyncapi_contract", "Contract tests generated from the AsyncAPI spec.")


def _common_directory(session: pytest.Session, items: list[pytest.Item]) -> pytest.Collector:
    """The deepest directory collector above every collected item (the session when none)."""
    common: list[pytest.Collector] | None = None
    for item in items:
        chain: list[pytest.Collector] = [node for node in reversed(list(item.iter_parents())) if isinstance(node, pytest.Directory | pytest.Session)]
        if common is None:
            common = chain
        else:
            size = 0
            while size < min(len(common), len(chain)) and common[size] is chain[size]:
                size += 1
            common = common[:size]
    return common[-1] if common else session


def _application(config: pytest.Config) -> Any:
    from django.conf import settings
    from django.utils.module_loading import import_string

    dotted = config.getoption("asyncapi_application") or getattr(settings, "ASGI_APPLICATION", None)
    if not dotted:
        raise pytest.UsageError("no ASGI application to test: pass --asyncapi-application=project.asgi.application or set ASGI_APPLICATION")
    try:
        return import_string(dotted)
    except ImportError as exc:
        raise pytest.UsageError(f"--asyncapi-application / ASGI_APPLICATION {dotted!r} cannot be imported: {exc}") from None
