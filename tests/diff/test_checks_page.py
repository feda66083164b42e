"""The committed checks reference is exactly what the catalog generates."""

from __future__ import annotations

from asyncapi_tools._diff._catalog import CHECKS
from asyncapi_tools._diff._reference import PAGE, checks_markdown
from tests.conftest import REPO_ROOT


def test_committed_checks_page_is_current() -> None:
    committed = (REPO_ROOT / PAGE).read_text(encoding="utf-8")
    assert committed == checks_markdown(), "docs/diff-checks.md is stale: run `python scripts/diff_checks_page.py`"


def test_page_lists_every_check_once() -> None:
    page = checks_markdown()
    for check_id in CHECKS:
        assert page.count(f"| `{check_id}` |") == 1


def test_page_is_in_the_docs_nav() -> None:
    nav = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "diff-checks.md" in nav and "diff.md" in nav
