"""The changed-lines rule on every corpus document: titles add one line each, nothing else moves."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from asyncapi_tools import Document, _yaml, inject_titles
from asyncapi_tools._yaml.equality import data_equal
from asyncapi_tools._yaml.fast import fast_load
from asyncapi_tools._yaml.patch import patch
from tests.conftest import complete_documents, corpus_id
from tests.test_patch import comments


def line_changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) of a minimal line diff (difflib's autojunk off)."""
    a, b = old.splitlines(), new.splitlines()
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


@pytest.mark.parametrize("path", complete_documents(), ids=corpus_id)
def test_titles_patch_adds_one_line_per_title_and_keeps_every_comment(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = Document(tree=fast_load(text))
    changes = inject_titles(doc)
    out = patch(text, doc.tree)
    assert data_equal(fast_load(out), doc.tree)
    assert comments(out) == comments(text)
    removed, added = line_changes(text, out)
    titles = [change.title for change in changes]
    # a block mapping gets a line of its own; a flow mapping gets `title: X, ` on its line
    block = [line for line in added if re.fullmatch(r" *(- )?title: \S+", line)]
    assert sum(line.count("title: ") for line in added) - sum(line.count("title: ") for line in removed) == len(titles)
    assert len(added) == len(block) + len(removed)
    for line in added:
        assert "title: " in line
    for line in removed:
        assert any(re.sub(r"title: \w+, ", "", new) == line for new in added), line


@pytest.mark.parametrize("path", complete_documents(), ids=corpus_id)
def test_changing_one_scalar_and_adding_one_key_touches_two_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tree = _yaml.parse(text)
    new = fast_load(text)
    new["info"]["version"] = "9.9.9"
    new["info"]["x-reviewed"] = True
    out = patch(text, new)
    removed, added = line_changes(text, out)
    version_line = text.splitlines()[tree["info"].lc.value("version")[0]]
    assert removed == [version_line]
    assert len(added) == 2
    assert "9.9.9" in added[0] or "9.9.9" in added[1]
    assert comments(out) == comments(text)
