"""The per-process cache of built specs and their rendered bytes, one build per key.

Built specs are kept by key (only what shapes the bytes: never a value the client alone chose),
the least recently used dropped beyond a bound; concurrent cold requests for one key run one
build; YAML and JSON are each rendered once per spec. The cache is dropped whenever Django
reports a settings change, since settings are not part of the key.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from django.core.signals import setting_changed

if TYPE_CHECKING:
    from asyncapi_tools import Diagnostic, Document

Format = Literal["yaml", "json"]
CONTENT_TYPES: dict[str, str] = {"yaml": "application/yaml; charset=utf-8", "json": "application/json"}


@dataclass(frozen=True)
class Rendered:
    """One spec in one format, ready to send."""

    body: bytes
    etag: str
    content_type: str


@dataclass
class BuiltSpec:
    """A built spec: its plain data, the text of a served file, and what building it reported."""

    data: dict[str, Any]
    document: Document | None = None
    #: A committed file's own text, served byte for byte as YAML (its comments kept).
    file_text: str | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    rendered: dict[str, Rendered] = field(default_factory=dict)
    validation: list[Diagnostic] | None = None
    #: Held while rendering or validating, so concurrent requests do that work once.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)


class _Flight:
    """One build in progress: the requests that want the same key wait for it."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.spec: BuiltSpec | None = None
        self.error: BaseException | None = None


class SpecCache:
    """Built specs by key, least recently used dropped beyond ``max_entries``; one build per key.

    Keys hold only what shapes the bytes (view attributes, servers, a file's mtime); settings are
    not in the key because :func:`clear` runs on every ``setting_changed``, and the request is not
    in it at all: the servers come from settings or from a short list of hosts the site declares
    (:func:`~django_bridge.web.negotiation.served_host`), so a client cannot mint new keys.
    Concurrent cold requests for one key run one build (single flight): the first builds, the
    others wait and share its result, or its error. A build that a :meth:`clear` overtook is
    handed to its waiters but not stored. ``hits``, ``misses`` and ``builds`` count, so tests (and
    curious operators) can see the cache working.
    """

    def __init__(self, *, max_entries: int = 64) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, BuiltSpec] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._generation = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.builds = 0

    def get(self, key: Hashable, build: Callable[[], BuiltSpec]) -> BuiltSpec:
        """The spec stored under ``key``, built by ``build`` (once, however many callers wait)."""
        with self._lock:
            spec = self._entries.get(key)
            if spec is not None:
                self.hits += 1
                self._entries.move_to_end(key)
                return spec
            self.misses += 1
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
                self.builds += 1
            generation = self._generation
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            assert flight.spec is not None
            return flight.spec
        try:
            # Outside the lock: a slow build must not hold up cached answers for other keys.
            flight.spec = build()
        except BaseException as exc:
            flight.error = exc  # not cached: a fixed file or payload is seen on the next request
            raise
        finally:
            with self._lock:
                if self._flights.get(key) is flight:
                    del self._flights[key]
                if flight.spec is not None and generation == self._generation:
                    self._entries[key] = flight.spec
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            flight.done.set()
        return flight.spec

    def render(self, spec: BuiltSpec, fmt: Format) -> Rendered:
        """The spec's bytes in ``fmt``: rendered once (concurrent requests wait), then kept."""
        rendered = spec.rendered.get(fmt)
        if rendered is not None:
            return rendered
        with spec.lock:
            rendered = spec.rendered.get(fmt)
            if rendered is None:
                body = render_text(spec, fmt).encode("utf-8")
                rendered = Rendered(body=body, etag=f'"{hashlib.sha256(body).hexdigest()[:40]}"', content_type=CONTENT_TYPES[fmt])
                spec.rendered[fmt] = rendered
        return rendered

    def clear(self) -> None:
        """Forget every built spec (builds in flight finish for their waiters, unstored)."""
        with self._lock:
            self._entries.clear()
            self._generation += 1

    def __len__(self) -> int:
        return len(self._entries)


#: The one cache of the process.
spec_cache = SpecCache()


def render_text(spec: BuiltSpec, fmt: Format) -> str:
    """The spec as text: JSON from its data; YAML as the committed file was written, or dumped."""
    if fmt == "json":
        return json.dumps(spec.data, indent=2, ensure_ascii=False) + "\n"
    if spec.file_text is not None:
        return spec.file_text
    from asyncapi_tools import dumps, from_data

    return dumps(spec.document or from_data(spec.data))


def validation(spec: BuiltSpec) -> list[Diagnostic]:
    """The validator's findings for ``spec``, found once and kept with it."""
    if spec.validation is None:
        with spec.lock:
            if spec.validation is None:
                from asyncapi_tools import build, from_data

                # the pipeline's validation; no titles: a served file is shown as committed, and a
                # generated spec has them already
                spec.validation = build(spec.document or from_data(spec.data), titles=False).diagnostics
    return spec.validation


def _settings_changed(**_: Any) -> None:
    spec_cache.clear()


setting_changed.connect(_settings_changed, dispatch_uid="django_bridge.web.spec_cache.settings_changed")
