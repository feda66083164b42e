"""The live preview: a stdlib HTTP server on a thread that rebuilds the page when the spec changes.

The page polls ``/__state`` (a JSON ``{"version"}``) once a second and reloads when the version
moved; each poll compares the watched files' size and modification time, and rebuilds only then.
Polling rather than server-sent events keeps every request short, so a small thread pool is
enough, and a stopped server shows as "preview server stopped" instead of a hanging request.
A build that fails (a YAML syntax error, say) keeps the last good spec on screen, with the error.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .._diagnostics import Diagnostic
from ._page import ASSETS, Page, build_page

#: What a build gives the preview: the spec as plain data (None when there is none yet) and
#: the diagnostics to show.
Build = Callable[[], "tuple[Mapping[str, Any] | None, Sequence[Diagnostic]]"]

STATE_PATH = "/__state"
CONTENT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@dataclass(frozen=True)
class Snapshot:
    version: str
    page: Page


class Preview:
    """The current page for the watched files; thread-safe (one rebuild at a time)."""

    def __init__(self, build: Build, watched: Sequence[Path], *, viewer: Mapping[str, Any] | None = None) -> None:
        self._build = build
        self._watched = [Path(path) for path in watched]
        self._viewer = dict(viewer or {})
        self._lock = threading.Lock()
        self._signature: tuple[tuple[int, int] | None, ...] | None = None
        self._last_spec: Mapping[str, Any] | None = None
        self._snapshot: Snapshot | None = None

    def _stat(self) -> tuple[tuple[int, int] | None, ...]:
        signature: list[tuple[int, int] | None] = []
        for path in self._watched:
            try:
                info = path.stat()
            except OSError:
                signature.append(None)
            else:
                signature.append((info.st_mtime_ns, info.st_size))
        return tuple(signature)

    def current(self) -> Snapshot:
        """The page for the files as they are now (rebuilt only when one of them changed)."""
        with self._lock:
            signature = self._stat()
            if self._snapshot is None or signature != self._signature:
                self._signature = signature
                spec, diagnostics = self._build()
                if spec is not None:
                    self._last_spec = spec
                data = json.dumps([self._last_spec, [d.format() for d in diagnostics]], sort_keys=True, default=str)
                version = hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]
                if self._snapshot is None or version != self._snapshot.version:
                    page = build_page(
                        self._last_spec,
                        inline=False,
                        diagnostics=diagnostics,
                        live={"url": STATE_PATH, "version": version},
                        viewer=self._viewer,
                        asset_prefix="/assets/",
                    )
                    self._snapshot = Snapshot(version=version, page=page)
            return self._snapshot


def make_server(preview: Preview, host: str = "127.0.0.1", port: int = 8765) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (port 0 picks a free one); call ``serve_forever``."""
    asset_names = {name for name, _, _ in ASSETS}

    class Handler(BaseHTTPRequestHandler):
        server_version = "asyncapi-tools-preview"

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the page polls every second."""

        def _send(self, status: HTTPStatus, body: bytes, content_type: str, *, policy: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            if policy:
                self.send_header("Content-Security-Policy", policy)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            snapshot = preview.current()
            if path in ("/", "/index.html"):
                page = snapshot.page
                self._send(HTTPStatus.OK, page.html.encode("utf-8"), "text/html; charset=utf-8", policy=page.policy)
            elif path == STATE_PATH:
                self._send(HTTPStatus.OK, json.dumps({"version": snapshot.version}).encode(), "application/json")
            elif path.startswith("/assets/") and path[len("/assets/") :] in asset_names:
                name = path[len("/assets/") :]
                self._send(HTTPStatus.OK, snapshot.page.files[name], CONTENT_TYPES[Path(name).suffix])
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
