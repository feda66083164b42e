"""The pytest plugin's own behaviour: cheap to load, clear usage errors, a consumer that raises."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from asyncapi_tools import Contract
from django_bridge import AsyncAPIGenerator
from django_bridge.testing.contract_run import RunOptions, run_operation
from django_bridge.testing.handshake import Handshake
from django_bridge.testing.specs import contract_for

from .test_communicator import CounterConsumer

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


def test_a_consumer_that_raises_names_the_operation_and_the_frame() -> None:
    class Raising(CounterConsumer):
        async def receive_json(self, content, **kwargs):  # type: ignore[no-untyped-def]
            raise KeyError("total")

    spec = AsyncAPIGenerator(CounterConsumer, channel_path="/ws/counter/").get_spec()
    contract: Contract = contract_for(spec)[0]
    channel = contract.channels["Counter"]
    (operation, *_) = channel.client_operations()
    try:
        run_operation(Raising.as_asgi(), contract, channel, operation, Handshake(path="/ws/counter/"), RunOptions(generated=0))
    except AssertionError as failure:
        text = str(failure)
    else:
        raise AssertionError("the contract run passed a consumer that raises")
    assert text.startswith("operation Add (#/operations/Add), example #0 of Add: the consumer raised KeyError: 'total'")
    assert 'frame: {"op": "add", "by": 2}' in text
