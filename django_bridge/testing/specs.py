"""Where a contract comes from: a committed file, a document, plain data, or the project's routing.

A spec generated from the routing is built once per (application, settings) pair and reused by
every communicator and contract test of the run: generating is the slow part, checking is cheap.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import Any, Union

from asyncapi_tools import Contract, Document, FrameChecker

#: What ``spec=`` accepts: a Contract, a Document, plain data, a file path, or None (the routing).
SpecSource = Union[Contract, Document, Mapping[str, Any], str, "os.PathLike[str]", None]


class _ContractCache:
    """Contracts and their checkers, per source; entries live as long as the process (a test run).

    Keys hold the id of the application and of the settings object in effect: ``override_settings``
    of ``CHANNELS_SPECTACULAR_SETTINGS`` gives a new settings object, hence a fresh spec.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[Any, ...], tuple[Any, Contract, FrameChecker]] = {}

    def get(self, key: tuple[Any, ...], build: Any, keep: Any = None) -> tuple[Contract, FrameChecker]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                contract = build()
                # ``keep`` holds the keyed objects alive so that their ids are not reused
                entry = (keep, contract, FrameChecker(contract))
                self._entries[key] = entry
            return entry[1], entry[2]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


CACHE = _ContractCache()


def contract_for(spec: SpecSource = None, *, application: Any = None, path: str | None = None) -> tuple[Contract, FrameChecker]:
    """The contract ``spec`` describes, and its (shared) frame checker.

    ``spec=None`` generates it: from ``application``'s routing, or, for a bare consumer
    (``Consumer.as_asgi()``), from that consumer at ``path``; without an application, from
    ``settings.ASGI_APPLICATION``.
    """
    import asyncapi_tools

    if isinstance(spec, Contract):
        return CACHE.get(("contract", id(spec)), lambda: spec, keep=spec)
    if isinstance(spec, Document):
        return CACHE.get(("document", id(spec)), lambda: Contract.from_document(spec), keep=spec)
    if isinstance(spec, Mapping):
        return CACHE.get(("data", id(spec)), lambda: Contract.from_document(asyncapi_tools.from_data(spec, source="<spec>")), keep=spec)
    if isinstance(spec, str | os.PathLike):
        name = os.fspath(spec)
        try:
            stamp: int | None = os.stat(name).st_mtime_ns
        except OSError:
            stamp = None  # load() below says what is wrong with the path
        return CACHE.get(("file", os.path.abspath(name), stamp), lambda: Contract.from_document(asyncapi_tools.load(name)))
    return _generated(application, path)


def _generated(application: Any, path: str | None) -> tuple[Contract, FrameChecker]:
    from asyncapi_tools import from_data

    from ..conf import get_settings
    from ..generation.generator import AsyncAPIGenerator
    from .origins import origins

    settings = get_settings()
    consumer = getattr(application, "consumer_class", None)
    if isinstance(consumer, type) and path is not None:
        address = path.split("?", 1)[0]

        def build_one() -> Contract:
            spec = AsyncAPIGenerator(consumer, channel_path=address, settings=settings).get_spec()
            contract = Contract.from_document(from_data(spec, source=f"<spec of {consumer.__name__}>"))
            contract.origins = origins([(consumer, address)])
            return contract

        return CACHE.get(("consumer", consumer, address, id(settings)), build_one, keep=settings)

    def build_routing() -> Contract:
        generator = AsyncAPIGenerator.from_routing(application, settings=settings)
        contract = Contract.from_document(from_data(generator.get_spec(), source="<spec generated from the routing>"))
        contract.origins = origins(generator.consumers)
        return contract

    return CACHE.get(("routing", id(application), id(settings)), build_routing, keep=(application, settings))
