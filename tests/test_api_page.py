"""docs/api.md is generated from the public names' docstrings; it must match the code."""

from __future__ import annotations

import asyncapi_tools
import django_bridge
import django_bridge.testing
from scripts.api_page import PAGE, api_markdown
from tests.conftest import REPO_ROOT


def test_committed_api_page_is_current() -> None:
    committed = (REPO_ROOT / PAGE).read_text(encoding="utf-8")
    assert committed == api_markdown(), "docs/api.md is stale: run `python scripts/api_page.py`"


def test_page_documents_every_public_name() -> None:
    page = api_markdown()
    for package in (asyncapi_tools, django_bridge, django_bridge.testing):
        for name in package.__all__:
            if not name.startswith("__"):
                assert f"### `{name}`" in page, f"{package.__name__}.{name}"


def test_page_is_in_the_docs_nav() -> None:
    assert "api.md" in (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
