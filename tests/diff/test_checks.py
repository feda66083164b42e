"""Every check fires on its own old/new pair with its documented level, and every check the
reference page documents has a pair.

The checks reference (docs/diff-checks.md) is where users look a check up, and it is generated
from the catalog that ``diff`` reports from (tests/diff/test_checks_page.py keeps it current), so
the page stands in for the catalog here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import asyncapi_tools
from tests.conftest import REPO_ROOT

from .cases import BASE, CASES, Case, document


def documented_levels() -> dict[str, str]:
    """``{check id: level}`` from the rows of the checks reference page."""
    page = (REPO_ROOT / "docs" / "diff-checks.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (error|warn|info) \|", page, re.M)
    levels = dict(rows)
    assert len(levels) == len(rows), "a check is documented twice"
    return levels


DOCUMENTED = documented_levels()


def run(tmp_path: Path, old: str, new: str) -> list[asyncapi_tools.DiffChange]:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return asyncapi_tools.diff(tmp_path / "old.yaml", tmp_path / "new.yaml")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.check)
def test_check_fires_with_its_level(case: Case, tmp_path: Path) -> None:
    changes = run(tmp_path, case.old, case.new)
    found = {(change.check, change.level) for change in changes}
    assert (case.check, case.level) in found, "\n".join(f"{c.check} {c.level}: {c.message}" for c in changes)
    assert DOCUMENTED[case.check] == case.level


def test_every_check_has_a_pair() -> None:
    assert len(DOCUMENTED) >= 60
    assert sorted({case.check for case in CASES}) == sorted(DOCUMENTED)


def test_base_documents_are_valid_asyncapi() -> None:
    """The pairs are real documents: the base passes our validator."""
    diagnostics = asyncapi_tools.validate(asyncapi_tools.loads(document()))
    assert [d for d in diagnostics if d.severity == "error"] == []
    assert "ASK_PAYLOAD" in BASE


def test_identical_documents_have_no_changes(tmp_path: Path) -> None:
    assert run(tmp_path, document(), document()) == []


def test_changes_name_both_locations(tmp_path: Path) -> None:
    old = document(ask="{type: object, properties: {a: {type: string}}}")
    new = document(ask="{type: object, required: [a], properties: {a: {type: string}}}")
    (change,) = [c for c in run(tmp_path, old, new) if c.level == "error"]
    assert change.check == "request-property-became-required"
    assert change.old is not None and change.new is not None
    assert change.old.file.endswith("old.yaml") and change.new.file.endswith("new.yaml")
    line = next(n for n, text in enumerate(new.splitlines(), 1) if "Ask:" in text) + 2
    assert change.new.line == line  # the `payload:` line holds the flow mapping
    assert change.new.pointer == "/components/messages/Ask/payload/properties/a"
    assert "Old clients" in change.why
