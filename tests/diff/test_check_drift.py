"""``asyncapi-tools check`` tells what regenerating a stale committed spec would break."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from asyncapi_tools.cli import app

from .cases import OBJ, OBJ_B, OBJ_REQ, document

runner = CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(source: str, committed: str) -> tuple[int, str]:
    Path("source.yaml").write_text(source, encoding="utf-8")
    Path("asyncapi.yaml").write_text(committed, encoding="utf-8")
    result = runner.invoke(
        app, ["check", "source.yaml", "--no-template", "--no-titles", "--against", "asyncapi.yaml"], catch_exceptions=False
    )
    return result.exit_code, result.stderr


def test_stale_spec_shows_the_breaking_change(workdir: Path) -> None:
    code, stderr = check(document(ask=OBJ_REQ), document(ask=OBJ))
    assert code == 1
    assert "asyncapi.yaml is stale" in stderr
    assert "what the refresh changes for clients (asyncapi.yaml -> regenerated):" in stderr
    assert "error[request-property-became-required]" in stderr
    assert "old: asyncapi.yaml:" in stderr


def test_a_harmless_drift_lists_no_breaking_change(workdir: Path) -> None:
    code, stderr = check(document(ask=OBJ_B), document(ask=OBJ))  # an optional field added
    assert code == 1 and "is stale" in stderr
    assert "what the refresh changes for clients" not in stderr


def test_up_to_date_spec_prints_nothing_more(workdir: Path) -> None:
    code, stderr = check(document(), document())
    assert code == 0 and "what the refresh" not in stderr
