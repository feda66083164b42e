"""Every official example, with comments added on many lines, keeps all of them through a merge."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from asyncapi_tools import dumps, loads, merge_with_report
from tests._support.data import same_data
from tests.conftest import complete_documents, corpus_id

BLOCK_START = re.compile(r":\s*[|>][-+0-9]*\s*$|^\s*-\s*[|>][-+0-9]*\s*$")
MARK = re.compile(r"# (?:eol|lead)\d+")

OVERLAY = """\
# generated overlay: head comment
info:
  version: 9.9.9-generated  # from CI
  x-generated: true
channels:
  # a generated channel
  zzGenerated:
    address: /generated  # generated eol
components:
  schemas:
    ZzAdded:
      type: string
# generated overlay: footer
"""


def add_comments(text: str) -> str:
    """A comment at the end of every node line and above every third one (block scalars skipped)."""
    out: list[str] = []
    block_indent: int | None = None
    for number, line in enumerate(text.splitlines()):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                out.append(line)
                continue
            block_indent = None
        if not line.strip() or line.lstrip().startswith("#"):
            out.append(line)
            continue
        if BLOCK_START.search(line):
            block_indent = indent
            out.append(line)
            continue
        if number % 3 == 0:
            out.append(" " * indent + f"# lead{number}")
        out.append(line if " #" in line else f"{line}  # eol{number}")
    return "\n".join(out) + "\n"


def rfc7386(base: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return patch
    result = dict(base) if isinstance(base, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = rfc7386(result.get(key), value)
    return result


@pytest.mark.parametrize("path", complete_documents(), ids=corpus_id)
def test_comments_survive_a_merge_that_changes_other_nodes(path: Path) -> None:
    canonical = dumps(loads(path.read_text(encoding="utf-8")))
    commented = add_comments(canonical)
    base = loads(commented, source=str(path))
    before = dumps(base)
    kept_by_ruamel = set(MARK.findall(before))
    assert len(kept_by_ruamel) > 20

    merged, changes = merge_with_report(base, loads(OVERLAY, source="overlay.yaml"))
    after = dumps(merged)

    assert set(MARK.findall(after)) == kept_by_ruamel
    assert Counter(MARK.findall(after)) == Counter(MARK.findall(before))  # none written twice
    for overlay_comment in ("# generated overlay: head comment", "# from CI", "# generated overlay: footer"):
        assert after.count(overlay_comment) == 1, overlay_comment
    assert re.search(r"\n  version: 9\.9\.9-generated  #.*# from CI\n", after)
    assert "# a generated channel\n  zzGenerated:\n    address: /generated  # generated eol\n" in after
    assert same_data(loads(after).plain(), rfc7386(base.plain(), loads(OVERLAY).plain()))
    assert {c.pointer for c in changes} >= {"/info/version", "/info/x-generated", "/channels/zzGenerated"}
    # lines that are not part of the change are all still there, in order
    removed = set(before.splitlines()) - set(after.splitlines())
    assert all("version" in line for line in removed), removed
