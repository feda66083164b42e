"""The pytest plugin's own behaviour: cheap to load, clear usage errors, a consumer that raises."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def python(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_loading_the_plugin_imports_neither_django_nor_the_contract_code() -> None:
    code = "import sys, django_bridge.testing.plugin; print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'channels', 'asyncapi_tools', 'hypothesis')))"
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_missing_spec_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    args = ["-m", "pytest", "-p", "django_bridge.testing.plugin", "--ds", "tests.wire_project.settings", "--asyncapi-contract", f"--asyncapi-spec={missing}"]
    result = python(*args, "-p", "no:cacheprovider", "-q", "tests/testing/wire_run")
    assert result.returncode == 4, result.stdout + result.stderr  # pytest's usage error
    assert "--asyncapi-contract:" in result.stderr and "nope.yaml" in result.stderr
    assert "Traceback" not in result.stderr


RAISING = """
from channels.routing import URLRouter
from django.urls import path

from tests.testing.test_communicator import CounterConsumer


class Raising(CounterConsumer):
    async def receive_json(self, content, **kwargs):
        raise KeyError("total")


application = URLRouter([path("ws/counter/", Raising.as_asgi())])
"""


def test_a_consumer_that_raises_names_the_operation_and_the_frame(tmp_path: Path) -> None:
    """The generated test of a consumer that raises on the documented example fails, naming the
    operation, the example and the frame (the spec is generated from the application's routing)."""
    (tmp_path / "raising_app.py").write_text(RAISING, encoding="utf-8")
    args = ["-m", "pytest", "-p", "django_bridge.testing.plugin", "--ds", "tests.wire_project.settings", "--asyncapi-contract"]
    options = ["--asyncapi-application=raising_app.application", "--asyncapi-examples=0", "--rootdir", str(tmp_path)]
    result = python(*args, *options, "-p", "no:cacheprovider", "-q", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout and "asyncapi_contract[Counter::Add]" in result.stdout, result.stdout
    assert "operation Add (#/operations/Add), example #0 of Add: the consumer raised KeyError: 'total'" in result.stdout
    assert 'frame: {"op": "add", "by": 2}' in result.stdout
