"""The CLI through typer's CliRunner (and once as a real subprocess): help, exit codes, bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner, Result

from asyncapi_tools.cli import app
from tests.conftest import REPO_ROOT

runner = CliRunner()
EXAMPLE = REPO_ROOT / "examples" / "dispatch" / "asyncapi.template.yaml"
VALID = "asyncapi: 3.0.0\ninfo:\n  title: Demo\n  version: '1.0.0'\n"


def run(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_every_command_and_option_has_help() -> None:
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert {"render", "validate", "inject-titles"} <= set(commands)
    for name, command in commands.items():
        assert command.help, f"{name} has no help"
        result = run(name, "--help")
        assert result.exit_code == 0
        for param in command.params:
            kind = type(param).__name__
            if kind.endswith("Option") and param.name != "help":
                assert param.help, f"{name} {param.opts} has no help"
                assert param.opts[0] in result.output
            if kind.endswith("Argument"):
                assert param.help, f"{name} argument {param.name} has no help"
                assert (param.metavar or param.name.upper()) in result.output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("asyncapi-tools 0.")


def test_render_the_example(tmp_path: Path) -> None:
    out = tmp_path / "out" / "asyncapi.yaml"
    result = run("render", str(EXAMPLE), "--host", "ws.example.com", "--protocol", "wss", "-o", str(out), "--report")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "host: 'ws.example.com'" in text
    assert "protocol: 'wss'" in text
    assert "# client → server frames are operations the server *receives*" in text
    assert "title: RequestRide" in text
    assert "injected title 'RequestRide'" in result.output
    again = run("render", str(EXAMPLE), "--host", "ws.example.com", "--protocol", "wss", "-o", str(out))
    assert again.exit_code == 0
    assert "up to date" in again.output


def test_render_to_stdout_and_json() -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", "-", "--format", "json"])
    assert result.exit_code == 0
    assert '"asyncapi": "3.0.0"' in result.stdout
    assert '"host": "localhost:8000"' in result.stdout


def test_validate_reports_like_a_compiler(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID + "operations:\n  x:\n    action: publish\n    channel: {$ref: '#/channels/nope'}\n", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:7:" in result.output or f"{bad}:8:" in result.output
    assert "error[" in result.output
    good = tmp_path / "good.yaml"
    good.write_text(VALID, encoding="utf-8")
    assert run("validate", str(good)).exit_code == 0
    as_json = runner.invoke(app, ["validate", str(bad), "--format", "json"])
    assert as_json.exit_code == 1
    assert '"severity": "error"' in as_json.stdout


def test_inject_titles_in_place_keeps_comments(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        VALID
        + "components:\n  messages:\n    userJoined:  # a comment\n      name: user_joined\n      payload:\n        type: object\n",
        encoding="utf-8",
    )
    result = run("inject-titles", str(spec), "--in-place", "--report")
    assert result.exit_code == 0, result.output
    text = spec.read_text(encoding="utf-8")
    assert "title: UserJoined" in text
    assert "# a comment" in text


def _bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


BAD_INPUTS: dict[str, tuple[object, str]] = {
    # name: (template content, or a marker; text expected in the message)
    "missing file": (None, "not found"),
    "a directory": ("DIR", "is a directory"),
    "empty file": (b"", "is empty"),
    "not UTF-8": (b"asyncapi: 3.0.0\ninfo:\n  title: caf\xe9\n", "not valid UTF-8"),
    "malformed YAML": (b"asyncapi: 3.0.0\ninfo: [oops\n", "malformed YAML"),
    "root is a list": (b"- asyncapi\n- 3.0.0\n", "not a mapping"),
    "undefined variable": (b"asyncapi: 3.0.0\ninfo:\n  title: '{{ SERVICE_NAME }}'\n", "SERVICE_NAME"),
    "sandbox escape": (b"asyncapi: 3.0.0\ninfo:\n  title: \"{{ ''.__class__.__mro__ }}\"\n", "unsafe"),
    "alias bomb": (_bomb().encode(), "alias bomb"),
    "invalid document": (b"asyncapi: 3.0.0\ninfo:\n  title: No version\n", "not written"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_a_clear_error_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    content, expected = BAD_INPUTS[case]
    template = tmp_path / "template.yaml"
    if content == "DIR":
        template.mkdir()
    elif isinstance(content, bytes):
        template.write_bytes(content)
    output = tmp_path / "asyncapi.yaml"
    output.write_bytes(b"# committed\nasyncapi: 3.0.0\n")
    result = run("render", str(template), "-o", str(output))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert expected.lower() in result.output.lower()
    assert str(template) in result.output
    assert output.read_bytes() == b"# committed\nasyncapi: 3.0.0\n"


def test_output_path_that_is_a_directory(tmp_path: Path) -> None:
    result = run("render", str(EXAMPLE), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "is a directory" in result.output
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("render", str(EXAMPLE), "--protocol", "http").exit_code == 2
    assert run("render", str(EXAMPLE), "--var", "novalue", "-o", str(tmp_path / "x.yaml")).exit_code == 2
    assert run("no-such-command").exit_code == 2


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--debug", "render", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1
    assert result.exception is not None


def test_real_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "asyncapi.yaml"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    completed = subprocess.run(
        [sys.executable, "-m", "asyncapi_tools", "render", str(EXAMPLE), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert f"wrote {out}" in completed.stderr
    assert out.is_file()
    failed = subprocess.run(
        [sys.executable, "-m", "asyncapi_tools", "validate", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert failed.returncode == 1
    assert "not found" in failed.stderr
    assert "Traceback" not in failed.stderr
