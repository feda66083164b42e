"""``asyncapi-tools serve``, the live preview, as users run it: the real command in a subprocess
on a free port (always stopped), and HTTP requests to it. The page, its CSP header, the version
that moves when the file does, and the diagnostics of a broken edit."""

from __future__ import annotations

import json
import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from asyncapi_tools.cli import app
from tests._support.cli_server import CLIServer, cli_server

GOOD = "asyncapi: 3.0.0\ninfo:\n  title: Preview API\n  version: '1.0.0'\n"


@pytest.fixture(scope="module")
def spec_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "asyncapi.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def preview(spec_file: Path) -> Iterator[CLIServer]:
    """One ``serve`` process for the module (each start costs about a second)."""
    with cli_server("serve", str(spec_file), "--port", "0", address=r"at (http://127\.0\.0\.1:\d+)/") as server:
        yield server


@pytest.fixture
def server(preview: CLIServer, spec_file: Path) -> str:
    """The preview's URL, showing ``GOOD`` again, whatever the test before left in the file."""
    edit(spec_file, GOOD)
    assert page_config(get(preview.address + "/")[2])["diagnostics"] == []
    return preview.address


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def edit(path: Path, text: str) -> None:
    """Write and move the mtime forward, so even a same-size edit within one tick is seen."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def page_config(html: bytes) -> Any:
    match = re.search(rb'id="aat-config">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_the_page_comes_with_its_policy_and_local_assets(server: str) -> None:
    status, headers, body = get(server + "/")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-eval'" in policy and "connect-src 'self'" in policy
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy
    assert b'src="/assets/features.js"' in body
    status, headers, script = get(server + "/assets/features.js")
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert b"AsyncApiDocsFeatures" in script
    assert get(server + "/assets/../../etc/passwd")[0] == 404
    assert get(server + "/secret.yaml")[0] == 404


def test_the_version_moves_only_when_the_spec_changes(server: str, spec_file: Path) -> None:
    first = json.loads(get(server + "/__state")[2])["version"]
    assert json.loads(get(server + "/__state")[2])["version"] == first
    os.utime(spec_file)  # touched, same content: the page need not reload
    assert json.loads(get(server + "/__state")[2])["version"] == first
    edit(spec_file, GOOD.replace("Preview API", "Preview API v2"))
    second = json.loads(get(server + "/__state")[2])["version"]
    assert second != first
    assert page_config(get(server + "/")[2])["live"]["version"] == second


def test_a_broken_edit_keeps_the_last_spec_and_shows_where(server: str, spec_file: Path) -> None:
    assert get(server + "/")[0] == 200  # the good version, shown
    edit(spec_file, GOOD + "channels: [unclosed\n")
    html = get(server + "/")[2]
    config = page_config(html)
    assert config["diagnostics"] and config["diagnostics"][0]["severity"] == "error"
    assert re.search(r"asyncapi\.yaml:\d+:\d+", config["diagnostics"][0]["text"])
    spec = json.loads(re.search(rb'id="aat-spec">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert spec["info"]["title"] == "Preview API"


def test_validation_errors_reach_the_page(server: str, spec_file: Path) -> None:
    edit(spec_file, GOOD + "operations:\n  op:\n    action: publish\n")
    texts = [d["text"] for d in page_config(get(server + "/")[2])["diagnostics"]]
    assert any("publish" in text or "operations" in text for text in texts), texts


def test_serve_refuses_a_port_in_use_with_a_hint(spec_file: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", str(spec_file), "--port", str(port)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "--port" in result.output
