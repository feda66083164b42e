"""Shared fixtures: the AsyncAPI example corpus (see tests/_support/corpus.py) and the repo root."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._support.corpus import OFFICIAL_DIR, REPO_ROOT, complete_documents, corpus_id

__all__ = ["OFFICIAL_DIR", "REPO_ROOT", "complete_documents", "corpus_id"]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests run last. Playwright's sync API keeps an event loop running in the main thread
    for as long as the session's browser is open, and every later ``asyncio.run`` (Channels'
    communicators, the docs examples) would then fail with "cannot be called from a running event
    loop". The sort is stable: every other test keeps its order."""
    items.sort(key=lambda item: "browser" in getattr(item, "fixturenames", ()))
