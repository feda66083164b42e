"""``asyncapi-tools diff`` end to end: formats, --fail-on, ignore files, git sources, bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from asyncapi_tools.cli import app
from tests.conftest import REPO_ROOT

from .cases import OBJ, OBJ_B, OBJ_REQ, document

runner = CliRunner()

BREAKING = document(ask=OBJ_REQ, **{"v": "version: 1.0.0=>version: 1.1.0"})  # ask.a became required
ONLY_INFO = document(ask=OBJ_B, **{"v": "version: 1.0.0=>version: 1.1.0"})  # optional field + version
ONLY_WARN = document(ask=OBJ, **{"n": "      name: ping\n=>      name: ping.v2\n"})


def files(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")


def run(*args: str) -> Result:
    return runner.invoke(app, ["diff", *args], catch_exceptions=False)


def test_text_names_both_locations_and_exits_0_without_fail_on(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    result = run(old, new)
    assert result.exit_code == 0, result.output
    assert "error[request-property-became-required]" in result.stdout
    assert f"old: {old}:" in result.stdout and f"new: {new}:" in result.stdout
    assert "who breaks: Old clients that leave it out are rejected." in result.stdout
    assert "(1 error, 0 warn, 1 info)" in result.stdout


@pytest.mark.parametrize(
    ("new", "fail_on", "code"),
    [(BREAKING, "error", 1), (ONLY_INFO, "error", 0), (ONLY_WARN, "error", 0), (ONLY_WARN, "warn", 1), (ONLY_INFO, "warn", 0)],
)
def test_fail_on(tmp_path: Path, new: str, fail_on: str, code: int) -> None:
    old, new_path = files(tmp_path, document(ask=OBJ), new)
    result = run(old, new_path, "--fail-on", fail_on)
    assert result.exit_code == code, result.output
    if code:
        assert f"failed: 1 change at --fail-on {fail_on} or worse" in result.stderr


def test_json_output(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    data = json.loads(run(old, new, "--format", "json").stdout)
    first = data[0]
    assert first["check"] == "request-property-became-required" and first["level"] == "error"
    assert first["new"]["pointer"] == "/components/messages/Ask/payload/properties/a"
    assert first["old"]["file"] == old and isinstance(first["old"]["line"], int)
    assert [item["level"] for item in data] == ["error", "info"]


def test_markdown_output(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    text = run(old, new, "-f", "markdown").stdout
    assert "**1 breaking** (1 error, 0 warn, 1 info)." in text
    assert "| error | `request-property-became-required` |" in text


def test_junit_output_counts_failures_by_fail_on(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    result = run(old, new, "-f", "junit", "--fail-on", "error")
    assert result.exit_code == 1
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    failures = [case for case in suite if case.find("failure") is not None]
    assert failures[0].get("classname") == "error.request-property-became-required"


def test_github_annotations(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    lines = run(old, new, "-f", "github").stdout.splitlines()
    assert lines[0].startswith(f"::error file={new},line=")
    assert ",title=request-property-became-required::" in lines[0]
    assert lines[1].startswith("::notice ")


def test_level_filters_the_report(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    data = json.loads(run(old, new, "-f", "json", "--level", "error").stdout)
    assert [item["check"] for item in data] == ["request-property-became-required"]


def test_ignore_file_accepts_a_change(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    ignore = tmp_path / "accepted.txt"
    ignore.write_text(
        "# agreed in review\nrequest-property-became-required #/components/messages/Ask/payload  clients updated\n",
        encoding="utf-8",
    )
    result = run(old, new, "--ignore-file", str(ignore), "--fail-on", "error")
    assert result.exit_code == 0, result.output
    assert "request-property-became-required" not in result.stdout
    assert "1 change ignored by" in result.stderr
    ignore.write_text("request-property-became-required /channels\n", encoding="utf-8")  # elsewhere
    assert run(old, new, "--ignore-file", str(ignore), "--fail-on", "error").exit_code == 1


def test_ignore_file_with_unknown_check_is_a_located_error(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    ignore = tmp_path / "accepted.txt"
    ignore.write_text("# ok\nrequest-property-became-requried *\n", encoding="utf-8")
    result = run(old, new, "--ignore-file", str(ignore))
    assert result.exit_code == 1
    assert f"{ignore}:2:1: error: unknown check id `request-property-became-requried`" in result.stderr
    assert "did you mean `request-property-became-required`?" in result.stderr
    ignore.write_text("info-version-changed channels/room\n", encoding="utf-8")
    result = run(old, new, "--ignore-file", str(ignore))
    assert result.exit_code == 1 and "is not a JSON pointer" in result.stderr


def test_malformed_yaml_is_a_located_error(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(), "asyncapi: 3.0.0\ninfo: [unclosed\n")
    result = run(old, new)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{new}:3:1: error: malformed YAML")
    assert "Traceback" not in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.yaml"), str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1 and "document not found" in result.stderr


def test_a_change_inside_a_referenced_file_is_located_there(tmp_path: Path) -> None:
    base = document(ask="{$ref: './schemas.yaml#/Ask'}")
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "api.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "new" / "api.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "old" / "schemas.yaml").write_text("Ask:\n  type: object\n  properties:\n    a: {type: string}\n", encoding="utf-8")
    (tmp_path / "new" / "schemas.yaml").write_text("Ask:\n  type: object\n  required: [a]\n  properties:\n    a: {type: string}\n", encoding="utf-8")
    data = json.loads(run(str(tmp_path / "old" / "api.yaml"), str(tmp_path / "new" / "api.yaml"), "-f", "json").stdout)
    (change,) = data
    assert change["check"] == "request-property-became-required"
    assert change["new"]["file"].endswith(os.path.join("new", "schemas.yaml")) and change["new"]["line"] == 5


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


def test_git_source_reads_the_committed_version_and_its_references(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)
    spec = repo / "spec" / "api.yaml"
    spec.write_text(document(ask="{$ref: 'schemas.yaml#/Ask'}"), encoding="utf-8")
    schemas = repo / "spec" / "schemas.yaml"
    schemas.write_text("Ask:\n  type: object\n  properties:\n    a: {type: string}\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "v1")
    schemas.write_text("Ask:\n  type: object\n  properties:\n    a: {type: integer}\n", encoding="utf-8")
    monkeypatch.chdir(repo / "spec")
    result = run("git:HEAD:api.yaml", "api.yaml", "-f", "json")
    assert result.exit_code == 0, result.output
    (change,) = json.loads(result.stdout)
    assert change["check"] == "request-type-changed"
    assert change["old"]["file"] == "git:HEAD:spec/schemas.yaml"
    assert change["new"]["file"] == "schemas.yaml"
    bad = run("git:nosuchref:api.yaml", "api.yaml")
    assert bad.exit_code == 1 and "cannot read `git:nosuchref:api.yaml`" in bad.stderr
    assert run("git:HEAD", "api.yaml").exit_code == 1


def test_real_subprocess(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    completed = subprocess.run(
        [sys.executable, "-m", "asyncapi_tools", "diff", old, new, "--fail-on", "error"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1
    assert "error[request-property-became-required]" in completed.stdout


def test_junit_without_fail_on_still_fails_the_breaking_cases(tmp_path: Path) -> None:
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    result = run(old, new, "-f", "junit")
    assert result.exit_code == 0
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite is not None and suite.get("failures") == "1"


def test_every_format_the_help_offers_is_documented_and_writes_its_own_report(tmp_path: Path) -> None:
    """The formats ``diff --help`` lists are the ones docs/diff.md documents, and each one works:
    it writes a report of its own (no two formats print the same text)."""
    offered = re.search(r"--format <([a-z|]+)>", runner.invoke(app, ["diff", "--help"], terminal_width=200).stdout)
    assert offered, "diff --help lists no --format choices"
    formats = offered[1].split("|")
    guide = (REPO_ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    table = guide[guide.index("| `--format` | for |") :].split("\n\n", 1)[0]
    assert sorted(formats) == sorted(re.findall(r"^\| `([a-z]+)`", table, re.M))
    old, new = files(tmp_path, document(ask=OBJ), BREAKING)
    reports = {}
    for fmt in formats:
        result = run(old, new, "--format", fmt)
        assert result.exit_code == 0 and "request-property-became-required" in result.stdout, (fmt, result.output)
        reports[result.stdout] = fmt
    assert sorted(reports.values()) == sorted(formats)
