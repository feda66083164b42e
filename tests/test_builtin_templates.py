"""Every built-in starter, rendered with its defaults, is a document the official tools accept,
re-rendering it changes no byte, and the wheel built from the repository ships the templates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import asyncapi_tools
from asyncapi_tools.cli import app
from tests._support.official import official_diagnostics_many
from tests.conftest import REPO_ROOT

runner = CliRunner()
MODELINA_SCRIPT = REPO_ROOT / "tests" / "django_bridge" / "modelina_check.js"
SPECS = ["channels-websocket", "channels-multi"]
OVERLAY = "overlay-environments"


def test_the_starters_are_the_ones_named_here() -> None:
    starters = {t.name.removesuffix(".yaml") for t in asyncapi_tools.builtin_templates() if t.is_starter}
    assert starters == {*SPECS, OVERLAY}


def render(args: list[str]) -> None:
    result = runner.invoke(app, ["render", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each starter rendered with its defaults; the overlay rendered and merged over each spec."""
    folder = tmp_path_factory.mktemp("starters")
    out: dict[str, Path] = {}
    for name in SPECS:
        out[name] = folder / f"{name}.yaml"
        render([name, "-o", str(out[name])])
    overlay = folder / "overlay.yaml"
    render([OVERLAY, "--no-validate", "--var", "ENVIRONMENT=production", "-o", str(overlay)])
    for name in SPECS:
        merged = folder / f"{name}+overlay.yaml"
        result = runner.invoke(app, ["merge", str(out[name]), str(overlay), "-o", str(merged)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        out[f"{name}+overlay"] = merged
    return out


def test_our_validator_accepts_every_starter(rendered: dict[str, Path]) -> None:
    for path in rendered.values():
        errors = [d for d in asyncapi_tools.validate(asyncapi_tools.load(path)) if d.severity == "error"]
        assert errors == [], path


def test_the_overlay_replaces_the_servers_and_adds_info(rendered: dict[str, Path]) -> None:
    plain = asyncapi_tools.load(rendered["channels-websocket+overlay"]).plain()
    assert "development" not in plain["servers"]
    assert plain["servers"]["production"]["description"] == "The production deployment"
    assert plain["info"]["x-environment"] == "production"
    assert plain["info"]["title"] == "Chat API"


def test_render_write_render_again_is_byte_identical(rendered: dict[str, Path], tmp_path: Path) -> None:
    for name in SPECS:
        before = rendered[name].read_bytes()
        render([name, "-o", str(rendered[name])])
        assert rendered[name].read_bytes() == before, name
        fresh = tmp_path / f"{name}.yaml"
        render([name, "-o", str(fresh)])
        assert fresh.read_bytes() == before, name


@pytest.mark.node
def test_the_official_parser_finds_no_errors(rendered: dict[str, Path]) -> None:
    results = official_diagnostics_many(rendered.values())
    for path, diagnostics in results.items():
        assert [d for d in diagnostics if d["severity"] == "error"] == [], path


@pytest.mark.node
@pytest.mark.parametrize("name", SPECS)
def test_modelina_names_every_payload(name: str, rendered: dict[str, Path], tmp_path: Path) -> None:
    completed = subprocess.run(
        ["node", str(MODELINA_SCRIPT), str(rendered[name]), str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False, cwd=REPO_ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    files = json.loads(completed.stdout)["files"]
    assert files and not [f for f in files if "Anonymous" in f], files
    assert "Error.ts" in files and "Ping.ts" in files and "Pong.ts" in files


@pytest.mark.slow
def test_the_wheel_built_from_the_repository_ships_the_templates(tmp_path: Path) -> None:
    """Build a wheel (pip, hatchling from the index), then import the package from the unpacked
    wheel alone: the built-in templates must be found inside it, not in the checkout."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(REPO_ROOT)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("asyncapi_tools-*.whl")
    sources = sorted(p.relative_to(REPO_ROOT / "templates").as_posix() for p in (REPO_ROOT / "templates").rglob("*") if p.is_file())
    with zipfile.ZipFile(wheel) as archive:
        shipped = sorted(n.removeprefix("asyncapi_tools/templates/") for n in archive.namelist() if n.startswith("asyncapi_tools/templates/"))
        archive.extractall(tmp_path / "site")
    assert shipped == sources
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    probe = subprocess.run(
        [sys.executable, "-c", "import asyncapi_tools as a; print(a.__file__); print(a.resolve_template('channels-websocket'))"],
        capture_output=True, text=True, timeout=60, check=False, env=env, cwd=tmp_path,
    )
    assert probe.returncode == 0, probe.stderr
    package, starter = probe.stdout.split()
    assert Path(package).is_relative_to(tmp_path / "site")
    assert Path(starter) == tmp_path / "site" / "asyncapi_tools" / "templates" / "channels-websocket.yaml"
