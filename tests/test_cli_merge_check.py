"""`asyncapi-tools merge` and `asyncapi-tools check` (and `--check`) through the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import click.testing
import pytest
from typer.testing import CliRunner

import asyncapi_tools.cli.check
import asyncapi_tools.cli.merge  # noqa: F401  (registers the commands until commands.py lists them)
from asyncapi_tools.cli import app
from tests.conftest import REPO_ROOT

runner = CliRunner()

BASE = dedent(
    """\
    # hand-written: keep this header
    asyncapi: 3.0.0
    info:
      title: Chat  # product name
      version: '1.0.0'
    channels:
      # the room
      room:
        address: /room
    operations: {}
    """
)
OVERLAY = "info:\n  version: '1.1.0'\n  x-generated: true\n"


def run(*args: str) -> click.testing.Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


def run_nv(*args: str) -> click.testing.Result:
    """Without validation: these tests are about merging and comparing, not about the schema."""
    return run(*args, "--no-validate")


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "overlay.yaml").write_text(OVERLAY, encoding="utf-8")
    return tmp_path


def test_merge_to_stdout_with_report(files: Path) -> None:
    result = run_nv("merge", "base.yaml", "overlay.yaml", "--report")
    assert result.exit_code == 0, result.output
    assert "# hand-written: keep this header\n" in result.stdout
    assert "  version: '1.1.0'\n  x-generated: true\n" in result.stdout
    assert "overlay.yaml: changed #/info/version" in result.stderr
    assert "overlay.yaml: added #/info/x-generated" in result.stderr


def test_merge_writes_in_place_and_check_flag_follows(files: Path) -> None:
    out = files / "asyncapi.yaml"
    out.write_text(BASE.replace("# the room", "# the room, committed comment"), encoding="utf-8")
    assert run_nv("merge", "base.yaml", "overlay.yaml", "-o", "asyncapi.yaml", "--check").exit_code == 1
    result = run_nv("merge", "base.yaml", "overlay.yaml", "-o", "asyncapi.yaml")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "# the room, committed comment" in text and "version: '1.1.0'" in text
    mtime = out.stat().st_mtime_ns
    assert run_nv("merge", "base.yaml", "overlay.yaml", "-o", "asyncapi.yaml").exit_code == 0
    assert out.stat().st_mtime_ns == mtime
    result = run_nv("merge", "base.yaml", "overlay.yaml", "-o", "asyncapi.yaml", "--check")
    assert result.exit_code == 0 and "up to date" in result.stderr


def test_merge_errors_name_both_files(files: Path) -> None:
    (files / "bad.yaml").write_text("asyncapi: 3.1.0\n", encoding="utf-8")
    result = run_nv("merge", "base.yaml", "bad.yaml")
    assert result.exit_code == 1
    assert "base.yaml" in result.stderr and "bad.yaml:1:" in result.stderr
    assert "Traceback" not in result.output


def test_check_exits_0_when_only_comments_differ(files: Path) -> None:
    committed = files / "asyncapi.yaml"
    committed.write_text("asyncapi: 3.0.0\ninfo: {title: Chat, version: 1.0.0}  # other\nchannels:\n  room: {address: /room}\noperations: {}\n", encoding="utf-8")
    result = run_nv("check", "base.yaml", "--no-template", "--no-titles", "--against", "asyncapi.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_check_exits_1_with_the_real_change_and_a_refresh_command(files: Path) -> None:
    committed = files / "asyncapi.yaml"
    committed.write_text(BASE, encoding="utf-8")
    result = run_nv("check", "base.yaml", "overlay.yaml", "--against", "asyncapi.yaml")
    assert result.exit_code == 1
    changed = [line for line in result.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-  version: '1.0.0'", "+  version: '1.1.0'", "+  x-generated: true"]
    assert "asyncapi-tools merge base.yaml overlay.yaml -o asyncapi.yaml" in result.stderr
    assert committed.read_text(encoding="utf-8") == BASE
    # running the printed command makes the check pass
    assert run_nv("merge", "base.yaml", "overlay.yaml", "-o", "asyncapi.yaml").exit_code == 0
    assert run_nv("check", "base.yaml", "overlay.yaml", "--against", "asyncapi.yaml").exit_code == 0


def test_check_of_a_missing_file_fails(files: Path) -> None:
    result = run_nv("check", "base.yaml", "--no-template", "--against", "missing.yaml")
    assert result.exit_code == 1
    assert "+asyncapi: 3.0.0" in result.stdout
    assert "asyncapi-tools render" in result.stderr and "missing.yaml" in result.stderr


def test_check_usage_errors(files: Path) -> None:
    assert run("check", "base.yaml").exit_code == 2  # --against is required
    assert run("merge", "base.yaml", "overlay.yaml", "--check").exit_code == 2


def test_help_of_every_option() -> None:
    for command in ("merge", "check"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "--check" in result.output or "--against" in result.output


def test_pre_commit_hooks_point_at_real_commands() -> None:
    # The hooks file is pre-commit's (a list at its root), not an AsyncAPI document: read it with a
    # plain YAML loader, as pre-commit does, not with loads() (which takes mapping roots only).
    from ruamel.yaml import YAML

    text = (REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = {hook["id"]: hook for hook in YAML(typ="safe").load(text)}
    assert hooks["asyncapi-tools-validate"]["entry"] == "asyncapi-tools validate"
    assert hooks["asyncapi-tools-validate"]["files"] == r"asyncapi.*\.ya?ml$"
    assert hooks["asyncapi-tools-check"]["entry"].startswith("asyncapi-tools check")
    for hook in hooks.values():
        command = hook["entry"].split()[1]
        assert run(command, "--help").exit_code == 0


def test_a_real_subprocess(files: Path) -> None:
    code = "import asyncapi_tools.cli.merge, asyncapi_tools.cli.check; from asyncapi_tools.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "merge", "base.yaml", "overlay.yaml", "--no-validate"],
        capture_output=True,
        text=True,
        cwd=files,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "version: '1.1.0'" in result.stdout


def test_failures_and_usage_errors_are_not_internal_errors(files: Path) -> None:
    # Needs cli/_common.handle_errors to let typer's own Exit/BadParameter through (typer >= 0.16
    # vendors click, so click.ClickException does not match them).
    stale = run_nv("check", "base.yaml", "--no-template", "--against", "missing.yaml")
    usage = run("check", "base.yaml", "overlay.yaml", "--host", "x", "--against", "a.yaml")
    assert (stale.exit_code, usage.exit_code) == (1, 2)
    assert "internal error" not in stale.stderr + usage.stderr


def test_the_docs_page_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python and console example of docs/merge-and-check.md, in order, in one namespace."""
    import re
    import shlex

    monkeypatch.chdir(tmp_path)
    page = (REPO_ROOT / "docs" / "merge-and-check.md").read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "docs_merge_and_check"}
    ran = 0
    for language, code in re.findall(r"^```(\w+)[^\n]*\n(.*?)^```", page, re.MULTILINE | re.DOTALL):
        if language == "python":
            exec(compile(code, "merge-and-check.md", "exec"), namespace)
            ran += 1
        elif language == "console":
            for line in code.splitlines():
                command, _, expected = line.removeprefix("$ asyncapi-tools ").partition("# exits ")
                result = run(*shlex.split(command))
                assert result.exit_code == int(expected or 0), f"{line}\n{result.output}"
                ran += 1
    assert ran >= 8
