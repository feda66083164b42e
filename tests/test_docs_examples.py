"""Every example in README.md and docs/ is executed, so the docs cannot drift from the code.

- ```python blocks of one page run in order in one namespace;
- in ```console blocks, each line starting with ``$ asyncapi-tools`` runs through the CLI, and
  each ``$ python manage.py export_asyncapi`` line through ``call_command`` with the Dispatch demo
  importable; each must exit 0, unless the line ends with ``# exits N``. Lines without the ``$`` prompt are setup
  commands (bootstrap, pip) that CI runs itself.

Each page runs in a fresh directory holding a copy of ``examples/``, so relative paths work and
nothing is written into the checkout.
"""

from __future__ import annotations

import concurrent.futures
import io
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


CLI = "$ asyncapi-tools "
MANAGE = "$ python manage.py "


def _command(line: str) -> tuple[str | None, int]:
    """The command of a prompt line we run, and the exit code it must give."""
    for prompt in (CLI, MANAGE):
        if line.startswith(prompt):
            command = line[len(prompt) :]
            match = EXITS.search(command)
            if match:
                return command[: match.start()], int(match.group(1))
            return command, 0
    return None, 0


def _manage(argv: list[str]) -> int:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command(*argv, stdout=io.StringIO(), stderr=io.StringIO())
    except CommandError:
        return 1
    return 0


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
            _run_in_thread(compile(code, f"{page.name}", "exec"), namespace)
        elif language == "console":
            for line in code.splitlines():
                command, expected = _command(line)
                if command is None:
                    continue
                if line.startswith(MANAGE):
                    monkeypatch.syspath_prepend(str(REPO_ROOT / "examples" / "dispatch"))
                    assert _manage(shlex.split(command)) == expected, f"{page.name}: `{line}`"
                    continue
                result = runner.invoke(app, shlex.split(command), env={"COLUMNS": "100"})
                assert result.exit_code == expected, f"{page.name}: `{line}`\n{result.output}"
    assert os.getcwd() == str(tmp_path)


def _run_in_thread(code: types.CodeType, namespace: dict[str, object]) -> None:
    """Run an example in a thread of its own, as a user's script runs: the browser tests' Playwright
    keeps an event loop running in the main thread, where an example's ``asyncio.run`` would fail."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(exec, code, namespace).result()


def test_every_page_is_checked() -> None:
    assert len(PAGES) >= 4
