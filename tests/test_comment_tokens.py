"""No comment is ever written twice (or lost) by titles, rewrite and merge (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from asyncapi_tools import _yaml, inject_titles, loads
from asyncapi_tools._yaml.edit import rewrite
from tests.conftest import REPO_ROOT

# The reproduction from issue 11: a comment above the first key of a payload that gets a title.
KEEP_ME = """\
asyncapi: 3.0.0
info: {title: T, version: 1.0.0}
channels:
  c:
    address: /c
    messages:
      m:
        payload:
          # keep me
          type: object
"""

# The in-place paths patch the text: the new key goes above the comment that leads the next key.
KEEP_ME_TITLED = KEEP_ME.replace("          # keep me\n", "          title: M\n          # keep me\n")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.run([sys.executable, "-m", "asyncapi_tools", *args], capture_output=True, text=True, env=env, check=False)


def test_inject_titles_in_place_writes_a_comment_above_the_first_key_once(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text(KEEP_ME, encoding="utf-8")
    completed = run_cli("inject-titles", str(target), "--in-place")
    assert completed.returncode == 0, completed.stderr
    assert target.read_text(encoding="utf-8") == KEEP_ME_TITLED


def test_render_onto_an_existing_file_writes_a_comment_above_the_first_key_once(tmp_path: Path) -> None:
    template = tmp_path / "template.yaml"
    template.write_text(KEEP_ME, encoding="utf-8")
    target = tmp_path / "out.yaml"
    target.write_text(KEEP_ME, encoding="utf-8")
    completed = run_cli("render", str(template), "-o", str(target), "--no-validate")
    assert completed.returncode == 0, completed.stderr
    assert target.read_text(encoding="utf-8") == KEEP_ME_TITLED


def test_rewriting_a_tree_into_its_titled_twin_keeps_one_copy_of_each_comment() -> None:
    """The tree path itself (fresh dumps, merges and fallbacks use it), comments in every slot
    around an inserted first key: above it, on the ``key:`` line, and below it."""
    text = """\
components:
  messages:
    m:
      payload:  # on the key line
        # above the first key
        # second line
        type: object  # eol
        properties:
          a:
            # above a's first key
            type: object
"""
    existing = _yaml.parse(text)
    titled = loads(text)
    inject_titles(titled)
    assert rewrite(existing, titled.tree)
    assert _yaml.dump(existing) == _yaml.dump(titled.tree) == (
        text.replace("        type: object  # eol\n", "        title: M\n        type: object  # eol\n").replace(
            "            type: object\n", "            title: MA\n            type: object\n"
        )
    )
