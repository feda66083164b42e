"""The docs page's try-it-out panel pointed at ``asyncapi-tools mock``: a frontend developer
working against the spec before the backend exists. The mock serves the demo's exported spec; the
demo's docs page documents the mock as its server."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.demo.server import DEMO, REPO, DemoServer, start_demo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def mock_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The demo's spec, exported as a project commits it, served by the mock on a free port."""
    tmp = tmp_path_factory.mktemp("mock")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dispatch_demo.settings",
        "DISPATCH_DB": str(tmp / "export.sqlite3"),
        "PYTHONPATH": os.pathsep.join([str(DEMO), str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    }
    spec = tmp / "asyncapi.yaml"
    subprocess.run([sys.executable, "manage.py", "export_asyncapi", "-o", str(spec)], cwd=DEMO, env=env, check=True, timeout=120, capture_output=True)
    process = subprocess.Popen([sys.executable, "-m", "asyncapi_tools", "mock", str(spec), "--port", "0"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        found = re.search(r"on ws://127\.0\.0\.1:(\d+)", line)
        assert found, line
        yield int(found[1])
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def docs_with_mock(mock_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    previous = os.environ.get("MOCK_PORT")
    os.environ["MOCK_PORT"] = str(mock_port)
    try:
        yield from start_demo(tmp_path_factory.mktemp("docs"), settings_module="tests.testing.mock_docs_settings")
    finally:
        if previous is None:
            os.environ.pop("MOCK_PORT", None)
        else:
            os.environ["MOCK_PORT"] = previous


def test_try_it_out_talks_to_the_mock(page: Any, docs_with_mock: DemoServer, mock_port: int) -> None:
    page.goto(docs_with_mock.url + "/ws-docs/")
    page.wait_for_selector("body[data-spec-state=loaded]")
    page.select_option("#dbx-server", label=f"mock (ws://127.0.0.1:{mock_port})")
    assert page.inner_text("#dbx-url") == f"ws://127.0.0.1:{mock_port}/ws/dispatch/"
    page.click("#dbx-connect")
    page.wait_for_selector("#dbx-status[data-state=open]")
    # the documented example of request_ride: the mock answers with the documented reply
    assert json.loads(page.input_value("#dbx-payload"))["action"] == "request_ride"
    page.click("#dbx-send")
    reply = page.locator("#dbx-log li[data-direction=in]", has=page.locator(".dbx-label", has_text="ride.requested")).first
    reply.wait_for()
    assert re.fullmatch(r"[0-9a-f-]{36}", json.loads(reply.locator("pre").inner_text())["ride_id"])
    assert page.locator("#dbx-log li[data-flag]").count() == 0
    # a frame the spec does not document: the mock's error frame names it, the panel flags it
    page.fill("#dbx-payload", '{"action": "echo", "text": "hi"}')
    page.click("#dbx-send")
    flagged = page.locator("#dbx-log li[data-direction=in][data-flag=undocumented]").first
    flagged.wait_for()
    error = json.loads(flagged.locator("pre").inner_text())
    assert error["error"].startswith('undocumented client frame on channel Dispatch (/ws/dispatch/): it carries action="echo"')
