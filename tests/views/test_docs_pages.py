"""docs/django/views.md and demo.md: their examples run, and their tables match the code."""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from django_bridge import BridgeSettings

REPO = Path(__file__).resolve().parents[2]
PAGES = {name: REPO / "docs" / "django" / name for name in ("views.md", "demo.md")}
FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def table_keys(text: str, heading: str) -> list[str]:
    """The backticked first cells of the table under ``heading``."""
    section = text.split(heading, 1)[1]
    return re.findall(r"^\| `([A-Z_]+)` \|", section.split("\n## ", 1)[0], re.MULTILINE)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_python_examples_run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("out", "__pycache__"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.path", list(__import__("sys").path))
    namespace: dict[str, object] = {"__name__": f"docs_{Path(name).stem}"}
    blocks = FENCE.findall(PAGES[name].read_text(encoding="utf-8"))
    assert blocks
    for code in blocks:
        exec(compile(code, name, "exec"), namespace)


def test_views_page_settings_are_bridge_settings_with_their_defaults() -> None:
    """The views read the one settings object: every key the page lists is a BridgeSettings
    field, and the default the page shows is the field's default."""
    text = PAGES["views.md"].read_text(encoding="utf-8")
    section = text.split("## Settings the views read", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| `([^`]+)` \|", section, re.MULTILINE)
    assert [key for key, _ in rows] == ["DOCS_PERMISSION", "VIEWER_ASSETS", "TRY_IT_OUT_ALLOW_IN_PRODUCTION"]
    defaults = BridgeSettings()
    fields = {field.name for field in dataclasses.fields(BridgeSettings)}
    for key, default in rows:
        assert key in fields
        assert ast.literal_eval(default) == getattr(defaults, key)


def test_demo_page_documents_every_environment_variable() -> None:
    settings_source = (REPO / "examples" / "dispatch" / "dispatch_demo" / "settings.py").read_text(encoding="utf-8")
    used = sorted(set(re.findall(r"os\.environ(?:\.get\()?\[?\"([A-Z_]+)\"", settings_source)))
    documented = sorted(table_keys(PAGES["demo.md"].read_text(encoding="utf-8"), "## Configuration"))
    assert documented == used
