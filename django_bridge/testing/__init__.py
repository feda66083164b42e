"""Contract testing: the spec as a test oracle for the consumers it documents.

- :class:`ContractCommunicator`: Channels' ``WebsocketCommunicator`` that fails on any frame the
  spec does not document, and waits for documented replies (``expect_reply``).
- The pytest plugin (:mod:`django_bridge.testing.plugin`, registered through ``pytest11``): the
  ``asyncapi_spec`` and ``contract_communicator`` fixtures, and ``pytest --asyncapi-contract``,
  which generates a test for every documented client operation.
- :class:`FrameCheckMiddleware`: the same checks on live connections in development
  (``FRAME_CHECKS`` setting).
- :func:`contract_for`: the contract (and its frame checker) of a file, a document or the routing.
- :func:`run_sync`: ``asyncio.run()`` for a test's conversation, also where the thread already
  runs an event loop.

Names are imported lazily: the plugin loads this package in every pytest run.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "ContractCommunicator": "communicator",
    "ContractViolation": "violations",
    "contract_for": "specs",
    "FrameCheckMiddleware": "frame_checks",
    "run_sync": "sync",
}

__all__ = ["ContractCommunicator", "ContractViolation", "FrameCheckMiddleware", "contract_for", "run_sync"]


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'django_bridge.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from .communicator import ContractCommunicator
    from .frame_checks import FrameCheckMiddleware
    from .specs import contract_for
    from .sync import run_sync
    from .violations import ContractViolation
