"""A server command of the CLI (``mock``, ``serve``) run for real, as users run it.

``python -m asyncapi_tools COMMAND ... --port 0`` starts in a subprocess; the operating system
picks a free port (no race with another test choosing the same one), and the address is read from
the line the command prints when it listens. The process is always stopped when the block ends,
failure or not: Ctrl-C first (what users press), a kill if it does not exit in time.

The output is drained by a thread for the whole run, so a chatty server (``serve`` prints its
diagnostics on every rebuild) never blocks on a full pipe, and a test can read what it printed.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: How long a command may take to print its address (a cold start imports the whole pipeline).
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


@dataclass
class CLIServer:
    """A running server command: the address it printed and everything it has printed so far."""

    address: str
    process: subprocess.Popen[str]
    _lines: list[str] = field(default_factory=list)
    _reader: threading.Thread | None = None

    @property
    def output(self) -> str:
        """stdout and stderr so far, interleaved as printed."""
        return "".join(self._lines)

    def stop(self) -> int:
        """Ctrl-C, then a kill after ``STOP_TIMEOUT`` s; the exit code (negative: killed)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._reader is not None:
            self._reader.join(timeout=STOP_TIMEOUT)
        return self.process.returncode


@contextmanager
def cli_server(*args: str, address: str) -> Iterator[CLIServer]:
    """``asyncapi-tools ARGS`` until the block ends; ``address`` is a regular expression whose
    first group is the address in the line the command prints once it listens."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    process = subprocess.Popen(
        [sys.executable, "-m", "asyncapi_tools", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    lines: list[str] = []
    arrived: queue.Queue[str | None] = queue.Queue()

    def drain() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            arrived.put(line)
        arrived.put(None)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    server = CLIServer("", process, lines, reader)
    try:
        while not server.address:
            try:
                line = arrived.get(timeout=START_TIMEOUT)
            except queue.Empty:
                raise AssertionError(f"`{' '.join(args)}` printed no address in {START_TIMEOUT:.0f} s:\n{server.output}") from None
            if line is None:
                raise AssertionError(f"`{' '.join(args)}` exited with {process.wait()} before listening:\n{server.output}")
            found = re.search(address, line)
            server.address = found[1] if found else ""
        yield server
    finally:
        server.stop()
