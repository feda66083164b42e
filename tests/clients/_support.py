"""Specs to make clients from (the demo's and the wire project's, generated from their code), the
`client` command run as a user runs it, and tsc (pinned in package.json) with --strict."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.demo.server import REPO, demo_env, manage

TSC = REPO / "node_modules" / ".bin" / "tsc"
WIRE_SPEC_SCRIPT = (
    "import django; django.setup()\n"
    "from django_bridge import AsyncAPIGenerator\n"
    "from tests.wire_project.asgi import application\n"
    "print(AsyncAPIGenerator.from_routing(application).get_yaml(), end='')\n"
)


def demo_spec(tmp: Path) -> Path:
    """The Dispatch demo's document, exported by its own manage.py."""
    target = tmp / "demo.yaml"
    manage(demo_env(tmp), "export_asyncapi", "-o", str(target))
    return target


def wire_spec(tmp: Path) -> Path:
    """The wire-format project's document (every wire shape: flat, envelope, none)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.wire_project.settings", "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-c", WIRE_SPEC_SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True)
    target = tmp / "wire.yaml"
    target.write_text(result.stdout, encoding="utf-8")
    return target


def client_command(spec: Path, lang: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "asyncapi_tools", "client", str(spec), "--lang", lang, "-o", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def generate(spec: Path, lang: str, out: Path) -> Path:
    result = client_command(spec, lang, out)
    assert result.returncode == 0, result.stderr
    return out


@contextmanager
def imported_client(spec: Path, folder: Path, name: str) -> Iterator[Any]:
    """The Python client of ``spec``, generated into ``folder/name`` and imported as ``name``
    (forgotten again afterwards, so another test can import a fresh one under the same name)."""
    generate(spec, "python", folder / name)
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(name)
    finally:
        sys.path.remove(str(folder))
        for module in [module for module in sys.modules if module.split(".")[0] == name]:
            del sys.modules[module]


def mypy_strict(folder: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """mypy --strict with no project configuration, as a user of the generated code runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", "/dev/null", *targets],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def tsc(folder: Path, *, emit: bool = False, module: str = "es2020") -> subprocess.CompletedProcess[str]:
    """tsc --strict over every .ts file of ``folder``, for browsers (lib dom) and no ambient
    @types: the client must compile on its own. With ``emit``, the JavaScript (ES modules, or
    ``module="commonjs"`` for node) lands beside the sources."""
    config = {
        "compilerOptions": {
            "strict": True,
            "target": "es2020",
            "lib": ["es2020", "dom"],
            "module": module,
            "moduleResolution": "node",
            "types": [],
            # what bundlers (esbuild, Vite, swc) compile with: one file at a time
            "isolatedModules": True,
            "noEmit": not emit,
        },
        "include": ["*.ts"],
    }
    (folder / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    return subprocess.run([str(TSC), "-p", str(folder)], capture_output=True, text=True, timeout=300, check=False)


@contextmanager
def serving_wire_project(log: Path) -> Iterator[str]:
    """daphne serving the wire project (tests/wire_project) on a free loopback port; its base URL.

    Its origin check allows ``http://localhost`` only, and its token middleware wants ``ann-token``.
    """
    from tests.demo.server import START_TIMEOUT, free_port, stop

    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.wire_project.settings", "PYTHONPATH": str(REPO)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "tests.wire_project.asgi:application"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(process, port, log, START_TIMEOUT)
        yield f"ws://127.0.0.1:{port}"
    finally:
        stop(process)


def _wait_for_port(process: subprocess.Popen[bytes], port: int, log: Path, timeout: float) -> None:
    """Until daphne accepts TCP connections (the project has no HTTP views to ask)."""
    import socket
    import time

    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"daphne exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"daphne did not listen within {timeout:.0f} s:\n{log.read_text(errors='replace')}") from None
            time.sleep(0.2)
