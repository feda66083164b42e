"""Every example in README.md and docs/ is executed, so the docs cannot drift from the code.

- ```python blocks of one page run in order in one namespace;
- in ```console blocks, each line starting with ``$ asyncapi-tools`` runs through the CLI and must
  exit 0, unless the line ends with ``# exits N``. Lines without the ``$`` prompt are setup
  commands (bootstrap, pip) that CI runs itself.

Each page runs in a fresh directory holding a copy of ``examples/``, so relative paths work and
nothing is written into the checkout.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asyncapi_tools.cli import app
from tests.conftest import REPO_ROOT

FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXITS = re.compile(r"\s+#\s*exits\s+(\d+)\s*$")
PAGES = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").rglob("*.md"))]


def blocks(page: Path) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(page.read_text(encoding="utf-8"))]


def page_id(page: Path) -> str:
    return str(page.relative_to(REPO_ROOT))


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO_ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("out"))
    monkeypatch.chdir(tmp_path)
    # A real module, so dataclasses and typing can resolve names defined by the examples.
    module = types.ModuleType(f"docs_example_{page.stem.replace('-', '_')}")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    namespace = module.__dict__
    runner = CliRunner()
    for language, code in blocks(page):
        if language == "python":
            exec(compile(code, f"{page.name}", "exec"), namespace)
        elif language == "console":
            for line in code.splitlines():
                if not line.startswith("$ asyncapi-tools "):
                    continue
                command = line[len("$ asyncapi-tools ") :]
                expected = 0
                match = EXITS.search(command)
                if match:
                    expected = int(match.group(1))
                    command = command[: match.start()]
                result = runner.invoke(app, shlex.split(command), env={"COLUMNS": "100"})
                assert result.exit_code == expected, f"{page.name}: `{line}`\n{result.output}"
    assert os.getcwd() == str(tmp_path)


def test_every_page_is_checked() -> None:
    assert len(PAGES) >= 4
