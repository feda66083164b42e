"""``pytest --asyncapi-contract`` run for real, in a subprocess, on the Dispatch demo and on the
wire project: every documented client operation gets a test, and they pass; then the demo's
handlers drift from a committed spec and the run fails with the located message."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import asyncapi_tools

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "dispatch"


def run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join([str(REPO), environment.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout)


def client_operations(spec_file: Path) -> set[str]:
    """``Channel::Operation`` of every client operation (``action: receive``) of a spec file."""
    tree = asyncapi_tools.load(spec_file).plain()
    return {
        f"{body['channel']['$ref'].rsplit('/', 1)[1]}::{operation_id}"
        for operation_id, body in tree["operations"].items()
        if body["action"] == "receive"
    }


def contract_results(output: str) -> dict[str, str]:
    """``Channel::Operation`` → PASSED / FAILED, from ``-rA`` output."""
    return {match[2]: match[1] for match in re.finditer(r"^(PASSED|FAILED) \S*::asyncapi_contract\[([^\]]+)\]", output, re.MULTILINE)}


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {"DISPATCH_DB": str(tmp_path_factory.mktemp("demo") / "demo.sqlite3"), "DJANGO_SETTINGS_MODULE": "dispatch_demo.settings"}


@pytest.fixture(scope="module")
def demo_spec(demo_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's spec as a project commits it (``export_asyncapi`` from the routing)."""
    path = tmp_path_factory.mktemp("spec") / "asyncapi.yaml"
    result = run(["manage.py", "export_asyncapi", "-o", str(path)], cwd=DEMO, env=demo_env)
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.slow
def test_the_demo_honours_every_documented_client_operation(demo_env: dict[str, str], demo_spec: Path) -> None:
    result = run(["-m", "pytest", "--asyncapi-contract", "--asyncapi-examples", "10", "-p", "no:cacheprovider", "-rA", "-q"], cwd=DEMO, env=demo_env)
    results = contract_results(result.stdout)
    assert result.returncode == 0, result.stdout[-4000:]
    # 100% of the documented client operations, every one passing (the hand-written tests too)
    assert set(results) == client_operations(demo_spec) and set(results.values()) == {"PASSED"}, results
    assert re.search(r"\b9 passed\b", result.stdout), result.stdout[-2000:]


@pytest.mark.slow
def test_the_wire_project_honours_every_documented_client_operation(tmp_path: Path) -> None:
    args = ["-m", "pytest", "-p", "django_bridge.testing.plugin", "--ds", "tests.wire_project.settings", "--asyncapi-contract"]
    result = run([*args, "--asyncapi-examples", "10", "-p", "no:cacheprovider", "-rA", "-q", "tests/testing/wire_run"], cwd=REPO)
    assert result.returncode == 0, result.stdout[-4000:]
    results = contract_results(result.stdout)
    spec = tmp_path / "wire.yaml"
    export = run(["-m", "django", "export_asyncapi", "-o", str(spec)], cwd=REPO, env={"DJANGO_SETTINGS_MODULE": "tests.wire_project.settings"})
    assert export.returncode == 0, export.stderr
    assert set(results) == client_operations(spec) and set(results.values()) == {"PASSED"}, results
    assert len(results) == 8  # four channels (the room at two addresses), two client messages each


DRIFT = '''
"""Three handlers drift from the committed spec: a renamed field, an undocumented frame, no reply."""

from rides.consumers import DispatchConsumer, NotificationsConsumer


async def handle_ping(self, content):
    await self.send_json({"type": "pong", "server_tme": 1.0})


async def handle_cancel_ride(self, content):
    await self.send_json({"type": "ride.canceled", "ride_id": content["ride_id"]})


async def handle_mark_read(self, content):
    pass


def pytest_configure(config):
    DispatchConsumer.handle_ping = handle_ping
    DispatchConsumer.handle_cancel_ride = handle_cancel_ride
    NotificationsConsumer.handle_mark_read = handle_mark_read
'''


@pytest.mark.slow
def test_drift_from_the_committed_spec_fails_the_contract_run_with_located_messages(
    demo_env: dict[str, str], demo_spec: Path, tmp_path: Path
) -> None:
    (tmp_path / "drift.py").write_text(DRIFT, encoding="utf-8")
    env = {**demo_env, "PYTHONPATH": str(tmp_path)}
    args = ["-m", "pytest", "-p", "drift", "--asyncapi-contract", "-m", "asyncapi_contract", f"--asyncapi-spec={demo_spec}"]
    result = run([*args, "--asyncapi-examples", "3", "--asyncapi-timeout", "0.3", "-p", "no:cacheprovider", "-rA", "-q"], cwd=DEMO, env=env)
    out = result.stdout
    assert result.returncode == 1, out[-4000:]
    assert contract_results(out) == {
        "Dispatch::DispatchRequestRide": "PASSED",
        "Dispatch::DispatchAcceptOffer": "PASSED",
        "Dispatch::DispatchPing": "FAILED",
        "Dispatch::DispatchCancelRide": "FAILED",
        "Notifications::NotificationsMarkRead": "FAILED",
    }
    spec_name = demo_spec.name
    # a renamed field: the message, the field, where it is missing in the frame, the spec keyword with its line
    assert "invalid server frame on channel Dispatch (/ws/dispatch/): it does not match message DispatchPong" in out
    assert "operation: DispatchPing  #/operations/DispatchPing (" in out
    assert re.search(r"field:\s+server_time  \(at /server_time in the frame\)", out)
    assert re.search(r'problem: "server_time" is a required property', out)
    assert re.search(rf"spec:\s+#/components/messages/DispatchPong/payload/required \([^()]*{spec_name}:\d+:\d+\)", out)
    assert 'frame:     {"type": "pong", "server_tme": 1.0}' in out
    # an undocumented frame: which discriminator value it carries and what is documented
    assert re.search(r'undocumented server frame on channel Dispatch \(/ws/dispatch/\): it carries type="ride.canceled"; documented: .*"ride.cancelled"', out)
    # a missing reply: the operation, the reply it documents, the spec location
    assert re.search(
        rf"operation NotificationsMarkRead on channel Notifications: no documented reply \(NotificationsNotificationRead\) within 0.3 s "
        rf"\(#/operations/NotificationsMarkRead/reply \([^()]*{spec_name}:\d+:\d+\)\)",
        out,
    )
