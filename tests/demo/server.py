"""The Dispatch demo under a real ASGI server: daphne in a subprocess on a free loopback port.

Used by the browser tests and the demo's own tests. Each server gets the demo's settings (or a
test module built on them), its SQLite file under the test's temporary folder (shared when
several servers must see the same users), and a log file that is printed when it fails to start.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "dispatch"
#: How long a server may take to answer its first request (the first import of the viewer's
#: dependencies is slow on a loaded 2-core machine).
START_TIMEOUT = 30.0


@dataclass
class DemoServer:
    url: str
    port: int
    env: dict[str, str]
    log: Path

    def manage(self, *args: str) -> str:
        """Run the demo's manage.py against the same settings and database; stdout, stripped."""
        return manage(self.env, *args)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def demo_env(tmp: Path, *, settings_module: str = "dispatch_demo.settings", **extra: str) -> dict[str, str]:
    """The environment of a demo process: its settings, its apps on the path, its database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": os.pathsep.join([str(DEMO), str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "DISPATCH_DB": str(tmp / "demo.sqlite3"),
        "DJANGO_DEBUG": "1",
        **extra,
    }


def manage(env: Mapping[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=DEMO, env=dict(env), capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
    return result.stdout.strip()


@contextmanager
def running_demo(env: Mapping[str, str], log: Path, *, ready_path: str = "/ws-docs/") -> Iterator[DemoServer]:
    """daphne serving the demo with ``env`` until the block ends (then stopped, killed if it hangs).

    The database must be migrated already (``manage(env, "migrate", ...)``), so that two servers
    sharing one database do not migrate it at the same time.
    """
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "dispatch_demo.asgi:application"],
            cwd=DEMO,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, url + ready_path, log)
        yield DemoServer(url=url, port=port, env=dict(env), log=log)
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server this test started: SIGTERM, then SIGKILL if it has not exited in 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def start_demo(tmp: Path, *, settings_module: str = "dispatch_demo.settings", **extra: str) -> Iterator[DemoServer]:
    """Migrate a fresh database in ``tmp`` and serve the demo (a generator, for pytest fixtures)."""
    env = demo_env(tmp, settings_module=settings_module, **extra)
    manage(env, "migrate", "--noinput", "-v", "0")
    with running_demo(env, tmp / "daphne.log") as server:
        yield server


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"daphne exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the demo did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)
